/* signal.c - posting signals, job-control stops, and delivery through the
 * Linux/MIPS n64 rt_sigframe (include/signal.h).
 *
 *   kill/tgkill/fault/tty ──post──> t->pending or p->shared_pending ──wake──┐
 *                                                                           v
 *   return to user mode ──signal_deliver──> dequeue ──> ignore / stop / terminate
 *                                                  └──> frame on the user stack, handler
 *   handler returns to SIGPAGE_VA: `li v0, rt_sigreturn; syscall` ──signal_return──> old registers
 *
 * Locks: sched_lock guards pending sets, pending codes, t->blocked (written
 * by the task itself under it, read by posters) and the process's stop state;
 * h->lock guards a sighand's actions and is a leaf (taken with sched_lock
 * held, never the other way round).  proc_lock (before sched_lock) is taken
 * only to tell a parent about a stop or continue, and when kill needs to walk
 * processes.  Signals 1..64 exist; MIPS's 65..128 are refused (EINVAL). */
#include "kalloc.h"
#include "lib.h"
#include "linux_n64.h"
#include "signal.h"
#include "syscall.h"
#include "task.h"
#include "uaccess.h"
#include "wait.h"


/* Default action of each signal (LINUX_SIGACT_*); real-time ones terminate. */
static const u8 default_action[65] = {
#define X(name, num, act) [num] = act,
    LINUX_SIGNALS(X)
#undef X
};
static int sig_default(int sig) { return default_action[sig] ? default_action[sig] : LINUX_SIGACT_TERM; }

static u64 encode(int code, int pid) { return (u32)code | (u64)(u32)pid << 32; }

static bool live(const struct task *t) {
  return t->state == T_RUNNABLE || t->state == T_RUNNING || t->state == T_SLEEPING || t->state == T_STOPPED;
}

/* ---- dispositions ------------------------------------------------------------- */
struct sighand *sighand_alloc(void) {
  struct sighand *h = kmalloc(sizeof *h);   /* zeroed: every action SIG_DFL */
  if (!h) return NULL;
  spin_init(&h->lock, "sighand");
  h->ref = 1;
  return h;
}

struct sighand *sighand_dup(struct sighand *h) {
  struct sighand *n = sighand_alloc();
  if (!n) return NULL;
  spin_lock(&h->lock);
  memcpy(n->action, h->action, sizeof n->action);
  spin_unlock(&h->lock);
  return n;
}

/* Drops a reference.  If it is the caller's own (do_exit), its pointer is
 * cleared under sched_lock first, so a poster never reads a freed sighand. */
void sighand_put(struct sighand *h) {
  struct task *t = current;
  if (t && t->sighand == h) {
    spin_lock(&sched_lock);
    t->sighand = NULL;
    spin_unlock(&sched_lock);
  }
  if (__atomic_sub_fetch(&h->ref, 1, __ATOMIC_ACQ_REL) == 0) kfree(h);
}

/* execve: caught signals revert to SIG_DFL (ignored ones stay ignored), and
 * the caller's alternate stack is forgotten.  h is not shared with another process. */
void sighand_exec_reset(struct sighand *h) {
  spin_lock(&h->lock);
  for (int s = 1; s <= 64; s++) {
    if (h->action[s].handler != LINUX_SIG_IGN) h->action[s].handler = LINUX_SIG_DFL;
    h->action[s].flags = h->action[s].mask = 0;
  }
  spin_unlock(&h->lock);
  if (current) current->altstack_sp = current->altstack_size = current->altstack_flags = 0;
}

/* A consistent copy of t's action for sig (SIG_DFL if t has no sighand left). */
static struct sigaction_k action_of(struct task *t, int sig) {
  struct sigaction_k a = {LINUX_SIG_DFL, 0, 0};
  struct sighand *h = t->sighand;
  if (!h) return a;
  spin_lock(&h->lock);
  a = h->action[sig];
  spin_unlock(&h->lock);
  return a;
}

/* Would delivering sig to t do nothing?  (sched_lock held.) */
static bool ignored(struct task *t, int sig) {
  if (sig == LINUX_SIGKILL || sig == LINUX_SIGSTOP || !t->sighand) return false;
  u64 handler = __atomic_load_n(&t->sighand->action[sig].handler, __ATOMIC_RELAXED);
  if (handler == LINUX_SIG_IGN) return true;
  int d = sig_default(sig);
  return handler == LINUX_SIG_DFL && (d == LINUX_SIGACT_IGN || d == LINUX_SIGACT_CONT);
}

/* Drops sig from every pending set of p (sched_lock held). */
static void discard_locked(struct process *p, u64 bits) {
  p->shared_pending &= ~bits;
  for (int i = 0; i < NTASK; i++)
    if (task_table[i].proc == p) task_table[i].pending &= ~bits;
}

/* rt_sigaction's work for the current process: 0 or -EINVAL.  Setting an
 * action that ignores sig discards it where it is pending (POSIX). */
int signal_action(int sig, const struct sigaction_k *act, struct sigaction_k *old) {
  struct task *t = current;
  struct sighand *h = t->sighand;
  if (sig < 1 || sig > 64) return -LINUX_EINVAL;
  if (act && (sig == LINUX_SIGKILL || sig == LINUX_SIGSTOP)) return -LINUX_EINVAL;
  spin_lock(&h->lock);
  if (old) *old = h->action[sig];
  if (act) {
    h->action[sig] = *act;
    h->action[sig].mask &= ~CANT_MASK;
  }
  spin_unlock(&h->lock);
  if (act) {
    spin_lock(&sched_lock);
    if (ignored(t, sig)) discard_locked(t->proc, SIGBIT(sig));
    spin_unlock(&sched_lock);
  }
  return 0;
}

/* The current task's mask; SIGKILL and SIGSTOP never block. */
void signal_set_blocked(u64 mask) {
  spin_lock(&sched_lock);
  current->blocked = mask & ~CANT_MASK;
  spin_unlock(&sched_lock);
}

/* ---- posting ---------------------------------------------------------------- */
/* Makes t notice a signal: wakes an interruptible sleep, or interrupts the
 * CPU it runs on so that it passes through signal_deliver (sched_lock held). */
static void kick(struct task *t) {
  if (t->state == T_SLEEPING) sched_signal_wake(t);
  else if (t->state == T_RUNNING && t->on_cpu >= 0 && (unsigned)t->on_cpu != hal_cpu_id())
    hal_ipi_send((unsigned)t->on_cpu);
}

static u64 action_flags(struct process *p, int sig) {
  for (int i = 0; i < NTASK; i++) {
    struct task *t = &task_table[i];
    if (t->proc == p && live(t) && t->sighand) return __atomic_load_n(&t->sighand->action[sig].flags, __ATOMIC_RELAXED);
  }
  return 0;
}

/* Tells p's parent that p stopped or continued (code CLD_STOPPED or
 * CLD_CONTINUED): SIGCHLD unless the parent set SA_NOCLDSTOP, and a wakeup
 * of its wait4.  No lock but possibly proc_lock held (taken if not). */
static void notify_parent(struct process *p, int code) {
  bool had = spin_holding(&proc_lock);
  if (!had) spin_lock(&proc_lock);
  struct process *pp = p->parent;
  if (pp && !pp->zombie && !pp->reaped) {
    spin_lock(&sched_lock);
    bool quiet = action_flags(pp, LINUX_SIGCHLD) & LINUX_SA_NOCLDSTOP;
    spin_unlock(&sched_lock);
    if (!quiet)
      signal_send_process_value(pp, LINUX_SIGCHLD, code, p->pid,
                                (u64)(code == LINUX_CLD_STOPPED ? p->stop_sig : LINUX_SIGCONT));
    wakeup(pp);
  }
  if (!had) spin_unlock(&proc_lock);
}

/* What posting sig does at once, whatever the disposition: SIGCONT resumes a
 * stopped process and cancels pending stops; a stop cancels a pending
 * SIGCONT; SIGKILL wakes every thread.  True if the parent must be told of a
 * continue (sched_lock held). */
static bool post_effects(struct process *p, int sig) {
  bool resumed = false;
  if (SIGBIT(sig) & STOP_MASK) discard_locked(p, SIGBIT(LINUX_SIGCONT));
  if (sig == LINUX_SIGCONT) {
    discard_locked(p, STOP_MASK);
    if (p->stopped) {
      p->stopped = false;
      p->cont_reported = false;
      resumed = true;
    }
  }
  for (int i = 0; (resumed || sig == LINUX_SIGKILL) && i < NTASK; i++) {
    struct task *t = &task_table[i];
    if (t->proc != p || !live(t)) continue;
    if (t->state == T_STOPPED) sched_make_runnable(t);
    else if (sig == LINUX_SIGKILL) kick(t);
  }
  return resumed;
}

/* A thread of p to take a process-directed sig: the caller if it may, else
 * the first that does not block it; NULL if all do (sched_lock held). */
static struct task *pick_thread(struct process *p, int sig) {
  struct task *me = current;
  if (me && me->proc == p && live(me) && !(me->blocked & SIGBIT(sig))) return me;
  for (int i = 0; i < NTASK; i++) {
    struct task *t = &task_table[i];
    if (t->proc == p && live(t) && !(t->blocked & SIGBIT(sig))) return t;
  }
  return NULL;
}

/* Posts sig to thread t (if t) or to process p.  sched_lock held.  Returns
 * true if the caller must notify p's parent of a continue. */
static bool post_locked(struct process *p, struct task *t, int sig, u64 code, u64 value) {
  if (sig < 1 || sig > 64 || p->zombie) return false;
  bool resumed = post_effects(p, sig);
  struct task *target = t ? t : pick_thread(p, sig);
  struct task *any = target;
  for (int i = 0; !any && i < NTASK; i++)
    if (task_table[i].proc == p && live(&task_table[i])) any = &task_table[i];
  if (!any || (t && !live(t))) return resumed;
  bool blocked = t ? (t->blocked & SIGBIT(sig)) : target == NULL;
  if (!blocked && ignored(any, sig)) return resumed;
  if (t) {
    t->pending |= SIGBIT(sig);
    t->pending_code[sig] = code;
    t->pending_value[sig] = value;
  } else {
    p->shared_pending |= SIGBIT(sig);
    p->shared_info_code[sig] = code;
    p->shared_info_value[sig] = value;
  }
  if (target && !(target->blocked & SIGBIT(sig))) kick(target);
  return resumed;
}

void signal_send_task_value(struct task *t, int sig, int code, int sender_pid, u64 value) {
  spin_lock(&sched_lock);
  bool resumed = post_locked(t->proc, t, sig, encode(code, sender_pid), value);
  spin_unlock(&sched_lock);
  if (resumed) notify_parent(t->proc, LINUX_CLD_CONTINUED);
}

void signal_send_process_value(struct process *p, int sig, int code, int sender_pid, u64 value) {
  spin_lock(&sched_lock);
  bool resumed = post_locked(p, NULL, sig, encode(code, sender_pid), value);
  spin_unlock(&sched_lock);
  if (resumed) notify_parent(p, LINUX_CLD_CONTINUED);
}

void signal_send_task(struct task *t, int sig, int code, int sender_pid) {
  signal_send_task_value(t, sig, code, sender_pid, 0);
}
void signal_send_process(struct process *p, int sig, int code, int sender_pid) {
  signal_send_process_value(p, sig, code, sender_pid, 0);
}

/* Every process in group pgid.  Takes proc_lock unless the caller holds it. */
int signal_send_pgrp(int pgid, int sig, int code, int sender_pid) {
  bool had = spin_holding(&proc_lock);
  if (!had) spin_lock(&proc_lock);
  int n = 0;
  for (int i = 0; i < NTASK; i++) {
    struct process *p = process_at(i);
    if (!p->pid || p->reaped || p->zombie || p->pgid != pgid) continue;
    if (sig) signal_send_process(p, sig, code, sender_pid);
    n++;
  }
  if (!had) spin_unlock(&proc_lock);
  return n ? 0 : -LINUX_ESRCH;
}

/* ---- receiving ------------------------------------------------------------- */
bool signal_pending(struct task *t) {
  struct process *p = t->proc;
  if (!p) return false;
  u64 ready = (__atomic_load_n(&t->pending, __ATOMIC_RELAXED) | __atomic_load_n(&p->shared_pending, __ATOMIC_RELAXED)) &
              ~__atomic_load_n(&t->blocked, __ATOMIC_RELAXED);
  return ready || t->proc->stopped || t->proc->exiting;
}

static int lowest(u64 set) { return set ? __builtin_ctzll(set) + 1 : 0; }

/* Takes the signal t should act on next from set: SIGKILL, then synchronous
 * faults, then the lowest number, thread-directed before process-directed.
 * 0 if none.  sched_lock held. */
static int dequeue_locked(struct task *t, u64 set, u64 *code, u64 *value) {
  struct process *p = t->proc;
  u64 mine = t->pending & set, shared = p->shared_pending & set;
  int sig;
  if ((mine | shared) & SIGBIT(LINUX_SIGKILL)) sig = LINUX_SIGKILL;
  else if (mine & SYNC_MASK) sig = lowest(mine & SYNC_MASK);
  else sig = mine ? lowest(mine) : lowest(shared);
  if (!sig) return 0;
  if (mine & SIGBIT(sig)) {
    t->pending &= ~SIGBIT(sig);
    *code = t->pending_code[sig];
    *value = t->pending_value[sig];
  } else {
    p->shared_pending &= ~SIGBIT(sig);
    *code = p->shared_info_code[sig];
    *value = p->shared_info_value[sig];
  }
  return sig;
}

int signal_dequeue(u64 set, u64 *code, u64 *value) {
  spin_lock(&sched_lock);
  int sig = dequeue_locked(current, set, code, value);
  spin_unlock(&sched_lock);
  return sig;
}

/* A stop signal's default action: the process stops (each thread parks on
 * its next way out, see park_while_stopped) and its parent hears of it. */
static void group_stop(struct task *me, int sig) {
  struct process *p = me->proc;
  spin_lock(&sched_lock);
  bool first = !p->stopped;
  if (first) {
    p->stopped = true;
    p->stop_sig = sig;
    p->stop_reported = false;
    for (int i = 0; i < NTASK; i++)
      if (task_table[i].proc == p && &task_table[i] != me && live(&task_table[i])) kick(&task_table[i]);
  }
  spin_unlock(&sched_lock);
  if (first) notify_parent(p, LINUX_CLD_STOPPED);
}

/* Parks t in T_STOPPED until SIGCONT or SIGKILL (sched_lock held). */
static void park_while_stopped(struct task *t) {
  struct process *p = t->proc;
  while (p->stopped && !p->exiting && !((t->pending | p->shared_pending) & SIGBIT(LINUX_SIGKILL))) {
    t->state = T_STOPPED;
    sched();
  }
}

/* ---- delivery ----------------------------------------------------------------- */
void signal_frame_setup(struct trapframe *tf, int sig, const struct sigaction_k *act, u64 code, u64 addr);

/* Fixes up a system call's result before returning to user mode: the
 * restart codes become a restart (EPC back onto the SYSCALL, the number and
 * a3 restored) or EINTR, depending on the handler about to run (act; NULL:
 * none).  tf->orig_v0 = SIGNAL_NO_RESTART marks the result as settled. */
static void syscall_fixup(struct trapframe *tf, bool from_syscall, const struct sigaction_k *act) {
  if (!from_syscall || tf->orig_v0 == SIGNAL_NO_RESTART || tf->regs[REG_A3] != 1) return;
  bool restart;
  switch (tf->regs[REG_V0]) {
    case LINUX_ERESTARTNOHAND:
    case LINUX_ERESTART_RESTARTBLOCK: restart = !act; break;
    case LINUX_ERESTARTSYS: restart = !act || (act->flags & LINUX_SA_RESTART); break;
    case LINUX_ERESTARTNOINTR: restart = true; break;
    default: return;
  }
  if (restart) {
    tf->regs[REG_V0] = tf->orig_v0;
    tf->regs[REG_A3] = tf->orig_a3;
    tf->epc -= 4;
  } else {
    tf->regs[REG_V0] = LINUX_EINTR;
  }
  tf->orig_v0 = SIGNAL_NO_RESTART;
}

void signal_deliver(struct trapframe *tf, bool from_syscall) {
  struct task *t = current;
  if (!t || !t->proc) return;
  struct process *p = t->proc;
  for (;;) {
    u64 code = 0, value = 0;
    spin_lock(&sched_lock);
    park_while_stopped(t);
    int sig = p->exiting ? LINUX_SIGKILL : dequeue_locked(t, ~t->blocked, &code, &value);
    spin_unlock(&sched_lock);
    if (!sig) break;
    if (sig == LINUX_SIGKILL) do_exit_group(LINUX_SIGKILL);
    struct sigaction_k act = action_of(t, sig);
    if (act.handler == LINUX_SIG_IGN) continue;
    if (act.handler == LINUX_SIG_DFL) {
      switch (sig_default(sig)) {
        case LINUX_SIGACT_IGN:
        case LINUX_SIGACT_CONT: continue;
        case LINUX_SIGACT_STOP: group_stop(t, sig); continue;
        case LINUX_SIGACT_CORE: do_exit_group(sig | CORE_FLAG);
        default: do_exit_group(sig);
      }
    }
    syscall_fixup(tf, from_syscall, &act);
    signal_frame_setup(tf, sig, &act, code, value);
    return;
  }
  syscall_fixup(tf, from_syscall, NULL);
  if (t->restore_mask) {
    t->restore_mask = false;
    signal_set_blocked(t->saved_mask);
  }
}

/* A synchronous fault: delivered at once, on the trapframe of the fault. */
void signal_force_fault(int sig, int code, u64 addr) {
  struct task *t = current;
  struct sighand *h = t->sighand;
  spin_lock(&sched_lock);
  bool blocked = t->blocked & SIGBIT(sig);
  t->blocked &= ~SIGBIT(sig);
  spin_unlock(&sched_lock);
  spin_lock(&h->lock);
  if (blocked || h->action[sig].handler == LINUX_SIG_IGN) h->action[sig].handler = LINUX_SIG_DFL;
  struct sigaction_k act = h->action[sig];
  spin_unlock(&h->lock);
  if (act.handler == LINUX_SIG_DFL) do_exit_group(sig_default(sig) == LINUX_SIGACT_CORE ? sig | CORE_FLAG : sig);
  signal_frame_setup(t->tf, sig, &act, encode(code, 0), addr);
}

