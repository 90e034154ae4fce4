/* harness.c - barrier, deterministic per-CPU start delays and the LL/SC
 * increment used by the litmus shapes (litmus.h). */
#include "litmus.h"

struct line vars[2][4];
struct result results[LITMUS_CPUS];

static struct line barrier_count;       /* arrivals so far, never reset */
static unsigned barrier_epoch[LITMUS_CPUS];
static unsigned rng_state[LITMUS_CPUS];

unsigned llsc_increment(volatile unsigned *p) {
  unsigned failures = 0, tmp;
  for (;;) {
    /* Nothing but the add between LL and SC; SC leaves 1 (stored) or 0. */
    __asm__ volatile(
        "ll    %0, 0(%1)\n\t"
        "addiu %0, %0, 1\n\t"
        "sc    %0, 0(%1)"
        : "=&r"(tmp)
        : "r"(p)
        : "memory");
    if (tmp) return failures;
    ++failures;
  }
}

void barrier(unsigned me) {
  unsigned target = ++barrier_epoch[me] * LITMUS_CPUS;
  llsc_increment(&barrier_count.v);
  while (barrier_count.v < target) {
  }
}

static unsigned next_random(unsigned me) {
  unsigned x = rng_state[me];
  if (x == 0) x = 0x9E3779B9u * (me + 1); /* seed: fixed per CPU */
  x ^= x << 13;                           /* xorshift32 */
  x ^= x >> 17;
  x ^= x << 5;
  rng_state[me] = x;
  return x;
}

static void spin(unsigned n) {
  for (unsigned i = 0; i < n; ++i) __asm__ volatile("");
}

void random_delay(unsigned me) {
  unsigned r = next_random(me);
  spin((r & 3) == 0 ? (r >> 2) % 600 : (r >> 2) % 24);
}

void small_delay(unsigned me) { spin(next_random(me) & 7); }
