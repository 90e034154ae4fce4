/* fpu.c - the guest's FPU across vCPU switches: with Status.CU1 and FR set,
 * fill the 32 floating-point registers and FCSR with values unique to this
 * VM, spin through many time slices while another VM does the same on the
 * same CPU, and check nothing changed.  (The monitor is soft-float; it
 * switches FPU state only for vCPUs that ever set CU1.) */
#include "guest.h"

static unsigned long seed;

static void fill(unsigned long base) {
  unsigned long v;
#define SET(n) v = base + n; __asm__ volatile(".set push\n.set hardfloat\ndmtc1 %0, $f" #n "\n.set pop" ::"r"(v));
  SET(0) SET(1) SET(2) SET(3) SET(4) SET(5) SET(6) SET(7) SET(8) SET(9) SET(10) SET(11) SET(12) SET(13) SET(14) SET(15)
  SET(16) SET(17) SET(18) SET(19) SET(20) SET(21) SET(22) SET(23) SET(24) SET(25) SET(26) SET(27) SET(28) SET(29)
  SET(30) SET(31)
#undef SET
  unsigned fcsr = (unsigned)(base & 3);   /* rounding mode */
  __asm__ volatile(".set push\n.set hardfloat\nctc1 %0, $31\n.set pop" ::"r"(fcsr));
}

static int same(unsigned long base) {
  unsigned long v;
  int ok = 1;
#define GET(n) __asm__ volatile(".set push\n.set hardfloat\ndmfc1 %0, $f" #n "\n.set pop" : "=r"(v)); ok &= v == base + n;
  GET(0) GET(1) GET(2) GET(3) GET(4) GET(5) GET(6) GET(7) GET(8) GET(9) GET(10) GET(11) GET(12) GET(13) GET(14) GET(15)
  GET(16) GET(17) GET(18) GET(19) GET(20) GET(21) GET(22) GET(23) GET(24) GET(25) GET(26) GET(27) GET(28) GET(29)
  GET(30) GET(31)
#undef GET
  unsigned fcsr;
  __asm__ volatile(".set push\n.set hardfloat\ncfc1 %0, $31\n.set pop" : "=r"(fcsr));
  return ok && (fcsr & 3) == (base & 3);
}

long gmain(void) {
  seed = 0x1000ul * (unsigned long)(mcall(MC_INFO, MCI_VM_ID, 0, 0, 0) + 1) + 1;
  mtc0(12, ST_KX | ST_SX | ST_UX | ST_CU1 | ST_FR);
  fill(seed);
  int ok = 1;
  for (int round = 0; round < 20; round++) {
    for (volatile int i = 0; i < 20000; i++) {
    }
    ok &= same(seed);
  }
  check(ok, "FPU registers and FCSR survive vCPU switches");
  return failures();
}
