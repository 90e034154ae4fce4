/* tlbmany.c - more translations than the real TLB holds: 56 guest entries
 * (112 pages of xuseg) plus 48 pairs of the xsseg window, touched round
 * after round.  The real TLB (63 free entries, random replacement) keeps
 * losing them; the monitor's refill handler must serve the guest's pages
 * from the L2TLB and the window from the pmap, never bothering the guest
 * (whose TLB holds every entry it wrote), and every value must survive. */
#include "guest.h"

#define ENTRIES 56
#define VA(i) (0x1000000ul + (unsigned long)(i) * 0x2000)
#define GPA(i) (0x400000ul + (unsigned long)(i) * 0x2000)
#define WIN(i) (DG_XPHYS + 0x800000ul + (unsigned long)(i) * 0x2000)
#define LO(gpa, flags) (((gpa) >> 12) << 6 | ENTRYLO_CACHED | (flags))

static int guest_refills;
static void handler(struct gframe *f) {
  (void)f;
  guest_refills++;
  rt_exit(3);
}

long gmain(void) {
  install_vectors();
  trap_hook = handler;
  for (unsigned i = 0; i < ENTRIES; i++) {
    dmtc0(10, VA(i) | 7);
    dmtc0(2, LO(GPA(i), ENTRYLO_V | ENTRYLO_D));
    dmtc0(3, LO(GPA(i) + 0x1000, ENTRYLO_V | ENTRYLO_D));
    mtc0(0, i);
    __asm__ volatile("tlbwi" ::: "memory");
  }
  dmtc0(10, 7);
  for (unsigned i = 0; i < ENTRIES; i++) {
    *(volatile unsigned long *)VA(i) = i;
    *(volatile unsigned long *)(VA(i) + 0x1000) = i + 1000;
  }
  int good = 1;
  for (int round = 0; round < 6; round++) {
    for (unsigned i = 0; i < 48; i++) *(volatile unsigned long *)WIN(i) += 1;
    for (unsigned i = 0; i < ENTRIES; i++)
      good &= *(volatile unsigned long *)VA(i) == i && *(volatile unsigned long *)(VA(i) + 0x1000) == i + 1000;
  }
  check(good, "112 mapped pages keep their values through real-TLB misses");
  checkx(*(volatile unsigned long *)DG_XPHYS_P2V(GPA(5) + 0x1000), 1005, "the values are in the guest-physical pages mapped");
  check(guest_refills == 0, "no miss reached the guest (its TLB holds every entry)");
  return failures();
}
