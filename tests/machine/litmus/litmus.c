/* litmus.c - sequential-consistency litmus tests on four CPUs: SB, MP, LB,
 * 2+2W (two instances each, on CPU pairs that straddle the two nodes), IRIW,
 * WRC, and an LL/SC counter.  Every iteration starts at a barrier, then each
 * CPU waits a pseudo-random delay and runs its part; CPU 0 tallies what was
 * observed.  The program only counts outcomes and prints them; which are
 * forbidden under SC is decided by litmus_test.py. */
#include "litmus.h"

#define ITERATIONS 300   /* per shape */
#define LLSC_PER_CPU 1500
#define STACK_BYTES 8192
enum { X, Y };           /* variable slots in vars[instance][] */

static uint8_t stacks[LITMUS_CPUS][STACK_BYTES] __attribute__((aligned(16)));
static struct line llsc_counter;

/* Two-CPU shapes: CPU me plays role me >> 1 in instance me & 1, so CPUs 0
 * and 2 (nodes 0 and 1) form instance 0, CPUs 1 and 3 instance 1. */
#define ROLE(me) ((me) >> 1)
#define VARS(me) (vars[(me) & 1])
#define R(me) (results[me].r)

/* SB: x = 1; r0 = y  ||  y = 1; r0 = x.  SC forbids r0 = r0 = 0. */
static void sb(unsigned me) {
  struct line *v = VARS(me);
  if (ROLE(me) == 0) {
    v[X].v = 1;
    R(me)[0] = v[Y].v;
  } else {
    v[Y].v = 1;
    R(me)[0] = v[X].v;
  }
}
/* MP: data = 1; flag = 1  ||  r0 = flag; r1 = data.  SC forbids 1, 0. */
static void mp(unsigned me) {
  struct line *v = VARS(me);
  if (ROLE(me) == 0) {
    v[X].v = 1;
    v[Y].v = 1;
  } else {
    R(me)[0] = v[Y].v;
    R(me)[1] = v[X].v;
  }
}
/* LB: r0 = x; y = 1  ||  r0 = y; x = 1.  SC forbids r0 = r0 = 1. */
static void lb(unsigned me) {
  struct line *v = VARS(me);
  if (ROLE(me) == 0) {
    R(me)[0] = v[X].v;
    v[Y].v = 1;
  } else {
    R(me)[0] = v[Y].v;
    v[X].v = 1;
  }
}
/* 2+2W: x = 1; y = 2  ||  y = 1; x = 2.  SC forbids final x = y = 1. */
static void w22(unsigned me) {
  struct line *v = VARS(me);
  if (ROLE(me) == 0) {
    v[X].v = 1;
    v[Y].v = 2;
  } else {
    v[Y].v = 1;
    v[X].v = 2;
  }
}
/* IRIW: CPU 0 x = 1 || CPU 3 y = 1 || CPU 1 r0 = x; r1 = y || CPU 2 r0 = y;
 * r1 = x.  Each reader shares a node with one writer.  SC forbids the
 * readers seeing the writes in opposite orders: 1 0 1 0. */
static void iriw(unsigned me) {
  struct line *v = vars[0];
  switch (me) {
    case 0: v[X].v = 1; break;
    case 3: v[Y].v = 1; break;
    case 1: R(me)[0] = v[X].v; R(me)[1] = v[Y].v; break;
    case 2: R(me)[0] = v[Y].v; R(me)[1] = v[X].v; break;
  }
}
/* WRC: CPU 0 x = 1 || CPU 2 r0 = x; y = 1 || CPU 1 r0 = y; r1 = x (CPU 3
 * only keeps the barrier).  SC forbids 1, 1, 0 (the write of y is seen, the
 * write of x that preceded it is not). */
static void wrc(unsigned me) {
  struct line *v = vars[0];
  switch (me) {
    case 0: v[X].v = 1; break;
    case 2: R(me)[0] = v[X].v; v[Y].v = 1; break;
    case 1: R(me)[0] = v[Y].v; R(me)[1] = v[X].v; break;
  }
}

/* Outcome of one instance as a number whose binary digits are the observed
 * values in the order the shape prints them; -1 if a value is out of range. */
static int pack(const unsigned *vals, unsigned n, unsigned base) {
  int idx = 0;
  for (unsigned k = 0; k < n; ++k) {
    if (vals[k] < base || vals[k] > base + 1) return -1;
    idx = idx * 2 + (int)(vals[k] - base);
  }
  return idx;
}
static int sb_out(unsigned i) { unsigned v[] = {R(i)[0], R(i + 2)[0]}; return pack(v, 2, 0); }
static int mp_out(unsigned i) { unsigned v[] = {R(i + 2)[0], R(i + 2)[1]}; return pack(v, 2, 0); }
static int w22_out(unsigned i) { unsigned v[] = {vars[i][X].v, vars[i][Y].v}; return pack(v, 2, 1); }
static int iriw_out(unsigned i) {
  (void)i;
  unsigned v[] = {R(1)[0], R(1)[1], R(2)[0], R(2)[1]};
  return pack(v, 4, 0);
}
static int wrc_out(unsigned i) {
  (void)i;
  unsigned v[] = {R(2)[0], R(1)[0], R(1)[1]};
  return pack(v, 3, 0);
}

struct shape {
  const char *name;
  void (*body)(unsigned me);
  int (*outcome)(unsigned instance);
  unsigned instances, digits, base; /* base: value printed for a 0 digit */
  unsigned counts[17];              /* [16]: out-of-range values */
};
static struct shape shapes[] = {
    {"SB", sb, sb_out, 2, 2, 0, {0}},       {"MP", mp, mp_out, 2, 2, 0, {0}},
    {"LB", lb, sb_out, 2, 2, 0, {0}},       {"2+2W", w22, w22_out, 2, 2, 1, {0}},
    {"IRIW", iriw, iriw_out, 1, 4, 0, {0}}, {"WRC", wrc, wrc_out, 1, 3, 0, {0}},
};
#define NUM_SHAPES (sizeof shapes / sizeof shapes[0])

static void reset(void) {
  for (unsigned i = 0; i < 2; ++i)
    for (unsigned k = 0; k < 4; ++k) vars[i][k].v = 0;
  for (unsigned c = 0; c < LITMUS_CPUS; ++c)
    for (unsigned k = 0; k < 4; ++k) results[c].r[k] = NOT_RUN;
}

static void tally(struct shape *s) {
  for (unsigned i = 0; i < s->instances; ++i) {
    int idx = s->outcome(i);
    ++s->counts[idx < 0 ? 16 : idx];
  }
  reset();
}

static void run_all(unsigned me) {
  for (unsigned n = 0; n < NUM_SHAPES; ++n) {
    for (unsigned it = 0; it < ITERATIONS; ++it) {
      barrier(me);
      random_delay(me);
      shapes[n].body(me);
      barrier(me);
      if (me == 0) tally(&shapes[n]); /* the others wait at the next barrier */
    }
  }
  barrier(me);
  unsigned failures = 0;
  for (unsigned k = 0; k < LLSC_PER_CPU; ++k) {
    small_delay(me);
    failures += llsc_increment(&llsc_counter.v);
  }
  results[me].r[0] = failures;
  barrier(me);
}

static void print_shape(const struct shape *s) {
  rt_printf("%s iterations=%u", s->name, ITERATIONS * s->instances);
  for (unsigned idx = 0; idx < (1u << s->digits); ++idx) {
    rt_printf(" ");
    for (unsigned d = s->digits; d-- > 0;) rt_printf("%u", s->base + ((idx >> d) & 1));
    rt_printf("=%u", s->counts[idx]);
  }
  rt_printf(" bad=%u\n", s->counts[16]);
}

int main(void) {
  if (rt_num_cpus() < LITMUS_CPUS) {
    rt_printf("litmus needs %u CPUs, the board has %u\n", LITMUS_CPUS, rt_num_cpus());
    return 2;
  }
  reset();
  for (unsigned c = 1; c < LITMUS_CPUS; ++c)
    if (rt_start_cpu(c, run_all, stacks[c] + STACK_BYTES) != 0) {
      rt_printf("cannot start cpu %u\n", c);
      return 1;
    }
  run_all(0);
  for (unsigned n = 0; n < NUM_SHAPES; ++n) print_shape(&shapes[n]);
  unsigned failures = 0;
  for (unsigned c = 0; c < LITMUS_CPUS; ++c) failures += results[c].r[0];
  rt_printf("LLSC cpus=%u per_cpu=%u counter=%u sc_failures=%u\n", LITMUS_CPUS, LLSC_PER_CPU, llsc_counter.v,
            failures);
  return 0;
}
