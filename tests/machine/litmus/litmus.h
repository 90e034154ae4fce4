/* litmus.h - shared pieces of the sequential-consistency litmus program: one
 * shared variable per 128-byte line, per-CPU result lines, the barrier, the
 * pseudo-random start delay and the LL/SC increment (harness.c). */
#ifndef LITMUS_H
#define LITMUS_H

#include "rt.h"

#define LITMUS_CPUS 4    /* IRIW needs four; the 2-CPU shapes run two instances */
#define LINE_BYTES 128   /* the R10000's L2 line: no two variables share one */

struct line {
  volatile unsigned v;
} __attribute__((aligned(LINE_BYTES)));

/* What each CPU read in the current iteration (r[k]); reset to NOT_RUN. */
struct result {
  volatile unsigned r[4];
} __attribute__((aligned(LINE_BYTES)));
#define NOT_RUN 0xDEADu

extern struct line vars[2][4];            /* [instance][variable] */
extern struct result results[LITMUS_CPUS];

/* Every CPU of the test calls this; returns when all LITMUS_CPUS have. */
void barrier(unsigned me);
/* Spins for a pseudo-random number of iterations drawn from CPU me's own
 * deterministic stream: usually 0..23, one time in four 0..599. */
void random_delay(unsigned me);
/* A small spin (0..7 iterations), for the LL/SC loop. */
void small_delay(unsigned me);
/* Atomically adds 1 to *p with an LL/SC loop; returns how many SCs failed. */
unsigned llsc_increment(volatile unsigned *p);

#endif
