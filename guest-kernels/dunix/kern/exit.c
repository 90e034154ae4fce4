/* exit.c - the end of tasks and processes, and waiting for children.
 *
 * A task exits alone (exit) or takes its whole process with it (exit_group,
 * a fatal signal).  When a process's last task exits it becomes a zombie: its
 * children go to init, its parent gets exit_signal (SIGCHLD) and a wakeup,
 * and wait4 later reaps it.  When init itself exits, the kernel shuts down
 * and the run ends with init's status (kern/main.c). */
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "linux_n64.h"
#include "signal.h"
#include "syscall.h"
#include "task.h"
#include "uaccess.h"
#include "vm.h"
#include "wait.h"

void kernel_shutdown(int wait_status) __attribute__((noreturn));
void futex_exit_task(struct task *t);

/* Gives the vfork parent its address space back (exec and exit). */
void vfork_release(struct task *t) {
  spin_lock(&sched_lock);
  t->vfork_done = 1;
  wakeup_locked(&t->vfork_done);
  spin_unlock(&sched_lock);
}

/* Children of p go to init (proc_lock held). */
void reparent_children(struct process *p) {
  struct process *init = process_by_pid(1);
  for (int i = 0; i < NTASK; i++) {
    struct process *c = process_at(i);
    if (c->pid && !c->reaped && c->parent == p) {
      c->parent = init;
      if (c->zombie && init) wakeup(init);
    }
  }
}

__attribute__((noreturn)) void do_exit(int code) {
  struct task *t = current;
  struct process *p = t->proc;
  futex_exit_task(t);
  vfork_release(t);
  hal_fpu_save(&t->fpu);
  if (t->vm) {
    struct vmspace *vm = t->vm;
    vm_deactivate(vm);
    t->vm = NULL;
    vm_put(vm);
  }
  if (t->files) files_put(t->files);
  t->files = NULL;

  spin_lock(&proc_lock);
  bool last = --p->nthreads == 0;
  if (last) {
    p->exit_status = p->exiting ? p->group_status : (code & 0xFF) << 8;
    p->utime_ns += t->utime_ns;
    p->stime_ns += t->stime_ns;
  } else {
    p->utime_ns += t->utime_ns;
    p->stime_ns += t->stime_ns;
  }
  spin_unlock(&proc_lock);

  if (last && p->pid == 1) {
    /* init: sync and end the run (needs this task's context for disk I/O) */
    kernel_shutdown(p->exit_status);
  }
  if (t->fs) fsinfo_put(t->fs);
  t->fs = NULL;
  if (t->sighand) sighand_put(t->sighand);
  t->sighand = NULL;

  spin_lock(&proc_lock);
  if (last) {
    reparent_children(p);
    p->zombie = true;
    struct process *parent = p->parent;
    if (parent && p->exit_signal) {
      int st = p->exit_status, sig = st & 0x7F;
      int code = sig ? ((st & 0x80) ? LINUX_CLD_DUMPED : LINUX_CLD_KILLED) : LINUX_CLD_EXITED;
      signal_send_process_value(parent, p->exit_signal, code, p->pid, (u64)(sig ? sig : (st >> 8) & 0xFF));
    }
    if (parent) wakeup(parent);
  }
  spin_lock(&sched_lock);
  spin_unlock(&proc_lock);  /* sched_lock stays: the switch releases it */
  t->state = T_ZOMBIE;
  t->exit_code = code;
  sched();
  panic("zombie task %d ran", t->tid);
}

__attribute__((noreturn)) void do_exit_group(int status) {
  struct task *t = current;
  struct process *p = t->proc;
  spin_lock(&proc_lock);
  if (!p->exiting) {
    p->exiting = true;
    p->group_status = status;
    spin_lock(&sched_lock);
    for (int i = 0; i < NTASK; i++) {
      struct task *o = &task_table[i];
      if (o != t && o->proc == p && o->state != T_UNUSED && o->state != T_ZOMBIE && o->state != T_EMBRYO) {
        o->pending |= SIGBIT(LINUX_SIGKILL);
        if (o->state == T_SLEEPING) sched_wake_task(o);
        else if (o->state == T_STOPPED) sched_make_runnable(o);
      }
    }
    spin_unlock(&sched_lock);
  }
  spin_unlock(&proc_lock);
  do_exit(0);
}

/* ---- wait ---------------------------------------------------------------- */
static bool wait_matches(struct process *c, int idtype, int id) {
  switch (idtype) {
    case LINUX_P_ALL: return true;
    case LINUX_P_PID: return c->pid == id;
    case LINUX_P_PGID: return c->pgid == id;
    default: return false;
  }
}

static int put_rusage(uaddr_t ru, u64 utime_ns, u64 stime_ns) {
  if (!ru) return 0;
  u8 buf[LINUX_RUSAGE_SIZE];
  memset(buf, 0, sizeof buf);
  i64 tv[4] = {(i64)(utime_ns / 1000000000), (i64)(utime_ns % 1000000000 / 1000), (i64)(stime_ns / 1000000000),
               (i64)(stime_ns % 1000000000 / 1000)};
  memcpy(buf + LINUX_RUSAGE_OFF_UTIME, tv, 16);
  memcpy(buf + LINUX_RUSAGE_OFF_STIME, tv + 2, 16);
  return copy_to_user(ru, buf, sizeof buf);
}

/* wait4 and waitid.  idtype/id select children (P_ALL, P_PID, P_PGID);
 * options WNOHANG, WUNTRACED (WSTOPPED), WCONTINUED, WEXITED, WNOWAIT.
 * status: wait4's status word; infop: waitid's siginfo. */
long do_wait(int idtype, int id, uaddr_t status, int options, uaddr_t rusage, uaddr_t infop) {
  struct process *me = current->proc;
  bool want_exit = infop ? (options & LINUX_WEXITED) : true;
  spin_lock(&proc_lock);
  for (;;) {
    bool any = false;
    for (int i = 0; i < NTASK; i++) {
      struct process *c = process_at(i);
      if (!c->pid || c->reaped || c->parent != me || !wait_matches(c, idtype, id)) continue;
      any = true;
      int st = -1, code = 0, pid = c->pid;
      bool reap = false;
      if (c->zombie && want_exit) {
        st = c->exit_status;
        code = (st & 0x7F) ? ((st & 0x80) ? LINUX_CLD_DUMPED : LINUX_CLD_KILLED) : LINUX_CLD_EXITED;
        reap = !(options & LINUX_WNOWAIT);
      } else if (c->stopped && !c->stop_reported && (options & LINUX_WUNTRACED)) {
        st = (c->stop_sig << 8) | 0x7F;
        code = LINUX_CLD_STOPPED;
        if (!(options & LINUX_WNOWAIT)) c->stop_reported = true;
      } else if (!c->stopped && !c->cont_reported && (options & LINUX_WCONTINUED) && c->stop_sig) {
        st = 0xFFFF;
        code = LINUX_CLD_CONTINUED;
        if (!(options & LINUX_WNOWAIT)) c->cont_reported = true;
      }
      if (st < 0) continue;
      u64 ut = c->utime_ns, stt = c->stime_ns;
      struct task *leader = c->leader;
      if (reap) {
        me->cutime_ns += c->utime_ns + c->cutime_ns;
        me->cstime_ns += c->stime_ns + c->cstime_ns;
        c->reaped = true;
      }
      spin_unlock(&proc_lock);
      if (reap) task_free(leader);
      if (status) {
        u32 s = (u32)st;
        if (copy_to_user(status, &s, 4) < 0) return -LINUX_EFAULT;
      }
      if (infop) {
        u8 si[LINUX_SIGINFO_SIZE];
        memset(si, 0, sizeof si);
        i32 v[3] = {LINUX_SIGCHLD, code, 0};
        memcpy(si + LINUX_SIGINFO_OFF_SIGNO, &v[0], 4);
        memcpy(si + LINUX_SIGINFO_OFF_CODE, &v[1], 4);
        memcpy(si + LINUX_SIGINFO_OFF_ERRNO, &v[2], 4);
        i32 pidv = pid, stv = code == LINUX_CLD_EXITED ? (st >> 8) & 0xFF : (code == LINUX_CLD_STOPPED ? st >> 8 : st & 0x7F);
        if (code == LINUX_CLD_CONTINUED) stv = LINUX_SIGCONT;
        memcpy(si + LINUX_SIGINFO_OFF_PID, &pidv, 4);
        memcpy(si + LINUX_SIGINFO_OFF_STATUS, &stv, 4);
        if (copy_to_user(infop, si, sizeof si) < 0) return -LINUX_EFAULT;
      }
      if (put_rusage(rusage, ut, stt) < 0) return -LINUX_EFAULT;
      return infop ? 0 : pid;
    }
    if (!any) {
      spin_unlock(&proc_lock);
      return -LINUX_ECHILD;
    }
    if (options & LINUX_WNOHANG) {
      spin_unlock(&proc_lock);
      if (infop) clear_user(infop, LINUX_SIGINFO_SIZE);
      return 0;
    }
    if (sleep_intr(me, &proc_lock) < 0) {
      spin_unlock(&proc_lock);
      return -ERESTARTSYS;
    }
  }
}
