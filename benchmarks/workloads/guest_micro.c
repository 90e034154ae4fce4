/* guest_micro.c - the guest kernel's costs in simulated time, measured from
 * inside a user program with CLOCK_MONOTONIC (which the kernel keeps in
 * simulated nanoseconds: docs/guest-kernel.md).  Prints one line per figure:
 *
 *   syscall_ns <ns per getppid() round trip>
 *   tlbmiss_ns <extra ns per load that misses the TLB but hits the page tables>
 *   fork_exec_wait_ns <ns per fork + execve of this program + exit + wait4,
 *                      timed while the process is small: a fork copies its page tables>
 *
 * benchmarks/guest.py converts them to cycles with the machine's clock.
 *   guest_micro [ITERATIONS]      (default 20000; the child mode is "child") */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Loads one word from each of `pages` pages, `rounds` times over. */
static long long touch(volatile char *base, long pages, long rounds) {
  long long sum = 0, t0 = now_ns();
  for (long r = 0; r < rounds; r++)
    for (long p = 0; p < pages; p++) sum += base[p * 4096];
  long long t = now_ns() - t0;
  if (sum == 42) puts("");  /* keep the loads */
  return t;
}

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "child")) return 0;
  long n = argc > 1 ? atol(argv[1]) : 20000;

  long long t0 = now_ns();
  for (long i = 0; i < n; i++) getppid();
  printf("syscall_ns %.1f\n", (double)(now_ns() - t0) / n);

  long forks = n / 1000 + 1;
  fflush(stdout);
  t0 = now_ns();
  for (long i = 0; i < forks; i++) {
    pid_t c = fork();
    if (c == 0) {
      execl(argv[0], argv[0], "child", (char *)0);
      _exit(127);
    }
    int st;
    waitpid(c, &st, 0);
    if (!WIFEXITED(st) || WEXITSTATUS(st)) return 2;
  }
  printf("fork_exec_wait_ns %.0f\n", (double)(now_ns() - t0) / forks);

  /* 64 pages fit the 64-entry TLB (two pages an entry); 2048 pages do not:
   * every load then refills (the R10000 TLB has random replacement). */
  long big = 2048, small = 32, rounds = n / 200 + 1;
  char *m = mmap(0, big * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) return 1;
  for (long p = 0; p < big; p++) m[p * 4096] = 1;   /* fault every page in first */
  long long fits = touch(m, small, rounds * (big / small));
  long long misses = touch(m, big, rounds);
  printf("tlbmiss_ns %.1f\n", (double)(misses - fits) / (double)(big * rounds));

  return 0;
}
