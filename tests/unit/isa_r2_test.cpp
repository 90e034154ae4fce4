// isa_r2_test.cpp - Release 2 rows the random differential test cannot check
// against QEMU's strict MIPS IV model (they are gated off there).
#include <gtest/gtest.h>

#include "tests/unit/cpu_rig.h"

namespace ds::mips {
namespace {

class R2 : public ::testing::Test, public CpuRig {
 protected:
  R2() { cpu.forbidden = kGateCp0; }  // R2 gate open, as in the user runner
};

constexpr u32 madd(unsigned rs, unsigned rt) { return 0x70000000 | rs << 21 | rt << 16; }
constexpr u32 msub(unsigned rs, unsigned rt) { return 0x70000004 | rs << 21 | rt << 16; }

// HI:LO is a 64-bit accumulator that wraps, as the MIPS32 manual's
// "(HI || LO) + (GPR[rs] * GPR[rt])" does modulo 2^64.
TEST_F(R2, MaddWrapsTheAccumulatorInsteadOfOverflowing) {
  cpu.hi = sext32(0x7fffffff), cpu.lo = sext32(0xffffffff);  // HI:LO = INT64_MAX
  cpu.gpr[4] = 2, cpu.gpr[5] = 3;
  EXPECT_EQ(run({madd(4, 5)}), -1);
  EXPECT_EQ(cpu.hi, sext32(0x80000000));  // INT64_MAX + 6 = 0x8000000000000005
  EXPECT_EQ(cpu.lo, 5u);
}

TEST_F(R2, MsubWrapsTheAccumulatorInsteadOfOverflowing) {
  cpu.hi = sext32(0x80000000), cpu.lo = 0;  // HI:LO = INT64_MIN
  cpu.gpr[4] = 1, cpu.gpr[5] = 1;
  EXPECT_EQ(run({msub(4, 5)}), -1);
  EXPECT_EQ(cpu.hi, sext32(0x7fffffff));  // INT64_MIN - 1 = INT64_MAX
  EXPECT_EQ(cpu.lo, sext32(0xffffffff));
}

}  // namespace
}  // namespace ds::mips
