// fpu.cpp - IEEE arithmetic for the FPU rows: the host's SSE unit computes
// under the guest's rounding mode, then the result is fixed up to what a
// MIPS FPU with legacy NaNs produces (see docs/fpu.md):
//   * any NaN operand gives the default NaN; a signalling one also Invalid
//     (QEMU runs legacy-NaN MIPS in "default NaN mode": no payload travels);
//   * an invalid operation's host NaN becomes the MIPS default NaN;
//   * with FCSR.FS, results that are tiny before rounding flush to a signed
//     zero and report nothing (QEMU's flush_to_zero);
//   * Underflow means tiny after rounding and inexact (as in QEMU and SSE).
// Host flag and rounding state never outlives one operation: HostFpScope
// clears the flags and sets the rounding mode on entry, and restores the
// previous state on exit.  Operands
// and results pass through volatile objects so the compiler cannot move the
// arithmetic outside the scope.
#include "sim/mips/fpu.h"

#include <cfenv>
#include <cmath>
#include <limits>
#if defined(__SSE2__)
#include <xmmintrin.h>
#endif

namespace ds::mips {

namespace {

#if defined(__SSE2__)
// x86-64: float and double arithmetic runs on SSE, whose whole state is
// MXCSR (exception flags in bits 0..5, rounding control in bits 13..14).
// Reading and writing it directly costs a few cycles; <cfenv> also saves and
// restores the x87 unit and made FP instructions 20x slower than integer ones.
class HostFpScope {
 public:
  explicit HostFpScope(unsigned rm) : saved_(_mm_getcsr()) {
    static constexpr u32 kRoundingControl[4] = {0u << 13, 3u << 13, 2u << 13, 1u << 13};  // RN RZ RP RM
    u32 want = (saved_ & ~(kRcMask | kFlagMask)) | kRoundingControl[rm & 3];
    if (want != saved_) _mm_setcsr(want);  // LDMXCSR is slow: skip it when it would change nothing
  }
  ~HostFpScope() {
    if (_mm_getcsr() != saved_) _mm_setcsr(saved_);
  }
  HostFpScope(const HostFpScope&) = delete;
  HostFpScope& operator=(const HostFpScope&) = delete;

  // The IEEE conditions raised since construction, as FpFlag bits (the
  // denormal-operand flag, bit 1, has no IEEE counterpart).
  u32 flags() const {
    u32 e = _mm_getcsr();
    u32 f = 0;
    if (e & 0x01) f |= kFpInvalid;
    if (e & 0x04) f |= kFpDivZero;
    if (e & 0x08) f |= kFpOverflow;
    if (e & 0x10) f |= kFpUnderflow;
    if (e & 0x20) f |= kFpInexact;
    return f;
  }

 private:
  static constexpr u32 kRcMask = 3u << 13, kFlagMask = 0x3f;
  u32 saved_;
};
#else
// Any other host: the portable <cfenv> interface.
class HostFpScope {
 public:
  explicit HostFpScope(unsigned rm) {
    static constexpr int kHostMode[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD};
    std::fesetround(kHostMode[rm & 3]);
    std::feclearexcept(FE_ALL_EXCEPT);
  }
  ~HostFpScope() {
    std::feclearexcept(FE_ALL_EXCEPT);
    std::fesetround(FE_TONEAREST);
  }
  HostFpScope(const HostFpScope&) = delete;
  HostFpScope& operator=(const HostFpScope&) = delete;

  u32 flags() const {
    int e = std::fetestexcept(FE_ALL_EXCEPT);
    u32 f = 0;
    if (e & FE_INEXACT) f |= kFpInexact;
    if (e & FE_UNDERFLOW) f |= kFpUnderflow;
    if (e & FE_OVERFLOW) f |= kFpOverflow;
    if (e & FE_DIVBYZERO) f |= kFpDivZero;
    if (e & FE_INVALID) f |= kFpInvalid;
    return f;
  }
};
#endif

template <class T>
T from_bits(FpBits<T> b) {
  return std::bit_cast<T>(b);
}
template <class T>
FpBits<T> to_bits(T v) {
  return std::bit_cast<FpBits<T>>(v);
}

template <class T>
constexpr FpBits<T> kSign = FpBits<T>(1) << (8 * sizeof(T) - 1);

template <class T>
bool is_denormal(FpBits<T> b) {
  constexpr unsigned kFrac = sizeof(T) == 4 ? 23 : 52;
  FpBits<T> mag = b & ~kSign<T>;
  return mag != 0 && (mag >> kFrac) == 0;
}

// Result of an operation with at least one NaN operand.
template <class T>
FpResult<T> nan_result(bool any_snan) {
  return {kDefaultNaN<T>, any_snan ? u32{kFpInvalid} : 0};
}

// Runs `compute` (a host calculation returning T) under mode `m` and turns
// its result into the MIPS one: host NaNs become the default NaN, and with
// FS a result that is tiny *before* rounding (QEMU's flush test) becomes a
// signed zero with no flags.  The host detects tininess after rounding, so
// a result that rounded up to the smallest normal is recomputed toward zero
// to learn which side of it the exact value lies.
template <class T, class Compute>
FpResult<T> host_compute(Compute compute, FpMode m) {
  T value;
  u32 flags;
  {
    HostFpScope scope(m.rm);
    value = compute();
    flags = scope.flags();
  }
  FpBits<T> bits = to_bits(value);
  if (fp_is_nan<T>(bits)) bits = kDefaultNaN<T>;
  if (m.flush) {
    constexpr FpBits<T> kMinNormal = FpBits<T>(1) << (sizeof(T) == 4 ? 23 : 52);
    bool tiny = is_denormal<T>(bits) || (flags & kFpUnderflow);
    if (!tiny && (bits & ~kSign<T>) == kMinNormal && (flags & kFpInexact)) {
      HostFpScope scope(1);
      tiny = is_denormal<T>(to_bits<T>(compute()));
    }
    if (tiny) {
      bits &= kSign<T>;
      flags &= ~(kFpUnderflow | kFpInexact);
    }
  }
  return {bits, flags};
}

template <class T>
T host_arith(FpOp op, T x, T y) {
  volatile T a = x, b = y;
  volatile T r;
  switch (op) {
    case FpOp::Add: r = a + b; break;
    case FpOp::Sub: r = a - b; break;
    case FpOp::Mul: r = a * b; break;
    case FpOp::Div: r = a / b; break;
  }
  return r;
}

// x rounded to an integral value in mode rm, without touching the host's
// rounding mode: trunc() and x - trunc(x) are exact, so only the choice
// between two neighbouring integers remains (ties go to the even one in RN).
template <class T>
T round_integral(T x, unsigned rm) {
  T t = std::trunc(x), frac = x - t;
  if (frac == 0) return t;
  T away = t + (x < 0 ? T{-1} : T{1});
  switch (rm & 3) {
    case 0: {  // nearest, ties to even
      T half = std::fabs(frac);
      if (half > T{0.5}) return away;
      if (half < T{0.5}) return t;
      return std::fmod(t, T{2}) == 0 ? t : away;
    }
    case 1: return t;                       // toward zero
    case 2: return frac > 0 ? away : t;     // toward +infinity
    default: return frac < 0 ? away : t;    // toward -infinity
  }
}

}  // namespace

template <class T>
FpResult<T> fp_arith(FpOp op, FpBits<T> a, FpBits<T> b, FpMode m) {
  if (fp_is_nan<T>(a) || fp_is_nan<T>(b)) return nan_result<T>(fp_is_snan<T>(a) || fp_is_snan<T>(b));
  return host_compute<T>([&] { return host_arith(op, from_bits<T>(a), from_bits<T>(b)); }, m);
}

template <class T>
FpResult<T> fp_sqrt(FpBits<T> a, FpMode m) {
  if (fp_is_nan<T>(a)) return nan_result<T>(fp_is_snan<T>(a));
  return host_compute<T>([&] {
    volatile T x = from_bits<T>(a);
    volatile T r = std::sqrt(x);
    return T{r};
  }, m);
}

template <class T>
FpResult<T> fp_recip(FpBits<T> a, FpMode m) {
  return fp_arith<T>(FpOp::Div, to_bits(T{1}), a, m);
}

template <class T>
FpResult<T> fp_rsqrt(FpBits<T> a, FpMode m) {
  FpResult<T> s = fp_sqrt<T>(a, m);
  FpResult<T> r = fp_arith<T>(FpOp::Div, to_bits(T{1}), s.bits, m);
  return {r.bits, r.flags | s.flags};
}

template <class T>
FpResult<T> fp_madd(FpBits<T> a, FpBits<T> b, FpBits<T> c, bool subtract, FpMode m) {
  FpResult<T> p = fp_arith<T>(FpOp::Mul, a, b, m);
  FpResult<T> s = fp_arith<T>(subtract ? FpOp::Sub : FpOp::Add, p.bits, c, m);
  return {s.bits, s.flags | p.flags};
}

template <class To, class From>
FpResult<To> fp_convert(FpBits<From> a, FpMode m) {
  if (fp_is_nan<From>(a)) return nan_result<To>(fp_is_snan<From>(a));
  return host_compute<To>([&] {
    volatile From x = from_bits<From>(a);
    volatile To r = static_cast<To>(x);
    return To{r};
  }, m);
}

template <class T, class I>
FpResult<T> fp_from_int(I v, FpMode m) {
  return host_compute<T>([&] {
    volatile I x = v;
    volatile T r = static_cast<T>(x);
    return T{r};
  }, m);
}

template <class I, class T>
std::pair<I, u32> fp_to_int(FpBits<T> a, unsigned rm) {
  constexpr I kInvalidResult = std::numeric_limits<I>::max();
  if (fp_is_nan<T>(a)) return {kInvalidResult, kFpInvalid};
  T x = from_bits<T>(a);
  T r = round_integral(x, rm);
  // 2^31 or 2^63 exactly; the range is [-limit, limit).
  const double limit = std::ldexp(1.0, std::numeric_limits<I>::digits);
  if (!(r >= -limit && r < limit)) return {kInvalidResult, kFpInvalid};
  return {static_cast<I>(r), r != x ? u32{kFpInexact} : 0};
}

template <class T>
bool fp_compare(FpBits<T> a, FpBits<T> b, unsigned cond, u32& flags) {
  flags = 0;
  if (fp_is_nan<T>(a) || fp_is_nan<T>(b)) {
    if ((cond & 8) || fp_is_snan<T>(a) || fp_is_snan<T>(b)) flags = kFpInvalid;
    return cond & 1;
  }
  T x = from_bits<T>(a), y = from_bits<T>(b);
  return ((cond & 4) && x < y) || ((cond & 2) && x == y);
}

template FpResult<float> fp_arith<float>(FpOp, u32, u32, FpMode);
template FpResult<double> fp_arith<double>(FpOp, u64, u64, FpMode);
template FpResult<float> fp_sqrt<float>(u32, FpMode);
template FpResult<double> fp_sqrt<double>(u64, FpMode);
template FpResult<float> fp_recip<float>(u32, FpMode);
template FpResult<double> fp_recip<double>(u64, FpMode);
template FpResult<float> fp_rsqrt<float>(u32, FpMode);
template FpResult<double> fp_rsqrt<double>(u64, FpMode);
template FpResult<float> fp_madd<float>(u32, u32, u32, bool, FpMode);
template FpResult<double> fp_madd<double>(u64, u64, u64, bool, FpMode);
template FpResult<float> fp_convert<float, double>(u64, FpMode);
template FpResult<double> fp_convert<double, float>(u32, FpMode);
template FpResult<float> fp_from_int<float, i32>(i32, FpMode);
template FpResult<float> fp_from_int<float, i64>(i64, FpMode);
template FpResult<double> fp_from_int<double, i32>(i32, FpMode);
template FpResult<double> fp_from_int<double, i64>(i64, FpMode);
template std::pair<i32, u32> fp_to_int<i32, float>(u32, unsigned);
template std::pair<i64, u32> fp_to_int<i64, float>(u32, unsigned);
template std::pair<i32, u32> fp_to_int<i32, double>(u64, unsigned);
template std::pair<i64, u32> fp_to_int<i64, double>(u64, unsigned);
template bool fp_compare<float>(u32, u32, unsigned, u32&);
template bool fp_compare<double>(u64, u64, unsigned, u32&);

}  // namespace ds::mips
