/* trap.h - exits: the named outcomes every handler returns, and the
 * handlers the dispatch tables in trap.c point to (one per file). */
#ifndef MON_TRAP_H
#define MON_TRAP_H
#include "vcpu.h"

enum outcome {
  RESUME,       /* back into the guest at v->pc */
  REFLECT,      /* deliver the real exception to the guest's vector */
  DESCHEDULE,   /* the vCPU stops (idle, halted, preempted: v->state says) */
  FATAL,        /* the VM is killed (v->why) */
};
typedef enum outcome (*exit_fn)(struct vcpu *v);

/* emulate.c */
enum outcome exit_cpu_unusable(struct vcpu *v);
/* vtlb.c */
enum outcome exit_tlb(struct vcpu *v);
enum outcome exit_tlb_mod(struct vcpu *v);
void vtlb_read(struct vcpu *v);
void vtlb_write(struct vcpu *v, unsigned index, bool random);
void vtlb_l2_flush(struct vcpu *v);
void vtlb_probe(struct vcpu *v);
bool vtlb_translate(struct vcpu *v, u64 va, bool write, u64 *gpa);
void regpage_switch(struct vcpu *v);
/* mcall.c */
enum outcome exit_syscall(struct vcpu *v);
/* sched.c */
enum outcome exit_interrupt(struct vcpu *v);
enum outcome vcpu_idle(struct vcpu *v);
void post_irq(struct vcpu *v, unsigned line);
void sched_make_runnable(struct vcpu *v);
void vcpu_unblock(struct vcpu *v);
void sched_exit(struct vcpu *v, enum outcome o) __attribute__((noreturn));
/* reflect.c */
void reflect_exception(struct vcpu *v, unsigned code, bool refill);
bool deliver_interrupt(struct vcpu *v);
u64 resume_pc(struct vcpu *v);
u64 trapped_pc(const struct vcpu *v);
/* guestmem.c */
bool guest_fetch(struct vcpu *v, u64 va, u32 *insn);
enum outcome emulate_io(struct vcpu *v, u64 gpa);
/* vcp0.c */
u64 vcp0_read(struct vcpu *v, unsigned reg);
void vcp0_write(struct vcpu *v, unsigned reg, u64 value);
void vcp0_reset(struct vcpu *v);
u32 vcp0_random(struct vcpu *v);
/* trap.c */
void vcpu_resume(struct vcpu *v) __attribute__((noreturn));
#endif
