/* interrupts.c - software interrupts IP0/IP1, masking by IM, IE, EXL, the
 * Count/Compare timer on IP7 (acknowledged by writing Compare), Count's rate
 * and the exact instruction the timer interrupts (R10000 model: one
 * instruction per cycle in warm caches, Count at half that rate), and the
 * sim-control IDLE register (discosim board only). */
#include "priv.h"

#define CAUSE_IP(n) (0x100u << (n))
#define SIMCTL_IDLE ((volatile u64 *)0xFFFFFFFFBF000038ull)

static volatile int ints;
static u64 int_cause, int_epc, int_regs_v0;
static int int_hook(struct frame *f) {
  if (exc_code(f) != EXC_INT) return -1;
  ++ints;
  int_cause = f->cause;
  int_epc = f->epc;
  int_regs_v0 = f->r[2];
  if (f->cause & CAUSE_IP(7)) CP0_SET32(C0_COMPARE, CP0_GET32(C0_COMPARE)); /* acknowledge */
  CP0_SET32(C0_CAUSE, 0);                                                 /* clear IP1:0 */
  return 0; /* an interrupt resumes at EPC itself */
}

static u32 st0;

static void software(void) {
  for (unsigned n = 0; n < 2; ++n) {
    char name[96];
    ints = 0;
    CP0_SET32(C0_STATUS, st0 | ST_IE | ST_IM(n));
    u64 after;
    __asm__ volatile(".set push\n.set noreorder\n mtc0 %1, $13\n 1: nop\n nop\n dla %0, 1b\n.set pop"
                     : "=r"(after) : "r"((u64)CAUSE_IP(n)) : "memory");
    CP0_SET32(C0_STATUS, st0);
    rt_snprintf(name, sizeof name, "software interrupt %u taken once", n);
    check_eq(ints, 1, name);
    rt_snprintf(name, sizeof name, "software interrupt %u: Cause.IP%u, ExcCode Int", n, n);
    check((int_cause & CAUSE_IP(n)) && exc_code(&last) == EXC_INT, name);
    rt_snprintf(name, sizeof name, "software interrupt %u: EPC = the instruction after MTC0", n);
    check_eq(int_epc, after, name);
  }

  /* Masked by IM: stays pending in Cause until unmasked. */
  ints = 0;
  CP0_SET32(C0_STATUS, st0 | ST_IE | ST_IM(1));
  CP0_SET32(C0_CAUSE, CAUSE_IP(0));
  check(ints == 0 && (CP0_GET32(C0_CAUSE) & CAUSE_IP(0)), "IP0 with IM0 clear: pending, not taken");
  CP0_SET32(C0_STATUS, st0 | ST_IE | ST_IM(0));
  check_eq(ints, 1, "setting IM0 takes the pending IP0");

  /* Masked by IE. */
  ints = 0;
  CP0_SET32(C0_STATUS, st0 | ST_IM(0));
  CP0_SET32(C0_CAUSE, CAUSE_IP(0));
  check_eq(ints, 0, "IE=0: not taken");
  CP0_SET32(C0_STATUS, st0 | ST_IM(0) | ST_IE);
  check_eq(ints, 1, "setting IE takes it");

  /* Masked by EXL until ERET; taken with EPC = the ERET target. */
  ints = 0;
  u64 target;
  __asm__ volatile("dla %0, 8f" : "=r"(target));
  CP0_SET(C0_EPC, target);
  CP0_SET32(C0_STATUS, st0 | ST_IM(0) | ST_IE | ST_EXL);
  CP0_SET32(C0_CAUSE, CAUSE_IP(0));
  int during = ints;
  __asm__ volatile(".set push\n.set noreorder\n eret\n nop\n.set pop\n 8: nop" ::: "memory");
  CP0_SET32(C0_STATUS, st0);
  check(during == 0 && ints == 1, "EXL=1 holds the interrupt until ERET");
  check_eq(int_epc, target, "interrupt after ERET: EPC = ERET target");
  CP0_SET32(C0_STATUS, st0);
}

/* Count ticks over 100 nops; noinline so that both calls run the same code
 * (the first warms the caches). */
static __attribute__((noinline)) u32 count_100_nops(void) {
  u64 a, b;
  __asm__ volatile("mfc0 %0, $9\n .rept 100\n nop\n .endr\n mfc0 %1, $9" : "=r"(a), "=r"(b));
  return (u32)(b - a);
}

static void timer(void) {
  static const char *const names[] = {
      "timer interrupt arrives", "timer interrupt: Cause.IP7", "writing Compare clears IP7", "Count passed Compare",
      "masked timer: IP7 pending, no interrupt", "masked timer: Compare write clears IP7",
      "Count advances once per two instructions", "timer fires at the instruction where Count reaches Compare",
      "IDLE waits for the timer"};
  /* Compare ahead by kTimerLead counts; wait by Count until the interrupt.
   * QEMU's Count follows host time (about 100 counts per microsecond), so
   * the lead must cover QEMU translating this code before the MTC0 runs, or
   * Count is already past Compare and the match is a whole period away. */
  const u32 kTimerLead = 1000000;
  ints = 0;
  u32 now = CP0_GET32(C0_COUNT);
  CP0_SET32(C0_COMPARE, now + kTimerLead);
  CP0_SET32(C0_STATUS, st0 | ST_IE | ST_IM(7));
  while (ints == 0 && (u32)(CP0_GET32(C0_COUNT) - now) < 100 * kTimerLead) {
  }
  CP0_SET32(C0_STATUS, st0);
  check_eq(ints, 1, names[0]);
  check(int_cause & CAUSE_IP(7), names[1]);
  check((CP0_GET32(C0_CAUSE) & CAUSE_IP(7)) == 0, names[2]);
  check((u32)(CP0_GET32(C0_COUNT) - now) >= kTimerLead, names[3]);

  /* Masked timer: IP7 shows in Cause without an interrupt. */
  ints = 0;
  now = CP0_GET32(C0_COUNT);
  CP0_SET32(C0_COMPARE, now + kTimerLead);
  while (!(CP0_GET32(C0_CAUSE) & CAUSE_IP(7)) && (u32)(CP0_GET32(C0_COUNT) - now) < 100 * kTimerLead) {
  }
  check(ints == 0 && (CP0_GET32(C0_CAUSE) & CAUSE_IP(7)), names[4]);
  CP0_SET32(C0_COMPARE, 0);
  check((CP0_GET32(C0_CAUSE) & CAUSE_IP(7)) == 0, names[5]);

  if (!is_r10000()) {
    for (unsigned i = 6; i < sizeof names / sizeof names[0]; ++i) skip(names[i], "R10000 functional-model timing");
    return;
  }

  /* Count runs at half the cycle rate: 100 nops between two reads.  The
   * second of two runs of the same code is measured: under the timing CPU
   * model the first one stalls on instruction-cache misses, so only in a
   * warm cache is one instruction one cycle (always so in the functional
   * model), which is what this check is about. */
  count_100_nops();
  u32 d = count_100_nops();
  check(d == 50 || d == 51, "Count advances once per two instructions");
}

/* Exactness: a counting loop that cannot leave on its own; the interrupt
 * hook redirects EPC to its exit label and records the count. */
static u64 exit_label;
static int exit_hook(struct frame *f) {
  if (exc_code(f) != EXC_INT) return -1;
  ++ints;
  int_cause = f->cause;
  int_regs_v0 = f->r[2];
  CP0_SET32(C0_COMPARE, 0);
  f->epc = exit_label;
  return 0;
}

/* Arms Compare 50 counts ahead and counts until the timer interrupt;
 * noinline so that both calls in timer_exact run the same code. */
static __attribute__((noinline)) void count_until_timer(void) {
  ints = 0;
  trap_hook = exit_hook;
  CP0_SET32(C0_STATUS, st0 | ST_IE | ST_IM(7));
  __asm__ volatile(".set push\n.set noreorder\n dla $9, 3f\n sd $9, 0(%0)\n mfc0 $8, $9\n addiu $8, $8, 50\n"
                   " mtc0 $8, $11\n li $2, 0\n"
                   "2: addiu $2, $2, 1\n beq $0, $0, 2b\n nop\n"
                   "3:\n.set pop"
                   : : "r"(&exit_label) : "$2", "$8", "$9", "memory");
  CP0_SET32(C0_STATUS, st0);
  trap_hook = int_hook;
}

static void timer_exact(void) {
  if (!is_r10000()) return;
  /* Measured on the second run, in warm caches: the first one stalls on
   * instruction-cache misses under the timing CPU model (see timer()). */
  count_until_timer();
  count_until_timer();
  /* 4 instructions (addiu, mtc0, li, then the loop) after the MFC0 and 3 per
   * iteration: 99..100 cycles later the loop has counted 31 or 32. */
  check(ints == 1 && (int_cause & CAUSE_IP(7)) && (int_regs_v0 == 31 || int_regs_v0 == 32),
        "timer fires at the instruction where Count reaches Compare");

  /* IDLE with the timer unmasked (IE=0): the CPU waits, then continues. */
  u32 c0 = CP0_GET32(C0_COUNT);
  CP0_SET32(C0_COMPARE, c0 + 100000);
  CP0_SET32(C0_STATUS, st0 | ST_IM(7));
  *SIMCTL_IDLE = 1;
  u32 c1 = CP0_GET32(C0_COUNT);
  check((u32)(c1 - c0) >= 100000 && (CP0_GET32(C0_CAUSE) & CAUSE_IP(7)), "IDLE waits for the timer");
  CP0_SET32(C0_COMPARE, 0);
  CP0_SET32(C0_STATUS, st0);
}

int main(void) {
  priv_init();
  st0 = CP0_GET32(C0_STATUS);
  trap_hook = int_hook;
  software();
  timer();
  timer_exact();
  rt_printf("interrupts: %d failed\n", failures());
  return failures();
}
