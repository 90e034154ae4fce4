// isa_integer.cpp - the integer rows of the instruction table: MIPS I-IV as
// the R10000 implements them, plus the MIPS32/64 and Release 2 additions the
// user-mode runner accepts (gated by kGateR2: open there with --isa r2, and on
// the full machine only with [machine] isa = "r2").
//
// Each row: mnemonic, match, mask, operands (disasm.cpp), flags, semantics.
// Semantics follow the MIPS IV Instruction Set manual; 32-bit results are
// sign-extended to 64 bits.
#include <array>

#include "sim/mips/cpu.h"
#include "sim/mips/isa.h"

namespace ds::mips {

namespace {

// ---- small helpers shared by the semantic bodies ----------------------------

u64& R(Cpu& c, unsigned r) { return c.gpr[r]; }
u32 lo32(u64 v) { return static_cast<u32>(v); }
i64 s64(u64 v) { return static_cast<i64>(v); }

// Branch target of a PC-relative branch: the delay slot's address (c.pc, as
// the loop has already advanced) plus the shifted offset.
u64 btarget(const Cpu& c, Insn i) { return c.pc + (i.imm_sext() << 2); }
// Return address of a linking branch or jump: the instruction after the slot.
u64 link(const Cpu& c) { return c.pc + 4; }

template <typename T>
void load_into(Cpu& c, Insn i, u64 (*ext)(u64)) {
  T v;
  if (c.load<T>(R(c, i.rs()) + i.imm_sext(), v)) R(c, i.rt()) = ext(v);
}
u64 ext_none(u64 v) { return v; }
u64 ext_s8(u64 v) { return sext8(v); }
u64 ext_s16(u64 v) { return sext16(v); }
u64 ext_s32(u64 v) { return sext32(v); }

template <typename T>
void store_from(Cpu& c, Insn i) {
  c.store<T>(R(c, i.rs()) + i.imm_sext(), static_cast<T>(R(c, i.rt())));
}

// Unaligned loads and stores (LWL/LWR/SWL/SWR, LDL/LDR/SDL/SDR).  `b` is the
// byte's index counted from the most significant end of the aligned unit, so
// one formula serves both byte orders.
template <typename T>
unsigned msb_index(const Cpu& c, u64 va) {
  unsigned off = va & (sizeof(T) - 1);
  return c.big_endian ? off : sizeof(T) - 1 - off;
}

// Left part: memory bytes b..end become the register's most significant bytes.
template <typename T>
void load_left(Cpu& c, Insn i, bool sign_extend_word) {
  u64 va = R(c, i.rs()) + i.imm_sext();
  T w;
  if (!c.load<T>(va & ~u64{sizeof(T) - 1}, w)) return;
  unsigned sh = 8 * msb_index<T>(c, va);
  T keep = sh ? static_cast<T>((T{1} << sh) - 1) : 0;
  T merged = static_cast<T>((w << sh) | (static_cast<T>(R(c, i.rt())) & keep));
  R(c, i.rt()) = sign_extend_word ? sext32(merged) : merged;
}

// Right part: memory bytes 0..b become the register's least significant bytes.
template <typename T>
void load_right(Cpu& c, Insn i, bool sign_extend_word) {
  u64 va = R(c, i.rs()) + i.imm_sext();
  T w;
  if (!c.load<T>(va & ~u64{sizeof(T) - 1}, w)) return;
  unsigned sh = 8 * (sizeof(T) - 1 - msb_index<T>(c, va));
  T mask = static_cast<T>(~T{0} >> sh);  // the bits that come from memory
  T merged = static_cast<T>((static_cast<T>(R(c, i.rt())) & ~mask) | (w >> sh));
  R(c, i.rt()) = sign_extend_word ? sext32(merged) : merged;
}

template <typename T>
void store_left(Cpu& c, Insn i) {
  u64 va = R(c, i.rs()) + i.imm_sext();
  u64 aligned = va & ~u64{sizeof(T) - 1};
  T w;
  if (!c.load<T>(aligned, w)) {  // report a store fault, not a load fault
    if (c.exc.code == Exc::AdEL) c.exc.code = Exc::AdES;
    if (c.exc.code == Exc::TLBL) c.exc.code = Exc::TLBS;
    return;
  }
  unsigned sh = 8 * msb_index<T>(c, va);
  T mask = static_cast<T>(~T{0} >> sh);
  c.store<T>(aligned, static_cast<T>((w & ~mask) | (static_cast<T>(R(c, i.rt())) >> sh)));
}

template <typename T>
void store_right(Cpu& c, Insn i) {
  u64 va = R(c, i.rs()) + i.imm_sext();
  u64 aligned = va & ~u64{sizeof(T) - 1};
  T w;
  if (!c.load<T>(aligned, w)) {
    if (c.exc.code == Exc::AdEL) c.exc.code = Exc::AdES;
    if (c.exc.code == Exc::TLBL) c.exc.code = Exc::TLBS;
    return;
  }
  unsigned sh = 8 * (sizeof(T) - 1 - msb_index<T>(c, va));
  T keep = sh ? static_cast<T>((T{1} << sh) - 1) : 0;
  c.store<T>(aligned, static_cast<T>((w & keep) | (static_cast<T>(R(c, i.rt())) << sh)));
}

void trap_if(Cpu& c, bool cond) {
  if (cond) c.raise(Exc::Tr);
}

// 32-bit signed add/sub with the Integer Overflow check.
void add32(Cpu& c, unsigned rd, u64 a, u64 b) {
  i32 r;
  if (__builtin_add_overflow(static_cast<i32>(a), static_cast<i32>(b), &r)) return c.raise(Exc::Ov);
  R(c, rd) = sext32(static_cast<u32>(r));
}
void sub32(Cpu& c, unsigned rd, u64 a, u64 b) {
  i32 r;
  if (__builtin_sub_overflow(static_cast<i32>(a), static_cast<i32>(b), &r)) return c.raise(Exc::Ov);
  R(c, rd) = sext32(static_cast<u32>(r));
}
void add64(Cpu& c, unsigned rd, u64 a, u64 b) {
  i64 r;
  if (__builtin_add_overflow(s64(a), s64(b), &r)) return c.raise(Exc::Ov);
  R(c, rd) = static_cast<u64>(r);
}
void sub64(Cpu& c, unsigned rd, u64 a, u64 b) {
  i64 r;
  if (__builtin_sub_overflow(s64(a), s64(b), &r)) return c.raise(Exc::Ov);
  R(c, rd) = static_cast<u64>(r);
}

// Division: the quotient goes to LO, the remainder to HI.  The manual leaves
// the result of a zero divisor unpredictable (no exception); we give QEMU's
// result, as if the divisor were 1: LO = dividend, HI = 0 (pinned by
// tests/diff/known_differences_test.py; docs/differential-testing.md).
void div32(Cpu& c, Insn i, bool is_signed) {
  u32 a = lo32(R(c, i.rs())), b = lo32(R(c, i.rt()));
  if (b == 0) {
    c.lo = sext32(a), c.hi = 0;
    return;
  }
  if (is_signed) {
    i32 sa = static_cast<i32>(a), sb = static_cast<i32>(b);
    if (sa == INT32_MIN && sb == -1) {
      c.lo = sext32(a), c.hi = 0;
      return;
    }
    c.lo = sext32(static_cast<u32>(sa / sb)), c.hi = sext32(static_cast<u32>(sa % sb));
  } else {
    c.lo = sext32(a / b), c.hi = sext32(a % b);
  }
}
void div64(Cpu& c, Insn i, bool is_signed) {
  u64 a = R(c, i.rs()), b = R(c, i.rt());
  if (b == 0) {
    c.lo = a, c.hi = 0;
    return;
  }
  if (is_signed) {
    if (s64(a) == INT64_MIN && s64(b) == -1) {
      c.lo = a, c.hi = 0;
      return;
    }
    c.lo = static_cast<u64>(s64(a) / s64(b)), c.hi = static_cast<u64>(s64(a) % s64(b));
  } else {
    c.lo = a / b, c.hi = a % b;
  }
}

// Bit-field helpers for the Release 2 EXT/INS family.
u64 field_mask(unsigned size) { return size >= 64 ? ~u64{0} : (u64{1} << size) - 1; }
u64 extract(u64 v, unsigned lsb, unsigned size) { return (v >> lsb) & field_mask(size); }
u64 insert(u64 dst, u64 src, unsigned lsb, unsigned msb) {
  if (msb < lsb) return dst;  // unpredictable per the manual: leave rt alone
  u64 m = field_mask(msb - lsb + 1) << lsb;
  return (dst & ~m) | ((src << lsb) & m);
}

// FPU condition code `cc` (FCSR bit 23 for cc0, bits 25..31 for cc1..7).
bool fcc(const Cpu& c, unsigned cc) {
  unsigned bit = cc == 0 ? 23 : 24 + cc;
  return (c.fpu.fcsr >> bit) & 1;
}

constexpr u32 kR = 0xfc0007ff;        // SPECIAL op + sa + funct all fixed
constexpr u32 kRsa = 0xffe0003f;      // shift by sa: rs must be 0
constexpr u32 kRegimm = 0xfc1f0000;   // REGIMM op + rt
constexpr u32 kOp = 0xfc000000;       // primary opcode only

// ---- the rows ----------------------------------------------------------------

constexpr InsnDesc kRows[] = {
    // -- shifts ----------------------------------------------------------------
    {.name = "sll", .match = 0x00000000, .mask = kRsa, .args = "d,t,<", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = sext32(lo32(R(c, i.rt())) << i.sa()); }},
    {.name = "srl", .match = 0x00000002, .mask = kRsa, .args = "d,t,<", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = sext32(lo32(R(c, i.rt())) >> i.sa()); }},
    {.name = "rotr", .match = 0x00200002, .mask = kRsa, .args = "d,t,<", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = sext32(std::rotr(lo32(R(c, i.rt())), i.sa())); }},
    {.name = "sra", .match = 0x00000003, .mask = kRsa, .args = "d,t,<", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = sext32(static_cast<u32>(static_cast<i32>(lo32(R(c, i.rt()))) >> i.sa())); }},
    {.name = "sllv", .match = 0x00000004, .mask = kR, .args = "d,t,s", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = sext32(lo32(R(c, i.rt())) << (R(c, i.rs()) & 31)); }},
    {.name = "srlv", .match = 0x00000006, .mask = kR, .args = "d,t,s", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = sext32(lo32(R(c, i.rt())) >> (R(c, i.rs()) & 31)); }},
    {.name = "rotrv", .match = 0x00000046, .mask = kR, .args = "d,t,s", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = sext32(std::rotr(lo32(R(c, i.rt())), R(c, i.rs()) & 31)); }},
    {.name = "srav", .match = 0x00000007, .mask = kR, .args = "d,t,s", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = sext32(static_cast<u32>(static_cast<i32>(lo32(R(c, i.rt()))) >> (R(c, i.rs()) & 31))); }},
    {.name = "dsll", .match = 0x00000038, .mask = kRsa, .args = "d,t,<", .flags = kGateIsa3,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = R(c, i.rt()) << i.sa(); }},
    {.name = "dsrl", .match = 0x0000003a, .mask = kRsa, .args = "d,t,<", .flags = kGateIsa3,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = R(c, i.rt()) >> i.sa(); }},
    {.name = "drotr", .match = 0x0020003a, .mask = kRsa, .args = "d,t,<", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = std::rotr(R(c, i.rt()), i.sa()); }},
    {.name = "dsra", .match = 0x0000003b, .mask = kRsa, .args = "d,t,<", .flags = kGateIsa3,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = static_cast<u64>(s64(R(c, i.rt())) >> i.sa()); }},
    {.name = "dsll32", .match = 0x0000003c, .mask = kRsa, .args = "d,t,<", .flags = kGateIsa3,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = R(c, i.rt()) << (i.sa() + 32); }},
    {.name = "dsrl32", .match = 0x0000003e, .mask = kRsa, .args = "d,t,<", .flags = kGateIsa3,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = R(c, i.rt()) >> (i.sa() + 32); }},
    {.name = "drotr32", .match = 0x0020003e, .mask = kRsa, .args = "d,t,<", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = std::rotr(R(c, i.rt()), i.sa() + 32); }},
    {.name = "dsra32", .match = 0x0000003f, .mask = kRsa, .args = "d,t,<", .flags = kGateIsa3,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = static_cast<u64>(s64(R(c, i.rt())) >> (i.sa() + 32)); }},
    {.name = "dsllv", .match = 0x00000014, .mask = kR, .args = "d,t,s", .flags = kGateIsa3,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = R(c, i.rt()) << (R(c, i.rs()) & 63); }},
    {.name = "dsrlv", .match = 0x00000016, .mask = kR, .args = "d,t,s", .flags = kGateIsa3,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = R(c, i.rt()) >> (R(c, i.rs()) & 63); }},
    {.name = "drotrv", .match = 0x00000056, .mask = kR, .args = "d,t,s", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = std::rotr(R(c, i.rt()), R(c, i.rs()) & 63); }},
    {.name = "dsrav", .match = 0x00000017, .mask = kR, .args = "d,t,s", .flags = kGateIsa3,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = static_cast<u64>(s64(R(c, i.rt())) >> (R(c, i.rs()) & 63)); }},

    // -- jumps -------------------------------------------------------------------
    {.name = "jr", .match = 0x00000008, .mask = 0xfc1fffff, .args = "s", .flags = kJump,
     .exec = [](Cpu& c, Insn i) { c.branch(true, R(c, i.rs())); }},
    {.name = "jalr", .match = 0x00000009, .mask = 0xfc1f07ff, .args = "d,s", .flags = kJump,
     .exec = [](Cpu& c, Insn i) {
       u64 target = R(c, i.rs());
       R(c, i.rd()) = link(c);
       c.branch(true, target);
     }},
    {.name = "j", .match = 0x08000000, .mask = kOp, .args = "a", .flags = kJump,
     .exec = [](Cpu& c, Insn i) { c.branch(true, (c.pc & ~u64{0x0fffffff}) | (u64{i.target26()} << 2)); }},
    {.name = "jal", .match = 0x0c000000, .mask = kOp, .args = "a", .flags = kJump,
     .exec = [](Cpu& c, Insn i) {
       R(c, 31) = link(c);
       c.branch(true, (c.pc & ~u64{0x0fffffff}) | (u64{i.target26()} << 2));
     }},

    // -- conditional moves (MIPS IV) --------------------------------------------
    {.name = "movz", .match = 0x0000000a, .mask = kR, .args = "d,s,t", .flags = kGateIsa4,
     .exec = [](Cpu& c, Insn i) { if (R(c, i.rt()) == 0) R(c, i.rd()) = R(c, i.rs()); }},
    {.name = "movn", .match = 0x0000000b, .mask = kR, .args = "d,s,t", .flags = kGateIsa4,
     .exec = [](Cpu& c, Insn i) { if (R(c, i.rt()) != 0) R(c, i.rd()) = R(c, i.rs()); }},
    {.name = "movf", .match = 0x00000001, .mask = 0xfc0307ff, .args = "d,s,N", .flags = kGateIsa4 | kGateCp1,
     .exec = [](Cpu& c, Insn i) { if (!fcc(c, i.bc_cc())) R(c, i.rd()) = R(c, i.rs()); }},
    {.name = "movt", .match = 0x00010001, .mask = 0xfc0307ff, .args = "d,s,N", .flags = kGateIsa4 | kGateCp1,
     .exec = [](Cpu& c, Insn i) { if (fcc(c, i.bc_cc())) R(c, i.rd()) = R(c, i.rs()); }},

    // -- system ------------------------------------------------------------------
    {.name = "syscall", .match = 0x0000000c, .mask = 0xfc00003f, .args = "B", .flags = kTrapInsn,
     .exec = [](Cpu& c, Insn) { c.raise(Exc::Sys); }},
    {.name = "break", .match = 0x0000000d, .mask = 0xfc00003f, .args = "c", .flags = kTrapInsn,
     .exec = [](Cpu& c, Insn) { c.raise(Exc::Bp); }},
    {.name = "sync", .match = 0x0000000f, .mask = 0xfffff83f, .args = "1", .flags = 0,
     .exec = [](Cpu&, Insn) {}},  // the R10000 is sequentially consistent

    // -- HI/LO, multiply, divide -------------------------------------------------
    {.name = "mfhi", .match = 0x00000010, .mask = 0xffff07ff, .args = "d", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = c.hi; }},
    {.name = "mthi", .match = 0x00000011, .mask = 0xfc1fffff, .args = "s", .flags = 0,
     .exec = [](Cpu& c, Insn i) { c.hi = R(c, i.rs()); }},
    {.name = "mflo", .match = 0x00000012, .mask = 0xffff07ff, .args = "d", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = c.lo; }},
    {.name = "mtlo", .match = 0x00000013, .mask = 0xfc1fffff, .args = "s", .flags = 0,
     .exec = [](Cpu& c, Insn i) { c.lo = R(c, i.rs()); }},
    {.name = "mult", .match = 0x00000018, .mask = 0xfc00ffff, .args = "s,t", .flags = 0,
     .exec = [](Cpu& c, Insn i) {
       i64 p = i64{static_cast<i32>(R(c, i.rs()))} * static_cast<i32>(R(c, i.rt()));
       c.lo = sext32(static_cast<u64>(p)), c.hi = sext32(static_cast<u64>(p) >> 32);
     }},
    {.name = "multu", .match = 0x00000019, .mask = 0xfc00ffff, .args = "s,t", .flags = 0,
     .exec = [](Cpu& c, Insn i) {
       u64 p = u64{lo32(R(c, i.rs()))} * lo32(R(c, i.rt()));
       c.lo = sext32(p), c.hi = sext32(p >> 32);
     }},
    {.name = "div", .match = 0x0000001a, .mask = 0xfc00ffff, .args = "z,s,t", .flags = 0,
     .exec = [](Cpu& c, Insn i) { div32(c, i, true); }},
    {.name = "divu", .match = 0x0000001b, .mask = 0xfc00ffff, .args = "z,s,t", .flags = 0,
     .exec = [](Cpu& c, Insn i) { div32(c, i, false); }},
    {.name = "dmult", .match = 0x0000001c, .mask = 0xfc00ffff, .args = "s,t", .flags = kGateIsa3,
     .exec = [](Cpu& c, Insn i) {
       __int128 p = static_cast<__int128>(s64(R(c, i.rs()))) * s64(R(c, i.rt()));
       c.lo = static_cast<u64>(p), c.hi = static_cast<u64>(p >> 64);
     }},
    {.name = "dmultu", .match = 0x0000001d, .mask = 0xfc00ffff, .args = "s,t", .flags = kGateIsa3,
     .exec = [](Cpu& c, Insn i) {
       unsigned __int128 p = static_cast<unsigned __int128>(R(c, i.rs())) * R(c, i.rt());
       c.lo = static_cast<u64>(p), c.hi = static_cast<u64>(p >> 64);
     }},
    {.name = "ddiv", .match = 0x0000001e, .mask = 0xfc00ffff, .args = "z,s,t", .flags = kGateIsa3,
     .exec = [](Cpu& c, Insn i) { div64(c, i, true); }},
    {.name = "ddivu", .match = 0x0000001f, .mask = 0xfc00ffff, .args = "z,s,t", .flags = kGateIsa3,
     .exec = [](Cpu& c, Insn i) { div64(c, i, false); }},

    // -- three-register arithmetic and logic --------------------------------------
    {.name = "add", .match = 0x00000020, .mask = kR, .args = "d,s,t", .flags = 0,
     .exec = [](Cpu& c, Insn i) { add32(c, i.rd(), R(c, i.rs()), R(c, i.rt())); }},
    {.name = "addu", .match = 0x00000021, .mask = kR, .args = "d,s,t", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = sext32(R(c, i.rs()) + R(c, i.rt())); }},
    {.name = "sub", .match = 0x00000022, .mask = kR, .args = "d,s,t", .flags = 0,
     .exec = [](Cpu& c, Insn i) { sub32(c, i.rd(), R(c, i.rs()), R(c, i.rt())); }},
    {.name = "subu", .match = 0x00000023, .mask = kR, .args = "d,s,t", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = sext32(R(c, i.rs()) - R(c, i.rt())); }},
    {.name = "and", .match = 0x00000024, .mask = kR, .args = "d,s,t", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = R(c, i.rs()) & R(c, i.rt()); }},
    {.name = "or", .match = 0x00000025, .mask = kR, .args = "d,s,t", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = R(c, i.rs()) | R(c, i.rt()); }},
    {.name = "xor", .match = 0x00000026, .mask = kR, .args = "d,s,t", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = R(c, i.rs()) ^ R(c, i.rt()); }},
    {.name = "nor", .match = 0x00000027, .mask = kR, .args = "d,s,t", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = ~(R(c, i.rs()) | R(c, i.rt())); }},
    {.name = "slt", .match = 0x0000002a, .mask = kR, .args = "d,s,t", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = s64(R(c, i.rs())) < s64(R(c, i.rt())); }},
    {.name = "sltu", .match = 0x0000002b, .mask = kR, .args = "d,s,t", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = R(c, i.rs()) < R(c, i.rt()); }},
    {.name = "dadd", .match = 0x0000002c, .mask = kR, .args = "d,s,t", .flags = kGateIsa3,
     .exec = [](Cpu& c, Insn i) { add64(c, i.rd(), R(c, i.rs()), R(c, i.rt())); }},
    {.name = "daddu", .match = 0x0000002d, .mask = kR, .args = "d,s,t", .flags = kGateIsa3,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = R(c, i.rs()) + R(c, i.rt()); }},
    {.name = "dsub", .match = 0x0000002e, .mask = kR, .args = "d,s,t", .flags = kGateIsa3,
     .exec = [](Cpu& c, Insn i) { sub64(c, i.rd(), R(c, i.rs()), R(c, i.rt())); }},
    {.name = "dsubu", .match = 0x0000002f, .mask = kR, .args = "d,s,t", .flags = kGateIsa3,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = R(c, i.rs()) - R(c, i.rt()); }},

    // -- traps ---------------------------------------------------------------------
    {.name = "tge", .match = 0x00000030, .mask = 0xfc00003f, .args = "s,t,q", .flags = kTrapInsn,
     .exec = [](Cpu& c, Insn i) { trap_if(c, s64(R(c, i.rs())) >= s64(R(c, i.rt()))); }},
    {.name = "tgeu", .match = 0x00000031, .mask = 0xfc00003f, .args = "s,t,q", .flags = kTrapInsn,
     .exec = [](Cpu& c, Insn i) { trap_if(c, R(c, i.rs()) >= R(c, i.rt())); }},
    {.name = "tlt", .match = 0x00000032, .mask = 0xfc00003f, .args = "s,t,q", .flags = kTrapInsn,
     .exec = [](Cpu& c, Insn i) { trap_if(c, s64(R(c, i.rs())) < s64(R(c, i.rt()))); }},
    {.name = "tltu", .match = 0x00000033, .mask = 0xfc00003f, .args = "s,t,q", .flags = kTrapInsn,
     .exec = [](Cpu& c, Insn i) { trap_if(c, R(c, i.rs()) < R(c, i.rt())); }},
    {.name = "teq", .match = 0x00000034, .mask = 0xfc00003f, .args = "s,t,q", .flags = kTrapInsn,
     .exec = [](Cpu& c, Insn i) { trap_if(c, R(c, i.rs()) == R(c, i.rt())); }},
    {.name = "tne", .match = 0x00000036, .mask = 0xfc00003f, .args = "s,t,q", .flags = kTrapInsn,
     .exec = [](Cpu& c, Insn i) { trap_if(c, R(c, i.rs()) != R(c, i.rt())); }},
    {.name = "tgei", .match = 0x04080000, .mask = kRegimm, .args = "s,j", .flags = kTrapInsn,
     .exec = [](Cpu& c, Insn i) { trap_if(c, s64(R(c, i.rs())) >= s64(i.imm_sext())); }},
    {.name = "tgeiu", .match = 0x04090000, .mask = kRegimm, .args = "s,j", .flags = kTrapInsn,
     .exec = [](Cpu& c, Insn i) { trap_if(c, R(c, i.rs()) >= i.imm_sext()); }},
    {.name = "tlti", .match = 0x040a0000, .mask = kRegimm, .args = "s,j", .flags = kTrapInsn,
     .exec = [](Cpu& c, Insn i) { trap_if(c, s64(R(c, i.rs())) < s64(i.imm_sext())); }},
    {.name = "tltiu", .match = 0x040b0000, .mask = kRegimm, .args = "s,j", .flags = kTrapInsn,
     .exec = [](Cpu& c, Insn i) { trap_if(c, R(c, i.rs()) < i.imm_sext()); }},
    {.name = "teqi", .match = 0x040c0000, .mask = kRegimm, .args = "s,j", .flags = kTrapInsn,
     .exec = [](Cpu& c, Insn i) { trap_if(c, R(c, i.rs()) == i.imm_sext()); }},
    {.name = "tnei", .match = 0x040e0000, .mask = kRegimm, .args = "s,j", .flags = kTrapInsn,
     .exec = [](Cpu& c, Insn i) { trap_if(c, R(c, i.rs()) != i.imm_sext()); }},

    // -- REGIMM branches -------------------------------------------------------------
    {.name = "bltz", .match = 0x04000000, .mask = kRegimm, .args = "s,p", .flags = kBranch,
     .exec = [](Cpu& c, Insn i) { c.branch(s64(R(c, i.rs())) < 0, btarget(c, i)); }},
    {.name = "bgez", .match = 0x04010000, .mask = kRegimm, .args = "s,p", .flags = kBranch,
     .exec = [](Cpu& c, Insn i) { c.branch(s64(R(c, i.rs())) >= 0, btarget(c, i)); }},
    {.name = "bltzl", .match = 0x04020000, .mask = kRegimm, .args = "s,p", .flags = kBranch | kLikely,
     .exec = [](Cpu& c, Insn i) { c.branch_likely(s64(R(c, i.rs())) < 0, btarget(c, i)); }},
    {.name = "bgezl", .match = 0x04030000, .mask = kRegimm, .args = "s,p", .flags = kBranch | kLikely,
     .exec = [](Cpu& c, Insn i) { c.branch_likely(s64(R(c, i.rs())) >= 0, btarget(c, i)); }},
    {.name = "bltzal", .match = 0x04100000, .mask = kRegimm, .args = "s,p", .flags = kBranch,
     .exec = [](Cpu& c, Insn i) {
       bool taken = s64(R(c, i.rs())) < 0;  // compare before linking: rs may be $31
       R(c, 31) = link(c);
       c.branch(taken, btarget(c, i));
     }},
    {.name = "bgezal", .match = 0x04110000, .mask = kRegimm, .args = "s,p", .flags = kBranch,
     .exec = [](Cpu& c, Insn i) {
       bool taken = s64(R(c, i.rs())) >= 0;
       R(c, 31) = link(c);
       c.branch(taken, btarget(c, i));
     }},
    {.name = "bltzall", .match = 0x04120000, .mask = kRegimm, .args = "s,p", .flags = kBranch | kLikely,
     .exec = [](Cpu& c, Insn i) {
       bool taken = s64(R(c, i.rs())) < 0;
       R(c, 31) = link(c);
       c.branch_likely(taken, btarget(c, i));
     }},
    {.name = "bgezall", .match = 0x04130000, .mask = kRegimm, .args = "s,p", .flags = kBranch | kLikely,
     .exec = [](Cpu& c, Insn i) {
       bool taken = s64(R(c, i.rs())) >= 0;
       R(c, 31) = link(c);
       c.branch_likely(taken, btarget(c, i));
     }},

    // -- compare-and-branch ------------------------------------------------------------
    {.name = "beq", .match = 0x10000000, .mask = kOp, .args = "s,t,p", .flags = kBranch,
     .exec = [](Cpu& c, Insn i) { c.branch(R(c, i.rs()) == R(c, i.rt()), btarget(c, i)); }},
    {.name = "bne", .match = 0x14000000, .mask = kOp, .args = "s,t,p", .flags = kBranch,
     .exec = [](Cpu& c, Insn i) { c.branch(R(c, i.rs()) != R(c, i.rt()), btarget(c, i)); }},
    {.name = "blez", .match = 0x18000000, .mask = 0xfc1f0000, .args = "s,p", .flags = kBranch,
     .exec = [](Cpu& c, Insn i) { c.branch(s64(R(c, i.rs())) <= 0, btarget(c, i)); }},
    {.name = "bgtz", .match = 0x1c000000, .mask = 0xfc1f0000, .args = "s,p", .flags = kBranch,
     .exec = [](Cpu& c, Insn i) { c.branch(s64(R(c, i.rs())) > 0, btarget(c, i)); }},
    {.name = "beql", .match = 0x50000000, .mask = kOp, .args = "s,t,p", .flags = kBranch | kLikely,
     .exec = [](Cpu& c, Insn i) { c.branch_likely(R(c, i.rs()) == R(c, i.rt()), btarget(c, i)); }},
    {.name = "bnel", .match = 0x54000000, .mask = kOp, .args = "s,t,p", .flags = kBranch | kLikely,
     .exec = [](Cpu& c, Insn i) { c.branch_likely(R(c, i.rs()) != R(c, i.rt()), btarget(c, i)); }},
    {.name = "blezl", .match = 0x58000000, .mask = 0xfc1f0000, .args = "s,p", .flags = kBranch | kLikely,
     .exec = [](Cpu& c, Insn i) { c.branch_likely(s64(R(c, i.rs())) <= 0, btarget(c, i)); }},
    {.name = "bgtzl", .match = 0x5c000000, .mask = 0xfc1f0000, .args = "s,p", .flags = kBranch | kLikely,
     .exec = [](Cpu& c, Insn i) { c.branch_likely(s64(R(c, i.rs())) > 0, btarget(c, i)); }},

    // -- immediate arithmetic and logic --------------------------------------------------
    {.name = "addi", .match = 0x20000000, .mask = kOp, .args = "t,s,j", .flags = 0,
     .exec = [](Cpu& c, Insn i) { add32(c, i.rt(), R(c, i.rs()), i.imm_sext()); }},
    {.name = "addiu", .match = 0x24000000, .mask = kOp, .args = "t,s,j", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rt()) = sext32(R(c, i.rs()) + i.imm_sext()); }},
    {.name = "slti", .match = 0x28000000, .mask = kOp, .args = "t,s,j", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rt()) = s64(R(c, i.rs())) < s64(i.imm_sext()); }},
    {.name = "sltiu", .match = 0x2c000000, .mask = kOp, .args = "t,s,j", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rt()) = R(c, i.rs()) < i.imm_sext(); }},
    {.name = "andi", .match = 0x30000000, .mask = kOp, .args = "t,s,i", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rt()) = R(c, i.rs()) & i.imm_zext(); }},
    {.name = "ori", .match = 0x34000000, .mask = kOp, .args = "t,s,i", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rt()) = R(c, i.rs()) | i.imm_zext(); }},
    {.name = "xori", .match = 0x38000000, .mask = kOp, .args = "t,s,i", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rt()) = R(c, i.rs()) ^ i.imm_zext(); }},
    {.name = "lui", .match = 0x3c000000, .mask = 0xffe00000, .args = "t,u", .flags = 0,
     .exec = [](Cpu& c, Insn i) { R(c, i.rt()) = sext32(i.imm_zext() << 16); }},
    {.name = "daddi", .match = 0x60000000, .mask = kOp, .args = "t,s,j", .flags = kGateIsa3,
     .exec = [](Cpu& c, Insn i) { add64(c, i.rt(), R(c, i.rs()), i.imm_sext()); }},
    {.name = "daddiu", .match = 0x64000000, .mask = kOp, .args = "t,s,j", .flags = kGateIsa3,
     .exec = [](Cpu& c, Insn i) { R(c, i.rt()) = R(c, i.rs()) + i.imm_sext(); }},

    // -- loads ------------------------------------------------------------------------------
    {.name = "lb", .match = 0x80000000, .mask = kOp, .args = "t,o(b)", .flags = kLoad,
     .exec = [](Cpu& c, Insn i) { load_into<u8>(c, i, ext_s8); }},
    {.name = "lh", .match = 0x84000000, .mask = kOp, .args = "t,o(b)", .flags = kLoad,
     .exec = [](Cpu& c, Insn i) { load_into<u16>(c, i, ext_s16); }},
    {.name = "lwl", .match = 0x88000000, .mask = kOp, .args = "t,o(b)", .flags = kLoad,
     .exec = [](Cpu& c, Insn i) { load_left<u32>(c, i, true); }},
    {.name = "lw", .match = 0x8c000000, .mask = kOp, .args = "t,o(b)", .flags = kLoad,
     .exec = [](Cpu& c, Insn i) { load_into<u32>(c, i, ext_s32); }},
    {.name = "lbu", .match = 0x90000000, .mask = kOp, .args = "t,o(b)", .flags = kLoad,
     .exec = [](Cpu& c, Insn i) { load_into<u8>(c, i, ext_none); }},
    {.name = "lhu", .match = 0x94000000, .mask = kOp, .args = "t,o(b)", .flags = kLoad,
     .exec = [](Cpu& c, Insn i) { load_into<u16>(c, i, ext_none); }},
    {.name = "lwr", .match = 0x98000000, .mask = kOp, .args = "t,o(b)", .flags = kLoad,
     .exec = [](Cpu& c, Insn i) { load_right<u32>(c, i, true); }},
    {.name = "lwu", .match = 0x9c000000, .mask = kOp, .args = "t,o(b)", .flags = kLoad | kGateIsa3,
     .exec = [](Cpu& c, Insn i) { load_into<u32>(c, i, ext_none); }},
    {.name = "ldl", .match = 0x68000000, .mask = kOp, .args = "t,o(b)", .flags = kLoad | kGateIsa3,
     .exec = [](Cpu& c, Insn i) { load_left<u64>(c, i, false); }},
    {.name = "ldr", .match = 0x6c000000, .mask = kOp, .args = "t,o(b)", .flags = kLoad | kGateIsa3,
     .exec = [](Cpu& c, Insn i) { load_right<u64>(c, i, false); }},
    {.name = "ld", .match = 0xdc000000, .mask = kOp, .args = "t,o(b)", .flags = kLoad | kGateIsa3,
     .exec = [](Cpu& c, Insn i) { load_into<u64>(c, i, ext_none); }},
    {.name = "ll", .match = 0xc0000000, .mask = kOp, .args = "t,o(b)", .flags = kLoad,
     .exec = [](Cpu& c, Insn i) {
       u64 va = R(c, i.rs()) + i.imm_sext();
       u32 v;
       if (!c.load<u32>(va, v)) return;
       R(c, i.rt()) = sext32(v);
       c.set_link(va);
     }},
    {.name = "lld", .match = 0xd0000000, .mask = kOp, .args = "t,o(b)", .flags = kLoad | kGateIsa3,
     .exec = [](Cpu& c, Insn i) {
       u64 va = R(c, i.rs()) + i.imm_sext();
       u64 v;
       if (!c.load<u64>(va, v)) return;
       R(c, i.rt()) = v;
       c.set_link(va);
     }},

    // -- stores -----------------------------------------------------------------------------
    {.name = "sb", .match = 0xa0000000, .mask = kOp, .args = "t,o(b)", .flags = kStore,
     .exec = [](Cpu& c, Insn i) { store_from<u8>(c, i); }},
    {.name = "sh", .match = 0xa4000000, .mask = kOp, .args = "t,o(b)", .flags = kStore,
     .exec = [](Cpu& c, Insn i) { store_from<u16>(c, i); }},
    {.name = "swl", .match = 0xa8000000, .mask = kOp, .args = "t,o(b)", .flags = kStore,
     .exec = [](Cpu& c, Insn i) { store_left<u32>(c, i); }},
    {.name = "sw", .match = 0xac000000, .mask = kOp, .args = "t,o(b)", .flags = kStore,
     .exec = [](Cpu& c, Insn i) { store_from<u32>(c, i); }},
    {.name = "sdl", .match = 0xb0000000, .mask = kOp, .args = "t,o(b)", .flags = kStore | kGateIsa3,
     .exec = [](Cpu& c, Insn i) { store_left<u64>(c, i); }},
    {.name = "sdr", .match = 0xb4000000, .mask = kOp, .args = "t,o(b)", .flags = kStore | kGateIsa3,
     .exec = [](Cpu& c, Insn i) { store_right<u64>(c, i); }},
    {.name = "swr", .match = 0xb8000000, .mask = kOp, .args = "t,o(b)", .flags = kStore,
     .exec = [](Cpu& c, Insn i) { store_right<u32>(c, i); }},
    {.name = "sd", .match = 0xfc000000, .mask = kOp, .args = "t,o(b)", .flags = kStore | kGateIsa3,
     .exec = [](Cpu& c, Insn i) { store_from<u64>(c, i); }},
    {.name = "sc", .match = 0xe0000000, .mask = kOp, .args = "t,o(b)", .flags = kStore,
     .exec = [](Cpu& c, Insn i) {
       if (c.ll_bit && !c.store<u32>(R(c, i.rs()) + i.imm_sext(), lo32(R(c, i.rt())))) return;
       R(c, i.rt()) = c.ll_bit;
       c.clear_link();
     }},
    {.name = "scd", .match = 0xf0000000, .mask = kOp, .args = "t,o(b)", .flags = kStore | kGateIsa3,
     .exec = [](Cpu& c, Insn i) {
       if (c.ll_bit && !c.store<u64>(R(c, i.rs()) + i.imm_sext(), R(c, i.rt()))) return;
       R(c, i.rt()) = c.ll_bit;
       c.clear_link();
     }},

    // -- cache hints (no architectural effect in the functional model) -----------------------
    {.name = "pref", .match = 0xcc000000, .mask = kOp, .args = "k,o(b)", .flags = kGateIsa4,
     .exec = [](Cpu&, Insn) {}},

    // -- MIPS32/MIPS64 Release 1 and 2 additions (user-mode runner only) ----------------------
    {.name = "madd", .match = 0x70000000, .mask = 0xfc00ffff, .args = "s,t", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) {
       // The 64-bit accumulator wraps as in hardware: add in unsigned arithmetic.
       u64 acc = (c.hi << 32) | lo32(c.lo);
       acc += static_cast<u64>(i64{static_cast<i32>(R(c, i.rs()))} * static_cast<i32>(R(c, i.rt())));
       c.lo = sext32(acc), c.hi = sext32(acc >> 32);
     }},
    {.name = "maddu", .match = 0x70000001, .mask = 0xfc00ffff, .args = "s,t", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) {
       u64 acc = (c.hi << 32) | lo32(c.lo);
       acc += u64{lo32(R(c, i.rs()))} * lo32(R(c, i.rt()));
       c.lo = sext32(acc), c.hi = sext32(acc >> 32);
     }},
    {.name = "mul", .match = 0x70000002, .mask = kR, .args = "d,s,t", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) {
       R(c, i.rd()) = sext32(lo32(R(c, i.rs())) * lo32(R(c, i.rt())));  // low half: sign-agnostic
     }},
    {.name = "msub", .match = 0x70000004, .mask = 0xfc00ffff, .args = "s,t", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) {
       u64 acc = (c.hi << 32) | lo32(c.lo);
       acc -= static_cast<u64>(i64{static_cast<i32>(R(c, i.rs()))} * static_cast<i32>(R(c, i.rt())));
       c.lo = sext32(acc), c.hi = sext32(acc >> 32);
     }},
    {.name = "msubu", .match = 0x70000005, .mask = 0xfc00ffff, .args = "s,t", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) {
       u64 acc = (c.hi << 32) | lo32(c.lo);
       acc -= u64{lo32(R(c, i.rs()))} * lo32(R(c, i.rt()));
       c.lo = sext32(acc), c.hi = sext32(acc >> 32);
     }},
    // CLZ/CLO/DCLZ/DCLO encode the destination in both rt and rd.
    {.name = "clz", .match = 0x70000020, .mask = 0xfc0007ff, .args = "U,s", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = std::countl_zero(lo32(R(c, i.rs()))); }},
    {.name = "clo", .match = 0x70000021, .mask = 0xfc0007ff, .args = "U,s", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = std::countl_one(lo32(R(c, i.rs()))); }},
    {.name = "dclz", .match = 0x70000024, .mask = 0xfc0007ff, .args = "U,s", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = std::countl_zero(R(c, i.rs())); }},
    {.name = "dclo", .match = 0x70000025, .mask = 0xfc0007ff, .args = "U,s", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = std::countl_one(R(c, i.rs())); }},
    {.name = "ext", .match = 0x7c000000, .mask = 0xfc00003f, .args = "t,s,<,E", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) { R(c, i.rt()) = sext32(extract(R(c, i.rs()), i.sa(), i.rd() + 1)); }},
    {.name = "dextm", .match = 0x7c000001, .mask = 0xfc00003f, .args = "t,s,<,F", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) { R(c, i.rt()) = extract(R(c, i.rs()), i.sa(), i.rd() + 33); }},
    {.name = "dextu", .match = 0x7c000002, .mask = 0xfc00003f, .args = "t,s,>,E", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) { R(c, i.rt()) = extract(R(c, i.rs()), i.sa() + 32, i.rd() + 1); }},
    {.name = "dext", .match = 0x7c000003, .mask = 0xfc00003f, .args = "t,s,<,E", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) { R(c, i.rt()) = extract(R(c, i.rs()), i.sa(), i.rd() + 1); }},
    {.name = "ins", .match = 0x7c000004, .mask = 0xfc00003f, .args = "t,s,<,I", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) { R(c, i.rt()) = sext32(insert(R(c, i.rt()), R(c, i.rs()), i.sa(), i.rd()) & 0xffffffff); }},
    {.name = "dinsm", .match = 0x7c000005, .mask = 0xfc00003f, .args = "t,s,<,J", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) { R(c, i.rt()) = insert(R(c, i.rt()), R(c, i.rs()), i.sa(), i.rd() + 32); }},
    {.name = "dinsu", .match = 0x7c000006, .mask = 0xfc00003f, .args = "t,s,>,I", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) { R(c, i.rt()) = insert(R(c, i.rt()), R(c, i.rs()), i.sa() + 32, i.rd() + 32); }},
    {.name = "dins", .match = 0x7c000007, .mask = 0xfc00003f, .args = "t,s,<,I", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) { R(c, i.rt()) = insert(R(c, i.rt()), R(c, i.rs()), i.sa(), i.rd()); }},
    {.name = "wsbh", .match = 0x7c0000a0, .mask = 0xffe007ff, .args = "d,t", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) {
       u32 v = lo32(R(c, i.rt()));
       R(c, i.rd()) = sext32(((v & 0x00ff00ff) << 8) | ((v >> 8) & 0x00ff00ff));
     }},
    {.name = "seb", .match = 0x7c000420, .mask = 0xffe007ff, .args = "d,t", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = sext8(R(c, i.rt())); }},
    {.name = "seh", .match = 0x7c000620, .mask = 0xffe007ff, .args = "d,t", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) { R(c, i.rd()) = sext16(R(c, i.rt())); }},
    {.name = "dsbh", .match = 0x7c0000a4, .mask = 0xffe007ff, .args = "d,t", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) {
       u64 v = R(c, i.rt());
       R(c, i.rd()) = ((v & 0x00ff00ff00ff00ffull) << 8) | ((v >> 8) & 0x00ff00ff00ff00ffull);
     }},
    {.name = "dshd", .match = 0x7c000164, .mask = 0xffe007ff, .args = "d,t", .flags = kGateR2,
     .exec = [](Cpu& c, Insn i) {
       u64 v = R(c, i.rt());
       v = ((v & 0x0000ffff0000ffffull) << 16) | ((v >> 16) & 0x0000ffff0000ffffull);
       R(c, i.rd()) = (v << 32) | (v >> 32);
     }},
    {.name = "rdhwr", .match = 0x7c00003b, .mask = 0xffe007ff, .args = "t,K", .flags = kGateR2 | kGateHwr,
     .exec = [](Cpu& c, Insn i) {
       if (i.rd() != 29) return c.raise(Exc::RI);  // only UserLocal is provided
       R(c, i.rt()) = c.userlocal;
     }},
};

}  // namespace

std::span<const InsnDesc> integer_rows() { return kRows; }

}  // namespace ds::mips
