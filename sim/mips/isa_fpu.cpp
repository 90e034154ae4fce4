// isa_fpu.cpp - the floating-point (CP1 and COP1X) rows of the instruction
// table: MIPS IV as the R10000 implements it, plus the Release 2 MFHC1/MTHC1
// (kGateR2: the user-mode runner, or the machine with isa = "r2").
//
// The semantic bodies are small templates over the operand format (S, D, W,
// L); fpu.h/fpu.cpp hold the IEEE arithmetic, the FCSR layout and register
// access in both FR modes.  Every arithmetic instruction ends in
// fpu_signal(), the one place that sets FCSR.Cause, traps with FPE when an
// enabled condition occurred (the destination is then left unwritten) and
// otherwise accumulates FCSR.Flags.  Behaviour choices: docs/fpu.md.
#include "sim/mips/fpu.h"
#include "sim/mips/isa.h"

namespace ds::mips {

namespace {

// ---- operand formats --------------------------------------------------------
// kWide formats live in an even/odd register pair when FR=0.
struct FmtS {
  using T = float;
  static constexpr bool kWide = false;
  static u32 get(const FpuState& f, unsigned n) { return fpr_w(f, n); }
  static void set(FpuState& f, unsigned n, u32 v) { set_fpr_w(f, n, v); }
};
struct FmtD {
  using T = double;
  static constexpr bool kWide = true;
  static u64 get(const FpuState& f, unsigned n) { return fpr_l(f, n); }
  static void set(FpuState& f, unsigned n, u64 v) { set_fpr_l(f, n, v); }
};
struct FmtW {
  using I = i32;
  static constexpr bool kWide = false;
  static u32 get(const FpuState& f, unsigned n) { return fpr_w(f, n); }
  static void set(FpuState& f, unsigned n, u32 v) { set_fpr_w(f, n, v); }
};
struct FmtL {
  using I = i64;
  static constexpr bool kWide = true;
  static u64 get(const FpuState& f, unsigned n) { return fpr_l(f, n); }
  static void set(FpuState& f, unsigned n, u64 v) { set_fpr_l(f, n, v); }
};

// With FR=0 a 64-bit operand must name the even register of a pair.  The
// manual leaves an odd one undefined; like QEMU we raise Reserved
// Instruction.  `regs` is the OR of the register numbers of wide operands.
bool wide_ok(Cpu& c, bool wide, unsigned regs) {
  if (wide && !c.fpu.fr && (regs & 1)) {
    c.raise(Exc::RI);
    return false;
  }
  return true;
}

// Records the IEEE conditions an arithmetic instruction signalled: Cause is
// replaced; if a cause is enabled (E always is) raises FPE and returns false,
// so the caller leaves its destination alone; otherwise ORs them into Flags.
bool fpu_signal(Cpu& c, u32 flags) {
  u32& r = c.fpu.fcsr;
  r = (r & ~fcsr::kCauseMask) | (flags << fcsr::kCauseShift);
  u32 enabled = ((r & fcsr::kEnablesMask) >> fcsr::kEnablesShift) | kFpUnimplemented;
  if (flags & enabled) {
    c.raise(Exc::FPE);
    return false;
  }
  r |= (flags & 0x1f) << fcsr::kFlagsShift;
  return true;
}

// ---- semantic bodies ----------------------------------------------------------
template <class F, FpOp kOp>
void exec_arith(Cpu& c, Insn i) {
  if (!wide_ok(c, F::kWide, i.fs() | i.ft() | i.fd())) return;
  auto r = fp_arith<typename F::T>(kOp, F::get(c.fpu, i.fs()), F::get(c.fpu, i.ft()), fp_mode(c.fpu));
  if (fpu_signal(c, r.flags)) F::set(c.fpu, i.fd(), r.bits);
}

template <class F, FpResult<typename F::T> (*kFn)(FpBits<typename F::T>, FpMode)>
void exec_unary(Cpu& c, Insn i) {
  if (!wide_ok(c, F::kWide, i.fs() | i.fd())) return;
  auto r = kFn(F::get(c.fpu, i.fs()), fp_mode(c.fpu));
  if (fpu_signal(c, r.flags)) F::set(c.fpu, i.fd(), r.bits);
}
template <class F>
constexpr ExecFn exec_sqrt = exec_unary<F, fp_sqrt<typename F::T>>;
template <class F>
constexpr ExecFn exec_recip = exec_unary<F, fp_recip<typename F::T>>;
template <class F>
constexpr ExecFn exec_rsqrt = exec_unary<F, fp_rsqrt<typename F::T>>;

// MADD/MSUB/NMADD/NMSUB: fd = +-(fs*ft +- fr).  NMADD/NMSUB flip the sign
// of whatever MADD/MSUB produce, NaN included (as QEMU does).
template <class F, bool kSubtract, bool kNegate>
void exec_madd(Cpu& c, Insn i) {
  if (!wide_ok(c, F::kWide, i.fs() | i.ft() | i.fd() | i.fr())) return;
  auto r = fp_madd<typename F::T>(F::get(c.fpu, i.fs()), F::get(c.fpu, i.ft()), F::get(c.fpu, i.fr()),
                                  kSubtract, fp_mode(c.fpu));
  if (kNegate) r.bits ^= FpBits<typename F::T>(1) << (8 * sizeof(typename F::T) - 1);
  if (fpu_signal(c, r.flags)) F::set(c.fpu, i.fd(), r.bits);
}

// ABS/MOV/NEG: sign-bit operations that never signal and leave FCSR alone
// (QEMU; the MIPS IV manual calls ABS/NEG arithmetic, see docs/fpu.md).
enum class SignOp : u8 { Keep, Abs, Negate };
template <class F, SignOp kOp>
void exec_sign(Cpu& c, Insn i) {
  if (!wide_ok(c, F::kWide, i.fs() | i.fd())) return;
  auto v = F::get(c.fpu, i.fs());
  constexpr decltype(v) kSignBit = decltype(v){1} << (8 * sizeof(v) - 1);
  if (kOp == SignOp::Abs) v &= ~kSignBit;
  if (kOp == SignOp::Negate) v ^= kSignBit;
  F::set(c.fpu, i.fd(), v);
}

// MOVF.fmt/MOVT.fmt: move if condition code cc is false/true.
template <class F, bool kTrue>
void exec_movcf(Cpu& c, Insn i) {
  if (!wide_ok(c, F::kWide, i.fs() | i.fd())) return;
  if (fpu_cc(c.fpu, i.bc_cc()) == kTrue) F::set(c.fpu, i.fd(), F::get(c.fpu, i.fs()));
}
// MOVZ.fmt/MOVN.fmt: move if GPR rt is zero/non-zero.
template <class F, bool kNonZero>
void exec_movgpr(Cpu& c, Insn i) {
  if (!wide_ok(c, F::kWide, i.fs() | i.fd())) return;
  if ((c.gpr[i.rt()] != 0) == kNonZero) F::set(c.fpu, i.fd(), F::get(c.fpu, i.fs()));
}

// Rounding for conversions to W/L: FCSR.RM, or fixed by the mnemonic.
constexpr int kRmFcsr = -1, kRmNearest = 0, kRmZero = 1, kRmPlus = 2, kRmMinus = 3;

template <class To, class From, int kRm>
void exec_to_int(Cpu& c, Insn i) {
  if (!wide_ok(c, From::kWide, i.fs()) || !wide_ok(c, To::kWide, i.fd())) return;
  unsigned rm = kRm == kRmFcsr ? c.fpu.fcsr & fcsr::kRmMask : static_cast<unsigned>(kRm);
  auto [v, flags] = fp_to_int<typename To::I, typename From::T>(From::get(c.fpu, i.fs()), rm);
  if (fpu_signal(c, flags)) To::set(c.fpu, i.fd(), static_cast<decltype(To::get(c.fpu, 0))>(v));
}

template <class To, class From>
void exec_cvt(Cpu& c, Insn i) {
  if (!wide_ok(c, From::kWide, i.fs()) || !wide_ok(c, To::kWide, i.fd())) return;
  auto r = fp_convert<typename To::T, typename From::T>(From::get(c.fpu, i.fs()), fp_mode(c.fpu));
  if (fpu_signal(c, r.flags)) To::set(c.fpu, i.fd(), r.bits);
}

template <class To, class From>
void exec_from_int(Cpu& c, Insn i) {
  if (!wide_ok(c, From::kWide, i.fs()) || !wide_ok(c, To::kWide, i.fd())) return;
  auto v = static_cast<typename From::I>(From::get(c.fpu, i.fs()));
  auto r = fp_from_int<typename To::T, typename From::I>(v, fp_mode(c.fpu));
  if (fpu_signal(c, r.flags)) To::set(c.fpu, i.fd(), r.bits);
}

// C.cond.fmt: sets condition code cc (unchanged if the compare traps).
template <class F, unsigned kCond>
void exec_compare(Cpu& c, Insn i) {
  if (!wide_ok(c, F::kWide, i.fs() | i.ft())) return;
  u32 flags;
  bool v = fp_compare<typename F::T>(F::get(c.fpu, i.fs()), F::get(c.fpu, i.ft()), kCond, flags);
  if (fpu_signal(c, flags)) set_fpu_cc(c.fpu, i.c_cc(), v);
}

// ---- control registers ---------------------------------------------------------
// The R10000 has FCR0 (FIR, read-only) and FCR31 (FCSR); other numbers read
// as zero and ignore writes (undefined in the manual).
u32 read_fcr(const FpuState& f, unsigned n) {
  if (n == 0) return f.fir;
  if (n == 31) return f.fcsr;
  return 0;
}

// CTC1 to FCSR: a Cause bit whose Enable is set (or E) traps after the write.
void write_fcr(Cpu& c, unsigned n, u32 v) {
  if (n != 31) return;
  c.fpu.fcsr = v & fcsr::kWritable;
  u32 cause = (c.fpu.fcsr & fcsr::kCauseMask) >> fcsr::kCauseShift;
  u32 enabled = ((c.fpu.fcsr & fcsr::kEnablesMask) >> fcsr::kEnablesShift) | kFpUnimplemented;
  if (cause & enabled) c.raise(Exc::FPE);
}

// ---- loads and stores ------------------------------------------------------------
u64 base_offset(const Cpu& c, Insn i) { return c.gpr[i.rs()] + i.imm_sext(); }
u64 base_index(const Cpu& c, Insn i) { return c.gpr[i.rs()] + c.gpr[i.index_reg()]; }

template <class F, u64 (*kAddr)(const Cpu&, Insn), unsigned (Insn::*kReg)() const>
void exec_load(Cpu& c, Insn i) {
  decltype(F::get(c.fpu, 0)) v;
  if (c.load(kAddr(c, i), v)) F::set(c.fpu, (i.*kReg)(), v);
}
template <class F, u64 (*kAddr)(const Cpu&, Insn), unsigned (Insn::*kReg)() const>
void exec_store(Cpu& c, Insn i) {
  c.store(kAddr(c, i), F::get(c.fpu, (i.*kReg)()));
}

template <bool kLikely>
void exec_bc1(Cpu& c, Insn i) {
  bool taken = fpu_cc(c.fpu, i.bc_cc()) == i.bc_tf();
  u64 target = c.pc + (i.imm_sext() << 2);
  if (kLikely)
    c.branch_likely(taken, target);
  else
    c.branch(taken, target);
}

constexpr u32 kMove = 0xffe007ff;   // COP1 sub-op in rs, fd and funct zero
constexpr u32 kOp = 0xfc000000;     // primary opcode only

// ---- the rows ------------------------------------------------------------------
constexpr InsnDesc kRows[] = {
    // -- moves between GPRs and FPRs / control registers ---------------------------
    {.name = "mfc1", .match = 0x44000000, .mask = kMove, .args = "t,S", .flags = kGateCp1,
     .exec = [](Cpu& c, Insn i) { c.gpr[i.rt()] = sext32(fpr_w(c.fpu, i.fs())); }},
    {.name = "dmfc1", .match = 0x44200000, .mask = kMove, .args = "t,S", .flags = kGateCp1 | kGateIsa3,
     .exec = [](Cpu& c, Insn i) { c.gpr[i.rt()] = fpr_l(c.fpu, i.fs()); }},
    {.name = "cfc1", .match = 0x44400000, .mask = kMove, .args = "t,C", .flags = kGateCp1,
     .exec = [](Cpu& c, Insn i) { c.gpr[i.rt()] = sext32(read_fcr(c.fpu, i.fs())); }},
    {.name = "mfhc1", .match = 0x44600000, .mask = kMove, .args = "t,S", .flags = kGateCp1 | kGateR2,
     .exec = [](Cpu& c, Insn i) {
       if (wide_ok(c, true, i.fs())) c.gpr[i.rt()] = sext32(fpr_l(c.fpu, i.fs()) >> 32);
     }},
    {.name = "mtc1", .match = 0x44800000, .mask = kMove, .args = "t,S", .flags = kGateCp1,
     .exec = [](Cpu& c, Insn i) { set_fpr_w(c.fpu, i.fs(), static_cast<u32>(c.gpr[i.rt()])); }},
    {.name = "dmtc1", .match = 0x44a00000, .mask = kMove, .args = "t,S", .flags = kGateCp1 | kGateIsa3,
     .exec = [](Cpu& c, Insn i) { set_fpr_l(c.fpu, i.fs(), c.gpr[i.rt()]); }},
    {.name = "ctc1", .match = 0x44c00000, .mask = kMove, .args = "t,C", .flags = kGateCp1,
     .exec = [](Cpu& c, Insn i) { write_fcr(c, i.fs(), static_cast<u32>(c.gpr[i.rt()])); }},
    {.name = "mthc1", .match = 0x44e00000, .mask = kMove, .args = "t,S", .flags = kGateCp1 | kGateR2,
     .exec = [](Cpu& c, Insn i) {
       if (!wide_ok(c, true, i.fs())) return;
       u64 v = fpr_l(c.fpu, i.fs());
       set_fpr_l(c.fpu, i.fs(), (v & 0xffffffff) | (c.gpr[i.rt()] << 32));
     }},

    // -- branches on a condition code -------------------------------------------------
    {.name = "bc1f", .match = 0x45000000, .mask = 0xffe30000, .args = "N,p", .flags = kBranch | kGateCp1,
     .exec = exec_bc1<false>},
    {.name = "bc1t", .match = 0x45010000, .mask = 0xffe30000, .args = "N,p", .flags = kBranch | kGateCp1,
     .exec = exec_bc1<false>},
    {.name = "bc1fl", .match = 0x45020000, .mask = 0xffe30000, .args = "N,p",
     .flags = kBranch | kLikely | kGateCp1, .exec = exec_bc1<true>},
    {.name = "bc1tl", .match = 0x45030000, .mask = 0xffe30000, .args = "N,p",
     .flags = kBranch | kLikely | kGateCp1, .exec = exec_bc1<true>},

    // -- loads and stores -------------------------------------------------------------
    {.name = "lwc1", .match = 0xc4000000, .mask = kOp, .args = "T,o(b)", .flags = kLoad | kGateCp1,
     .exec = exec_load<FmtW, base_offset, &Insn::ft>},
    {.name = "ldc1", .match = 0xd4000000, .mask = kOp, .args = "T,o(b)", .flags = kLoad | kGateCp1,
     .exec = exec_load<FmtL, base_offset, &Insn::ft>},
    {.name = "swc1", .match = 0xe4000000, .mask = kOp, .args = "T,o(b)", .flags = kStore | kGateCp1,
     .exec = exec_store<FmtW, base_offset, &Insn::ft>},
    {.name = "sdc1", .match = 0xf4000000, .mask = kOp, .args = "T,o(b)", .flags = kStore | kGateCp1,
     .exec = exec_store<FmtL, base_offset, &Insn::ft>},
    {.name = "lwxc1", .match = 0x4c000000, .mask = 0xfc00f83f, .args = "D,x(b)", .flags = kLoad | kGateCp1x,
     .exec = exec_load<FmtW, base_index, &Insn::fd>},
    {.name = "ldxc1", .match = 0x4c000001, .mask = 0xfc00f83f, .args = "D,x(b)", .flags = kLoad | kGateCp1x,
     .exec = exec_load<FmtL, base_index, &Insn::fd>},
    {.name = "swxc1", .match = 0x4c000008, .mask = 0xfc0007ff, .args = "S,x(b)", .flags = kStore | kGateCp1x,
     .exec = exec_store<FmtW, base_index, &Insn::fs>},
    {.name = "sdxc1", .match = 0x4c000009, .mask = 0xfc0007ff, .args = "S,x(b)", .flags = kStore | kGateCp1x,
     .exec = exec_store<FmtL, base_index, &Insn::fs>},
    // PREFX hint,index(base): a hint only; the simulator has no caches to warm.
    {.name = "prefx", .match = 0x4c00000f, .mask = 0xfc0007ff, .args = "h,x(b)", .flags = kGateCp1x,
     .exec = [](Cpu&, Insn) {}},

    // -- arithmetic (fd = fs op ft) ------------------------------------------------
    {.name = "add.s", .match = 0x46000000, .mask = 0xffe0003f, .args = "D,S,T", .flags = kGateCp1, .exec = exec_arith<FmtS, FpOp::Add>},
    {.name = "sub.s", .match = 0x46000001, .mask = 0xffe0003f, .args = "D,S,T", .flags = kGateCp1, .exec = exec_arith<FmtS, FpOp::Sub>},
    {.name = "mul.s", .match = 0x46000002, .mask = 0xffe0003f, .args = "D,S,T", .flags = kGateCp1, .exec = exec_arith<FmtS, FpOp::Mul>},
    {.name = "div.s", .match = 0x46000003, .mask = 0xffe0003f, .args = "D,S,T", .flags = kGateCp1, .exec = exec_arith<FmtS, FpOp::Div>},
    {.name = "sqrt.s", .match = 0x46000004, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_sqrt<FmtS>},
    {.name = "recip.s", .match = 0x46000015, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1 | kGateIsa4, .exec = exec_recip<FmtS>},
    {.name = "rsqrt.s", .match = 0x46000016, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1 | kGateIsa4, .exec = exec_rsqrt<FmtS>},
    {.name = "add.d", .match = 0x46200000, .mask = 0xffe0003f, .args = "D,S,T", .flags = kGateCp1, .exec = exec_arith<FmtD, FpOp::Add>},
    {.name = "sub.d", .match = 0x46200001, .mask = 0xffe0003f, .args = "D,S,T", .flags = kGateCp1, .exec = exec_arith<FmtD, FpOp::Sub>},
    {.name = "mul.d", .match = 0x46200002, .mask = 0xffe0003f, .args = "D,S,T", .flags = kGateCp1, .exec = exec_arith<FmtD, FpOp::Mul>},
    {.name = "div.d", .match = 0x46200003, .mask = 0xffe0003f, .args = "D,S,T", .flags = kGateCp1, .exec = exec_arith<FmtD, FpOp::Div>},
    {.name = "sqrt.d", .match = 0x46200004, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_sqrt<FmtD>},
    {.name = "recip.d", .match = 0x46200015, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1 | kGateIsa4, .exec = exec_recip<FmtD>},
    {.name = "rsqrt.d", .match = 0x46200016, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1 | kGateIsa4, .exec = exec_rsqrt<FmtD>},
    // -- moves that do not look at the value (no FCSR update) ---------------------
    {.name = "abs.s", .match = 0x46000005, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_sign<FmtS, SignOp::Abs>},
    {.name = "mov.s", .match = 0x46000006, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_sign<FmtS, SignOp::Keep>},
    {.name = "neg.s", .match = 0x46000007, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_sign<FmtS, SignOp::Negate>},
    {.name = "movf.s", .match = 0x46000011, .mask = 0xffe3003f, .args = "D,S,N", .flags = kGateCp1 | kGateIsa4, .exec = exec_movcf<FmtS, false>},
    {.name = "movt.s", .match = 0x46010011, .mask = 0xffe3003f, .args = "D,S,N", .flags = kGateCp1 | kGateIsa4, .exec = exec_movcf<FmtS, true>},
    {.name = "movz.s", .match = 0x46000012, .mask = 0xffe0003f, .args = "D,S,t", .flags = kGateCp1 | kGateIsa4, .exec = exec_movgpr<FmtS, false>},
    {.name = "movn.s", .match = 0x46000013, .mask = 0xffe0003f, .args = "D,S,t", .flags = kGateCp1 | kGateIsa4, .exec = exec_movgpr<FmtS, true>},
    {.name = "abs.d", .match = 0x46200005, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_sign<FmtD, SignOp::Abs>},
    {.name = "mov.d", .match = 0x46200006, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_sign<FmtD, SignOp::Keep>},
    {.name = "neg.d", .match = 0x46200007, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_sign<FmtD, SignOp::Negate>},
    {.name = "movf.d", .match = 0x46200011, .mask = 0xffe3003f, .args = "D,S,N", .flags = kGateCp1 | kGateIsa4, .exec = exec_movcf<FmtD, false>},
    {.name = "movt.d", .match = 0x46210011, .mask = 0xffe3003f, .args = "D,S,N", .flags = kGateCp1 | kGateIsa4, .exec = exec_movcf<FmtD, true>},
    {.name = "movz.d", .match = 0x46200012, .mask = 0xffe0003f, .args = "D,S,t", .flags = kGateCp1 | kGateIsa4, .exec = exec_movgpr<FmtD, false>},
    {.name = "movn.d", .match = 0x46200013, .mask = 0xffe0003f, .args = "D,S,t", .flags = kGateCp1 | kGateIsa4, .exec = exec_movgpr<FmtD, true>},
    // -- conversions ------------------------------------------------------------------
    {.name = "round.l.s", .match = 0x46000008, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1 | kGateIsa3, .exec = exec_to_int<FmtL, FmtS, kRmNearest>},
    {.name = "trunc.l.s", .match = 0x46000009, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1 | kGateIsa3, .exec = exec_to_int<FmtL, FmtS, kRmZero>},
    {.name = "ceil.l.s", .match = 0x4600000a, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1 | kGateIsa3, .exec = exec_to_int<FmtL, FmtS, kRmPlus>},
    {.name = "floor.l.s", .match = 0x4600000b, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1 | kGateIsa3, .exec = exec_to_int<FmtL, FmtS, kRmMinus>},
    {.name = "round.w.s", .match = 0x4600000c, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_to_int<FmtW, FmtS, kRmNearest>},
    {.name = "trunc.w.s", .match = 0x4600000d, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_to_int<FmtW, FmtS, kRmZero>},
    {.name = "ceil.w.s", .match = 0x4600000e, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_to_int<FmtW, FmtS, kRmPlus>},
    {.name = "floor.w.s", .match = 0x4600000f, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_to_int<FmtW, FmtS, kRmMinus>},
    {.name = "cvt.w.s", .match = 0x46000024, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_to_int<FmtW, FmtS, kRmFcsr>},
    {.name = "cvt.l.s", .match = 0x46000025, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1 | kGateIsa3, .exec = exec_to_int<FmtL, FmtS, kRmFcsr>},
    {.name = "round.l.d", .match = 0x46200008, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1 | kGateIsa3, .exec = exec_to_int<FmtL, FmtD, kRmNearest>},
    {.name = "trunc.l.d", .match = 0x46200009, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1 | kGateIsa3, .exec = exec_to_int<FmtL, FmtD, kRmZero>},
    {.name = "ceil.l.d", .match = 0x4620000a, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1 | kGateIsa3, .exec = exec_to_int<FmtL, FmtD, kRmPlus>},
    {.name = "floor.l.d", .match = 0x4620000b, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1 | kGateIsa3, .exec = exec_to_int<FmtL, FmtD, kRmMinus>},
    {.name = "round.w.d", .match = 0x4620000c, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_to_int<FmtW, FmtD, kRmNearest>},
    {.name = "trunc.w.d", .match = 0x4620000d, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_to_int<FmtW, FmtD, kRmZero>},
    {.name = "ceil.w.d", .match = 0x4620000e, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_to_int<FmtW, FmtD, kRmPlus>},
    {.name = "floor.w.d", .match = 0x4620000f, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_to_int<FmtW, FmtD, kRmMinus>},
    {.name = "cvt.w.d", .match = 0x46200024, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_to_int<FmtW, FmtD, kRmFcsr>},
    {.name = "cvt.l.d", .match = 0x46200025, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1 | kGateIsa3, .exec = exec_to_int<FmtL, FmtD, kRmFcsr>},
    {.name = "cvt.s.d", .match = 0x46200020, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_cvt<FmtS, FmtD>},
    {.name = "cvt.d.s", .match = 0x46000021, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_cvt<FmtD, FmtS>},
    {.name = "cvt.s.w", .match = 0x46800020, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_from_int<FmtS, FmtW>},
    {.name = "cvt.d.w", .match = 0x46800021, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1, .exec = exec_from_int<FmtD, FmtW>},
    {.name = "cvt.s.l", .match = 0x46a00020, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1 | kGateIsa3, .exec = exec_from_int<FmtS, FmtL>},
    {.name = "cvt.d.l", .match = 0x46a00021, .mask = 0xffff003f, .args = "D,S", .flags = kGateCp1 | kGateIsa3, .exec = exec_from_int<FmtD, FmtL>},
    // -- compares: C.cond.fmt cc,fs,ft (cond bits: 8 signal, 4 less, 2 equal, 1 unordered)
    {.name = "c.f.s", .match = 0x46000030, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtS, 0>},
    {.name = "c.un.s", .match = 0x46000031, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtS, 1>},
    {.name = "c.eq.s", .match = 0x46000032, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtS, 2>},
    {.name = "c.ueq.s", .match = 0x46000033, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtS, 3>},
    {.name = "c.olt.s", .match = 0x46000034, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtS, 4>},
    {.name = "c.ult.s", .match = 0x46000035, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtS, 5>},
    {.name = "c.ole.s", .match = 0x46000036, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtS, 6>},
    {.name = "c.ule.s", .match = 0x46000037, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtS, 7>},
    {.name = "c.sf.s", .match = 0x46000038, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtS, 8>},
    {.name = "c.ngle.s", .match = 0x46000039, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtS, 9>},
    {.name = "c.seq.s", .match = 0x4600003a, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtS, 10>},
    {.name = "c.ngl.s", .match = 0x4600003b, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtS, 11>},
    {.name = "c.lt.s", .match = 0x4600003c, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtS, 12>},
    {.name = "c.nge.s", .match = 0x4600003d, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtS, 13>},
    {.name = "c.le.s", .match = 0x4600003e, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtS, 14>},
    {.name = "c.ngt.s", .match = 0x4600003f, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtS, 15>},
    {.name = "c.f.d", .match = 0x46200030, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtD, 0>},
    {.name = "c.un.d", .match = 0x46200031, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtD, 1>},
    {.name = "c.eq.d", .match = 0x46200032, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtD, 2>},
    {.name = "c.ueq.d", .match = 0x46200033, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtD, 3>},
    {.name = "c.olt.d", .match = 0x46200034, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtD, 4>},
    {.name = "c.ult.d", .match = 0x46200035, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtD, 5>},
    {.name = "c.ole.d", .match = 0x46200036, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtD, 6>},
    {.name = "c.ule.d", .match = 0x46200037, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtD, 7>},
    {.name = "c.sf.d", .match = 0x46200038, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtD, 8>},
    {.name = "c.ngle.d", .match = 0x46200039, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtD, 9>},
    {.name = "c.seq.d", .match = 0x4620003a, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtD, 10>},
    {.name = "c.ngl.d", .match = 0x4620003b, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtD, 11>},
    {.name = "c.lt.d", .match = 0x4620003c, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtD, 12>},
    {.name = "c.nge.d", .match = 0x4620003d, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtD, 13>},
    {.name = "c.le.d", .match = 0x4620003e, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtD, 14>},
    {.name = "c.ngt.d", .match = 0x4620003f, .mask = 0xffe000ff, .args = "M,S,T", .flags = kGateCp1, .exec = exec_compare<FmtD, 15>},
    // -- COP1X: multiply-add (fd = fs*ft +- fr) ---------------------------------------
    {.name = "madd.s", .match = 0x4c000020, .mask = 0xfc00003f, .args = "D,R,S,T", .flags = kGateCp1x, .exec = exec_madd<FmtS, false, false>},
    {.name = "madd.d", .match = 0x4c000021, .mask = 0xfc00003f, .args = "D,R,S,T", .flags = kGateCp1x, .exec = exec_madd<FmtD, false, false>},
    {.name = "msub.s", .match = 0x4c000028, .mask = 0xfc00003f, .args = "D,R,S,T", .flags = kGateCp1x, .exec = exec_madd<FmtS, true, false>},
    {.name = "msub.d", .match = 0x4c000029, .mask = 0xfc00003f, .args = "D,R,S,T", .flags = kGateCp1x, .exec = exec_madd<FmtD, true, false>},
    {.name = "nmadd.s", .match = 0x4c000030, .mask = 0xfc00003f, .args = "D,R,S,T", .flags = kGateCp1x, .exec = exec_madd<FmtS, false, true>},
    {.name = "nmadd.d", .match = 0x4c000031, .mask = 0xfc00003f, .args = "D,R,S,T", .flags = kGateCp1x, .exec = exec_madd<FmtD, false, true>},
    {.name = "nmsub.s", .match = 0x4c000038, .mask = 0xfc00003f, .args = "D,R,S,T", .flags = kGateCp1x, .exec = exec_madd<FmtS, true, true>},
    {.name = "nmsub.d", .match = 0x4c000039, .mask = 0xfc00003f, .args = "D,R,S,T", .flags = kGateCp1x, .exec = exec_madd<FmtD, true, true>},
};

}  // namespace

std::span<const InsnDesc> fpu_rows() { return kRows; }

}  // namespace ds::mips
