/* task.c - the task table and processes: allocation, lookup, the per-task
 * kernel stack, and the objects tasks share (struct fsinfo).
 *
 * Locks: proc_lock guards task allocation, tids, process relations. */
#include "fs.h"
#include "kalloc.h"
#include "lib.h"
#include "task.h"

struct spinlock proc_lock = SPINLOCK_INIT("proc");
struct task task_table[NTASK];
static struct process proc_table[NTASK];
static int next_tid = 1;

#define KSTACK_ORDER 2   /* 4 pages = KSTACK_SIZE */
_Static_assert(KSTACK_SIZE == (PAGE_SIZE << KSTACK_ORDER), "kernel stack size");

/* A tid no live task or process uses: pids are tids, as in Linux. */
static int alloc_tid(void) {
  for (;;) {
    int tid = next_tid++;
    if (next_tid >= 32768) next_tid = 2;
    bool used = false;
    for (int i = 0; i < NTASK && !used; i++)
      used = (task_table[i].state != T_UNUSED && task_table[i].tid == tid) ||
             (proc_table[i].pid == tid && !proc_table[i].reaped) ||
             (proc_table[i].pgid == tid || proc_table[i].sid == tid);
    if (!used) return tid;
  }
}

struct task *task_alloc(void) {
  void *stack = pages_alloc(KSTACK_ORDER);
  if (!stack) return NULL;
  spin_lock(&proc_lock);
  for (int i = 0; i < NTASK; i++) {
    struct task *t = &task_table[i];
    if (t->state != T_UNUSED) continue;
    memset(t, 0, sizeof *t);
    t->state = T_EMBRYO;
    t->tid = alloc_tid();
    t->on_cpu = -1;
    t->kstack = (u64)(uintptr_t)stack;
    t->tf = (struct trapframe *)(uintptr_t)(t->kstack + KSTACK_SIZE - sizeof(struct trapframe));
    spin_unlock(&proc_lock);
    return t;
  }
  spin_unlock(&proc_lock);
  pages_free(stack, KSTACK_ORDER);
  return NULL;
}

/* Frees a reaped task's stack and slot.  The task has left the CPU for good
 * (on_cpu == -1). */
void task_free(struct task *t) {
  while (__atomic_load_n(&t->on_cpu, __ATOMIC_ACQUIRE) != -1) {
  }
  pages_free((void *)(uintptr_t)t->kstack, KSTACK_ORDER);
  spin_lock(&proc_lock);
  t->kstack = 0;
  t->state = T_UNUSED;
  spin_unlock(&proc_lock);
}

struct task *task_by_tid(int tid) {
  for (int i = 0; i < NTASK; i++)
    if (task_table[i].state != T_UNUSED && task_table[i].state != T_ZOMBIE && task_table[i].tid == tid)
      return &task_table[i];
  return NULL;
}

/* A fresh process slot (proc_lock held by the caller). */
struct process *process_alloc(void) {
  for (int i = 0; i < NTASK; i++) {
    struct process *p = &proc_table[i];
    if (p->pid == 0 || p->reaped) {
      memset(p, 0, sizeof *p);
      return p;
    }
  }
  return NULL;
}

struct process *process_by_pid(int pid) {
  for (int i = 0; i < NTASK; i++)
    if (proc_table[i].pid == pid && !proc_table[i].reaped) return &proc_table[i];
  return NULL;
}

/* Every live process, for kill(-1), process groups and reparenting. */
struct process *process_at(int i) { return i < NTASK ? &proc_table[i] : NULL; }

struct fsinfo *fsinfo_dup(struct fsinfo *f) {
  struct fsinfo *n = kmalloc(sizeof *n);
  if (!n) return NULL;
  spin_init(&n->lock, "fsinfo");
  n->ref = 1;
  spin_lock(&f->lock);
  n->cwd = idup(f->cwd);
  n->umask = f->umask;
  spin_unlock(&f->lock);
  return n;
}

void fsinfo_put(struct fsinfo *f) {
  if (__atomic_sub_fetch(&f->ref, 1, __ATOMIC_ACQ_REL)) return;
  iput(f->cwd);
  kfree(f);
}
