/* mp_hello.c - the multiprocessor demo: CPU 0 starts every other CPU through
 * the boot protocol (sim/devices/cpu_control.h); each CPU prints a line in
 * turn, then adds its share to a counter with an LL/SC atomic; CPU 0 checks
 * the sum and exits. */
#include "rt.h"

#define MAX_CPUS 128
#define STACK_BYTES 8192
#define ADDS_PER_CPU 1000

static uint8_t stacks[MAX_CPUS][STACK_BYTES] __attribute__((aligned(16)));
static volatile unsigned turn;        /* whose turn it is to print */
static volatile unsigned finished;    /* CPUs done adding */
static uint64_t counter;              /* updated only with LL/SC atomics */

static void say_hello_and_add(unsigned me) {
  while (turn != me) {
  }
  rt_printf("hello from cpu %u of %u\n", me, rt_num_cpus());
  __atomic_store_n(&turn, me + 1, __ATOMIC_SEQ_CST);
  for (unsigned i = 0; i < ADDS_PER_CPU; ++i) __atomic_fetch_add(&counter, me + 1, __ATOMIC_SEQ_CST);
  __atomic_fetch_add(&finished, 1, __ATOMIC_SEQ_CST);
}

int main(void) {
  unsigned n = rt_num_cpus();
  if (n > MAX_CPUS) n = MAX_CPUS;
  for (unsigned c = 1; c < n; ++c)
    if (rt_start_cpu(c, say_hello_and_add, stacks[c] + STACK_BYTES) != 0) {
      rt_printf("cannot start cpu %u\n", c);
      return 1;
    }
  say_hello_and_add(0);
  while (finished != n) {
  }
  uint64_t expected = (uint64_t)ADDS_PER_CPU * n * (n + 1) / 2;
  rt_printf("%u CPUs added %llu (expected %llu): %s\n", n, (unsigned long long)counter,
            (unsigned long long)expected, counter == expected ? "ok" : "WRONG");
  return counter == expected ? 0 : 1;
}
