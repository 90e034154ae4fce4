/* pda.h (Disco) - the per-CPU private data area under the Disco monitor.
 * A supervisor-mode guest cannot reach ckseg3, where the bare HAL maps its
 * PDA with a wired TLB entry, so here each virtual CPU's PDA is an ordinary
 * page reached through the guest-physical window (DG_XPHYS), and its page
 * number is kept in the PTEBase field of the vCPU's own (virtual) Context
 * register, which the privileged-register page lets any code read with one
 * load: the classic MIPS trick of a per-CPU pointer in Context. */
#ifndef DUNIX_PDA_H
#define DUNIX_PDA_H

#include "cp0.h"
#include "disco_guest.h"

#define PDA_PGD 0        /* u64 *: the user page-table root the refill handler walks */
#define PDA_KSTACK 8     /* top of the running task's kernel stack (trap entry) */
#define PDA_CPU 16       /* struct cpu * */
#define PDA_CURRENT 24   /* struct task * */
#define PDA_CPUID 32
#define PDA_TLS 40       /* the running task's UserLocal (TLS pointer), for RDHWR $29 */
#define CONTEXT_PTEBASE_SHIFT 23

/* Assembly: reg = this CPU's PDA, using tmp (both clobbered). */
#define LOAD_PDA(reg, tmp)                                  \
        ld      reg, VREG_OFF(4)($0);                         \
        dsrl    reg, reg, CONTEXT_PTEBASE_SHIFT;            \
        dsll    reg, reg, PAGE_SHIFT;                       \
        lui     tmp, 0x4000;                                \
        dsll32  tmp, tmp, 0;                                \
        or      reg, reg, tmp

#ifndef __ASSEMBLER__
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
static inline volatile struct pda *pda_of_context(void) {
  u64 context = *(volatile u64 *)(uintptr_t)DG_REG(4);
  return (volatile struct pda *)(uintptr_t)(DG_XPHYS | (context >> CONTEXT_PTEBASE_SHIFT) << PAGE_SHIFT);
}
#define PDA (pda_of_context())
#endif

#endif
