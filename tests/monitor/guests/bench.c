/* bench.c - the cost of each monitor path, measured: N emulated MFC0s, N
 * monitor calls, N TLBP, N TLB writes, N misses reflected to the guest and
 * N refills served from the L2TLB, each loop alone, so the monitor's exit
 * statistics (mon.stats=1) give cycles per exit of each kind.  It also
 * times each loop with the guest's own Count (cycles per operation, as
 * the guest sees it: exit, emulation and the return). */
#include "guest.h"

#define N 2000
#define LO(gpa, flags) (((gpa) >> 12) << 6 | ENTRYLO_CACHED | (flags))

static void refill_handler(struct gframe *f) {
  (void)f;
  dmtc0(2, LO(0x500000, ENTRYLO_V | ENTRYLO_D));
  dmtc0(3, LO(0x501000, ENTRYLO_V | ENTRYLO_D));
  __asm__ volatile("tlbwr" ::: "memory");
}

static unsigned long t0;
static void start(void) { t0 = mfc0(9); }
static void stop(const char *what) {
  unsigned long c = (unsigned)(mfc0(9) - (unsigned)t0);
  rt_printf("bench %s: %lu cycles each\n", what, 2 * c / N);
}

long gmain(void) {
  install_vectors();
  start();
  for (int i = 0; i < N; i++) (void)mfc0(12);
  stop("mfc0");
  start();
  for (int i = 0; i < N; i++) mcall(MC_INFO, MCI_VCPU_ID, 0, 0, 0);
  stop("mcall");
  dmtc0(10, 0x10000);
  start();
  for (int i = 0; i < N; i++) __asm__ volatile("tlbp" ::: "memory");
  stop("tlbp");
  dmtc0(2, LO(0x500000, ENTRYLO_V | ENTRYLO_D));
  dmtc0(3, LO(0x501000, ENTRYLO_V | ENTRYLO_D));
  mtc0(0, 5);
  start();
  for (int i = 0; i < N; i++) __asm__ volatile("tlbwi" ::: "memory");
  stop("tlbwi");
  /* reflected misses: a fresh ASID each time, so the guest's refill handler runs */
  trap_hook = refill_handler;
  start();
  for (int i = 0; i < N; i++) {
    dmtc0(10, (unsigned long)(i & 0xFF));
    (void)*(volatile unsigned long *)(0x20000ul + ((unsigned long)(i >> 8) << 13));
  }
  stop("reflected miss (with the guest's handler and 2 MTC0)");
  trap_hook = 0;
  /* L2TLB refills: 60 guest-mapped pairs touched round-robin, more than the real TLB keeps */
  for (unsigned i = 0; i < 60; i++) {
    dmtc0(10, (0x1000000ul + i * 0x2000) | 7);
    dmtc0(2, LO(0x600000 + i * 0x2000ul, ENTRYLO_V | ENTRYLO_D));
    dmtc0(3, LO(0x601000 + i * 0x2000ul, ENTRYLO_V | ENTRYLO_D));
    mtc0(0, i);
    __asm__ volatile("tlbwi" ::: "memory");
  }
  dmtc0(10, 7);
  for (unsigned i = 0; i < 60; i++) (void)*(volatile unsigned long *)(0x1000000ul + i * 0x2000);
  start();
  for (int i = 0; i < N; i++) (void)*(volatile unsigned long *)(0x1000000ul + (unsigned long)(i % 60) * 0x2000 + 0x40 * (i % 7));
  stop("load over 60 mapped pairs (mostly L2TLB refills)");
  return 0;
}
