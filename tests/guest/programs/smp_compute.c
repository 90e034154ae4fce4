/* smp_compute.c - N independent processes of pure computation (no system
 * calls inside the loop): fork N, each runs the same integer kernel, wait for
 * all.  Prints the combined checksum (the same for every CPU count) and, on
 * a line of its own, the simulated time the whole took by CLOCK_MONOTONIC
 * ("elapsed_ns N"), which the SMP test compares across CPU counts.
 *
 * usage: smp_compute NPROC ITERATIONS.  Exits 0 if every child agreed. */
#include "abi.h"
#include <stdint.h>
#include <time.h>

static uint64_t work(uint64_t seed, long iters) {
  uint64_t x = seed, acc = 0;
  for (long i = 0; i < iters; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    acc += x % 1000003;
  }
  return acc;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 8;
  long iters = argc > 2 ? atol(argv[2]) : 1000000;
  int fds[2];
  pipe(fds);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (int i = 0; i < n; i++) {
    if (fork() == 0) {
      uint64_t r = work(88172645463325252ull + i, iters);
      uint64_t msg[2] = {(uint64_t)i, r};
      write(fds[1], msg, sizeof msg);
      _exit(0);
    }
  }
  int bad = 0, st;
  for (int i = 0; i < n; i++) {
    wait(&st);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) bad++;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  uint64_t sum = 0;
  for (int i = 0; i < n; i++) {
    uint64_t msg[2];
    if (read(fds[0], msg, sizeof msg) != sizeof msg) bad++;
    sum += msg[1] * (msg[0] + 1);
  }
  say("processes %d, iterations %ld, checksum %016llx, bad %d\n", n, iters, (unsigned long long)sum, bad);
  say("elapsed_ns %lld\n", (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec));
  return bad ? 1 : 0;
}
