/* emulate.c - privileged instructions.  The guest kernel runs with CU0
 * clear, so every CP0 instruction and CACHE raises Coprocessor Unusable
 * (CE = 0) and lands in exit_cpu_unusable(), which decodes it and emulates
 * it on the vCPU's virtual CP0 (vcp0.c) and virtual TLB (vtlb.c).  From the
 * guest's user mode the same exception is the guest's business (REFLECT),
 * as is CE = 1 (the guest's FPU is off: the real CU1 follows the virtual).
 *
 * The resume PC is computed before anything is emulated (reflect.c: the
 * branch of a delay slot must see the registers as they were). */
#include "cp0.h"
#include "mon.h"
#include "trap.h"
#include "vm.h"

#define OP_COP0 0x10
#define OP_CACHE 0x2F
#define RS_MF 0x00
#define RS_DMF 0x01
#define RS_MT 0x04
#define RS_DMT 0x05
#define FN_TLBR 0x01
#define FN_TLBWI 0x02
#define FN_TLBWR 0x06
#define FN_TLBP 0x08
#define FN_ERET 0x18

static void set_reg(struct vcpu *v, unsigned rt, u64 value) {
  if (rt) v->regs[rt] = value;
}

static enum outcome emulate_move(struct vcpu *v, u32 insn) {
  unsigned rs = (insn >> 21) & 31, rt = (insn >> 16) & 31, rd = (insn >> 11) & 31;
  v->kind = EX_CP0;
  switch (rs) {
    case RS_MF: set_reg(v, rt, (u64)(i64)(i32)vcp0_read(v, rd)); break;
    case RS_DMF: set_reg(v, rt, vcp0_read(v, rd)); break;
    case RS_MT: vcp0_write(v, rd, (u64)(i64)(i32)v->regs[rt]); break;
    case RS_DMT: vcp0_write(v, rd, v->regs[rt]); break;
  }
  return RESUME;
}

/* ERET: to ErrorEPC if ERL, else to EPC; it has no delay slot. */
static enum outcome emulate_eret(struct vcpu *v) {
  u64 *c = v->cp0;
  v->kind = EX_ERET;
  if (c[CP0_STATUS] & ST_ERL) {
    v->pc = c[CP0_ERROREPC];
    c[CP0_STATUS] &= ~(u64)ST_ERL;
  } else {
    v->pc = c[CP0_EPC];
    c[CP0_STATUS] &= ~(u64)ST_EXL;
  }
  return RESUME;
}

static enum outcome emulate_tlb(struct vcpu *v, unsigned fn) {
  switch (fn) {
    case FN_TLBR: v->kind = EX_TLB_OTHER; vtlb_read(v); return RESUME;
    case FN_TLBWI: v->kind = EX_TLB_WRITE; vtlb_write(v, (unsigned)v->cp0[CP0_INDEX] & 63, false); return RESUME;
    case FN_TLBWR: v->kind = EX_TLB_WRITE; vtlb_write(v, vcp0_random(v), true); return RESUME;
    case FN_TLBP: v->kind = EX_TLB_OTHER; vtlb_probe(v); return RESUME;
    default: return REFLECT;
  }
}

/* A refill handler ends "tlbwr; eret" (dunix's does): when the instruction
 * after an emulated TLB write is ERET, it is emulated in the same exit, which
 * saves the guest a second trap per refill.  Nothing can come between the
 * two - the guest is at virtual EXL, so no interrupt is delivered there. */
#define INSN_ERET 0x42000018u
static bool fused_eret(struct vcpu *v) {
  u32 insn;
  if (!guest_fetch(v, v->pc, &insn) || insn != INSN_ERET) return false;
  emulate_eret(v);
  v->kind = EX_TLB_WRITE;
  v->fused_erets++;
  return true;
}

enum outcome exit_cpu_unusable(struct vcpu *v) {
  if (CAUSE_CE(v->x_cause) == 1 && (v->cp0[CP0_STATUS] & ST_CU1)) {
    v->fpu_used = true;   /* CU1 set through the register page: enable it now */
    v->kind = EX_CP0;
    return RESUME;
  }
  if (CAUSE_CE(v->x_cause) != 0 || !vcpu_kernel_mode(v)) return REFLECT;
  u32 insn;
  if (!guest_fetch(v, trapped_pc(v), &insn)) return v->why = "cannot fetch a trapped instruction", FATAL;
  unsigned op = insn >> 26, rs = (insn >> 21) & 31;
  if (op == OP_COP0 && (insn & (1u << 25)) && (insn & 0x3F) == FN_ERET) {
    if (v->x_cause & CAUSE_BD) return v->x_cause = (v->x_cause & ~0x7Cull) | EXC_RI << 2, REFLECT;
    return emulate_eret(v);
  }
  u64 next = resume_pc(v);
  enum outcome o;
  if (op == OP_CACHE) {
    v->kind = EX_CACHE;   /* the monitor keeps the caches coherent: nothing to do */
    o = RESUME;
  } else if (op == OP_COP0 && (insn & (1u << 25))) {
    o = emulate_tlb(v, insn & 0x3F);
  } else if (op == OP_COP0 && (rs == RS_MF || rs == RS_DMF || rs == RS_MT || rs == RS_DMT)) {
    o = emulate_move(v, insn);
  } else {
    o = REFLECT;
  }
  if (o == RESUME) v->pc = next;
  if (o == RESUME && v->kind == EX_TLB_WRITE && !(v->x_cause & CAUSE_BD) && fused_eret(v)) o = RESUME;
  if (o == REFLECT) v->x_cause = (v->x_cause & ~0x7Cull) | EXC_RI << 2;  /* unknown to the R10000: RI */
  return o;
}
