/* reflect.c - the guest's view of exceptions: delivering an exception or an
 * interrupt to the guest's vectors with the architecture's semantics, and
 * the one place that computes where a trapped instruction resumes.
 *
 * Delivery (R4000/R10000 manual order, on the virtual CP0): Cause.ExcCode
 * (and CE); if virtual EXL was 0, EPC and Cause.BD from the real exception;
 * BadVAddr, Context, XContext and EntryHi for TLB exceptions; EXL = 1; the
 * PC becomes the guest's vector in DG_KSEG (disco_guest.h): +0x000 / +0x080
 * for a TLB refill taken with EXL = 0 (32-/64-bit region, by the guest's
 * own UX/SX/KX), +0x180 for everything else.
 *
 * Resume PC: when an emulated instruction sits in a branch delay slot
 * (Cause.BD), EPC points at the branch:
 *
 *     EPC:     bne  t0, zero, L   <- re-evaluated here with the registers as
 *                                    they were BEFORE the emulated instruction
 *     EPC+4:   mfc0 t0, $12       <- the instruction that trapped (emulated)
 *     EPC+8:   ...                <- resume here if the branch is not taken,
 *     L:       ...                <- or here if it is
 *
 * so every handler calls resume_pc() before it emulates anything.  The
 * branch already ran and wrote its link register (jal, bltzal); a jalr
 * whose rd is its rs is the one form this cannot re-evaluate, as in hal/insn.c. */
#include "cp0.h"
#include "disco_guest.h"
#include "mon.h"
#include "trap.h"
#include "vm.h"

/* The address of the instruction that trapped. */
u64 trapped_pc(const struct vcpu *v) { return v->x_epc + ((v->x_cause & CAUSE_BD) ? 4 : 0); }

static int branch_next(struct vcpu *v, u64 pc, u64 *next) {
  u32 insn;
  if (!guest_fetch(v, pc, &insn)) return -1;
  unsigned op = insn >> 26, rs = (insn >> 21) & 31, rt = (insn >> 16) & 31;
  i64 s = (i64)v->regs[rs], t = (i64)v->regs[rt];
  u64 taken = pc + 4 + ((u64)(i64)(int16_t)(insn & 0xFFFF) << 2), fall = pc + 8;
  bool cond;
  switch (op) {
    case 0:  /* jr, jalr */
      if ((insn & 0x3F) != 8 && (insn & 0x3F) != 9) return -1;
      *next = v->regs[rs];
      return 0;
    case 1: cond = (rt & 1) ? s >= 0 : s < 0; break;  /* bltz bgez (l, al) */
    case 2: case 3:
      *next = ((pc + 4) & ~0x0FFFFFFFull) | ((u64)(insn & 0x03FFFFFF) << 2);
      return 0;
    case 4: case 20: cond = s == t; break;
    case 5: case 21: cond = s != t; break;
    case 6: case 22: cond = s <= 0; break;
    case 7: case 23: cond = s > 0; break;
    case 17: {  /* bc1f/bc1t: the FPU holds the guest's FCSR while it runs */
      if (rs != 8) return -1;
      u32 fcsr;
      if (!v->fpu_used) return -1;
      fpu_save(v);
      fcsr = (u32)v->fcsr;
      unsigned cc = (insn >> 18) & 7, bit = cc == 0 ? 23 : 24 + cc;
      cond = ((fcsr >> bit) & 1) == ((insn >> 16) & 1);
      break;
    }
    default: return -1;
  }
  *next = cond ? taken : fall;
  return 0;
}

u64 resume_pc(struct vcpu *v) {
  u64 next;
  if (!(v->x_cause & CAUSE_BD)) return v->x_epc + 4;
  if (branch_next(v, v->x_epc, &next) < 0) return v->x_epc + 8;   /* not a branch: cannot happen */
  return next;
}

/* Which refill vector a miss at va takes, by the guest's X bits (R = va 63:62). */
static bool xtlb_region(u64 status, u64 va) {
  switch (va >> 62) {
    case 0: return status & ST_UX;
    case 1: return status & ST_SX;
    default: return status & ST_KX;
  }
}

static void enter_vector(struct vcpu *v, unsigned code, u64 epc, bool bd, u64 offset) {
  u64 *c = v->cp0;
  bool exl = c[CP0_STATUS] & ST_EXL;
  c[CP0_CAUSE] = (c[CP0_CAUSE] & ~(0x1Full << CAUSE_EXC_SHIFT | 3ull << CAUSE_CE_SHIFT)) | (u64)code << CAUSE_EXC_SHIFT;
  if (code == EXC_CPU) c[CP0_CAUSE] |= (u64)CAUSE_CE(v->x_cause) << CAUSE_CE_SHIFT;
  if (!exl) {
    c[CP0_EPC] = epc;
    c[CP0_CAUSE] = bd ? (c[CP0_CAUSE] | CAUSE_BD) : (c[CP0_CAUSE] & ~(u64)CAUSE_BD);
  } else {
    offset = 0x180;
  }
  c[CP0_STATUS] |= ST_EXL;
  v->pc = DG_KSEG + offset;
}

void reflect_exception(struct vcpu *v, unsigned code, bool refill) {
  u64 *c = v->cp0, va = v->x_badvaddr;
  u64 offset = 0x180;
  if (code == EXC_MOD || code == EXC_TLBL || code == EXC_TLBS) {
    u64 vpn2 = va & ENTRYHI_VPN2_MASK;
    c[CP0_CONTEXT] = (c[CP0_CONTEXT] & ~0x7FFFFFull) | ((va >> 13) & 0x7FFFF) << 4;
    c[CP0_XCONTEXT] = (c[CP0_XCONTEXT] & ~0x1FFFFFFFFFull) | (va >> 62) << 35 | ((va >> 13) & 0x7FFFFFFF) << 4;
    c[CP0_ENTRYHI] = vpn2 | (c[CP0_ENTRYHI] & ENTRYHI_ASID_MASK);
    if (refill) offset = xtlb_region(c[CP0_STATUS], va) ? 0x080 : 0x000;
  }
  if (code == EXC_MOD || code == EXC_TLBL || code == EXC_TLBS || code == EXC_ADEL || code == EXC_ADES)
    c[CP0_BADVADDR] = va;
  enter_vector(v, code, v->x_epc, v->x_cause & CAUSE_BD, offset);
}

/* Delivers a pending virtual interrupt if the guest has it enabled (IE, not
 * EXL or ERL, its IM bit).  EPC is where the vCPU would resume. */
bool deliver_interrupt(struct vcpu *v) {
  u64 st = v->cp0[CP0_STATUS];
  if ((st & (ST_IE | ST_EXL | ST_ERL)) != ST_IE) return false;
  u64 ip = vcp0_read(v, CP0_CAUSE) & CAUSE_IP_MASK;
  if (!(ip & st & ST_IM_MASK)) return false;
  bool bd = v->in_exit && v->pc == v->x_epc && (v->x_cause & CAUSE_BD);
  enter_vector(v, EXC_INT, v->pc, bd, 0x180);
  return true;
}
