/* cp0.c - the virtual CP0 and TLB seen from a guest kernel: every read and
 * write here traps and is emulated by the monitor.  Registers (Status,
 * Cause, EPC, Count/Compare, EntryHi, Wired/Random, Index, PageMask, PRId),
 * TLB writes and reads, mapped accesses through the guest's own entries,
 * ASIDs and global entries, refill / invalid / modified exceptions with
 * their registers, delay slots (EPC/BD, the resume PC after an emulated
 * instruction), and the virtual timer interrupt. */
#include "guest.h"

#define R32(r) ((unsigned long)(unsigned)mfc0(r))
#define R64(r) ((unsigned long)dmfc0(r))
extern char ds_branch[], ds_target[];
void ds_trap(void);
long ds_mfc0(long a);
void ds_jr_mtc0(unsigned long v);
void tlbwr_eret(void);

static volatile int seen;
static volatile unsigned long seen_vec, seen_cause, seen_epc, seen_bad, seen_hi, seen_ctx, seen_xctx;

static void record(struct gframe *f) {
  seen++;
  seen_vec = f->vec, seen_cause = f->cause & 0xFFFFFFFFul, seen_epc = f->epc, seen_bad = f->badvaddr;
  seen_hi = R64(10), seen_ctx = R64(4), seen_xctx = R64(20);
}

static void skip_insn(struct gframe *f) {
  record(f);
  f->epc += 4;
}

static void set_entry(unsigned idx, unsigned long hi, unsigned long lo0, unsigned long lo1, unsigned long mask) {
  dmtc0(10, hi);
  dmtc0(2, lo0);
  dmtc0(3, lo1);
  mtc0(5, mask);
  mtc0(0, idx);
  __asm__ volatile("tlbwi" ::: "memory");
}
#define LO(gpa, flags) (((gpa) >> 12) << 6 | ENTRYLO_CACHED | (flags))

static void registers(void) {
  unsigned long st = ST_KX | ST_SX | ST_UX | ST_IM(2);
  mtc0(12, st | (1u << 23) | (1u << 27));
  checkx(R32(12), st, "Status: written bits stick, 23 and 27 do not");
  checkx(R32(15), 0x900, "PRId is an R10000's");
  mtc0(13, 0x300 | (5 << 2));
  checkx(R32(13) & 0x37C, 0x300, "Cause: only IP1:0 are writable");
  mtc0(13, 0);
  dmtc0(14, 0xFFFFFFFFC0123456ul);
  checkx(R64(14), 0xFFFFFFFFC0123456ul, "EPC holds 64 bits");
  unsigned long c1 = R32(9), c2 = R32(9);
  check(c2 > c1 && c2 - c1 < 10000, "Count advances");
  mtc0(9, 1000000);
  c1 = R32(9);
  check(c1 >= 1000000 && c1 < 1010000, "Count takes a written value");
  mtc0(11, 0x12345678);
  checkx(R32(11), 0x12345678, "Compare reads back");
  dmtc0(10, 0x0000001234567FFFul);
  checkx(R64(10), 0x0000001234566000ul | 0xFF, "EntryHi keeps VPN2 and ASID only");
  mtc0(6, 10);
  checkx(R32(6), 10, "Wired reads back");
  int in_range = 1;
  for (int i = 0; i < 20; i++) {
    unsigned long r = R32(1);
    if (r < 10 || r > 63) in_range = 0;
  }
  check(in_range, "Random stays in [Wired, 63]");
  mtc0(6, 0);
  mtc0(0, 5);
  checkx(R32(0), 5, "Index reads back");
  mtc0(0, 200);
  checkx(R32(0), 200 & 63, "Index keeps 6 bits");
  mtc0(5, 0x1FE000);
  checkx(R32(5), 0x1FE000, "PageMask reads back (1 MB pages)");
  mtc0(5, 0);
}

static void tlb_ops(void) {
  set_entry(3, 0x10000 | 5, LO(0x300000, ENTRYLO_V | ENTRYLO_D), LO(0x301000, ENTRYLO_V | ENTRYLO_D), 0);
  dmtc0(10, 0); dmtc0(2, 0); dmtc0(3, 0); mtc0(5, 0x6000);
  mtc0(0, 3);
  __asm__ volatile("tlbr" ::: "memory");
  checkx(R64(10), 0x10000 | 5, "TLBR: EntryHi");
  checkx(R64(2), LO(0x300000, ENTRYLO_V | ENTRYLO_D), "TLBR: EntryLo0");
  checkx(R64(3), LO(0x301000, ENTRYLO_V | ENTRYLO_D), "TLBR: EntryLo1");
  checkx(R32(5), 0, "TLBR: PageMask");
  dmtc0(10, 0x10000 | 5);
  __asm__ volatile("tlbp" ::: "memory");
  checkx(R32(0), 3, "TLBP finds the entry");
  dmtc0(10, 0x30000 | 5);
  __asm__ volatile("tlbp" ::: "memory");
  check((int)mfc0(0) < 0, "TLBP miss sets P");
  /* mapped accesses through the guest's entry, ASID 5 */
  dmtc0(10, 5);
  *(volatile unsigned long *)0x10008 = 0xfeed;
  *(volatile unsigned long *)0x11010 = 0xbeef;
  checkx(*(volatile unsigned long *)DG_XPHYS_P2V(0x300008), 0xfeed, "store through a guest entry (even page)");
  checkx(*(volatile unsigned long *)DG_XPHYS_P2V(0x301010), 0xbeef, "store through a guest entry (odd page)");
  /* TLBWR goes at or above Wired */
  mtc0(6, 8);
  dmtc0(10, 0x40000 | 5);
  dmtc0(2, LO(0x304000, ENTRYLO_V | ENTRYLO_D));
  dmtc0(3, 0);
  __asm__ volatile("tlbwr" ::: "memory");
  __asm__ volatile("tlbp" ::: "memory");
  check((int)mfc0(0) >= 8, "TLBWR writes an entry at or above Wired");
  mtc0(6, 0);
  /* "tlbwr; eret" as a refill handler ends: one exit for both */
  dmtc0(10, 0x70000 | 5);
  dmtc0(2, LO(0x307000, ENTRYLO_V | ENTRYLO_D));
  dmtc0(3, 0);
  *(volatile unsigned long *)DG_XPHYS_P2V(0x307000) = 0x7e7;
  tlbwr_eret();
  check(!(mfc0(12) & ST_EXL), "TLBWR then ERET: back at the caller, EXL clear");
  checkx(*(volatile unsigned long *)0x70000, 0x7e7, "... with the entry written");
  /* a global entry matches under any ASID; a non-global one does not */
  set_entry(4, 0x20000, LO(0x302000, ENTRYLO_V | ENTRYLO_D | ENTRYLO_G), LO(0x303000, ENTRYLO_G), 0);
  *(volatile unsigned long *)DG_XPHYS_P2V(0x302000) = 77;
  dmtc0(10, 9);
  checkx(*(volatile unsigned long *)0x20000, 77, "global entry under another ASID");
  trap_hook = skip_insn;
  seen = 0;
  unsigned long v = *(volatile unsigned long *)0x10008;   /* ASID 9: no entry -> refill */
  (void)v;
  check(seen == 1 && seen_vec == 1, "miss under another ASID goes to the guest's refill vector");
  checkx((seen_cause >> 2) & 31, EXC_TLBL, "refill: ExcCode TLBL");
  checkx(seen_bad, 0x10008, "refill: BadVAddr");
  checkx(seen_hi, 0x10000 | 9, "refill: EntryHi = VPN2 | current ASID");
  checkx((seen_ctx >> 4) & 0x7FFFF, 0x10008 >> 13, "refill: Context.BadVPN2");
  checkx((seen_xctx >> 4) & 0x7FFFFFFF, 0x10008 >> 13, "refill: XContext.BadVPN2");
  trap_hook = 0;
}

void ds_fix(struct gframe *f);
static int fixups;
static void fix_refill(struct gframe *f) {
  record(f);
  fixups++;
  /* map the page for ASID 9 and retry */
  dmtc0(2, LO(0x305000, ENTRYLO_V | ENTRYLO_D));
  dmtc0(3, LO(0x306000, ENTRYLO_V));
  __asm__ volatile("tlbwr" ::: "memory");
}


static void exceptions(void) {
  trap_hook = fix_refill;
  dmtc0(10, 9);
  *(volatile unsigned long *)DG_XPHYS_P2V(0x305010) = 4242;
  unsigned long v = *(volatile unsigned long *)0x10010;
  check(fixups == 1 && v == 4242, "refill handled by the guest, access retried");
  /* invalid half: TLBL to the general vector; clean page: Mod */
  trap_hook = skip_insn;
  seen = 0;
  v = *(volatile unsigned long *)0x21000;   /* odd half of the global entry: V = 0 */
  check(seen == 1 && seen_vec == 2 && ((seen_cause >> 2) & 31) == EXC_TLBL, "invalid entry: TLBL at the general vector");
  seen = 0;
  *(volatile unsigned long *)0x11000 = 1;            /* ASID 9 entry, odd page clean (D = 0) */
  check(seen == 1 && ((seen_cause >> 2) & 31) == EXC_MOD && seen_bad == 0x11000, "store to a clean page: Mod");
  seen = 0;
  __asm__ volatile("break" ::: "memory");
  check(seen == 1 && ((seen_cause >> 2) & 31) == EXC_BP, "break reaches the guest");
  /* an exception in a delay slot: EPC = the branch, BD set */
  static void (*volatile ds)(void) = ds_trap;
  seen = 0;
  trap_hook = ds_fix;
  ds();
  check(seen == 1 && seen_epc == (unsigned long)ds_branch && (seen_cause & CAUSE_BD), "trap in a delay slot: EPC = branch, BD");
  checkx(ds_mfc0(1), R32(12), "emulated MFC0 in a taken branch's delay slot");
  checkx((unsigned long)ds_mfc0(0), (unsigned long)-1, "emulated MFC0 in a delay slot: branch evaluated before it");
  ds_jr_mtc0(0x1234);
  checkx(R64(14), 0x1234, "emulated DMTC0 in a jr's delay slot");
  trap_hook = 0;
  (void)v;
}

void ds_fix(struct gframe *f) {
  record(f);
  f->epc = (unsigned long)ds_target;
}

static volatile int ticks;
static void on_timer(struct gframe *f) {
  record(f);
  if (((f->cause >> 2) & 31) == EXC_INT && (f->cause & CAUSE_IP(7))) {
    ticks++;
    mtc0(11, mfc0(9) - 1);    /* acknowledge: lowers IP7 */
  }
}

static void timer(void) {
  unsigned st = ST_KX | ST_SX | ST_UX;
  mtc0(12, st);
  mtc0(11, mfc0(9) + 2000);
  for (volatile int i = 0; i < 5000; i++) {
  }
  check(mfc0(13) & CAUSE_IP(7), "timer: IP7 visible while masked");
  mtc0(11, mfc0(9) + 5000);
  check(!(mfc0(13) & CAUSE_IP(7)), "writing Compare lowers IP7");
  trap_hook = on_timer;
  mtc0(12, st | ST_IM(7) | ST_IE);
  for (volatile long i = 0; i < 1000000 && !ticks; i++) {
  }
  mtc0(12, st);
  check(ticks == 1 && seen_vec == 2 && ((seen_cause >> 2) & 31) == EXC_INT, "virtual timer interrupt delivered");
  trap_hook = 0;
  /* the idle signal: a store to sim-control IDLE in the guest's I/O window
   * deschedules the vCPU until the (masked-by-IE) timer is pending */
  mtc0(12, st | ST_IM(7));
  unsigned c0 = mfc0(9);
  mtc0(11, c0 + 50000);
  *(volatile unsigned long *)DG_IDLE_VA = 1;
  unsigned c1 = mfc0(9);
  check((mfc0(13) & CAUSE_IP(7)) && c1 - c0 >= 50000, "idle signal: descheduled until the timer");
  mtc0(12, st);
}

long gmain(void) {
  install_vectors();
  registers();
  tlb_ops();
  exceptions();
  timer();
  return failures();
}
