/* trapframe.h - the registers a trap saves, at the top of the task's kernel
 * stack (hal/bare/locore.S builds it; the portable kernel reads and edits it to
 * return system-call results, deliver signals, and start new tasks).
 * Offsets are used by assembly, so they are spelled out. */
#ifndef DUNIX_TRAPFRAME_H
#define DUNIX_TRAPFRAME_H

#define TF_REG(n) n*8           /* regs[0] is unused by assembly (no parentheses: they confuse the assembler) */
#define TF_HI 256
#define TF_LO 264
#define TF_EPC 272
#define TF_STATUS 280
#define TF_CAUSE 288
#define TF_BADVADDR 296
#define TF_ORIG_V0 304          /* system-call number, for restarts */
#define TF_ORIG_A3 312          /* a3 at entry: the 4th argument, clobbered by the error flag */
#define TF_SIZE 320

/* Register numbers of the n64 calling convention ($8-$11 are a4-a7). */
#define REG_V0 2
#define REG_V1 3
#define REG_A0 4
#define REG_A1 5
#define REG_A2 6
#define REG_A3 7
#define REG_A4 8
#define REG_A5 9
#define REG_T9 25
#define REG_GP 28
#define REG_SP 29
#define REG_FP 30
#define REG_RA 31

#ifndef __ASSEMBLER__
#include "types.h"

struct trapframe {
  u64 regs[32];
  u64 hi, lo;
  u64 epc, status, cause, badvaddr;
  u64 orig_v0, orig_a3;
};
_Static_assert(sizeof(struct trapframe) == TF_SIZE, "trapframe layout");
_Static_assert(__builtin_offsetof(struct trapframe, epc) == TF_EPC, "trapframe layout");
_Static_assert(__builtin_offsetof(struct trapframe, orig_a3) == TF_ORIG_A3, "trapframe layout");

/* Callee-saved registers for a kernel context switch (hal_swtch, locore.S). */
struct context {
  u64 s[8];      /* $16-$23 */
  u64 fp, gp, sp, ra;
};
#endif
#define CTX_S0 0
#define CTX_FP 64
#define CTX_GP 72
#define CTX_SP 80
#define CTX_RA 88

#endif
