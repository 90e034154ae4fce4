/* pda.h - the per-CPU private data area (IRIX's PDA): one page per CPU,
 * mapped by wired TLB entry 0 at the same virtual address (PDA_VA) on every
 * CPU, so assembly reaches its own CPU's copy as PDA_OFFSET($zero) with no
 * register to spare - which is all a TLB refill handler has. */
#ifndef DUNIX_PDA_H
#define DUNIX_PDA_H

#define PDA_PGD 0        /* u64 *: the user page-table root the refill handler walks */
#define PDA_KSTACK 8     /* top of the running task's kernel stack (trap entry) */
#define PDA_CPU 16       /* struct cpu * */
#define PDA_CURRENT 24   /* struct task * */
#define PDA_CPUID 32
#define PDA_TLS 40       /* the running task's UserLocal (TLS pointer), for RDHWR $29 */

#ifndef __ASSEMBLER__
#include "layout.h"
#include "types.h"
struct pda {
  u64 *pgd;
  u64 kstack_top;
  struct cpu *cpu;
  struct task *current;
  u64 cpuid;
  u64 tls;
};
_Static_assert(__builtin_offsetof(struct pda, cpuid) == PDA_CPUID, "pda layout");
_Static_assert(__builtin_offsetof(struct pda, tls) == PDA_TLS, "pda layout");
#define PDA ((volatile struct pda *)PDA_VA)
#endif

#endif
