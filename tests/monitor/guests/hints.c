/* hints.c - the memory hints: MC_FREE_PAGE and MC_ZERO_PAGE take a page's
 * machine page back; afterwards the page reads as zeros through every path
 * the guest had to it (the window, its own TLB entry, the real TLB and the
 * L2TLB the monitor filled), also for another vCPU running at the time. */
#include "guest.h"

#define LO(gpa, flags) (((gpa) >> 12) << 6 | ENTRYLO_CACHED | (flags))
#define P(gpa) (*(volatile unsigned long *)DG_XPHYS_P2V(gpa))
extern char secondary_start[];
static char stack[4096] __attribute__((aligned(16)));
static volatile int watching, saw_zero;

void secondary_main(void) {
  watching = 1;
  while (P(0x310000) != 0) {
  }
  saw_zero = 1;
  for (;;) mcall(MC_IDLE, 0, 0, 0, 0);
}

long gmain(void) {
  install_vectors();
  P(0x300008) = 0x1111;
  dmtc0(10, 0x10000);
  dmtc0(2, LO(0x300000, ENTRYLO_V | ENTRYLO_D));
  dmtc0(3, 0);
  mtc0(0, 1);
  __asm__ volatile("tlbwi" ::: "memory");
  checkx(*(volatile unsigned long *)0x10008, 0x1111, "the page through the guest's own mapping");
  checkx(mcall(MC_FREE_PAGE, 0x300000, 0, 0, 0), 0, "MC_FREE_PAGE");
  checkx(*(volatile unsigned long *)0x10008, 0, "after it, zeros through the guest's mapping");
  checkx(P(0x300008), 0, "... and through the window");
  P(0x300010) = 0x2222;
  checkx(*(volatile unsigned long *)0x10010, 0x2222, "the page is usable again");
  checkx(mcall(MC_ZERO_PAGE, 0x300000, 0, 0, 0), 0, "MC_ZERO_PAGE");
  checkx(*(volatile unsigned long *)0x10010, 0, "after it, zeros");
  checkx(mcall(MC_FREE_PAGE, 0x300100, 0, 0, 0), (unsigned long)MCE_INVAL, "an unaligned page: refused");
  checkx(mcall(MC_FREE_PAGE, 0x7F000000, 0, 0, 0), (unsigned long)MCE_FAULT, "a page outside its memory: refused");
  checkx(mcall(MC_FREE_PAGE, 0x380000, 0, 0, 0), 0, "a page never touched: nothing to do");
  if (mcall(MC_INFO, MCI_NUM_VCPUS, 0, 0, 0) > 1) {
    P(0x310000) = 1;
    mcall(MC_VCPU_START, 1, (long)secondary_start, (long)(stack + sizeof stack), 0);
    while (!watching) {
    }
    mcall(MC_FREE_PAGE, 0x310000, 0, 0, 0);
    while (!saw_zero) {
    }
    check(1, "another vCPU reading the page sees it zeroed");
  }
  return failures();
}
