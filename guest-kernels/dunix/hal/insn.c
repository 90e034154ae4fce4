/* insn.c - instruction-level help for trap handlers: the one place that
 * computes where a trapped instruction resumes when the kernel emulates or
 * skips it.
 *
 * Delay slots: when Cause.BD is set, EPC points at the branch and the trapped
 * instruction is in its delay slot:
 *
 *     EPC:     beq  a0, a1, L     <- re-evaluated here with the saved registers
 *     EPC+4:   rdhwr v1, $29      <- the instruction that trapped
 *     EPC+8:   ...                <- resume here if the branch is not taken,
 *     L:       ...                <- or here if it is
 */
#include "cp0.h"
#include "hal.h"
#include "lib.h"
#include "uaccess.h"

static u32 fp_condition(unsigned cc) {
  u32 fcsr;
  __asm__ volatile(".set push\n.set hardfloat\ncfc1 %0, $31\n.set pop" : "=r"(fcsr));
  unsigned bit = cc == 0 ? 23 : 24 + cc;
  return (fcsr >> bit) & 1;
}

/* Where the branch at tf->epc goes, given the saved registers.  Returns -1
 * if the word there is not a branch (a corrupt trapframe). */
static int branch_target(struct trapframe *tf, u64 *next) {
  u64 pc = tf->epc;
  u32 insn;
  if (hal_tf_from_user(tf)) {
    if (copy_from_user(&insn, pc, 4) < 0) return -1;
  } else {
    insn = *(volatile u32 *)(uintptr_t)pc;
  }
  unsigned op = insn >> 26, rs = (insn >> 21) & 31, rt = (insn >> 16) & 31;
  i64 s = (i64)tf->regs[rs], t = (i64)tf->regs[rt];
  u64 taken = pc + 4 + ((u64)(i64)(i16)(insn & 0xFFFF) << 2);
  u64 fall = pc + 8;
  bool cond;
  switch (op) {
    case 0:  /* SPECIAL: jr, jalr */
      if ((insn & 0x3F) != 8 && (insn & 0x3F) != 9) return -1;
      *next = tf->regs[rs];
      return 0;
    case 1:  /* REGIMM: bltz, bgez, bltzl, bgezl, bltzal, bgezal, ... */
      switch (rt & 0x3) {
        case 0: case 2: cond = s < 0; break;
        default: cond = s >= 0; break;
      }
      *next = cond ? taken : fall;
      return 0;
    case 2: case 3:  /* j, jal */
      *next = ((pc + 4) & ~0x0FFFFFFFull) | ((u64)(insn & 0x03FFFFFF) << 2);
      return 0;
    case 4: case 20: cond = s == t; break;  /* beq, beql */
    case 5: case 21: cond = s != t; break;  /* bne, bnel */
    case 6: case 22: cond = s <= 0; break;  /* blez, blezl */
    case 7: case 23: cond = s > 0; break;   /* bgtz, bgtzl */
    case 17:  /* COP1: bc1f, bc1t, bc1fl, bc1tl */
      if (rs != 8) return -1;
      cond = fp_condition((insn >> 18) & 7) == ((insn >> 16) & 1);
      break;
    default: return -1;
  }
  *next = cond ? taken : fall;
  return 0;
}

int hal_skip_instruction(struct trapframe *tf) {
  if (!(tf->cause & CAUSE_BD)) {
    tf->epc += 4;
    return 0;
  }
  u64 next;
  if (branch_target(tf, &next) < 0) return -1;
  tf->epc = next;
  tf->cause &= ~CAUSE_BD;
  return 0;
}
