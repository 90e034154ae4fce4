/* sys_time.c - clocks, sleeps and CPU-time accounting as programs see them:
 * clock_gettime/getres/nanosleep, nanosleep, gettimeofday, time, times,
 * getrusage.
 *
 * Every clock is simulated time (ktime.h): the monotonic clocks count
 * nanoseconds since the machine started, the real-time clocks add a fixed
 * boot epoch.  CPU clocks come from the scheduler's accounting (utime/stime
 * of each task, charged at every switch and kernel entry/exit).  Sleeps end
 * at the first timer tick (10 ms) after their deadline. */
#include "ktime.h"
#include "lib.h"
#include "linux_n64.h"
#include "signal.h"
#include "syscall.h"
#include "task.h"
#include "uaccess.h"
#include "vm.h"
#include "wait.h"

#define NSEC 1000000000ull

/* ---- user time structures ----------------------------------------------------- */
_Static_assert(LINUX_TIMESPEC_SIZE == 16 && LINUX_TIMESPEC_OFF_NSEC == 8, "timespec layout");
_Static_assert(LINUX_TIMEVAL_SIZE == 16 && LINUX_TIMEVAL_OFF_USEC == 8, "timeval layout");

int timespec_get(uaddr_t uts, u64 *ns) {
  i64 ts[2];
  if (copy_from_user(ts, uts, sizeof ts) < 0) return -LINUX_EFAULT;
  if (ts[0] < 0 || ts[1] < 0 || ts[1] >= (i64)NSEC) return -LINUX_EINVAL;
  *ns = (u64)ts[0] > (~0ull - NSEC) / NSEC ? ~0ull : (u64)ts[0] * NSEC + (u64)ts[1];
  return 0;
}

int timespec_put(uaddr_t uts, u64 ns) {
  i64 ts[2] = {(i64)(ns / NSEC), (i64)(ns % NSEC)};
  return copy_to_user(uts, ts, sizeof ts);
}

static int timeval_put(uaddr_t utv, u64 ns) {
  i64 tv[2] = {(i64)(ns / NSEC), (i64)(ns % NSEC / 1000)};
  return copy_to_user(utv, tv, sizeof tv);
}

/* ---- CPU time -------------------------------------------------------------------- */
/* Brings current's counters up to now (it is in the kernel: system time). */
static void account_current(void) {
  push_off();
  task_account(current, false);
  pop_off();
}

/* User and system time of p: its exited tasks plus the live ones (proc_lock
 * held).  A task that is exiting may briefly count twice. */
static void process_times(struct process *p, u64 *ut, u64 *st) {
  *ut = p->utime_ns, *st = p->stime_ns;
  for (int i = 0; i < NTASK; i++) {
    struct task *t = &task_table[i];
    enum task_state s = __atomic_load_n(&t->state, __ATOMIC_RELAXED);
    if (t->proc != p || s == T_UNUSED || s == T_EMBRYO || s == T_ZOMBIE) continue;
    *ut += t->utime_ns, *st += t->stime_ns;
  }
}

/* CPU nanoseconds of a CPU clock: the process (or thread) clocks, and the
 * negative ids glibc builds for other pids and tids (~id << 3 | per-thread 4 |
 * type; every type reads user + system time).  -EINVAL if none. */
static long cpu_clock_ns(int clk, u64 *ns) {
  bool thread = clk == LINUX_CLOCK_THREAD_CPUTIME_ID || (clk < 0 && (clk & 4));
  int id = clk < 0 ? ~(clk >> 3) : 0;
  if (clk < 0 && (clk & 3) == 3) return -LINUX_EINVAL;
  account_current();
  long r = 0;
  spin_lock(&proc_lock);
  if (thread) {
    struct task *t = id ? task_by_tid(id) : current;
    if (!t || t->proc != current->proc) r = -LINUX_EINVAL;
    else *ns = task_cpu_ns(t);
  } else {
    struct process *p = id ? process_by_pid(id) : current->proc;
    u64 ut, st;
    if (!p || p->zombie) r = -LINUX_EINVAL;
    else process_times(p, &ut, &st), *ns = ut + st;
  }
  spin_unlock(&proc_lock);
  return r;
}

/* The value of clock clk now, in nanoseconds; -EINVAL for an unknown clock. */
static long clock_now(int clk, u64 *ns) {
  switch (clk) {
    case LINUX_CLOCK_REALTIME:
    case LINUX_CLOCK_REALTIME_COARSE:
    case LINUX_CLOCK_REALTIME_ALARM:
    case LINUX_CLOCK_TAI: *ns = ktime_epoch() * NSEC + ktime_ns(); return 0;
    case LINUX_CLOCK_MONOTONIC:
    case LINUX_CLOCK_MONOTONIC_RAW:
    case LINUX_CLOCK_MONOTONIC_COARSE:
    case LINUX_CLOCK_BOOTTIME:
    case LINUX_CLOCK_BOOTTIME_ALARM: *ns = ktime_ns(); return 0;
    case LINUX_CLOCK_PROCESS_CPUTIME_ID:
    case LINUX_CLOCK_THREAD_CPUTIME_ID: return cpu_clock_ns(clk, ns);
    default: return clk < 0 ? cpu_clock_ns(clk, ns) : -LINUX_EINVAL;
  }
}

SYSCALL(clock_gettime) {
  u64 ns;
  long r = clock_now((int)arg[0], &ns);
  return r < 0 ? r : timespec_put(arg[1], ns);
}

/* Every clock ticks in nanoseconds of simulated time. */
SYSCALL(clock_getres) {
  u64 ns;
  long r = clock_now((int)arg[0], &ns);
  if (r < 0) return r;
  return arg[1] ? timespec_put(arg[1], 1) : 0;
}

SYSCALL(gettimeofday) {
  if (arg[0] && timeval_put(arg[0], ktime_epoch() * NSEC + ktime_ns()) < 0) return -LINUX_EFAULT;
  if (arg[1]) {
    i32 tz[2] = {0, 0};   /* UTC, no daylight saving */
    if (copy_to_user(arg[1], tz, sizeof tz) < 0) return -LINUX_EFAULT;
  }
  return 0;
}

SYSCALL(time) {
  i64 now = (i64)ktime_wall_sec();
  if (arg[0] && copy_to_user(arg[0], &now, sizeof now) < 0) return -LINUX_EFAULT;
  return now;
}

/* ---- sleeping --------------------------------------------------------------------- */
static char sleep_chan;   /* nobody wakes it: sleepers leave by deadline or signal */

/* Sleeps until the monotonic deadline (ns since boot).  0, or -EINTR when a
 * signal must be handled first. */
static int sleep_until_ns(u64 deadline) {
  if (deadline == 0) deadline = 1;
  spin_lock(&sched_lock);
  int r = 0;
  while (ktime_ns() < deadline) {
    if (sleep_until(&sleep_chan, &sched_lock, deadline, true) == -LINUX_EINTR) {
      r = -LINUX_EINTR;
      break;
    }
  }
  spin_unlock(&sched_lock);
  return r;
}

/* clock_nanosleep(clk, flags, req, rem).  An interrupted sleep writes the
 * time left to rem (relative sleeps) and returns -ERESTARTNOHAND: -EINTR when
 * a handler runs, else (stop and continue) the call restarts.  Linux restarts
 * a relative sleep with the time left (restart_block); ours sleeps the whole
 * request again - the only deviation, seen only after SIGSTOP/SIGCONT. */
SYSCALL(clock_nanosleep) {
  int clk = (int)arg[0];
  bool abs = arg[1] & LINUX_TIMER_ABSTIME;
  if (clk != LINUX_CLOCK_REALTIME && clk != LINUX_CLOCK_MONOTONIC && clk != LINUX_CLOCK_BOOTTIME &&
      clk != LINUX_CLOCK_TAI && clk != LINUX_CLOCK_REALTIME_ALARM && clk != LINUX_CLOCK_BOOTTIME_ALARM)
    return -LINUX_EINVAL;
  u64 req;
  int r = timespec_get(arg[2], &req);
  if (r < 0) return r;
  u64 now = ktime_ns(), deadline;
  bool realtime = clk == LINUX_CLOCK_REALTIME || clk == LINUX_CLOCK_TAI || clk == LINUX_CLOCK_REALTIME_ALARM;
  if (!abs) deadline = req > ~0ull - now ? ~0ull : now + req;
  else if (realtime) deadline = req > ktime_epoch() * NSEC ? req - ktime_epoch() * NSEC : 1;
  else deadline = req ? req : 1;
  if (sleep_until_ns(deadline) == 0) return 0;
  if (!abs && arg[3]) {
    u64 t = ktime_ns();
    if (timespec_put(arg[3], deadline > t ? deadline - t : 0) < 0) return -LINUX_EFAULT;
  }
  return -ERESTARTNOHAND;
}

SYSCALL(nanosleep) {
  u64 a[4] = {LINUX_CLOCK_MONOTONIC, 0, arg[0], arg[1]};
  return sys_clock_nanosleep(a);
}

/* ---- accounting reports ------------------------------------------------------------ */
#define NS_PER_TICK (NSEC / HZ)

/* times(buf): the process's and its reaped children's times in clock ticks
 * (100 Hz); returns the ticks since boot. */
SYSCALL(times) {
  if (arg[0]) {
    account_current();
    i64 tms[4];
    _Static_assert(LINUX_TMS_SIZE == sizeof tms && LINUX_TMS_OFF_CSTIME == 24, "tms layout");
    u64 ut, st;
    spin_lock(&proc_lock);
    struct process *p = current->proc;
    process_times(p, &ut, &st);
    tms[0] = (i64)(ut / NS_PER_TICK), tms[1] = (i64)(st / NS_PER_TICK);
    tms[2] = (i64)(p->cutime_ns / NS_PER_TICK), tms[3] = (i64)(p->cstime_ns / NS_PER_TICK);
    spin_unlock(&proc_lock);
    if (copy_to_user(arg[0], tms, sizeof tms) < 0) return -LINUX_EFAULT;
  }
  return (long)(ktime_ns() / NS_PER_TICK);
}

/* getrusage(who, ru): utime and stime from the accounting; ru_maxrss is the
 * address space's current resident size (the kernel keeps no peak), 0 for
 * RUSAGE_CHILDREN; the other counters are 0. */
SYSCALL(getrusage) {
  int who = (int)arg[0];
  u64 ut, st, rss_kb = current->vm ? __atomic_load_n(&current->vm->rss_pages, __ATOMIC_RELAXED) * (PAGE_SIZE / 1024) : 0;
  account_current();
  spin_lock(&proc_lock);
  if (who == LINUX_RUSAGE_SELF) process_times(current->proc, &ut, &st);
  else if (who == LINUX_RUSAGE_THREAD) ut = current->utime_ns, st = current->stime_ns;
  else if (who == LINUX_RUSAGE_CHILDREN) ut = current->proc->cutime_ns, st = current->proc->cstime_ns, rss_kb = 0;
  else {
    spin_unlock(&proc_lock);
    return -LINUX_EINVAL;
  }
  spin_unlock(&proc_lock);
  u8 ru[LINUX_RUSAGE_SIZE];
  memset(ru, 0, sizeof ru);
  i64 tv[4] = {(i64)(ut / NSEC), (i64)(ut % NSEC / 1000), (i64)(st / NSEC), (i64)(st % NSEC / 1000)};
  memcpy(ru + LINUX_RUSAGE_OFF_UTIME, tv, 16);
  memcpy(ru + LINUX_RUSAGE_OFF_STIME, tv + 2, 16);
  memcpy(ru + LINUX_RUSAGE_OFF_MAXRSS, &rss_kb, 8);
  return copy_to_user(arg[1], ru, sizeof ru);
}
