/* hello.c - the demo the README's first command boots: a freestanding
 * program on the bare simulated machine that prints through the console
 * UART, computes a little, and exits through the sim-control device. */
#include "rt.h"

/* Sieve of Eratosthenes: enough work to show the statistics moving. */
static unsigned count_primes(unsigned limit) {
  static unsigned char composite[100000];
  unsigned count = 0;
  for (unsigned i = 2; i < limit; ++i) {
    if (composite[i]) continue;
    ++count;
    for (unsigned j = i * 2; j < limit; j += i) composite[j] = 1;
  }
  return count;
}

static uint64_t fib(unsigned n) {
  uint64_t a = 0, b = 1;
  while (n--) {
    uint64_t t = a + b;
    a = b, b = t;
  }
  return a;
}

int main(void) {
  rt_printf("Hello from a MIPS R10000 on discosim!\n");
  rt_printf("primes below 100000: %u\n", count_primes(100000));
  rt_printf("fib(90) = %llu (0x%llx)\n", (unsigned long long)fib(90), (unsigned long long)fib(90));
  rt_printf("sizeof(void *) = %u, byte order: %s\n", (unsigned)sizeof(void *),
            *(const unsigned char *)&(const uint32_t){1} ? "little-endian" : "big-endian");
  return 0;
}
