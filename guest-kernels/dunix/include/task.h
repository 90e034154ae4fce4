/* task.h - tasks (threads) and processes (thread groups), Linux style: a
 * process is a set of tasks sharing a thread-group id; what they share
 * (address space, open files, cwd, signal handlers) hangs off each task as
 * reference-counted objects, so clone() can share any subset.
 *
 * Locks:
 *   sched_lock (kern/sched.c)  task->state, ->chan, the run queue, wakeups
 *   proc_lock  (kern/task.c)   parent/child links, process exit and wait,
 *                              process groups and sessions, tid allocation
 *   Order: proc_lock before sched_lock.  Fields marked "own" are touched only
 *   by the task itself (or before it first runs). */
#ifndef DUNIX_TASK_H
#define DUNIX_TASK_H

#include "hal.h"
#include "param.h"
#include "spinlock.h"
#include "types.h"

enum task_state { T_UNUSED, T_EMBRYO, T_RUNNABLE, T_RUNNING, T_SLEEPING, T_STOPPED, T_ZOMBIE };

/* Signal dispositions, shared by CLONE_SIGHAND (kern/signal.c). */
struct sigaction_k { u64 handler, flags, mask; };
struct sighand {
  struct spinlock lock;
  u32 ref;
  struct sigaction_k action[65];   /* 1..64 */
};

/* Current directory, root and umask, shared by CLONE_FS. */
struct fsinfo {
  struct spinlock lock;
  u32 ref;
  struct inode *cwd;
  u32 umask;
};

/* A process: the thread group.  Protected by proc_lock unless noted. */
struct process {
  int pid;                        /* = the leader's tid */
  int pgid, sid;
  struct process *parent;
  u32 nthreads;                   /* live tasks in the group */
  bool exiting;                   /* exit_group or a fatal signal under way */
  bool zombie;                    /* every task gone; waiting for wait4 */
  int exit_status;                /* wait status (exit code << 8 | signal) */
  int group_status;               /* the status exit_group or a fatal signal set */
  int exit_signal;                /* sent to the parent at exit (SIGCHLD; clone's CSIGNAL) */
  bool reaped;
  struct task *leader;
  /* shared-signal state, protected by sched_lock */
  u64 shared_pending;
  u64 shared_info_code[65];       /* si_code | sender pid << 32 for pending signals */
  u64 shared_info_value[65];      /* si_value (sigqueue) or si_status (SIGCHLD) */
  bool stopped;                   /* job-control stop (SIGSTOP ...) */
  int stop_sig;
  bool stop_reported, cont_reported;
  /* accounting: nanoseconds of simulated time, summed over exited tasks */
  u64 utime_ns, stime_ns, cutime_ns, cstime_ns;
  u64 rlimit_cur[16], rlimit_max[16];
  u64 start_ns;
  char comm[16];
};

struct task {
  /* protected by sched_lock */
  enum task_state state;
  void *chan;                     /* sleeping on this */
  bool wake_by_signal;            /* sleeping interruptibly */
  u64 wake_deadline_ns;           /* sleeping with a timeout (0: none) */
  struct task *rq_next;           /* run queue */
  struct task *wq_next, *wq_prev; /* sleep queue of chan's bucket */
  bool timed_out;
  int on_cpu;                     /* running on this CPU, or -1 */
  u64 pending;                    /* thread-directed signals */
  u64 pending_code[65];           /* si_code | sender pid << 32 */
  u64 pending_value[65];          /* si_value (sigqueue) or si_status (SIGCHLD) */
  bool need_resched;

  /* set at creation, then read-only */
  int tid;
  struct process *proc;
  u64 kstack;                     /* kernel virtual base of KSTACK_SIZE bytes */

  /* own */
  struct context ctx;
  struct trapframe *tf;           /* at the top of the kernel stack */
  struct vmspace *vm;             /* NULL for kernel-only tasks */
  struct files *files;
  struct fsinfo *fs;
  struct sighand *sighand;
  u64 blocked;                    /* signal mask */
  u64 saved_mask;                 /* restored after rt_sigsuspend / ppoll */
  bool restore_mask;
  u64 altstack_sp, altstack_size; u32 altstack_flags;
  uaddr_t set_child_tid, clear_child_tid;
  uaddr_t robust_list;
  u64 tls;                        /* UserLocal: what RDHWR $29 returns */
  struct fpu_state fpu;
  u64 utime_ns, stime_ns;         /* accounting */
  u32 last_count;                 /* hal_counter() at the last charge */
  bool in_user;
  int exit_code;                  /* for the last task of a group */
  u32 vfork_done;                 /* a vfork parent sleeps on &child->vfork_done */
  bool autoreap;                  /* a non-leader thread: the scheduler frees it after its exit */
};

extern struct spinlock proc_lock;
extern struct task task_table[NTASK];

/* Per-CPU scheduler state (kern/sched.c). */
struct cpu {
  unsigned id;
  struct context sched_ctx;       /* the scheduler loop, switched to by sched() */
  struct task *task;              /* running now, or NULL */
  u64 ticks;
  u64 slice_end_ns;               /* preempt the running task after this */
  int intr_depth;                 /* push_off nesting (kern/spinlock.c) */
  bool intr_was_on;               /* interrupts were on at the outermost push_off */
};
extern struct cpu cpus[NCPU];
extern unsigned ncpus;            /* CPUs in use */

#define current (hal_current())

/* kern/task.c */
struct task *task_alloc(void);                 /* EMBRYO with a kernel stack, or NULL */
void task_free(struct task *t);                /* a ZOMBIE whose stack is no longer in use */
struct task *task_by_tid(int tid);             /* proc_lock held */
struct process *process_alloc(void);
struct process *process_by_pid(int pid);       /* proc_lock held */
struct process *process_at(int i);             /* slot i (0..NTASK-1), proc_lock held; check pid/reaped */
struct fsinfo *fsinfo_dup(struct fsinfo *f);
void fsinfo_put(struct fsinfo *f);

/* kern/sched.c */
/* Waking: wakeup()/wakeup_locked() wake every sleeper on a channel; a signal
 * poster (sched_lock held) calls sched_signal_wake(t), which wakes t only if it
 * sleeps interruptibly (it takes t off its sleep queue: never call
 * sched_make_runnable on a sleeping task directly). */
void wakeup_locked(void *chan);                /* sched_lock held */
void sched_wake_task(struct task *t);          /* sched_lock held; any sleep */
void sched_signal_wake(struct task *t);        /* sched_lock held; interruptible sleeps only */
void sched_start_timer(void);
void sched_init(void);
void scheduler(void) __attribute__((noreturn));   /* per CPU, never returns */
void sched_make_runnable(struct task *t);      /* sched_lock held */
void yield(void);
void sched(void);                              /* sched_lock held; current's state already set */
extern struct spinlock sched_lock;
u64 task_cpu_ns(struct task *t);
void task_account(struct task *t, bool to_user); /* charge time since last switch */

/* kern/fork.c, kern/exit.c, kern/exec.c */
long do_clone(u64 flags, uaddr_t newsp, uaddr_t parent_tid, uaddr_t tls, uaddr_t child_tid);
__attribute__((noreturn)) void do_exit(int code);        /* this task */
__attribute__((noreturn)) void do_exit_group(int status); /* the whole process; status is a wait status */
long do_wait(int idtype, int id, uaddr_t status, int options, uaddr_t rusage, uaddr_t infop);
int do_execve(const char *path, uaddr_t argv, uaddr_t envp, char *const *kargv, char *const *kenvp);
void reparent_children(struct process *p);

#endif
