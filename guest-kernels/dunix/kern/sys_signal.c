/* sys_signal.c - the signal system calls: actions, masks, waiting for
 * signals, the alternate stack, sending (kill, tkill, tgkill,
 * rt_sigqueueinfo), and the ITIMER_REAL timer behind alarm and setitimer.
 *
 * Signal sets are MIPS's 128-bit sigset_t (sigsetsize 16); the kernel keeps
 * signals 1..64, so the upper word reads as 0 and is ignored when written.
 * Posting, delivery and frames are kern/signal.c.
 *
 * Locks: itimer_lock guards the timer table; take proc_lock before it. */
#include "ktime.h"
#include "lib.h"
#include "linux_n64.h"
#include "signal.h"
#include "syscall.h"
#include "task.h"
#include "uaccess.h"
#include "wait.h"

#define CANT_MASK (SIGBIT(LINUX_SIGKILL) | SIGBIT(LINUX_SIGSTOP))
#define NSEC 1000000000ull

static int get_sigset(uaddr_t uset, u64 *set) {
  u64 s[2];
  if (copy_from_user(s, uset, sizeof s) < 0) return -LINUX_EFAULT;
  *set = s[0];
  return 0;
}
static int put_sigset(uaddr_t uset, u64 set) {
  u64 s[2] = {set, 0};
  return copy_to_user(uset, s, sizeof s);
}

/* ---- actions and masks -------------------------------------------------------- */
/* rt_sigaction(sig, act, oact, sigsetsize): MIPS's struct sigaction is
 * u32 flags, (pad), handler, u64 mask[2]. */
SYSCALL(rt_sigaction) {
  int sig = (int)arg[0];
  if (arg[3] != LINUX_SIGSET_SIZE) return -LINUX_EINVAL;
  u8 buf[LINUX_SIGACTION_SIZE];
  struct sigaction_k act, old;
  if (arg[1]) {
    if (copy_from_user(buf, arg[1], sizeof buf) < 0) return -LINUX_EFAULT;
    u32 flags;
    memcpy(&flags, buf + LINUX_SIGACTION_OFF_FLAGS, 4);
    memcpy(&act.handler, buf + LINUX_SIGACTION_OFF_HANDLER, 8);
    memcpy(&act.mask, buf + LINUX_SIGACTION_OFF_MASK, 8);
    act.flags = flags;
  }
  int r = signal_action(sig, arg[1] ? &act : NULL, arg[2] ? &old : NULL);
  if (r < 0 || !arg[2]) return r;
  memset(buf, 0, sizeof buf);
  u32 flags = (u32)old.flags;
  memcpy(buf + LINUX_SIGACTION_OFF_FLAGS, &flags, 4);
  memcpy(buf + LINUX_SIGACTION_OFF_HANDLER, &old.handler, 8);
  memcpy(buf + LINUX_SIGACTION_OFF_MASK, &old.mask, 8);
  return copy_to_user(arg[2], buf, sizeof buf);
}

SYSCALL(rt_sigprocmask) {
  if (arg[3] != LINUX_SIGSET_SIZE) return -LINUX_EINVAL;
  u64 old = current->blocked, set;
  if (arg[1]) {
    if (get_sigset(arg[1], &set) < 0) return -LINUX_EFAULT;
    switch (arg[0]) {
      case LINUX_SIG_BLOCK: set |= old; break;
      case LINUX_SIG_UNBLOCK: set = old & ~set; break;
      case LINUX_SIG_SETMASK: break;
      default: return -LINUX_EINVAL;
    }
    signal_set_blocked(set);
  }
  return arg[2] ? put_sigset(arg[2], old) : 0;
}

/* Returns SYSCALL_KEEP_REGS: every register, v0 and a3 included, is the
 * interrupted context's (kern/syscall.c stores no result). */
SYSCALL(rt_sigreturn) {
  (void)arg;
  return signal_return(current->tf);
}

SYSCALL(rt_sigpending) {
  if (arg[1] != LINUX_SIGSET_SIZE) return -LINUX_EINVAL;
  struct task *t = current;
  spin_lock(&sched_lock);
  u64 set = (t->pending | t->proc->shared_pending) & t->blocked;
  spin_unlock(&sched_lock);
  return put_sigset(arg[0], set);
}

/* ---- waiting for a signal --------------------------------------------------------- */
static char pause_chan;   /* never woken by name: signals wake the sleeper */

/* Sleeps until current has a signal to act on. */
static void wait_for_signal(void) {
  spin_lock(&sched_lock);
  while (!signal_pending(current)) sleep_until(&pause_chan, &sched_lock, 0, true);
  spin_unlock(&sched_lock);
}

SYSCALL(pause) {
  (void)arg;
  wait_for_signal();
  return -ERESTARTNOHAND;
}

/* rt_sigsuspend(mask, sigsetsize): waits under mask; the old mask comes
 * back after the handler (signal_deliver uses saved_mask). */
SYSCALL(rt_sigsuspend) {
  u64 mask;
  if (arg[1] != LINUX_SIGSET_SIZE) return -LINUX_EINVAL;
  if (get_sigset(arg[0], &mask) < 0) return -LINUX_EFAULT;
  struct task *t = current;
  t->saved_mask = t->blocked;
  t->restore_mask = true;
  signal_set_blocked(mask);
  wait_for_signal();
  return -ERESTARTNOHAND;
}

/* rt_sigtimedwait(set, info, timeout, sigsetsize): takes a pending signal of
 * set, waiting (with set unblocked) until one comes, the timeout passes
 * (-EAGAIN) or another signal interrupts (-EINTR). */
SYSCALL(rt_sigtimedwait) {
  u64 set, code, value = 0, rel = 0;
  if (arg[3] != LINUX_SIGSET_SIZE) return -LINUX_EINVAL;
  if (get_sigset(arg[0], &set) < 0) return -LINUX_EFAULT;
  set &= ~CANT_MASK;
  if (arg[2]) {
    int r = timespec_get(arg[2], &rel);
    if (r < 0) return r;
  }
  struct task *t = current;
  int sig = signal_dequeue(set, &code, &value);
  if (!sig && !(arg[2] && rel == 0)) {
    u64 deadline = arg[2] ? ktime_ns() + rel : 0;
    u64 old = t->blocked;
    signal_set_blocked(old & ~set);
    spin_lock(&sched_lock);
    while (!((t->pending | t->proc->shared_pending) & set)) {
      if (sleep_until(&pause_chan, &sched_lock, deadline, true) < 0) break;
    }
    spin_unlock(&sched_lock);
    signal_set_blocked(old);
    sig = signal_dequeue(set, &code, &value);
    if (!sig && !(deadline && ktime_ns() >= deadline)) return -LINUX_EINTR;
  }
  if (!sig) return -LINUX_EAGAIN;
  if (arg[1]) {
    u8 info[LINUX_SIGINFO_SIZE];
    memset(info, 0, sizeof info);
    signal_fill_info(info, sig, code, value);
    if (copy_to_user(arg[1], info, sizeof info) < 0) return -LINUX_EFAULT;
  }
  return sig;
}

/* ---- the alternate stack ---------------------------------------------------------- */
/* sigaltstack(ss, oss): MIPS's stack_t is ss_sp, ss_size, ss_flags. */
SYSCALL(sigaltstack) {
  struct task *t = current;
  u64 sp = t->tf->regs[REG_SP];
  bool on = signal_on_altstack(t, sp);
  _Static_assert(LINUX_STACK_OFF_SP == 0 && LINUX_STACK_OFF_SIZE == 8 && LINUX_STACK_OFF_FLAGS == 16, "stack_t");
  u64 ss[3];
  if (arg[0] && copy_from_user(ss, arg[0], sizeof ss) < 0) return -LINUX_EFAULT;
  if (arg[1]) {
    u64 o[3] = {t->altstack_sp, t->altstack_size, 0};
    u32 flags = !t->altstack_size || (t->altstack_flags & LINUX_SS_DISABLE) ? LINUX_SS_DISABLE
                : on ? LINUX_SS_ONSTACK : 0;
    flags |= t->altstack_flags & LINUX_SS_AUTODISARM;
    memcpy(&o[2], &flags, 4);
    if (copy_to_user(arg[1], o, sizeof o) < 0) return -LINUX_EFAULT;
  }
  if (!arg[0]) return 0;
  if (on) return -LINUX_EPERM;
  u32 flags;
  memcpy(&flags, &ss[2], 4);
  u32 mode = flags & ~(u32)LINUX_SS_AUTODISARM;
  if (mode == LINUX_SS_DISABLE) {
    t->altstack_sp = t->altstack_size = 0;
    t->altstack_flags = LINUX_SS_DISABLE;
    return 0;
  }
  if (mode != 0 && mode != LINUX_SS_ONSTACK) return -LINUX_EINVAL;
  if (ss[1] < LINUX_MINSIGSTKSZ) return -LINUX_ENOMEM;
  t->altstack_sp = ss[0], t->altstack_size = ss[1];
  t->altstack_flags = flags & LINUX_SS_AUTODISARM;
  return 0;
}

/* ---- sending -------------------------------------------------------------------------- */
/* kill's targets: pid > 0 one process (or the process of thread pid), 0 the
 * caller's group, -1 every process but init and the caller, < -1 group -pid.
 * sig 0 only checks that a target exists. */
static long kill_with_value(long pid, int sig, int code, u64 value) {
  if (sig < 0 || sig > 64) return -LINUX_EINVAL;
  struct process *me = current->proc;
  long r = 0;
  spin_lock(&proc_lock);
  if (pid > 0) {
    struct process *p = process_by_pid((int)pid);
    struct task *t = p ? NULL : task_by_tid((int)pid);
    if (t) p = t->proc;
    if (!p) r = -LINUX_ESRCH;
    else if (sig) signal_send_process_value(p, sig, code, me->pid, value);
  } else if (pid == -1) {
    int n = 0;
    for (int i = 0; i < NTASK; i++) {
      struct process *p = process_at(i);
      if (p->pid <= 1 || p->reaped || p->zombie || p == me) continue;
      if (sig) signal_send_process_value(p, sig, code, me->pid, value);
      n++;
    }
    r = n ? 0 : -LINUX_ESRCH;
  } else {
    r = signal_send_pgrp(pid == 0 ? me->pgid : (int)-pid, sig, code, me->pid);
  }
  spin_unlock(&proc_lock);
  return r;
}

static long kill_with_code(long pid, int sig, int code) { return kill_with_value(pid, sig, code, 0); }

SYSCALL(kill) { return kill_with_code((long)arg[0], (int)arg[1], LINUX_SI_USER); }

/* tgkill(tgid, tid, sig) and tkill(tid, sig) (tgid -1: any process). */
static long thread_kill(int tgid, int tid, int sig) {
  if (tid <= 0 || sig < 0 || sig > 64) return -LINUX_EINVAL;
  long r = 0;
  spin_lock(&proc_lock);
  struct task *t = task_by_tid(tid);
  if (!t || (tgid > 0 && t->proc->pid != tgid)) r = -LINUX_ESRCH;
  else if (sig) signal_send_task(t, sig, LINUX_SI_TKILL, current->proc->pid);
  spin_unlock(&proc_lock);
  return r;
}

SYSCALL(tkill) { return thread_kill(-1, (int)arg[0], (int)arg[1]); }
SYSCALL(tgkill) {
  if ((long)arg[0] <= 0) return -LINUX_EINVAL;
  return thread_kill((int)arg[0], (int)arg[1], (int)arg[2]);
}

/* rt_sigqueueinfo(tgid, sig, info): kill with the caller's si_code (the
 * value it carries is not kept).  Only SI_QUEUE-like (negative) codes may be
 * sent to another process, as Linux. */
SYSCALL(rt_sigqueueinfo) {
  i32 code;
  if (copy_from_user(&code, arg[2] + LINUX_SIGINFO_OFF_CODE, 4) < 0) return -LINUX_EFAULT;
  if ((code >= 0 || code == LINUX_SI_TKILL) && (long)arg[0] != current->proc->pid) return -LINUX_EPERM;
  if ((long)arg[0] <= 0) return -LINUX_EINVAL;
  u64 value;
  if (copy_from_user(&value, arg[2] + LINUX_SIGINFO_OFF_VALUE, 8) < 0) return -LINUX_EFAULT;
  return kill_with_value((long)arg[0], (int)arg[1], code, value);
}

/* ---- ITIMER_REAL and alarm ----------------------------------------------------------- */
/* One real-time interval timer per process, in simulated time and checked
 * every tick (10 ms), so it fires up to a tick late.  An entry names its
 * process by pointer and pid: a process that has gone (or a reused slot)
 * no longer matches and the entry is dropped.  ITIMER_VIRTUAL and
 * ITIMER_PROF are not implemented (-EINVAL). */
struct itimer {
  struct process *p;   /* NULL: free */
  int pid;
  u64 deadline_ns;     /* 0: disarmed */
  u64 interval_ns;
};
static struct spinlock itimer_lock = SPINLOCK_INIT("itimer");
static struct itimer itimers[NTASK];   /* itimer_lock */
static u32 itimers_armed;              /* a hint for the tick: entries with a deadline */

/* The entry of p, or a free one for it if `make` (proc_lock and itimer_lock held). */
static struct itimer *itimer_of(struct process *p, bool make) {
  struct itimer *spare = NULL;
  for (int i = 0; i < NTASK; i++) {
    struct itimer *e = &itimers[i];
    if (e->p == p && e->pid == p->pid) return e;
    bool stale = e->p && (process_by_pid(e->pid) != e->p || e->p->zombie);
    if (!spare && (!e->p || stale || !e->deadline_ns)) spare = e;
  }
  if (!make || !spare) return NULL;
  if (spare->deadline_ns) itimers_armed--;
  *spare = (struct itimer){.p = p, .pid = p->pid};
  return spare;
}

/* Reads and/or sets the caller's ITIMER_REAL (ns; value 0 disarms). */
static void itimer_real(const u64 *new_value, const u64 *new_interval, u64 *old_value, u64 *old_interval) {
  struct process *p = current->proc;
  u64 now = ktime_ns();
  spin_lock(&proc_lock);
  spin_lock(&itimer_lock);
  struct itimer *e = itimer_of(p, new_value && *new_value);
  *old_value = e && e->deadline_ns ? (e->deadline_ns > now ? e->deadline_ns - now : 1) : 0;
  *old_interval = e ? e->interval_ns : 0;
  if (new_value && e) {
    if (e->deadline_ns) itimers_armed--;
    e->deadline_ns = *new_value ? now + *new_value : 0;
    e->interval_ns = *new_interval;
    if (e->deadline_ns) itimers_armed++;
  }
  spin_unlock(&itimer_lock);
  spin_unlock(&proc_lock);
}

static int timeval_get(uaddr_t a, u64 *ns) {
  i64 tv[2];
  if (copy_from_user(tv, a, sizeof tv) < 0) return -LINUX_EFAULT;
  if (tv[0] < 0 || tv[1] < 0 || tv[1] >= 1000000) return -LINUX_EINVAL;
  *ns = (u64)tv[0] * NSEC + (u64)tv[1] * 1000;
  return 0;
}
static int itimerval_put(uaddr_t a, u64 interval, u64 value) {
  i64 v[4] = {(i64)(interval / NSEC), (i64)(interval % NSEC / 1000), (i64)(value / NSEC), (i64)(value % NSEC / 1000)};
  _Static_assert(LINUX_ITIMERVAL_SIZE == sizeof v && LINUX_ITIMERVAL_OFF_VALUE == 16, "itimerval");
  return copy_to_user(a, v, sizeof v);
}

SYSCALL(setitimer) {
  if (arg[0] != LINUX_ITIMER_REAL) return -LINUX_EINVAL;
  u64 interval = 0, value = 0, ov, oi;
  if (arg[1]) {
    int r = timeval_get(arg[1] + LINUX_ITIMERVAL_OFF_INTERVAL, &interval);
    if (r == 0) r = timeval_get(arg[1] + LINUX_ITIMERVAL_OFF_VALUE, &value);
    if (r < 0) return r;
  }
  itimer_real(&value, &interval, &ov, &oi);
  return arg[2] ? itimerval_put(arg[2], oi, ov) : 0;
}

SYSCALL(getitimer) {
  if (arg[0] != LINUX_ITIMER_REAL) return -LINUX_EINVAL;
  u64 ov, oi;
  itimer_real(NULL, NULL, &ov, &oi);
  return itimerval_put(arg[1], oi, ov);
}

/* alarm(seconds): the seconds left of the previous alarm, rounded to nearest
 * (at least 1 if one was pending), as Linux. */
SYSCALL(alarm) {
  u64 value = (arg[0] & 0xFFFFFFFFull) * NSEC, interval = 0, ov, oi;
  itimer_real(&value, &interval, &ov, &oi);
  if (!ov) return 0;
  u64 s = (ov + NSEC / 2) / NSEC;
  return (long)(s ? s : 1);
}

/* Whether any process has an alarm running (the scheduler keeps CPU 0's
 * timer ticking while one does). */
bool itimer_any_armed(void) { return __atomic_load_n(&itimers_armed, __ATOMIC_RELAXED) != 0; }

/* The timer interrupt on CPU 0: SIGALRM to each process whose timer expired. */
void itimer_tick(u64 now_ns) {
  if (!__atomic_load_n(&itimers_armed, __ATOMIC_RELAXED)) return;
  for (int i = 0; i < NTASK; i++) {
    spin_lock(&itimer_lock);
    struct itimer *e = &itimers[i];
    struct process *p = e->p;
    int pid = e->pid;
    bool fire = p && e->deadline_ns && now_ns >= e->deadline_ns;
    if (fire) {
      if (e->interval_ns) {
        while (e->deadline_ns <= now_ns) e->deadline_ns += e->interval_ns;
      } else {
        e->deadline_ns = 0;
        itimers_armed--;
      }
    }
    spin_unlock(&itimer_lock);
    if (!fire) continue;
    spin_lock(&proc_lock);
    bool alive = process_by_pid(pid) == p && !p->zombie;
    if (alive) signal_send_process(p, LINUX_SIGALRM, LINUX_SI_KERNEL, 0);
    spin_unlock(&proc_lock);
    if (alive) continue;
    spin_lock(&itimer_lock);   /* its process is gone: free the entry */
    if (e->p == p && e->pid == pid) {
      if (e->deadline_ns) itimers_armed--;
      e->p = NULL, e->deadline_ns = 0;
    }
    spin_unlock(&itimer_lock);
  }
}
