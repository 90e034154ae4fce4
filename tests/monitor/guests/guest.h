/* guest.h - the bare test guests' tiny library: console and halt through
 * monitor calls, ok/not ok lines, the trap frame gstart.S fills, and
 * installing the vectors in the guest's cksseg window. */
#ifndef TEST_GUEST_H
#define TEST_GUEST_H
#include "cp0.h"
#include "disco_guest.h"
#include "mcall.h"
#include "rt.h"

struct gframe {
  unsigned long regs[32];
  unsigned long vec;                /* 1 refill vector, 2 general */
  unsigned long epc, cause, badvaddr, status;
};
extern struct gframe gframe;
/* Each test's exception handler; returns with the frame possibly changed. */
extern void (*trap_hook)(struct gframe *f);
void install_vectors(void);
void check(int ok, const char *what);
void checkx(unsigned long got, unsigned long want, const char *what);
int failures(void);
#define PRINTF rt_printf
#endif
