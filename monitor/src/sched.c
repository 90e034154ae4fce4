/* sched.c - time-sharing vCPUs over the physical CPUs, virtual interrupts,
 * and time.
 *
 * Every vCPU of every VM is in one table; a CPU takes the next RUNNABLE one
 * round-robin (sched_lock), runs it until it idles, halts, or its slice
 * (mon.quantum=) ends with another vCPU waiting, then takes the next.  A
 * CPU with nothing to run gives the board's idle signal with the timer
 * armed for the earliest virtual timer, and wakes on that or on an IPI
 * from a CPU that made a vCPU runnable.  The real TLB holds one vCPU's
 * translations: switching to a different vCPU flushes it.  Virtual timers
 * are checked on every real timer interrupt, on any CPU, for every vCPU.
 * Lock order: sched_lock, then nothing (vm_halt and printf take others
 * after it is released). */
#include "board.h"
#include "cp0.h"
#include "disk.h"
#include "mon.h"
#include "trap.h"
#include "vm.h"

#define MAX_ALL (MAX_VMS * MAX_VCPUS)
#define COUNT_PERIOD (1ull << 33)

void tlb_flush_all(void);
void exit_account(struct vcpu *v);
void vm_print_stats(struct vm *vm);
void print_refill_stats(void);

static spinlock_t sched_lock;
static struct vcpu *all[MAX_ALL];
static unsigned nall;
static volatile u64 idle_cpus;        /* bit n: CPU n is in the idle loop */
volatile unsigned active_vcpus;       /* started and not halted (sched_lock) */
u64 idle_cycles[64];                  /* per CPU, for the statistics */

/* Machine time in cycles, from this CPU's Count (exact, one count per two
 * cycles) extended to 64 bits, plus the offset that makes CPUs agree: a CPU's
 * Count starts at 0 when it is started, the node clock counts from power-on
 * (but only advances at machine quantum boundaries, too coarse for Count).
 * The monitor reads it at every exit, far more often than Count wraps. */
u64 now_cycles(void) {
  u32 c = mfc0(9);
  if (c < PDA->count_last) PDA->count_high += 1ull << 32;
  PDA->count_last = c;
  return 2 * (PDA->count_high + c) + PDA->time_offset;
}

void time_init(void) {
  PDA->count_high = 0;
  PDA->count_last = mfc0(9);
  PDA->time_offset = reg_read64(NODE_CLOCK_BASE(0), CLOCK_NOW_CYCLES) - 2ull * PDA->count_last;
}

void vcpu_init(struct vcpu *v, struct vm *vm, unsigned id) {
  v->vm = vm;
  v->id = id;
  v->on_cpu = v->last_cpu = -1;
  v->state = VS_OFF;
  v->l2tlb = kalloc(L2TLB_SIZE * sizeof(struct l2tlb_entry));
  v->cp0 = kalloc(PAGE_SIZE);     /* the privileged-register page */
  v->disk_req = kalloc(sizeof *v->disk_req);
  v->regpage_lo = (KV2MA(v->cp0) >> PAGE_SHIFT) << ENTRYLO_PFN_SHIFT | ENTRYLO_CACHED | ENTRYLO_D | ENTRYLO_V | ENTRYLO_G;
  vcp0_reset(v);
}

void sched_init(void) {
  for (unsigned i = 0; i < num_vms; i++)
    for (unsigned c = 0; c < vms[i]->nvcpus; c++) {
      vms[i]->vcpus[c]->gid = nall;
      all[nall++] = vms[i]->vcpus[c];
    }
}

static void kick_idle_cpu(void) {
  u64 idle = idle_cpus & ~(1ull << this_cpu());
  if (idle) reg_write64(IPI_BASE, IPI_SEND, (u64)__builtin_ctzll(idle));
}

void sched_make_runnable(struct vcpu *v) {
  spin_lock(&sched_lock);
  bool woke = v->state == VS_OFF || v->state == VS_IDLE;
  if (v->state == VS_OFF) active_vcpus++;
  if (woke) v->state = VS_RUNNABLE, v->runnable_since = now_cycles();
  spin_unlock(&sched_lock);
  if (woke) kick_idle_cpu();
}

/* A disk request of v's finished (disk.c, on CPU 0). */
void vcpu_unblock(struct vcpu *v) {
  spin_lock(&sched_lock);
  v->disk_busy = 0;
  bool woke = v->state == VS_BLOCKED;
  if (woke) v->state = VS_RUNNABLE, v->runnable_since = now_cycles();
  spin_unlock(&sched_lock);
  if (woke) kick_idle_cpu();
}

/* Posts interrupt line `line` to v: an idle vCPU becomes runnable, a vCPU
 * running on another CPU is interrupted there so it sees the line at once. */
void post_irq(struct vcpu *v, unsigned line) {
  __atomic_fetch_or(&v->irq_pending, CAUSE_IP(line), __ATOMIC_SEQ_CST);
  int cpu = v->on_cpu;
  if (v->state == VS_IDLE) sched_make_runnable(v);
  else if (cpu >= 0 && (unsigned)cpu != this_cpu()) reg_write64(IPI_BASE, IPI_SEND, (u64)cpu);
}

static bool wake_pending(struct vcpu *v) {
  return (vcp0_read(v, CP0_CAUSE) & v->cp0[CP0_STATUS] & ST_IM_MASK) != 0;
}

static void timers_check(void) {
  u64 now = now_cycles();
  for (unsigned i = 0; i < nall; i++) {
    struct vcpu *v = all[i];
    if (v->compare_due <= now && !v->vm->halted) {
      v->compare_due += COUNT_PERIOD;
      post_irq(v, IRQ_TIMER);
    }
  }
}

/* The idle signal (a store to sim-control IDLE, or MC_IDLE): deschedule
 * until an interrupt the guest has unmasked is pending (IE does not matter). */
enum outcome vcpu_idle(struct vcpu *v) {
  v->kind = EX_IDLE;
  if (wake_pending(v)) return RESUME;
  v->next_state = VS_IDLE;   /* sched_exit re-checks under the lock */
  return DESCHEDULE;
}

/* Charges the time since the last charge to the vCPU and its VM. */
static void charge_time(struct vcpu *v) {
  u64 now = now_cycles(), ran = now - v->charged_at;
  v->charged_at = now;
  v->run_cycles += ran;
  __atomic_fetch_add(&v->vm->used_cycles, ran, __ATOMIC_RELAXED);
}

/* Real interrupts taken while a guest ran: the timer (slices and virtual
 * timers) and IPIs (another CPU posted to this vCPU or wants a switch). */
extern u64 sched_quantum;
enum outcome exit_interrupt(struct vcpu *v) {
  u32 cause = mfc0(13);
  v->kind = EX_INTERRUPT;
  if (cause & CAUSE_IP(IRQ_TIMER)) mtc0(11, mfc0(9) - 1);   /* lowers IP7 */
  PDA->timer_due = 0;
  if (cause & CAUSE_IP(IRQ_IPI)) reg_write64(IPI_BASE, IPI_CLEAR, 1);
  if (cause & CAUSE_IP(IRQ_DISK)) disk_intr();
  timers_check();
  charge_time(v);
  u64 now = v->charged_at;
  if (v->vm->limit_cycles && v->vm->used_cycles > v->vm->limit_cycles) return v->why = "over its CPU-time limit", FATAL;
  if (now - v->slice_start >= sched_quantum) {
    for (unsigned i = 0; i < nall; i++)
      if (all[i]->state == VS_RUNNABLE && !all[i]->vm->halted) return DESCHEDULE;
    v->slice_start = now;
  }
  return RESUME;
}

static void all_halted_check(void) {
  for (unsigned i = 0; i < num_vms; i++)
    if (!vms[i]->halted) return;
  int status = 0;
  for (unsigned i = 0; i < num_vms && !status; i++) status = vms[i]->status;
  if (mon_stats) {
    for (unsigned i = 0; i < num_vms; i++) vm_print_stats(vms[i]);
    print_refill_stats();
  }
  if (!mon_quiet) printf("disco: all VMs halted\n");
  machine_exit(status);
}

void sched_loop(void) __attribute__((noreturn));

/* The vCPU leaves this CPU: save its FPU, charge its time, set its state. */
void sched_exit(struct vcpu *v, enum outcome o) {
  (void)o;
  exit_account(v);
  if (v->fpu_used) fpu_save(v);
  charge_time(v);
  spin_lock(&sched_lock);
  /* Only here, with on_cpu cleared in the same critical section, does a
   * vCPU become IDLE or BLOCKED: whoever wakes it (post_irq, vcpu_unblock)
   * either sees that state or ran before this check, which then sees the
   * interrupt or the finished request. */
  if (v->vm->halted) v->state = VS_HALTED, active_vcpus--;
  else if (v->next_state == VS_IDLE && !wake_pending(v)) v->state = VS_IDLE;
  else if (v->next_state == VS_BLOCKED && v->disk_busy) v->state = VS_BLOCKED;
  else v->state = VS_RUNNABLE, v->runnable_since = now_cycles();
  v->on_cpu = -1;
  spin_unlock(&sched_lock);
  PDA->vcpu = 0;
  sched_loop();
}

/* The runnable vCPU that has waited longest, except that one which last ran
 * on this CPU is preferred (affinity: its pages were allocated on this
 * node, and the real TLB may still hold its translations) - unless some
 * vCPU has waited more than a time slice, which then goes first, so no
 * vCPU starves behind the affine ones of busy CPUs (a vCPU spinning on a
 * lock its descheduled sibling holds would otherwise be picked forever). */
static struct vcpu *pick(void) {
  extern u64 sched_quantum;
  struct vcpu *oldest = 0, *affine = 0;
  u64 now = now_cycles();
  spin_lock(&sched_lock);
  for (unsigned k = 0; k < nall; k++) {
    struct vcpu *c = all[k];
    if (c->state != VS_RUNNABLE) continue;
    if (c->vm->halted) {
      c->state = VS_HALTED;
      active_vcpus--;
      continue;
    }
    if (!oldest || c->runnable_since < oldest->runnable_since) oldest = c;
    if ((c->last_cpu == (int)this_cpu() || c->last_cpu < 0) && (!affine || c->runnable_since < affine->runnable_since))
      affine = c;
  }
  struct vcpu *v = affine && now - oldest->runnable_since <= sched_quantum ? affine : oldest;
  if (v) {
    v->state = VS_RUNNING;
    v->on_cpu = v->last_cpu = (int)this_cpu();
  }
  spin_unlock(&sched_lock);
  return v;
}

static void run(struct vcpu *v) __attribute__((noreturn));
static void run(struct vcpu *v) {
  if (PDA->last != v) {
    tlb_flush_all();
    PDA->last = v;
  }
  if (v->fpu_used) fpu_restore(v);
  v->slice_start = v->charged_at = now_cycles();
  vcpu_resume(v);
}

/* Nothing to run: idle with the timer set for the earliest virtual timer. */
static void idle(void) {
  __atomic_fetch_or(&idle_cpus, 1ull << this_cpu(), __ATOMIC_SEQ_CST);
  bool work = false;
  u64 due = ~0ull;
  for (unsigned i = 0; i < nall; i++) {
    if (all[i]->state == VS_RUNNABLE && !all[i]->vm->halted) work = true;
    if (!all[i]->vm->halted && all[i]->compare_due < due) due = all[i]->compare_due;
  }
  if (!work) {
    u64 now = now_cycles(), im = ST_IM(IRQ_IPI) | (this_cpu() == 0 ? ST_IM(IRQ_DISK) : 0);
    if (due != ~0ull) {
      u64 delta = due > now ? (due - now) / 2 : 0;
      mtc0(11, mfc0(9) + (u32)MIN(MAX(delta, 32), 0x7FFFFFFF));   /* see trap.c */
      im |= ST_IM(IRQ_TIMER);
    }
    mtc0(12, ST_KX | ST_SX | ST_UX | im);
    u64 idle_start = now_cycles();
    reg_write64(SIMCTL_BASE, SIMCTL_IDLE, 1);
    idle_cycles[this_cpu()] += now_cycles() - idle_start;
    mtc0(12, ST_KX | ST_SX | ST_UX);
    u32 cause = mfc0(13);
    if (cause & CAUSE_IP(IRQ_TIMER)) mtc0(11, mfc0(9) - 1);
    PDA->timer_due = 0;
    if (cause & CAUSE_IP(IRQ_IPI)) reg_write64(IPI_BASE, IPI_CLEAR, 1);
    if (cause & CAUSE_IP(IRQ_DISK)) disk_intr();
  }
  __atomic_fetch_and(&idle_cpus, ~(1ull << this_cpu()), __ATOMIC_SEQ_CST);
}

void sched_loop(void) {
  for (;;) {
    all_halted_check();
    timers_check();
    struct vcpu *v = pick();
    if (v) run(v);
    idle();
  }
}
