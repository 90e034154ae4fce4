/* trap.c - every exit from a guest comes here (locore.S: exc_save), is
 * dispatched through ONE table indexed by ExcCode, and ends in a named
 * outcome; every exit is counted by kind with its cycles (Count at entry to
 * Count at the ERET back).  vcpu_resume() is the one way back into a guest:
 * it delivers a pending virtual interrupt, builds the real Status, and
 * arms the real timer. */
#include "cp0.h"
#include "mon.h"
#include "trap.h"
#include "vm.h"

extern u64 sched_quantum;
/* Compare must stay ahead of Count by more than the instructions between
 * reading Count and writing Compare, or the match is a full period away. */
#define MIN_TIMER_COUNTS 32

static enum outcome exit_reflect(struct vcpu *v) { (void)v; return REFLECT; }

static const exit_fn by_exccode[32] = {
  [EXC_INT] = exit_interrupt,   [EXC_MOD] = exit_tlb_mod,    [EXC_TLBL] = exit_tlb,
  [EXC_TLBS] = exit_tlb,        [EXC_ADEL] = exit_reflect,   [EXC_ADES] = exit_reflect,
  [EXC_IBE] = exit_reflect,     [EXC_DBE] = exit_reflect,    [EXC_SYS] = exit_syscall,
  [EXC_BP] = exit_reflect,      [EXC_RI] = exit_reflect,     [EXC_CPU] = exit_cpu_unusable,
  [EXC_OV] = exit_reflect,      [EXC_TR] = exit_reflect,     [EXC_FPE] = exit_reflect,
  [EXC_WATCH] = exit_reflect,
};

void trap(struct vcpu *v, u64 refill) {
  u64 ran = 2ull * (u32)((u32)v->x_count - v->entry_count);
  if ((v->x_status & ST_KSU_MASK) == ST_KSU_USER) v->user_cycles += ran; else v->super_cycles += ran;
  v->in_exit = true;
  v->next_state = VS_RUNNABLE;
  v->x_refill = refill;
  v->kind = EX_REFLECT;
  exit_fn fn = by_exccode[CAUSE_EXCCODE(v->x_cause)];
  enum outcome o = fn ? fn(v) : REFLECT;
  if (o == REFLECT) {
    if (v->cp0[CP0_STATUS] & ST_BEV) {
      v->why = "exception with Status.BEV set (no vector)";
      o = FATAL;
    } else {
      reflect_exception(v, CAUSE_EXCCODE(v->x_cause), v->x_refill);
    }
  }
  if (o == FATAL) {
    v->kind = EX_FATAL;
    vm_halt(v->vm, 255, v->why);
  }
  if (o == RESUME || o == REFLECT) {
    if (!v->vm->halted) vcpu_resume(v);
    o = DESCHEDULE;
  }
  sched_exit(v, o);
}

/* Closes the statistics of the exit in progress. */
void exit_account(struct vcpu *v) {
  if (!v->in_exit) return;
  u32 counts = mfc0(9) - (u32)v->x_count;
  v->exits[v->kind].count++;
  v->exits[v->kind].cycles += 2ull * counts;
  v->in_exit = false;
}

/* Real Status for the guest: its mode (virtual kernel and supervisor both
 * run in supervisor mode), 64-bit addressing everywhere, interrupts on with
 * the monitor's own lines (timer, IPI), CU0 off, CU1/FR as the guest has them. */
static u64 guest_status(struct vcpu *v) {
  u64 st = v->cp0[CP0_STATUS];
  u64 ksu = vcpu_user_mode(v) ? ST_KSU_USER : ST_KSU_SUPER;
  u64 disk = this_cpu() == 0 ? ST_IM(IRQ_DISK) : 0;   /* completions come to CPU 0 (disk.c) */
  return ST_KX | ST_SX | ST_UX | ST_XX | ST_IE | ST_EXL | ST_IM(IRQ_TIMER) | ST_IM(IRQ_IPI) | disk | ksu |
         (st & (ST_CU1 | ST_FR));
}

/* The real timer fires at the end of the slice or at the vCPU's Compare.
 * Compare is left alone while it is already set for that moment (most
 * exits); exit_interrupt and the idle loop forget the setting. */
static void arm_timer(struct vcpu *v) {
  extern volatile unsigned active_vcpus;
  /* alone on the machine, a vCPU needs no time slice (a long one still
   * bounds how late anything else is noticed) */
  u64 slice = active_vcpus > 1 ? sched_quantum : 64 * sched_quantum;
  u64 due = MIN(v->slice_start + slice, v->compare_due);
  if (due == PDA->timer_due) return;
  u64 now = now_cycles();
  u64 delta = due > now ? (due - now) / 2 : 0;
  mtc0(11, mfc0(9) + (u32)MIN(MAX(delta, MIN_TIMER_COUNTS), 0x7FFFFFFF));
  PDA->timer_due = delta >= MIN_TIMER_COUNTS && delta <= 0x7FFFFFFF ? due : 0;
}

void vcpu_resume(struct vcpu *v) {
  deliver_interrupt(v);
  v->entry_status = guest_status(v);
  v->cp0[CP0_CAUSE] = vcp0_read(v, CP0_CAUSE);    /* the register page shows the IP bits */
  v->cp0[CP0_COUNT] = vcp0_read(v, CP0_COUNT);    /* ... and Count, as of this entry */
  dmtc0(10, v->cp0[CP0_ENTRYHI] & ENTRYHI_ASID_MASK);
  tlb_gen_check(v);
  regpage_switch(v);
  arm_timer(v);
  PDA->pmap = v->vm->pmap;
  PDA->npages = v->vm->npages;
  PDA->l2tlb = v->l2tlb;
  exit_account(v);
  v->entry_count = mfc0(9);
  vcpu_enter(v);
}
