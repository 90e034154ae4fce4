/* pda.h - the per-CPU private data area: one page per physical CPU, mapped
 * by wired TLB entry 0 at PDA_VA on every CPU (layout.h), so the exception
 * vectors reach it as PDA_OFF+x($zero) before they have a free register -
 * they must save the guest's k0/k1 before touching anything.  The entry is
 * global and lives in ckseg3, which no guest can address or map. */
#ifndef MON_PDA_H
#define MON_PDA_H
#include "layout.h"

#define PDA_K0 0          /* the guest's k0, k1, at, t8 while a vector runs */
#define PDA_K1 8
#define PDA_AT 16
#define PDA_T8 24
#define PDA_VCPU 32       /* struct vcpu * running here (0: none) */
#define PDA_STACK 40      /* top of this CPU's monitor stack */
#define PDA_REFILL 48     /* 1: the general path was entered from the refill handler */
#define PDA_PMAP 56       /* the running VM's pmap (u64 EntryLo per guest page) */
#define PDA_NPAGES 64     /* ... and its length */
#define PDA_L2TLB 72      /* the running vCPU's L2TLB (struct l2tlb_entry[L2TLB_SIZE]) */
#define PDA_WIN_FILLS 80  /* refills served from the pmap in assembly */
#define PDA_L2_HITS 88    /* refills served from the L2TLB in assembly */
#define PDA_CPU 96
#define PDA_NODE 104
#define PDA_LAST 112      /* the vCPU whose translations the real TLB holds */
#define PDA_TIME 120      /* now_cycles(): Count extended to 64 bits (sched.c) */
#define PDA_USER 144      /* the guest last entered ran in user mode (vtlb.c) */
#define PDA_TIMER_DUE 152 /* the machine cycle the real Compare is set for (trap.c) */

#ifndef __ASSEMBLER__
#include "types.h"
struct vcpu;
struct pda {
  u64 k0, k1, at, t8;
  struct vcpu *vcpu;
  u64 stack_top;
  u64 refill;
  u64 *pmap;
  u64 npages;
  void *l2tlb;
  u64 win_fills, l2_hits;
  u64 cpu, node;
  struct vcpu *last;
  u64 count_high, count_last, time_offset;
  u64 user;
  u64 timer_due;
};
_Static_assert(__builtin_offsetof(struct pda, last) == PDA_LAST, "pda layout");
#define PDA ((volatile struct pda *)PDA_VA)
#endif
#endif
