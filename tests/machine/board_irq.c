/* board_irq.c - the board's interrupt sources reach the CPUs: the IPI unit
 * (to oneself, and from another CPU to one that idles), the disk
 * controller's completion interrupt waking an idle CPU, and the node clocks.
 * Uses the privileged-test harness (priv/priv.h) for vectors and reporting;
 * discosim board only (QEMU's Malta has none of these devices). */
#include "priv/priv.h"

#define KSEG1(pa) (0xFFFFFFFFA0000000ull | (pa))
#define REG(base, off) (*(volatile u64 *)(KSEG1(base) + (off)))
#define IPI 0x1F003000ull
#define DISK 0x1F004000ull
#define CLOCK(node) (0x1F010000ull + (node) * 0x1000ull)
#define SIMCTL_IDLE REG(0x1F000000ull, 0x38)
#define CAUSE_IP(n) (0x100u << (n))

static volatile int ipi_ints, disk_ints;
static volatile u64 disk_status;
static int hook(struct frame *f) {
  if (exc_code(f) != EXC_INT) return -1;
  if (f->cause & CAUSE_IP(3)) {
    ++ipi_ints;
    REG(IPI, 0x08) = 1; /* CLEAR my line */
  }
  if (f->cause & CAUSE_IP(2)) {
    ++disk_ints;
    disk_status = REG(DISK, 0x28);
    REG(DISK, 0x30) = 1; /* ACK lowers IP2 */
  }
  return 0;
}

static volatile int cpu1_go, cpu1_done;
static uint8_t cpu1_stack[4096] __attribute__((aligned(16)));

/* CPU 1 waits for the go-ahead, then interrupts CPU 0 (which is idle). */
static void cpu1_main(unsigned me) {
  (void)me;
  while (!cpu1_go) {
  }
  for (volatile int spin = 0; spin < 2000; ++spin) {
  }
  REG(IPI, 0x00) = 0; /* SEND to CPU 0 */
  cpu1_done = 1;
}

static uint8_t sector[512] __attribute__((aligned(64)));

int main(void) {
  priv_init();
  trap_hook = hook;
  u32 st0 = CP0_GET32(C0_STATUS);

  /* An IPI to oneself. */
  CP0_SET32(C0_STATUS, st0 | ST_IE | ST_IM(3));
  REG(IPI, 0x00) = rt_cpu_id();
  check_eq(ipi_ints, 1, "IPI to self taken once, on IP3");
  check_eq(REG(IPI, 0x10), 0, "handler's CLEAR lowered the line");
  check_eq(REG(IPI, 0x18), 1, "SENT counts the IPI");

  /* CPU 1 wakes idle CPU 0 with an IPI. */
  check_eq(rt_start_cpu(1, cpu1_main, cpu1_stack + sizeof cpu1_stack), 0, "CPU 1 started");
  cpu1_go = 1;
  u64 t0 = REG(CLOCK(0), 0x00);
  SIMCTL_IDLE = 1;
  check_eq(ipi_ints, 2, "idle CPU 0 woken by CPU 1's IPI");
  check(cpu1_done == 1, "CPU 1 sent it");
  check(REG(CLOCK(0), 0x00) > t0, "node clock advanced while idle");

  /* A disk read completes by interrupt while CPU 0 idles. */
  CP0_SET32(C0_STATUS, st0 | ST_IE | ST_IM(2));
  REG(DISK, 0x08) = 0;
  REG(DISK, 0x10) = 1;
  REG(DISK, 0x18) = 1;
  REG(DISK, 0x20) = kphys(sector);
  u64 before = REG(CLOCK(0), 0x00);
  REG(DISK, 0x00) = 1; /* READ */
  SIMCTL_IDLE = 1;
  u64 waited = REG(CLOCK(0), 0x00) - before;
  check_eq(disk_ints, 1, "disk completion interrupt on IP2");
  check_eq(disk_status, 2, "STATUS was DONE in the handler");
  check(sector[0] == 0xA1 && sector[511] == 0xA1, "sector 1 arrived by DMA");
  check(waited >= 1000000, "idle lasted the disk's 1 ms command latency");

  /* Node clocks: each names its node, all agree on the time. */
  check_eq(REG(CLOCK(1), 0x18), 1, "node 1's clock says node 1");
  check_eq(REG(CLOCK(0), 0x10), 200, "CLOCK_MHZ from the description");
  u64 a = REG(CLOCK(0), 0x08), b = REG(CLOCK(1), 0x08);
  check(b >= a && b - a < 100000, "clocks of different nodes agree");

  /* LLAddr holds physical address bits 35:4 of the last LL. */
  static volatile u32 linked __attribute__((aligned(64)));
  u64 got;
  __asm__ volatile("ll $0, 0(%1)\n\tmfc0 %0, $17" : "=r"(got) : "r"(&linked) : "memory");
  check_eq(got & 0xFFFFFFFFull, kphys((const void *)&linked) >> 4, "LLAddr = PA[35:4] of the last LL");

  CP0_SET32(C0_STATUS, st0);
  return failures();
}
