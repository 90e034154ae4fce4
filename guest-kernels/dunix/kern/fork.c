/* fork.c - new tasks: clone() in all its Linux forms (fork, vfork, threads).
 *
 * The child gets a copy of the parent's trapframe, so it returns from the
 * same system call, with 0.  What it shares with the parent and what it
 * copies is decided flag by flag:
 *
 *   CLONE_VM       same address space       else a copy-on-write copy (vm_fork)
 *   CLONE_FILES    same descriptor table    else a copy
 *   CLONE_FS       same cwd and umask       else a copy
 *   CLONE_SIGHAND  same signal handlers     else a copy
 *   CLONE_THREAD   same process (tgid)      else a new process, child of ours */
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "linux_n64.h"
#include "signal.h"
#include "task.h"
#include "uaccess.h"
#include "vm.h"
#include "wait.h"

/* Where a new task starts, on its own kernel stack, holding sched_lock
 * (taken by the scheduler that switched to it). */
static void fork_return(void) {
  spin_unlock(&sched_lock);
  struct task *t = current;
  if (t->set_child_tid) {
    u32 tid = (u32)t->tid;
    copy_to_user(t->set_child_tid, &tid, 4);
  }
  hal_trap_return(t->tf);
}

long do_clone(u64 flags, uaddr_t newsp, uaddr_t parent_tid, uaddr_t tls, uaddr_t child_tid) {
  struct task *parent = current;
  if ((flags & LINUX_CLONE_THREAD) && !(flags & LINUX_CLONE_SIGHAND)) return -LINUX_EINVAL;
  if ((flags & LINUX_CLONE_SIGHAND) && !(flags & LINUX_CLONE_VM)) return -LINUX_EINVAL;

  struct task *t = task_alloc();
  if (!t) return -LINUX_EAGAIN;
  long err = -LINUX_ENOMEM;
  if (flags & LINUX_CLONE_VM) {
    vm_get(parent->vm);
    t->vm = parent->vm;
  } else if (!(t->vm = vm_fork(parent->vm))) {
    goto fail;
  }
  if (flags & LINUX_CLONE_FILES) {
    __atomic_add_fetch(&parent->files->ref, 1, __ATOMIC_RELAXED);
    t->files = parent->files;
  } else if (!(t->files = files_dup(parent->files))) {
    goto fail;
  }
  if (flags & LINUX_CLONE_FS) {
    __atomic_add_fetch(&parent->fs->ref, 1, __ATOMIC_RELAXED);
    t->fs = parent->fs;
  } else if (!(t->fs = fsinfo_dup(parent->fs))) {
    goto fail;
  }
  if (flags & LINUX_CLONE_SIGHAND) {
    __atomic_add_fetch(&parent->sighand->ref, 1, __ATOMIC_RELAXED);
    t->sighand = parent->sighand;
  } else if (!(t->sighand = sighand_dup(parent->sighand))) {
    goto fail;
  }

  t->blocked = parent->blocked;
  hal_fpu_save(&parent->fpu);
  t->fpu = parent->fpu;
  t->tls = (flags & LINUX_CLONE_SETTLS) ? tls : parent->tls;
  *t->tf = *parent->tf;
  t->tf->regs[REG_V0] = 0;
  t->tf->regs[REG_A3] = 0;
  if (newsp) t->tf->regs[REG_SP] = newsp;
  if (flags & LINUX_CLONE_CHILD_SETTID) t->set_child_tid = child_tid;
  if (flags & LINUX_CLONE_CHILD_CLEARTID) t->clear_child_tid = child_tid;
  t->altstack_sp = parent->altstack_sp;
  t->altstack_size = parent->altstack_size;
  t->altstack_flags = parent->altstack_flags;
  hal_context_init(&t->ctx, (u64)(uintptr_t)t->tf - 16, fork_return);

  spin_lock(&proc_lock);
  struct process *pp = parent->proc;
  if (flags & LINUX_CLONE_THREAD) {
    if (pp->exiting) {
      spin_unlock(&proc_lock);
      err = -LINUX_EAGAIN;
      goto fail;
    }
    t->proc = pp;
    t->autoreap = true;
    pp->nthreads++;
  } else {
    struct process *p = process_alloc();
    if (!p) {
      spin_unlock(&proc_lock);
      err = -LINUX_EAGAIN;
      goto fail;
    }
    p->pid = t->tid;
    p->pgid = pp->pgid;
    p->sid = pp->sid;
    p->parent = (flags & LINUX_CLONE_PARENT) ? pp->parent : pp;
    p->nthreads = 1;
    p->leader = t;
    p->exit_signal = (int)(flags & 0xFF);
    p->start_ns = hal_time_ns();
    memcpy(p->rlimit_cur, pp->rlimit_cur, sizeof p->rlimit_cur);
    memcpy(p->rlimit_max, pp->rlimit_max, sizeof p->rlimit_max);
    memcpy(p->comm, pp->comm, sizeof p->comm);
    t->proc = p;
  }
  int tid = t->tid;
  spin_unlock(&proc_lock);

  if (flags & LINUX_CLONE_PARENT_SETTID) {
    u32 v = (u32)tid;
    copy_to_user(parent_tid, &v, 4);
  }
  spin_lock(&sched_lock);
  sched_make_runnable(t);
  spin_unlock(&sched_lock);

  if (flags & LINUX_CLONE_VFORK) {  /* until the child execs or exits */
    spin_lock(&sched_lock);
    while (!t->vfork_done) sleep(&t->vfork_done, &sched_lock);
    spin_unlock(&sched_lock);
  }
  return tid;

fail:
  if (t->vm) vm_put(t->vm);
  if (t->files) files_put(t->files);
  if (t->fs) fsinfo_put(t->fs);
  if (t->sighand) sighand_put(t->sighand);
  t->state = T_ZOMBIE;
  task_free(t);
  return err;
}
