/* pingpong.c - two CPUs on two nodes take turns writing, N rounds each, in
 * phase 1 to two words of one L2 line (false sharing: every write misses on
 * the line the other CPU just dirtied) and in phase 2 to two words on
 * separate lines (each write hits).  The turns are handed over through a
 * third line.  pingpong_test.py computes every miss of both phases and the
 * cost of a false-sharing write (phase 1 minus phase 2, per write). */
#include "timed.h"

#define ROUNDS 20
#define PARTNER 2 /* CPU 2: the first CPU of node 1 */

/* Node 0 lines (physical), each variant its own: the turn line, the two
 * data words, and the go/ready handshake between phases. */
struct variant {
  uint64_t turn, mine, theirs;
};
static const struct variant variants[3] = {
    {0, 0, 0},
    {REGION(0) + 0x0000, REGION(0) + 0x0080, REGION(0) + 0x00C0}, /* 1: one line, two words */
    {REGION(0) + 0x0400, REGION(0) + 0x0480, REGION(0) + 0x0500}, /* 2: two lines */
};
#define GO KSEG0(REGION(0) + 0x1000)
#define READY KSEG0(REGION(0) + 0x1080)

static uint8_t partner_stack[8192] __attribute__((aligned(16)));

static void partner(unsigned me) {
  (void)me;
  for (uint64_t v = 1; v <= 2; ++v) {
    while (*GO != v) {
    }
    volatile uint64_t *turn = KSEG0(variants[v].turn), *data = KSEG0(variants[v].theirs);
    *data = 0;     /* our word: dirty in our cache */
    (void)*turn;   /* the turn line: ours, clean exclusive */
    *READY = v;
    for (uint64_t i = 0; i < ROUNDS; ++i) {
      while (*turn != 2 * i + 1) {
      }
      *data = i;
      *turn = 2 * i + 2;
    }
  }
}

int main(void) {
  if (rt_num_cpus() < PARTNER + 1) return 2;
  rt_start_cpu(PARTNER, partner, partner_stack + sizeof partner_stack);
  for (uint64_t v = 1; v <= 2; ++v) {
    volatile uint64_t *turn = KSEG0(variants[v].turn), *data = KSEG0(variants[v].mine);
    *data = 0;
    *GO = v;
    while (*READY != v) {
    }
    delay(2000); /* the handshake's requests are long served */
    DEV(SIMCTL, 0x10) = v;
    for (uint64_t i = 0; i < ROUNDS; ++i) {
      while (*turn != 2 * i) {
      }
      *data = i;
      *turn = 2 * i + 1;
    }
    while (*turn != 2 * ROUNDS) {
    }
    DEV(SIMCTL, 0x18) = v;
    rt_printf("variant %llu: turn %llu mine %llu theirs %llu\n", (unsigned long long)v, (unsigned long long)*turn,
              (unsigned long long)*data, (unsigned long long)*KSEG0(variants[v].theirs));
  }
  return 0;
}
