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

#define CANT_MASK (SIGBIT(LINUX_SIGKILL) | SIGBIT(LINUX_SIGSTOP))
#define SYNC_MASK                                                                                  \
  (SIGBIT(LINUX_SIGSEGV) | SIGBIT(LINUX_SIGBUS) | SIGBIT(LINUX_SIGILL) | SIGBIT(LINUX_SIGTRAP) | \
   SIGBIT(LINUX_SIGFPE) | SIGBIT(LINUX_SIGSYS))
#define STOP_MASK \
  (SIGBIT(LINUX_SIGSTOP) | SIGBIT(LINUX_SIGTSTP) | SIGBIT(LINUX_SIGTTIN) | SIGBIT(LINUX_SIGTTOU))
#define CORE_FLAG 0x80   /* in a wait status: "dumped core" */

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
    if (!quiet) signal_send_process(pp, LINUX_SIGCHLD, code, p->pid);
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
static bool post_locked(struct process *p, struct task *t, int sig, u64 code) {
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
  } else {
    p->shared_pending |= SIGBIT(sig);
    p->shared_info_code[sig] = code;
  }
  if (target && !(target->blocked & SIGBIT(sig))) kick(target);
  return resumed;
}

void signal_send_task(struct task *t, int sig, int code, int sender_pid) {
  spin_lock(&sched_lock);
  bool resumed = post_locked(t->proc, t, sig, encode(code, sender_pid));
  spin_unlock(&sched_lock);
  if (resumed) notify_parent(t->proc, LINUX_CLD_CONTINUED);
}

void signal_send_process(struct process *p, int sig, int code, int sender_pid) {
  spin_lock(&sched_lock);
  bool resumed = post_locked(p, NULL, sig, encode(code, sender_pid));
  spin_unlock(&sched_lock);
  if (resumed) notify_parent(p, LINUX_CLD_CONTINUED);
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
static int dequeue_locked(struct task *t, u64 set, u64 *code) {
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
  } else {
    p->shared_pending &= ~SIGBIT(sig);
    *code = p->shared_info_code[sig];
  }
  return sig;
}

int signal_dequeue(u64 set, u64 *code) {
  spin_lock(&sched_lock);
  int sig = dequeue_locked(current, set, code);
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
    u64 code = 0;
    spin_lock(&sched_lock);
    park_while_stopped(t);
    int sig = p->exiting ? LINUX_SIGKILL : dequeue_locked(t, ~t->blocked, &code);
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
    signal_frame_setup(tf, sig, &act, code, 0);
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

/* ---- the rt_sigframe ------------------------------------------------------------ */
/* The frame as the n64 kernel lays it out (abi/linux_n64.h); the kernel and
 * its programs share an endianness, so a C struct writes it directly. */
struct sigcontext_n64 {
  u64 regs[32], fpregs[32];
  u64 mdhi, hi1, hi2, hi3, mdlo, lo1, lo2, lo3;   /* the DSP's extra hi/lo pairs: 0 */
  u64 pc;
  u32 fpc_csr, used_math, dsp, reserved;
};
struct ucontext_n64 {
  u64 flags, link;
  u64 ss_sp, ss_size;
  u32 ss_flags, ss_pad;
  struct sigcontext_n64 mc;
  u64 sigmask[2];
};
struct rt_sigframe_n64 {
  u32 ass[4], pad[2];
  u8 info[LINUX_SIGINFO_SIZE];
  struct ucontext_n64 uc;
};
#define OFF(s, f) __builtin_offsetof(struct s, f)
_Static_assert(sizeof(struct sigcontext_n64) == LINUX_SIGCONTEXT_SIZE, "sigcontext size");
_Static_assert(OFF(sigcontext_n64, fpregs) == LINUX_SIGCONTEXT_OFF_FPREGS, "sc_fpregs");
_Static_assert(OFF(sigcontext_n64, mdhi) == LINUX_SIGCONTEXT_OFF_MDHI, "sc_mdhi");
_Static_assert(OFF(sigcontext_n64, mdlo) == LINUX_SIGCONTEXT_OFF_MDLO, "sc_mdlo");
_Static_assert(OFF(sigcontext_n64, pc) == LINUX_SIGCONTEXT_OFF_PC, "sc_pc");
_Static_assert(OFF(sigcontext_n64, fpc_csr) == LINUX_SIGCONTEXT_OFF_FPC_CSR, "sc_fpc_csr");
_Static_assert(OFF(sigcontext_n64, used_math) == LINUX_SIGCONTEXT_OFF_USED_MATH, "sc_used_math");
_Static_assert(OFF(ucontext_n64, ss_sp) == LINUX_UCONTEXT_OFF_STACK + LINUX_STACK_OFF_SP, "uc_stack.ss_sp");
_Static_assert(OFF(ucontext_n64, ss_size) == LINUX_UCONTEXT_OFF_STACK + LINUX_STACK_OFF_SIZE, "uc_stack.ss_size");
_Static_assert(OFF(ucontext_n64, ss_flags) == LINUX_UCONTEXT_OFF_STACK + LINUX_STACK_OFF_FLAGS, "uc_stack.ss_flags");
_Static_assert(OFF(ucontext_n64, mc) == LINUX_UCONTEXT_OFF_MCONTEXT, "uc_mcontext");
_Static_assert(OFF(ucontext_n64, sigmask) == LINUX_UCONTEXT_OFF_SIGMASK, "uc_sigmask");
_Static_assert(sizeof(struct ucontext_n64) == LINUX_UCONTEXT_SIZE, "ucontext size");
_Static_assert(OFF(rt_sigframe_n64, info) == LINUX_RT_SIGFRAME_OFF_INFO, "rs_info");
_Static_assert(OFF(rt_sigframe_n64, uc) == LINUX_RT_SIGFRAME_OFF_UC, "rs_uc");
_Static_assert(sizeof(struct rt_sigframe_n64) == LINUX_RT_SIGFRAME_SIZE, "rt_sigframe size");

static void put32(u8 *b, unsigned off, u32 v) { memcpy(b + off, &v, 4); }
static void put64(u8 *b, unsigned off, u64 v) { memcpy(b + off, &v, 8); }

/* The alternate stack is set (ss_size 0 means never set or disabled). */
static bool altstack_set(struct task *t) { return t->altstack_size && !(t->altstack_flags & LINUX_SS_DISABLE); }

bool signal_on_altstack(struct task *t, u64 sp) {
  return altstack_set(t) && sp > t->altstack_sp && sp - t->altstack_sp <= t->altstack_size;
}

/* uc_stack's ss_flags as sigaltstack reports them for user sp. */
static u32 altstack_flags(struct task *t, u64 sp) {
  if (!altstack_set(t)) return LINUX_SS_DISABLE;
  return (signal_on_altstack(t, sp) ? LINUX_SS_ONSTACK : 0) | (t->altstack_flags & LINUX_SS_AUTODISARM);
}

void signal_fill_info(u8 *info, int sig, u64 code, u64 addr) {
  int si_code = (int)(u32)code;
  put32(info, LINUX_SIGINFO_OFF_SIGNO, (u32)sig);
  put32(info, LINUX_SIGINFO_OFF_CODE, (u32)si_code);
  bool fault = si_code > 0 && si_code != LINUX_SI_KERNEL && (SIGBIT(sig) & SYNC_MASK);
  if (fault) {
    put64(info, LINUX_SIGINFO_OFF_ADDR, addr);
  } else {
    put32(info, LINUX_SIGINFO_OFF_PID, (u32)(code >> 32));   /* the sender; every uid is 0 */
    put32(info, LINUX_SIGINFO_OFF_UID, 0);
  }
}

/* Runs act's handler for sig: saves tf, the FPU and the mask in an
 * rt_sigframe below the user's sp (or on the alternate stack), and points
 * tf at the handler.  A frame that cannot be written kills the process with
 * SIGSEGV (Linux's force_sigsegv, without consulting a SIGSEGV handler). */
void signal_frame_setup(struct trapframe *tf, int sig, const struct sigaction_k *act, u64 code, u64 addr) {
  struct task *t = current;
  struct rt_sigframe_n64 f;
  memset(&f, 0, sizeof f);
  u64 usp = tf->regs[REG_SP];
  u64 sp = usp - 32;   /* as Linux: room the FPU emulator may use above the frame */
  if ((act->flags & LINUX_SA_ONSTACK) && altstack_set(t) && !signal_on_altstack(t, usp))
    sp = t->altstack_sp + t->altstack_size;
  u64 frame = (sp - sizeof f) & ~15ull;
  if (signal_on_altstack(t, usp) && !signal_on_altstack(t, frame)) frame = ~0ull;   /* overflow: die */

  signal_fill_info(f.info, sig, code, addr);
  f.uc.ss_sp = t->altstack_sp;
  f.uc.ss_size = t->altstack_size;
  f.uc.ss_flags = altstack_flags(t, usp);
  for (int r = 1; r < 32; r++) f.uc.mc.regs[r] = tf->regs[r];
  f.uc.mc.mdhi = tf->hi;
  f.uc.mc.mdlo = tf->lo;
  f.uc.mc.pc = tf->epc;
  hal_fpu_save(&t->fpu);
  memcpy(f.uc.mc.fpregs, t->fpu.fpr, sizeof f.uc.mc.fpregs);
  f.uc.mc.fpc_csr = t->fpu.fcsr;
  f.uc.mc.used_math = 1;
  f.uc.sigmask[0] = t->restore_mask ? t->saved_mask : t->blocked;
  if (frame == ~0ull || copy_to_user(frame, &f, sizeof f) < 0) do_exit_group(LINUX_SIGSEGV | CORE_FLAG);

  tf->regs[REG_A0] = (u64)sig;
  tf->regs[REG_A1] = frame + OFF(rt_sigframe_n64, info);
  tf->regs[REG_A2] = frame + OFF(rt_sigframe_n64, uc);
  tf->regs[REG_SP] = frame;
  tf->regs[REG_RA] = SIGPAGE_VA;
  tf->regs[REG_T9] = act->handler;
  tf->epc = act->handler;
  if ((act->flags & LINUX_SA_ONSTACK) && (t->altstack_flags & LINUX_SS_AUTODISARM) && signal_on_altstack(t, frame))
    t->altstack_sp = t->altstack_size = 0, t->altstack_flags = LINUX_SS_DISABLE;

  t->restore_mask = false;   /* the frame holds the mask to go back to */
  u64 mask = t->blocked | act->mask;
  if (!(act->flags & LINUX_SA_NODEFER)) mask |= SIGBIT(sig);
  signal_set_blocked(mask);
  if (act->flags & LINUX_SA_RESETHAND) {
    spin_lock(&t->sighand->lock);
    t->sighand->action[sig].handler = LINUX_SIG_DFL;
    spin_unlock(&t->sighand->lock);
  }
}

/* rt_sigreturn: the handler returned through the trampoline with sp at its
 * frame.  Restores every register, the FPU, the mask and the alternate stack
 * from it; a frame that cannot be read kills the process with SIGSEGV. */
long signal_return(struct trapframe *tf) {
  struct task *t = current;
  struct rt_sigframe_n64 f;
  if (copy_from_user(&f, tf->regs[REG_SP], sizeof f) < 0) do_exit_group(LINUX_SIGSEGV | CORE_FLAG);
  for (int r = 1; r < 32; r++) tf->regs[r] = f.uc.mc.regs[r];
  tf->hi = f.uc.mc.mdhi;
  tf->lo = f.uc.mc.mdlo;
  tf->epc = f.uc.mc.pc;
  tf->orig_v0 = SIGNAL_NO_RESTART;   /* these registers are not a system call's result */
  push_off();   /* a preemption in between would save the live FPU over the new values */
  memcpy(t->fpu.fpr, f.uc.mc.fpregs, sizeof t->fpu.fpr);
  t->fpu.fcsr = f.uc.mc.fpc_csr;
  hal_fpu_restore(&t->fpu);
  pop_off();
  signal_set_blocked(f.uc.sigmask[0]);
  /* the alternate stack, as sigaltstack would set it (errors ignored, as Linux) */
  if (!signal_on_altstack(t, tf->regs[REG_SP])) {
    if (f.uc.ss_flags & LINUX_SS_DISABLE) {
      t->altstack_sp = t->altstack_size = 0, t->altstack_flags = LINUX_SS_DISABLE;
    } else if (f.uc.ss_size >= LINUX_MINSIGSTKSZ && !(f.uc.ss_flags & ~(u32)(LINUX_SS_ONSTACK | LINUX_SS_AUTODISARM))) {
      t->altstack_sp = f.uc.ss_sp, t->altstack_size = f.uc.ss_size;
      t->altstack_flags = f.uc.ss_flags & LINUX_SS_AUTODISARM;
    }
  }
  return SYSCALL_KEEP_REGS;
}
