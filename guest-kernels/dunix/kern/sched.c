/* sched.c - the scheduler: one FIFO run queue shared by every CPU, a
 * scheduler loop per CPU, sleep and wakeup on channels, timeslices from the
 * per-CPU Count/Compare timer, and idling through the board's idle signal.
 *
 *   task ──sched()──> this CPU's scheduler loop ──hal_swtch──> next task
 *
 * Tickless idle: an idle CPU stops its timer, except CPU 0 while someone
 * sleeps with a deadline or has an alarm armed (CPU 0 wakes timed sleepers).
 * So a machine with nothing to do takes no interrupts at all, and when no
 * device can wake it either, the simulator ends the run instead of letting a
 * deadlocked guest idle forever.
 *
 * Locks: sched_lock guards the run queue, every task's state/chan/pending
 * signals, and the sleep queues.  A task switches out holding sched_lock;
 * the scheduler (or the next task) releases it. */
#include "hal.h"
#include "kalloc.h"
#include "lib.h"
#include "linux_n64.h"
#include "signal.h"
#include "task.h"
#include "vm.h"
#include "wait.h"

#define TIMESLICE_NS 10000000ull   /* 10 ms */
#define NBUCKET 64

struct spinlock sched_lock = SPINLOCK_INIT("sched");
struct cpu cpus[NCPU];
unsigned ncpus = 1;
static struct task *rq_head, *rq_tail;
static u64 idle_mask;              /* bit n: CPU n is idle in its scheduler loop */
static struct task *buckets[NBUCKET];
static u64 tick_ns;
static int timed_sleepers;         /* tasks asleep with a deadline */
static bool cpu0_tickless;         /* CPU 0 idles with its timer stopped */

static struct cpu *mycpu(void) { return &cpus[hal_cpu_id()]; }

/* ---- run queue --------------------------------------------------------- */
void sched_make_runnable(struct task *t) {
  kassert(spin_holding(&sched_lock));
  t->state = T_RUNNABLE;
  t->rq_next = NULL;
  if (rq_tail) rq_tail->rq_next = t;
  else rq_head = t;
  rq_tail = t;
  u64 others = idle_mask & ~(1ull << hal_cpu_id());
  if (others) hal_ipi_send((unsigned)__builtin_ctzll(others));
}

static struct task *dequeue(void) {
  struct task *t = rq_head;
  if (t) {
    rq_head = t->rq_next;
    if (!rq_head) rq_tail = NULL;
  }
  return t;
}

/* ---- accounting ----------------------------------------------------------- */
/* Charges the time since the last charge to user or system time, and says
 * which the task is entering.  On every trap, so it reads the CPU's counter
 * (one instruction), not a device clock. */
void task_account(struct task *t, bool to_user) {
  u32 now = hal_counter();
  u64 d = hal_counter_ns(now - t->last_count);
  if (t->in_user) t->utime_ns += d;
  else t->stime_ns += d;
  t->last_count = now;
  t->in_user = to_user;
}
u64 task_cpu_ns(struct task *t) { return t->utime_ns + t->stime_ns; }

/* ---- switching ------------------------------------------------------------ */
/* Gives up the CPU: sched_lock held, current->state already not RUNNING. */
void sched(void) {
  struct task *t = current;
  kassert(spin_holding(&sched_lock));
  kassert(t->state != T_RUNNING);
  bool intr = intr_saved_state();
  if (t->vm) hal_fpu_save(&t->fpu);
  task_account(t, false);
  hal_swtch(&t->ctx, &mycpu()->sched_ctx);
  intr_restore_saved_state(intr);
}

void yield(void) {
  spin_lock(&sched_lock);
  current->need_resched = false;
  sched_make_runnable(current);
  sched();
  spin_unlock(&sched_lock);
}

__attribute__((noreturn)) void scheduler(void) {
  struct cpu *c = mycpu();
  for (;;) {
    hal_intr_off();
    spin_lock(&sched_lock);
    struct task *t = dequeue();
    if (!t) {
      idle_mask |= 1ull << c->id;
      bool tick = c->id == 0 && (timed_sleepers || itimer_any_armed());
      if (!tick) {
        hal_timer_stop();
        if (c->id == 0) cpu0_tickless = true;
      }
      spin_unlock(&sched_lock);
      hal_idle();        /* until an interrupt is pending */
      hal_intr_on();     /* take it */
      hal_intr_off();
      spin_lock(&sched_lock);
      idle_mask &= ~(1ull << c->id);
      if (c->id == 0) cpu0_tickless = false;
      spin_unlock(&sched_lock);
      if (!tick) hal_timer_arm(tick_ns);
      continue;
    }
    t->state = T_RUNNING;
    t->on_cpu = (int)c->id;
    c->task = t;
    c->slice_end_ns = hal_time_ns() + TIMESLICE_NS;
    hal_set_current(t);
    hal_set_kstack(t->kstack + KSTACK_SIZE);
    if (t->vm) {
      vm_activate(t->vm);
      hal_fpu_restore(&t->fpu);
      hal_set_tls(t->tls);
    }
    t->last_count = hal_counter();
    hal_swtch(&c->sched_ctx, &t->ctx);
    /* t switched out (sched_lock held) */
    if (t->vm) vm_deactivate(t->vm);
    hal_set_current(NULL);
    c->task = NULL;
    __atomic_store_n(&t->on_cpu, -1, __ATOMIC_RELEASE);  /* its stack is free now */
    if (t->state == T_ZOMBIE && t->autoreap) {  /* an exited thread: nobody waits for it */
      pages_free((void *)(uintptr_t)t->kstack, 2);
      t->kstack = 0;
      __atomic_store_n(&t->state, T_UNUSED, __ATOMIC_RELEASE);
    }
    spin_unlock(&sched_lock);
  }
}

/* ---- sleep and wakeup ---------------------------------------------------- */
static unsigned bucket_of(void *chan) { return (unsigned)(((u64)(uintptr_t)chan >> 4) % NBUCKET); }

static void wq_remove(struct task *t) {
  unsigned b = bucket_of(t->chan);
  if (t->wq_prev) t->wq_prev->wq_next = t->wq_next;
  else buckets[b] = t->wq_next;
  if (t->wq_next) t->wq_next->wq_prev = t->wq_prev;
  t->wq_next = t->wq_prev = NULL;
}

/* A signal the task must act on, or its process is going away (sched_lock held). */
static bool must_wake(struct task *t) {
  return ((t->pending | t->proc->shared_pending) & ~t->blocked) || t->proc->exiting ||
         (t->pending & SIGBIT(LINUX_SIGKILL));
}

/* Wakes t if it sleeps; called with sched_lock held (signal posting uses it). */
void sched_wake_task(struct task *t) {
  kassert(spin_holding(&sched_lock));
  if (t->state == T_SLEEPING) {
    wq_remove(t);
    sched_make_runnable(t);
  }
}

int sleep_until(void *chan, struct spinlock *lk, u64 deadline_ns, bool interruptible) {
  struct task *t = current;
  kassert(t);
  if (lk != &sched_lock) {
    spin_lock(&sched_lock);
    spin_unlock(lk);
  }
  int r = 0;
  if (interruptible && must_wake(t)) {
    r = -LINUX_EINTR;
  } else if (deadline_ns && hal_time_ns() >= deadline_ns) {
    r = -LINUX_ETIMEDOUT;
  } else {
    t->chan = chan;
    t->wake_by_signal = interruptible;
    t->wake_deadline_ns = deadline_ns;
    t->timed_out = false;
    t->state = T_SLEEPING;
    if (deadline_ns) {
      timed_sleepers++;
      if (cpu0_tickless) hal_ipi_send(0);   /* CPU 0 must tick to wake us */
    }
    unsigned b = bucket_of(chan);
    t->wq_prev = NULL;
    t->wq_next = buckets[b];
    if (buckets[b]) buckets[b]->wq_prev = t;
    buckets[b] = t;
    sched();
    if (deadline_ns) timed_sleepers--;
    t->chan = NULL;
    if (t->timed_out) r = -LINUX_ETIMEDOUT;
    else if (interruptible && must_wake(t)) r = -LINUX_EINTR;
    t->wake_by_signal = false;
    t->wake_deadline_ns = 0;
  }
  if (lk != &sched_lock) {
    spin_unlock(&sched_lock);
    spin_lock(lk);
  }
  return r;
}

void sleep(void *chan, struct spinlock *lk) { sleep_until(chan, lk, 0, false); }
int sleep_intr(void *chan, struct spinlock *lk) { return sleep_until(chan, lk, 0, true); }

void wakeup_locked(void *chan) {
  struct task *t = buckets[bucket_of(chan)];
  while (t) {
    struct task *next = t->wq_next;
    if (t->chan == chan && t->state == T_SLEEPING) {
      wq_remove(t);
      sched_make_runnable(t);
    }
    t = next;
  }
}

void wakeup(void *chan) {
  spin_lock(&sched_lock);
  wakeup_locked(chan);
  spin_unlock(&sched_lock);
}

/* Interruptible sleepers with a signal to act on (signal posting). */
void sched_signal_wake(struct task *t) {
  kassert(spin_holding(&sched_lock));
  if (t->state == T_SLEEPING && t->wake_by_signal) sched_wake_task(t);
}

/* ---- the timer ------------------------------------------------------------- */
/* Sleepers whose deadline has passed (CPU 0, every tick). */
static void wake_timed(u64 now) {
  spin_lock(&sched_lock);
  for (unsigned b = 0; b < NBUCKET; b++) {
    struct task *t = buckets[b];
    while (t) {
      struct task *next = t->wq_next;
      if (t->wake_deadline_ns && now >= t->wake_deadline_ns) {
        t->timed_out = true;
        wq_remove(t);
        sched_make_runnable(t);
      }
      t = next;
    }
  }
  spin_unlock(&sched_lock);
}

void timer_intr(void) {
  struct cpu *c = mycpu();
  c->ticks++;
  u64 now = hal_time_ns();
  hal_timer_arm(tick_ns);
  if (c->id == 0) {
    wake_timed(now);
    itimer_tick(now);
  }
  if (c->task && now >= c->slice_end_ns) c->task->need_resched = true;
}

/* An IPI: a TLB shootdown request (vm_ipi), or a wake-up for an idle CPU,
 * whose scheduler loop then finds the new task. */
void ipi_intr(void) { vm_ipi(); }

void sched_init(void) { tick_ns = 1000000000ull / HZ; }

void sched_start_timer(void) { hal_timer_arm(tick_ns); }
