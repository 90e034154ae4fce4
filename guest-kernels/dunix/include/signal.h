/* signal.h - POSIX signals, with Linux/MIPS frames (kern/signal.c).
 *
 * Signals are posted to a task (thread-directed: faults, tgkill) or to a
 * process (kill: any thread that does not block it takes it).  They are
 * acted on when a task returns to user mode: signal_deliver() builds an
 * rt_sigframe on the user stack and points the task at the handler, or
 * takes the default action (terminate, dump core = terminate with the core
 * flag, ignore, stop, continue). */
#ifndef DUNIX_SIGNAL_H
#define DUNIX_SIGNAL_H

#include "linux_n64.h"
#include "task.h"
#include "types.h"

#define SIGBIT(sig) (1ull << ((sig) - 1))
/* Signals that cannot be caught or blocked; synchronous faults; stops. */
#define CANT_MASK (SIGBIT(LINUX_SIGKILL) | SIGBIT(LINUX_SIGSTOP))
#define SYNC_MASK                                                                                  \
  (SIGBIT(LINUX_SIGSEGV) | SIGBIT(LINUX_SIGBUS) | SIGBIT(LINUX_SIGILL) | SIGBIT(LINUX_SIGTRAP) | \
   SIGBIT(LINUX_SIGFPE) | SIGBIT(LINUX_SIGSYS))
#define STOP_MASK \
  (SIGBIT(LINUX_SIGSTOP) | SIGBIT(LINUX_SIGTSTP) | SIGBIT(LINUX_SIGTTIN) | SIGBIT(LINUX_SIGTTOU))
#define CORE_FLAG 0x80   /* in a wait status: "dumped core" */


/* Posting; each takes sched_lock itself and wakes an interruptible sleeper. */
void signal_send_task(struct task *t, int sig, int code, int sender_pid);
void signal_send_process(struct process *p, int sig, int code, int sender_pid);
/* The same with the siginfo's value: si_value for sigqueue, si_status for SIGCHLD. */
void signal_send_task_value(struct task *t, int sig, int code, int sender_pid, u64 value);
void signal_send_process_value(struct process *p, int sig, int code, int sender_pid, u64 value);
int signal_send_pgrp(int pgid, int sig, int code, int sender_pid);  /* -ESRCH if none */
/* A synchronous fault in the current task: SIGSEGV/SIGBUS/SIGILL/SIGFPE/SIGTRAP
 * with si_code and the faulting address; unblocks and un-ignores it first, as Linux's force_sig. */
void signal_force_fault(int sig, int code, u64 addr);

/* True if the current task has a signal it must act on (interrupts sleeps). */
bool signal_pending(struct task *t);
/* On the way back to user mode (trap.c): act on pending signals; handles
 * system-call restarts using tf->orig_v0 when tf came from a system call. */
void signal_deliver(struct trapframe *tf, bool from_syscall);
/* ITIMER_REAL and alarm(): called by the timer interrupt on CPU 0 each tick. */
void itimer_tick(u64 now_ns);
bool itimer_any_armed(void);
/* New task in a fresh process: default dispositions; exec: reset handlers. */
struct sighand *sighand_alloc(void);
struct sighand *sighand_dup(struct sighand *h);
void sighand_put(struct sighand *h);
void sighand_exec_reset(struct sighand *h);

/* ---- between kern/signal.c and kern/sys_signal.c -------------------------- */
/* tf->orig_v0 after signal code settled a system call's result: no restart
 * (a restart re-executes the call; rt_sigreturn's registers are not a result). */
#define SIGNAL_NO_RESTART (~0ull)
int signal_action(int sig, const struct sigaction_k *act, struct sigaction_k *old);  /* rt_sigaction */
void signal_set_blocked(u64 mask);          /* current's mask (SIGKILL, SIGSTOP dropped) */
int signal_dequeue(u64 set, u64 *code, u64 *value);  /* takes one of set pending for current; 0 if none */
long signal_return(struct trapframe *tf);   /* rt_sigreturn: SYSCALL_KEEP_REGS, or kills */
bool signal_on_altstack(struct task *t, u64 sp);
/* A siginfo_t (LINUX_SIGINFO_SIZE bytes, zeroed by the caller) for sig with
 * a pending code (si_code | sender pid << 32) and, for faults, the address. */
/* addr: the faulting address of a synchronous fault; for any other signal,
 * its value (si_value, or si_status for SIGCHLD). */
void signal_fill_info(u8 *info, int sig, u64 code, u64 addr);

/* ---- used by the rest of the kernel, implemented with the signal calls ---- */
/* kern/futex.c: at a task's exit (do_exit, t == current, its vm still
 * attached): clears the CLONE_CHILD_CLEARTID word and wakes one waiter on it,
 * then marks the futexes on its robust list OWNER_DIED (best effort). */
void futex_exit_task(struct task *t);
/* kern/sys_time.c: a struct timespec in user memory as nanoseconds, and back.
 * timespec_get returns -EFAULT, or -EINVAL for a negative time or tv_nsec
 * outside 0..999999999. */
int timespec_get(uaddr_t uts, u64 *ns);
int timespec_put(uaddr_t uts, u64 ns);

#endif
