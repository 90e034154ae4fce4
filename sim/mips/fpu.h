// fpu.h - the floating-point unit's building blocks, used by the CP1/COP1X
// rows in isa_fpu.cpp: the FCSR layout, register-file access in both FR
// modes, and IEEE arithmetic with MIPS (legacy, pre-2008) NaN rules.
//
// FCSR (FCR31) as the MIPS IV manual draws it:
//
//    31..25  24  23  22..18  17  16..12   11..7    6..2    1..0
//    cc7..1  FS  cc0   0      E  V Z O U I V Z O U I V Z O U I  RM
//                            '---Cause---' '-Enables-' '-Flags-'
//
// IEEE conditions travel as FpFlag bits in the order of those fields
// (I=1, U=2, O=4, Z=8, V=16, E=32), so `flags << kCauseShift` is a Cause.
// See docs/fpu.md for the design and every deliberate QEMU/R10000 choice.
#pragma once
#include <type_traits>

#include "sim/mips/cpu.h"

namespace ds::mips {

// ---- FCSR ------------------------------------------------------------------
enum FpFlag : u32 {
  kFpInexact = 1,
  kFpUnderflow = 2,
  kFpOverflow = 4,
  kFpDivZero = 8,
  kFpInvalid = 16,
  kFpUnimplemented = 32,  // Cause only: always enabled, no Flag/Enable bit
};

namespace fcsr {
constexpr u32 kRmMask = 3;
constexpr unsigned kFlagsShift = 2;
constexpr unsigned kEnablesShift = 7;
constexpr unsigned kCauseShift = 12;
constexpr u32 kFlagsMask = 0x1fu << kFlagsShift;
constexpr u32 kEnablesMask = 0x1fu << kEnablesShift;
constexpr u32 kCauseMask = 0x3fu << kCauseShift;
constexpr u32 kFS = 1u << 24;  // flush denormalized results to zero
// Bits software can write with CTC1 (22..18 read as zero).
constexpr u32 kWritable = 0xff83ffffu;
// FCSR bit holding condition code `cc` (cc0 is bit 23, cc1..7 are 25..31).
constexpr unsigned cc_bit(unsigned cc) { return cc == 0 ? 23 : 24 + cc; }
}  // namespace fcsr

// FIR (FCR0) of the R10000: Implementation 0x09, Revision 0 (R10000 manual).
constexpr u32 kR10000Fir = 0x0900;

inline bool fpu_cc(const FpuState& f, unsigned cc) { return (f.fcsr >> fcsr::cc_bit(cc)) & 1; }
inline void set_fpu_cc(FpuState& f, unsigned cc, bool v) {
  u32 bit = 1u << fcsr::cc_bit(cc);
  f.fcsr = v ? f.fcsr | bit : f.fcsr & ~bit;
}

// ---- the register file in both FR modes -------------------------------------
// FR=1: 32 64-bit registers.  FR=0: 32 32-bit registers paired for 64-bit
// formats; as on the R10000 the odd register of a pair *is* the upper half
// of the even 64-bit register, so fpr[2k+1] is unused while FR=0.
// 64-bit accesses with an odd register in FR=0 use the even pair (LDC1,
// DMTC1, ... as QEMU does); arithmetic rows refuse them (isa_fpu.cpp).
inline u32 fpr_w(const FpuState& f, unsigned n) {
  if (f.fr || !(n & 1)) return static_cast<u32>(f.fpr[n]);
  return static_cast<u32>(f.fpr[n - 1] >> 32);
}
// Writes a 32-bit value; the other half of the 64-bit register is kept.
inline void set_fpr_w(FpuState& f, unsigned n, u32 v) {
  if (f.fr || !(n & 1))
    f.fpr[n] = (f.fpr[n] & ~u64{0xffffffff}) | v;
  else
    f.fpr[n - 1] = (f.fpr[n - 1] & 0xffffffff) | (u64{v} << 32);
}
inline u64 fpr_l(const FpuState& f, unsigned n) { return f.fpr[f.fr ? n : n & ~1u]; }
inline void set_fpr_l(FpuState& f, unsigned n, u64 v) { f.fpr[f.fr ? n : n & ~1u] = v; }

// ---- IEEE arithmetic ------------------------------------------------------
// The host computes (SSE via <cfenv>); NaNs, default results and flush-to-zero
// follow QEMU's MIPS legacy-NaN model.  T is float or double.
template <class T>
using FpBits = std::conditional_t<sizeof(T) == 4, u32, u64>;

template <class T>
struct FpResult {
  FpBits<T> bits;
  u32 flags;  // FpFlag bits the operation signalled
};

// Rounding mode (FCSR.RM) and flush-to-zero (FCSR.FS) of one operation.
struct FpMode {
  unsigned rm;
  bool flush;
};
inline FpMode fp_mode(const FpuState& f) { return {f.fcsr & fcsr::kRmMask, (f.fcsr & fcsr::kFS) != 0}; }

// The MIPS legacy default NaN (quiet bit *clear*, every other fraction bit set).
template <class T>
constexpr FpBits<T> kDefaultNaN = sizeof(T) == 4 ? FpBits<T>(0x7fbfffffu) : FpBits<T>(0x7ff7ffffffffffffull);

template <class T>
constexpr bool fp_is_nan(FpBits<T> b) {
  constexpr unsigned kFrac = sizeof(T) == 4 ? 23 : 52;
  constexpr FpBits<T> kExp = (FpBits<T>(1) << (8 * sizeof(T) - 1)) - (FpBits<T>(1) << kFrac);
  return (b & kExp) == kExp && (b & ((FpBits<T>(1) << kFrac) - 1)) != 0;
}
// Legacy MIPS: a NaN whose most significant fraction bit is SET signals.
template <class T>
constexpr bool fp_is_snan(FpBits<T> b) {
  constexpr unsigned kFrac = sizeof(T) == 4 ? 23 : 52;
  return fp_is_nan<T>(b) && ((b >> (kFrac - 1)) & 1);
}

enum class FpOp : u8 { Add, Sub, Mul, Div };

template <class T>
FpResult<T> fp_arith(FpOp op, FpBits<T> a, FpBits<T> b, FpMode m);
template <class T>
FpResult<T> fp_sqrt(FpBits<T> a, FpMode m);
// RECIP = 1/a and RSQRT = 1/sqrt(a), each step rounded (as QEMU computes them;
// the MIPS IV manual allows results less accurate than IEEE).
template <class T>
FpResult<T> fp_recip(FpBits<T> a, FpMode m);
template <class T>
FpResult<T> fp_rsqrt(FpBits<T> a, FpMode m);
// MADD family: a*b + c (or a*b - c when `subtract`), the product rounded
// before the sum, i.e. not fused (as QEMU and the R10000 compute it).
// NMADD/NMSUB negate this result in isa_fpu.cpp.
template <class T>
FpResult<T> fp_madd(FpBits<T> a, FpBits<T> b, FpBits<T> c, bool subtract, FpMode m);

// CVT.D.S / CVT.S.D.
template <class To, class From>
FpResult<To> fp_convert(FpBits<From> a, FpMode m);
// CVT.S/D.W/L: I is i32 or i64.
template <class T, class I>
FpResult<T> fp_from_int(I v, FpMode m);

// CVT/ROUND/TRUNC/CEIL/FLOOR to W or L with rounding mode `rm`.  NaN,
// infinity and out-of-range values give Invalid and 2^31-1 / 2^63-1.
template <class I, class T>
std::pair<I, u32> fp_to_int(FpBits<T> a, unsigned rm);

// C.cond.fmt: returns the relation for condition `cond` (0..15) and sets
// `flags` to Invalid when a NaN operand signals (sNaN, or any NaN for the
// signalling conditions 8..15).
template <class T>
bool fp_compare(FpBits<T> a, FpBits<T> b, unsigned cond, u32& flags);

}  // namespace ds::mips
