/* misc.c - time and the rest: clock_gettime (MONOTONIC never goes back and
 * advances across a sleep; REALTIME and gettimeofday agree), clock_getres,
 * nanosleep and clock_nanosleep (at least the time asked), bad timespecs,
 * uname (sysname), getrandom (lengths, flags), sched_yield,
 * getrlimit/setrlimit/prlimit (set, read back, enforced for RLIMIT_NOFILE),
 * getrusage, times, sysinfo, getuid family.  Prints no times or values that
 * differ from the host, only relations.  Exits 0. */
#include "abi.h"
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>

static int64_t ns(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void test_clocks(void) {
  int64_t prev = ns(CLOCK_MONOTONIC);
  int backwards = 0;
  for (int i = 0; i < 1000; i++) {
    int64_t now = ns(CLOCK_MONOTONIC);
    if (now < prev) backwards++;
    prev = now;
  }
  say("monotonic: 1000 reads, backwards %d\n", backwards);
  int64_t t0 = ns(CLOCK_MONOTONIC);
  struct timespec req = {0, 50 * 1000 * 1000}, rem = {9, 9};
  int r = nanosleep(&req, &rem);
  int64_t dt = ns(CLOCK_MONOTONIC) - t0;
  say("nanosleep 50 ms: %d, slept at least 50 ms %d, less than 5 s %d\n", r, dt >= 50000000, dt < 5000000000LL);
  t0 = ns(CLOCK_MONOTONIC);
  r = clock_nanosleep(CLOCK_MONOTONIC, 0, &(struct timespec){0, 20000000}, NULL);
  dt = ns(CLOCK_MONOTONIC) - t0;
  say("clock_nanosleep relative 20 ms: %d, at least %d\n", r, dt >= 20000000);
  struct timespec abs;
  clock_gettime(CLOCK_MONOTONIC, &abs);
  abs.tv_nsec += 30000000;
  if (abs.tv_nsec >= 1000000000) abs.tv_sec++, abs.tv_nsec -= 1000000000;
  r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL);
  int64_t now = ns(CLOCK_MONOTONIC);
  say("clock_nanosleep absolute: %d, woke after the deadline %d\n", r,
      now >= (int64_t)abs.tv_sec * 1000000000 + abs.tv_nsec);
  errno = 0;
  say("nanosleep negative: %d %s\n", nanosleep(&(struct timespec){-1, 0}, NULL), errname(errno));
  errno = 0;
  say("nanosleep tv_nsec 1e9: %d %s\n", nanosleep(&(struct timespec){0, 1000000000}, NULL), errname(errno));
  errno = 0;
  say("clock_gettime bad clock: %d %s\n", clock_gettime((clockid_t)99, &abs), errname(errno));
  struct timespec res;
  clock_getres(CLOCK_MONOTONIC, &res);
  say("clock_getres monotonic: positive and at most 10 ms %d\n", res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 10000000);
  struct timeval tv;
  gettimeofday(&tv, NULL);
  int64_t rt = ns(CLOCK_REALTIME);
  int64_t tod = (int64_t)tv.tv_sec * 1000000000 + (int64_t)tv.tv_usec * 1000;
  say("gettimeofday vs CLOCK_REALTIME within 1 s %d; after 2020 %d; usec < 1e6 %d\n", rt - tod < 1000000000 && rt >= tod,
      tv.tv_sec > 1577836800, tv.tv_usec < 1000000);
  time_t t = time(NULL);
  /* glibc's time() may read a coarse clock (CLOCK_REALTIME_COARSE, a tick
   * behind gettimeofday on a Linux host under qemu-user): allow a second
   * either way. */
  say("time() agrees %d\n", t + 1 >= tv.tv_sec && t - tv.tv_sec <= 1);
  int64_t c0 = ns(CLOCK_PROCESS_CPUTIME_ID);
  volatile unsigned long x = 0;
  for (int i = 0; i < 200000; i++) x += i;
  say("process CPU time advances under work %d\n", ns(CLOCK_PROCESS_CPUTIME_ID) > c0);
}

static void test_misc(void) {
  struct utsname u;
  say("uname: %d sysname %s\n", uname(&u), u.sysname);
  unsigned char b[300];
  say("getrandom 16: %zd\n", getrandom(b, 16, 0));
  say("getrandom 300: %zd\n", getrandom(b, 300, 0));
  say("getrandom 0: %zd\n", getrandom(b, 0, 0));
  say("getrandom GRND_NONBLOCK 8: %zd\n", getrandom(b, 8, GRND_NONBLOCK));
  errno = 0;
  say("getrandom bad flags: %zd %s\n", getrandom(b, 8, 0x1000), errname(errno));
  unsigned char c[64];
  getrandom(b, 64, 0);
  getrandom(c, 64, 0);
  say("two draws differ %d\n", memcmp(b, c, 64) != 0);
  say("sched_yield: %d\n", sched_yield());
  say("uid %d euid %d gid %d egid %d\n", getuid() == 0, geteuid() == 0, getgid() == 0, getegid() == 0);
  struct sysinfo si;
  say("sysinfo: %d, has RAM %d, mem_unit %d\n", sysinfo(&si), si.totalram > 0, si.mem_unit >= 1);
}

static void test_limits(void) {
  struct rlimit rl;
  say("getrlimit NOFILE: %d\n", getrlimit(RLIMIT_NOFILE, &rl));
  struct rlimit set = {32, rl.rlim_max};
  say("setrlimit NOFILE 32: %d\n", setrlimit(RLIMIT_NOFILE, &set));
  getrlimit(RLIMIT_NOFILE, &rl);
  say("  reads back %lu\n", (unsigned long)rl.rlim_cur);
  errno = 0;
  say("  dup2 to fd 40: %d %s\n", dup2(0, 40), errname(errno));
  errno = 0;
  say("  F_DUPFD from 40: %d %s\n", fcntl(0, F_DUPFD, 40), errname(errno));
  int opened = 0, fd, last_errno = 0;
  int fds[64];
  while ((fd = open("/dev/null", O_RDONLY)) >= 0 && opened < 64) fds[opened++] = fd;
  last_errno = errno;
  say("  opened until %s, highest fd below 32: %d\n", errname(last_errno), opened > 0 && fds[opened - 1] == 31);
  for (int i = 0; i < opened; i++) close(fds[i]);
  set.rlim_cur = set.rlim_max + 1;
  errno = 0;
  if (set.rlim_max != RLIM_INFINITY) say("setrlimit above max: %d %s\n", setrlimit(RLIMIT_NOFILE, &set), errname(errno));
  else say("setrlimit above max: -1 EINVAL\n");
  struct rlimit old, nw = {8 << 20, RLIM_INFINITY};
  say("prlimit STACK set: %d\n", prlimit(0, RLIMIT_STACK, &nw, &old));
  prlimit(0, RLIMIT_STACK, NULL, &old);
  say("  reads back %lu MB\n", (unsigned long)(old.rlim_cur >> 20));
  errno = 0;
  say("prlimit bad resource: %d %s\n", prlimit(0, (enum __rlimit_resource)99, NULL, &old), errname(errno));
  /* a child inherits a lowered limit */
  struct rlimit np = {1, 1};
  pid_t p = fork();
  if (p == 0) {
    setrlimit(RLIMIT_NPROC, &np);
    getrlimit(RLIMIT_NPROC, &np);
    _exit(np.rlim_cur == 1 ? 0 : 1);
  }
  int st;
  waitpid(p, &st, 0);
  say("child lowered NPROC: %s\n", wstatus(st));
}

static void test_usage(void) {
  struct rusage ru;
  volatile unsigned long x = 0;
  for (int i = 0; i < 300000; i++) x += i * i;
  say("getrusage self: %d, usec fields in range %d\n", getrusage(RUSAGE_SELF, &ru),
      ru.ru_utime.tv_usec < 1000000 && ru.ru_stime.tv_usec < 1000000);
  say("  some CPU time used %d\n", ru.ru_utime.tv_sec + ru.ru_utime.tv_usec + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec > 0);
  pid_t p = fork();
  if (p == 0) {
    for (int i = 0; i < 3000000; i++) x += i;
    _exit(0);
  }
  waitpid(p, NULL, 0);
  struct rusage ch;
  say("getrusage children: %d, child time counted %d\n", getrusage(RUSAGE_CHILDREN, &ch),
      ch.ru_utime.tv_sec + ch.ru_utime.tv_usec + ch.ru_stime.tv_sec + ch.ru_stime.tv_usec > 0);
  errno = 0;
  say("getrusage bad who: %d %s\n", getrusage(42, &ru), errname(errno));
  struct tms t;
  clock_t c = times(&t);
  say("times: returned something %d, children's user time >= 0 %d\n", c != (clock_t)-1, t.tms_cutime >= 0);
}

int main(void) {
  test_clocks();
  test_misc();
  test_limits();
  test_usage();
  say("done\n");
  return 0;
}
