// fpu_test.cpp - the FPU behaviours QEMU's user mode cannot show us (traps,
// FR=0, CTC1 side effects, gates) checked against the MIPS IV manual, plus a
// few pinned design choices (docs/fpu.md).  Arithmetic results themselves
// are compared against QEMU by tests/fpu (suite 'diff').
#include <gtest/gtest.h>

#include "tests/unit/cpu_rig.h"

#include <initializer_list>

#include "sim/bus.h"
#include "sim/mips/cpu.h"
#include "sim/mips/fpu.h"

namespace ds::mips {
namespace {

// ---- instruction encodings (MIPS IV manual, appendix A) ------------------------
constexpr unsigned kS = 16, kD = 17;
constexpr u32 cop1(unsigned fmt, unsigned ft, unsigned fs, unsigned fd, unsigned funct) {
  return 0x44000000u | fmt << 21 | ft << 16 | fs << 11 | fd << 6 | funct;
}
constexpr u32 cop1_move(unsigned sub, unsigned rt, unsigned fs) { return 0x44000000u | sub << 21 | rt << 16 | fs << 11; }
constexpr u32 mfc1(unsigned rt, unsigned fs) { return cop1_move(0, rt, fs); }
constexpr u32 dmfc1(unsigned rt, unsigned fs) { return cop1_move(1, rt, fs); }
constexpr u32 cfc1(unsigned rt, unsigned fs) { return cop1_move(2, rt, fs); }
constexpr u32 mfhc1(unsigned rt, unsigned fs) { return cop1_move(3, rt, fs); }
constexpr u32 mtc1(unsigned rt, unsigned fs) { return cop1_move(4, rt, fs); }
constexpr u32 dmtc1(unsigned rt, unsigned fs) { return cop1_move(5, rt, fs); }
constexpr u32 ctc1(unsigned rt, unsigned fs) { return cop1_move(6, rt, fs); }
constexpr u32 mthc1(unsigned rt, unsigned fs) { return cop1_move(7, rt, fs); }
constexpr u32 add_fmt(unsigned fmt, unsigned fd, unsigned fs, unsigned ft) { return cop1(fmt, ft, fs, fd, 0); }
constexpr u32 div_fmt(unsigned fmt, unsigned fd, unsigned fs, unsigned ft) { return cop1(fmt, ft, fs, fd, 3); }
constexpr u32 cvt_w(unsigned fmt, unsigned fd, unsigned fs) { return cop1(fmt, 0, fs, fd, 36); }
constexpr u32 c_cond(unsigned fmt, unsigned cond, unsigned cc, unsigned fs, unsigned ft) {
  return cop1(fmt, ft, fs, cc << 2, 48 + cond);
}
constexpr u32 bc1(bool tf, bool likely, unsigned cc, i16 offset) {
  return 0x45000000u | cc << 18 | unsigned{likely} << 17 | unsigned{tf} << 16 | static_cast<u16>(offset);
}
constexpr u32 movcf(unsigned fmt, bool tf, unsigned cc, unsigned fd, unsigned fs) {
  return cop1(fmt, cc << 2 | unsigned{tf}, fs, fd, 17);
}
constexpr u32 movn_fmt(unsigned fmt, unsigned fd, unsigned fs, unsigned rt) { return cop1(fmt, rt, fs, fd, 19); }
constexpr u32 ldc1(unsigned ft, unsigned base, i16 off) { return 0xd4000000u | base << 21 | ft << 16 | static_cast<u16>(off); }
constexpr u32 lwxc1(unsigned fd, unsigned index, unsigned base) { return 0x4c000000u | base << 21 | index << 16 | fd << 6; }
constexpr u32 sdxc1(unsigned fs, unsigned index, unsigned base) { return 0x4c000009u | base << 21 | index << 16 | fs << 11; }
constexpr u32 addiu(unsigned rt, unsigned rs, i16 imm) { return 0x24000000u | rs << 21 | rt << 16 | static_cast<u16>(imm); }
constexpr u32 kNop = 0;

constexpr u64 kOneD = 0x3ff0000000000000, kTwoD = 0x4000000000000000, kThreeD = 0x4008000000000000;
constexpr u64 kSnanD = 0x7ff8000000000000, kQnanD = 0x7ff0000000000001;
constexpr u32 kEnableV = 1u << 11, kEnableI = 1u << 7, kCauseV = 1u << 16, kCauseE = 1u << 17;

// Single-instruction tests on the shared rig (cpu_rig.h).
class Fpu : public ::testing::Test, public CpuRig {};

constexpr int kFPE = static_cast<int>(Exc::FPE), kRI = static_cast<int>(Exc::RI);

TEST_F(Fpu, EnabledInvalidTrapsAndLeavesDestinationUnwritten) {
  cpu.fpu.fpr[2] = kSnanD, cpu.fpu.fpr[4] = kOneD, cpu.fpu.fpr[0] = 0x1234;
  cpu.fpu.fcsr = kEnableV;
  EXPECT_EQ(run({add_fmt(kD, 0, 2, 4)}), kFPE);
  EXPECT_EQ(cpu.fpu.fpr[0], 0x1234u);
  EXPECT_EQ(cpu.fpu.fcsr, kEnableV | kCauseV);  // Cause set, Flags untouched
}

TEST_F(Fpu, UnenabledInvalidAccumulatesFlagAndWritesDefaultNaN) {
  cpu.fpu.fpr[2] = kSnanD, cpu.fpu.fpr[4] = kOneD;
  EXPECT_EQ(run({add_fmt(kD, 0, 2, 4)}), -1);
  EXPECT_EQ(cpu.fpu.fpr[0], 0x7ff7ffffffffffffu);
  EXPECT_EQ(cpu.fpu.fcsr, kCauseV | (1u << 6));
}

TEST_F(Fpu, CauseIsReplacedByEachArithmeticInstruction) {
  cpu.fpu.fpr[2] = kOneD, cpu.fpu.fpr[4] = kThreeD;
  EXPECT_EQ(run({div_fmt(kD, 0, 2, 4), add_fmt(kD, 6, 2, 2)}), -1);
  EXPECT_EQ(cpu.fpu.fcsr, 1u << 2);  // inexact flag of the divide remains, cause cleared
}

TEST_F(Fpu, EnabledInexactTrapsOnOneThird) {
  cpu.fpu.fpr[2] = kOneD, cpu.fpu.fpr[4] = kThreeD, cpu.fpu.fpr[0] = 7;
  cpu.fpu.fcsr = kEnableI;
  EXPECT_EQ(run({div_fmt(kD, 0, 2, 4)}), kFPE);
  EXPECT_EQ(cpu.fpu.fpr[0], 7u);
  EXPECT_EQ(cpu.fpu.fcsr, kEnableI | (1u << 12));
}

TEST_F(Fpu, ConversionOfNaNToWordWithInvalidEnabledTraps) {
  cpu.fpu.fpr[2] = kQnanD, cpu.fpu.fpr[0] = 5;
  cpu.fpu.fcsr = kEnableV;
  EXPECT_EQ(run({cvt_w(kD, 0, 2)}), kFPE);
  EXPECT_EQ(cpu.fpu.fpr[0], 5u);
  cpu.fpu.fcsr = 0;
  EXPECT_EQ(run({cvt_w(kD, 0, 2)}), -1);
  EXPECT_EQ(static_cast<u32>(cpu.fpu.fpr[0]), 0x7fffffffu);
}

TEST_F(Fpu, Ctc1SettingAnEnabledCauseTrapsAfterTheWrite) {
  cpu.gpr[8] = kEnableV | kCauseV;
  EXPECT_EQ(run({ctc1(8, 31)}), kFPE);
  EXPECT_EQ(cpu.fpu.fcsr, kEnableV | kCauseV);
}

TEST_F(Fpu, Ctc1SettingUnimplementedCauseAlwaysTraps) {
  cpu.gpr[8] = kCauseE;
  EXPECT_EQ(run({ctc1(8, 31)}), kFPE);
  cpu.gpr[8] = kCauseV;  // cause without its enable: no trap
  EXPECT_EQ(run({ctc1(8, 31)}), -1);
}

TEST_F(Fpu, Ctc1IgnoresReservedBitsAndFirIsReadOnly) {
  cpu.gpr[8] = 0xffffffff & ~(kCauseE | 0x1f000u);  // no causes, so no trap
  EXPECT_EQ(run({ctc1(8, 31), cfc1(9, 31), ctc1(8, 0), cfc1(10, 0)}), -1);
  EXPECT_EQ(cpu.gpr[9], sext32(0xff83ffffu & ~(kCauseE | 0x1f000u)));
  EXPECT_EQ(cpu.gpr[10], 0x900u);
}

TEST_F(Fpu, TrappingCompareLeavesConditionCodeUnchanged) {
  cpu.fpu.fpr[2] = kQnanD, cpu.fpu.fpr[4] = kOneD;
  cpu.fpu.fcsr = kEnableV | (1u << 23);
  EXPECT_EQ(run({c_cond(kD, 12, 0, 2, 4)}), kFPE);  // c.lt.d signals on any NaN
  EXPECT_TRUE(fpu_cc(cpu.fpu, 0));
  cpu.fpu.fcsr = kEnableV;
  EXPECT_EQ(run({c_cond(kD, 4, 5, 2, 4)}), -1);     // c.olt.d is quiet on a qNaN
  EXPECT_FALSE(fpu_cc(cpu.fpu, 5));
}

TEST_F(Fpu, CompareWritesTheNamedConditionCodeOnly) {
  cpu.fpu.fpr[2] = kOneD, cpu.fpu.fpr[4] = kTwoD;
  EXPECT_EQ(run({c_cond(kD, 12, 6, 2, 4)}), -1);  // 1 < 2 into cc6 (FCSR bit 30)
  EXPECT_EQ(cpu.fpu.fcsr, 1u << 30);
}

TEST_F(Fpu, Bc1tOnConditionCodeThreeIsTaken) {
  set_fpu_cc(cpu.fpu, 3, true);
  EXPECT_EQ(run({bc1(true, false, 3, 2), addiu(8, 0, 1), addiu(9, 0, 1), addiu(10, 0, 1)}), -1);
  EXPECT_EQ(cpu.gpr[8], 1u);  // delay slot
  EXPECT_EQ(cpu.gpr[9], 0u);  // skipped
  EXPECT_EQ(cpu.gpr[10], 1u);
}

TEST_F(Fpu, Bc1flNotTakenNullifiesItsDelaySlot) {
  set_fpu_cc(cpu.fpu, 2, true);
  EXPECT_EQ(run({bc1(false, true, 2, 2), addiu(8, 0, 1), addiu(9, 0, 1)}), -1);
  EXPECT_EQ(cpu.gpr[8], 0u);
  EXPECT_EQ(cpu.gpr[9], 1u);
}

TEST_F(Fpu, ConditionalMovesFollowConditionCodeAndGpr) {
  cpu.fpu.fpr[2] = kTwoD, cpu.fpu.fpr[0] = 0, cpu.fpu.fpr[4] = 0, cpu.gpr[8] = 3;
  set_fpu_cc(cpu.fpu, 1, true);
  EXPECT_EQ(run({movcf(kD, false, 1, 0, 2), movcf(kD, true, 1, 4, 2), movn_fmt(kD, 6, 2, 8)}), -1);
  EXPECT_EQ(cpu.fpu.fpr[0], 0u);
  EXPECT_EQ(cpu.fpu.fpr[4], kTwoD);
  EXPECT_EQ(cpu.fpu.fpr[6], kTwoD);
}

TEST_F(Fpu, Fr0OddSingleIsTheUpperHalfOfTheEvenDouble) {
  cpu.fpu.fr = false;
  poke64(kData, kOneD | 0x55);
  cpu.gpr[8] = kData;
  EXPECT_EQ(run({ldc1(0, 8, 0), mfc1(9, 1), mfc1(10, 0)}), -1);
  EXPECT_EQ(cpu.gpr[9], 0x3ff00000u);
  EXPECT_EQ(cpu.gpr[10], 0x55u);
}

TEST_F(Fpu, Fr0DoubleArithmeticOnAnOddRegisterIsReserved) {
  cpu.fpu.fr = false;
  EXPECT_EQ(run({add_fmt(kD, 1, 2, 4)}), kRI);
  EXPECT_EQ(run({add_fmt(kS, 1, 3, 5)}), -1);  // singles may use odd registers
}

TEST_F(Fpu, Fr0SingleArithmeticOnOddRegisters) {
  cpu.fpu.fr = false;
  cpu.gpr[8] = 0x3f800000;  // 1.0f
  EXPECT_EQ(run({mtc1(8, 3), mtc1(8, 5), add_fmt(kS, 7, 3, 5), mfc1(9, 7)}), -1);
  EXPECT_EQ(cpu.gpr[9], 0x40000000u);
  EXPECT_EQ(cpu.fpu.fpr[6] >> 32, 0x40000000u);
}

TEST_F(Fpu, Fr1Mtc1KeepsTheUpperHalf) {
  cpu.fpu.fpr[2] = 0xaaaaaaaa00000000;
  cpu.gpr[8] = 0x12345678;
  EXPECT_EQ(run({mtc1(8, 2)}), -1);
  EXPECT_EQ(cpu.fpu.fpr[2], 0xaaaaaaaa12345678u);
}

TEST_F(Fpu, Mfhc1AndMthc1ReachTheUpperHalfOnlyWithRelease2) {
  cpu.gpr[8] = 0x80000001;
  cpu.fpu.fpr[2] = 0x1111111122222222;
  cpu.forbidden = kGateCp0 | kGateR2;
  EXPECT_EQ(run({mthc1(8, 2)}), kRI);
  cpu.forbidden = kGateCp0;
  EXPECT_EQ(run({mthc1(8, 2), mfhc1(9, 2), dmfc1(10, 2)}), -1);
  EXPECT_EQ(cpu.gpr[9], 0xffffffff80000001u);
  EXPECT_EQ(cpu.gpr[10], 0x8000000122222222u);
}

TEST_F(Fpu, IndexedLoadsAndStoresAddBaseAndIndex) {
  poke64(kData + 0x10, 0xcafef00d00000000);
  cpu.gpr[8] = kData, cpu.gpr[9] = 0x10, cpu.gpr[10] = 0x20;
  cpu.fpu.fpr[4] = kThreeD;
  EXPECT_EQ(run({lwxc1(2, 9, 8), sdxc1(4, 10, 8)}), -1);
  EXPECT_EQ(static_cast<u32>(cpu.fpu.fpr[2]), 0xcafef00du);
  EXPECT_EQ(peek64(kData + 0x20), kThreeD);
}

TEST_F(Fpu, MisalignedIndexedLoadRaisesAddressError) {
  cpu.gpr[8] = kData, cpu.gpr[9] = 2;
  EXPECT_EQ(run({lwxc1(2, 9, 8)}), static_cast<int>(Exc::AdEL));
  EXPECT_EQ(cpu.exc.badvaddr, kData + 2);
}

TEST_F(Fpu, CoprocessorUnusableWhenCu1IsClear) {
  cpu.forbidden = kGateCp0 | kGateCp1 | kGateCp1x;
  EXPECT_EQ(run({add_fmt(kD, 0, 2, 4)}), static_cast<int>(Exc::CpU));
  EXPECT_EQ(cpu.exc.cop, 1u);
  EXPECT_EQ(run({lwxc1(2, 9, 8)}), static_cast<int>(Exc::CpU));
}

// docs/fpu.md: denormal operands and results are computed in "hardware" (as
// QEMU does) rather than trapping with Unimplemented Operation as an R10000
// with FS=0 does; FS=1 flushes tiny results to zero.
TEST_F(Fpu, DenormalResultIsComputedWithoutUnimplementedTrap) {
  cpu.fpu.fpr[2] = 0x0010000000000000, cpu.fpu.fpr[4] = 0x3fe0000000000000;  // min normal * 0.5
  EXPECT_EQ(run({cop1(kD, 4, 2, 0, 2)}), -1);
  EXPECT_EQ(cpu.fpu.fpr[0], 0x0008000000000000u);
  EXPECT_EQ(cpu.fpu.fcsr, 0u);  // exact: no Underflow, no E
  cpu.fpu.fcsr = fcsr::kFS;
  EXPECT_EQ(run({cop1(kD, 4, 2, 0, 2)}), -1);
  EXPECT_EQ(cpu.fpu.fpr[0], 0u);
}

TEST_F(Fpu, HostRoundingModeDoesNotLeakBetweenInstructions) {
  cpu.fpu.fpr[2] = kOneD, cpu.fpu.fpr[4] = kThreeD;
  cpu.fpu.fcsr = 2;  // round toward +inf
  EXPECT_EQ(run({div_fmt(kD, 0, 2, 4)}), -1);
  volatile double a = 1.0, b = 3.0;
  EXPECT_EQ(std::bit_cast<u64>(a / b), 0x3fd5555555555555u);  // host still rounds to nearest
  EXPECT_EQ(cpu.fpu.fpr[0], 0x3fd5555555555556u);
}

}  // namespace
}  // namespace ds::mips
