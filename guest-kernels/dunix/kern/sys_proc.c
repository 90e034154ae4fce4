/* sys_proc.c - process and thread system calls: clone/fork/vfork, execve,
 * exit, wait4/waitid, ids, process groups and sessions, and the small calls
 * glibc makes at start-up (set_tid_address, set_robust_list, rseq...). */
#include "fs.h"
#include "kalloc.h"
#include "lib.h"
#include "linux_n64.h"
#include "signal.h"
#include "syscall.h"
#include "task.h"
#include "uaccess.h"

/* clone(flags, stack, parent_tid, tls, child_tid): MIPS is CLONE_BACKWARDS. */
SYSCALL(clone) { return do_clone(arg[0], arg[1], arg[2], arg[3], arg[4]); }
SYSCALL(fork) {
  (void)arg;
  return do_clone(LINUX_SIGCHLD, 0, 0, 0, 0);
}
SYSCALL(vfork) {
  (void)arg;
  return do_clone(LINUX_CLONE_VM | LINUX_CLONE_VFORK | LINUX_SIGCHLD, 0, 0, 0, 0);
}

SYSCALL(execve) {
  char *path = kmalloc(MAXPATH);
  if (!path) return -LINUX_ENOMEM;
  long n = strncpy_from_user(path, arg[0], MAXPATH);
  int r = n < 0 ? (int)n : do_execve(path, arg[1], arg[2], NULL, NULL);
  kfree(path);
  return r == 0 ? SYSCALL_KEEP_REGS : r;
}

SYSCALL(exit) { do_exit((int)arg[0]); }
SYSCALL(exit_group) { do_exit_group(((int)arg[0] & 0xFF) << 8); }

/* wait4(pid, status, options, rusage) */
SYSCALL(wait4) {
  i64 pid = (i64)(i32)arg[0];
  int options = (int)arg[2];
  if (options & ~(LINUX_WNOHANG | LINUX_WUNTRACED | LINUX_WCONTINUED | LINUX_WALL | LINUX_WCLONE | LINUX_WNOTHREAD))
    return -LINUX_EINVAL;
  int idtype = LINUX_P_ALL, id = 0;
  if (pid > 0) idtype = LINUX_P_PID, id = (int)pid;
  else if (pid == 0) idtype = LINUX_P_PGID, id = current->proc->pgid;
  else if (pid < -1) idtype = LINUX_P_PGID, id = (int)-pid;
  return do_wait(idtype, id, arg[1], options, arg[3], 0);
}

/* waitid(idtype, id, infop, options, rusage) */
SYSCALL(waitid) {
  int options = (int)arg[3];
  if (!(options & (LINUX_WEXITED | LINUX_WSTOPPED | LINUX_WCONTINUED))) return -LINUX_EINVAL;
  int idtype = (int)arg[0];
  if (idtype != LINUX_P_ALL && idtype != LINUX_P_PID && idtype != LINUX_P_PGID) return -LINUX_EINVAL;
  int id = (int)arg[1];
  if (idtype == LINUX_P_PGID && id == 0) id = current->proc->pgid;
  if (!arg[2]) return -LINUX_EFAULT;
  return do_wait(idtype, id, 0, options, arg[4], arg[2]);
}

SYSCALL(getpid) { (void)arg; return current->proc->pid; }
SYSCALL(gettid) { (void)arg; return current->tid; }
SYSCALL(getppid) {
  (void)arg;
  spin_lock(&proc_lock);
  struct process *p = current->proc->parent;
  int pid = p ? p->pid : 0;
  spin_unlock(&proc_lock);
  return pid;
}

SYSCALL(set_tid_address) {
  current->clear_child_tid = arg[0];
  return current->tid;
}

/* Everyone is root; ids can be asked for and set to 0. */
SYSCALL(getuid) { (void)arg; return 0; }
SYSCALL(geteuid) { (void)arg; return 0; }
SYSCALL(getgid) { (void)arg; return 0; }
SYSCALL(getegid) { (void)arg; return 0; }
SYSCALL(setuid) { return arg[0] == 0 ? 0 : -LINUX_EPERM; }
SYSCALL(setgid) { return arg[0] == 0 ? 0 : -LINUX_EPERM; }
SYSCALL(getresuid) {
  u32 z = 0;
  for (int i = 0; i < 3; i++)
    if (copy_to_user(arg[i], &z, 4) < 0) return -LINUX_EFAULT;
  return 0;
}
SYSCALL(getresgid) { return sys_getresuid(arg); }
SYSCALL(getgroups) { (void)arg; return 0; }

/* ---- process groups and sessions ------------------------------------------ */
SYSCALL(getpgid) {
  int pid = (int)arg[0];
  spin_lock(&proc_lock);
  struct process *p = pid ? process_by_pid(pid) : current->proc;
  int r = p && !p->zombie ? p->pgid : -LINUX_ESRCH;
  spin_unlock(&proc_lock);
  return r;
}
SYSCALL(getpgrp) { (void)arg; return current->proc->pgid; }
SYSCALL(getsid) {
  int pid = (int)arg[0];
  spin_lock(&proc_lock);
  struct process *p = pid ? process_by_pid(pid) : current->proc;
  int r = p ? p->sid : -LINUX_ESRCH;
  spin_unlock(&proc_lock);
  return r;
}

/* setpgid(pid, pgid): the caller or one of its children, within its session. */
SYSCALL(setpgid) {
  int pid = (int)arg[0], pgid = (int)arg[1];
  struct process *me = current->proc;
  if (pgid < 0) return -LINUX_EINVAL;
  spin_lock(&proc_lock);
  struct process *p = pid ? process_by_pid(pid) : me;
  int r = 0;
  if (!p || (p != me && p->parent != me)) r = -LINUX_ESRCH;
  else if (p->sid != me->sid || p->pid == p->sid) r = -LINUX_EPERM;
  else {
    if (!pgid) pgid = p->pid;
    bool ok = pgid == p->pid;
    for (int i = 0; i < NTASK && !ok; i++) {
      struct process *q = process_at(i);
      ok = q->pid && !q->reaped && q->pgid == pgid && q->sid == me->sid;
    }
    if (!ok) r = -LINUX_EPERM;
    else p->pgid = pgid;
  }
  spin_unlock(&proc_lock);
  return r;
}

SYSCALL(setsid) {
  (void)arg;
  struct process *me = current->proc;
  spin_lock(&proc_lock);
  int r = me->pid;
  for (int i = 0; i < NTASK; i++) {
    struct process *q = process_at(i);
    if (q->pid && !q->reaped && q->pgid == me->pid) r = -LINUX_EPERM;
  }
  if (r > 0) me->sid = me->pgid = me->pid;
  spin_unlock(&proc_lock);
  return r;
}

/* ---- small calls glibc makes ---------------------------------------------- */
SYSCALL(sched_yield) {
  (void)arg;
  yield();
  return 0;
}
SYSCALL(set_thread_area) {
  current->tls = arg[0];
  hal_set_tls(arg[0]);
  return 0;
}
SYSCALL(set_robust_list) {
  if (arg[1] != 24) return -LINUX_EINVAL;
  current->robust_list = arg[0];
  return 0;
}
SYSCALL(rseq) { (void)arg; return -LINUX_ENOSYS; }   /* glibc carries on without it */
SYSCALL(prctl) {
  if (arg[0] == LINUX_PR_SET_NAME) {
    char name[16];
    long n = strncpy_from_user(name, arg[1], sizeof name);
    if (n == -LINUX_EFAULT) return n;
    name[15] = 0;
    strlcpy(current->proc->comm, name, sizeof name);
    return 0;
  }
  if (arg[0] == LINUX_PR_GET_NAME) return copy_to_user(arg[1], current->proc->comm, 16);
  return -LINUX_EINVAL;
}

/* The affinity mask: every CPU in use (the scheduler does not pin). */
SYSCALL(sched_getaffinity) {
  u64 len = arg[1];
  if (len < 8 || (len & 7)) return -LINUX_EINVAL;
  u64 mask = ncpus >= 64 ? ~0ull : (1ull << ncpus) - 1;
  if (copy_to_user(arg[2], &mask, 8) < 0) return -LINUX_EFAULT;
  return 8;
}
SYSCALL(sched_setaffinity) { (void)arg; return 0; }
SYSCALL(getpriority) { (void)arg; return 20; }   /* nice 0, as the kernel encodes it */
SYSCALL(setpriority) { (void)arg; return 0; }
