// timing_test.cpp - the timing CPU model (sim/mips/timing.h): the latency
// table derived from the instruction table, the interlocks, and cache stalls
// charged to the right cause, on a one-CPU rig with exact cycle counts.
#include <gtest/gtest.h>

#include <string_view>

#include "cpu_rig.h"
#include "sim/mips/isa.h"
#include "sim/mips/timing.h"
#include "sim/numa/memory_system.h"

namespace {

using namespace ds;
using namespace ds::mips;

constexpr u32 kNop = 0;
constexpr u32 mult(u32 rs, u32 rt) { return rs << 21 | rt << 16 | 0x18; }
constexpr u32 mflo(u32 rd) { return rd << 11 | 0x12; }
constexpr u32 ld(u32 rt, u32 base, u32 off) { return 0x37u << 26 | base << 21 | rt << 16 | (off & 0xffff); }
constexpr u32 sd(u32 rt, u32 base, u32 off) { return 0x3fu << 26 | base << 21 | rt << 16 | (off & 0xffff); }
// COP1 arithmetic in the D format: funct 0 add, 3 div.
constexpr u32 fp_d(u32 funct, u32 fd, u32 fs, u32 ft) { return 0x11u << 26 | 17u << 21 | ft << 16 | fs << 11 | fd << 6 | funct; }

const RowTiming& timing_of(std::string_view name) {
  auto rows = isa_table();
  for (size_t k = 0; k < rows.size(); ++k)
    if (name == rows[k]->name) return row_timing()[k + 1];
  ADD_FAILURE() << "no row " << name;
  return row_timing()[0];
}

TEST(RowTiming, IsDerivedFromTheInstructionTablesOperandsAndMnemonics) {
  EXPECT_EQ(row_timing().size(), isa_table().size() + 1);
  const RowTiming& divd = timing_of("div.d");
  EXPECT_EQ(divd.unit, RowTiming::Fpu);
  EXPECT_EQ(divd.latency, 19);
  EXPECT_EQ(divd.repeat, 21);
  EXPECT_EQ(divd.dest, 6);  // fd
  EXPECT_EQ(divd.src[0], 11);
  EXPECT_EQ(divd.src[1], 16);
  const RowTiming& madd = timing_of("madd.d");  // COP1X: fd, fr, fs, ft
  EXPECT_EQ(madd.latency, 4);
  EXPECT_EQ(madd.dest, 6);
  EXPECT_EQ(madd.src[0], 21);
  const RowTiming& mtc1 = timing_of("mtc1");  // writes fs, reads no FP register
  EXPECT_EQ(mtc1.dest, 11);
  EXPECT_EQ(mtc1.src[0], -1);
  const RowTiming& swc1 = timing_of("swc1");  // reads ft
  EXPECT_EQ(swc1.dest, -1);
  EXPECT_EQ(swc1.src[0], 16);
  EXPECT_TRUE(timing_of("c.eq.d").writes_cc);
  EXPECT_TRUE(timing_of("bc1t").reads_cc);
  EXPECT_EQ(timing_of("mult").unit, RowTiming::HiLoWrite);
  EXPECT_EQ(timing_of("ddivu").latency, 67);
  EXPECT_EQ(timing_of("mflo").unit, RowTiming::HiLoRead);
  EXPECT_EQ(timing_of("addu").unit, RowTiming::None);
}

// A CpuRig whose CPU runs the timing model on a one-node memory system.
class TimedRig : public CpuRig {
 public:
  numa::MemoryConfig mc;
  numa::MemorySystem ms{mc, numa::Topology{1, 1, 0x10000, 200}};
  CpuTiming timing{0, ms, cpu.stall_cycles, bus.ram_page(0)};
  TimedRig() {
    cpu.set_timing(&timing);
    timing.sync(0, 0);
  }
};

TEST(Timing, MfloWaitsForTheMultiplyAndNopsHideItsLatency) {
  TimedRig r;
  ASSERT_EQ(r.run({mult(2, 3), mflo(4)}), -1);
  EXPECT_EQ(r.timing.stalls.pipeline, 5u);  // latency 6, issued one cycle later
  TimedRig s;
  ASSERT_EQ(s.run({mult(2, 3), kNop, kNop, kNop, mflo(4)}), -1);
  EXPECT_EQ(s.timing.stalls.pipeline, 2u);
}

TEST(Timing, FpResultLatencyAndTheUnpipelinedDivider) {
  TimedRig r;
  ASSERT_EQ(r.run({fp_d(0, 0, 2, 4), fp_d(0, 6, 0, 0)}), -1);  // add.d f0; add.d f6 <- f0
  EXPECT_EQ(r.timing.stalls.pipeline, 1u);
  TimedRig s;
  ASSERT_EQ(s.run({fp_d(3, 0, 2, 4), fp_d(3, 6, 8, 10)}), -1);  // two independent div.d
  EXPECT_EQ(s.timing.stalls.pipeline, 20u);                     // repeat 21, one cycle apart
  TimedRig t;
  ASSERT_EQ(t.run({fp_d(3, 0, 2, 4), fp_d(0, 6, 8, 10)}), -1);  // div.d then an independent add.d
  EXPECT_EQ(t.timing.stalls.pipeline, 0u);
}

TEST(Timing, CacheStallsAreChargedByCauseAndAddToTheCycleCount) {
  TimedRig r;
  r.cpu.gpr[8] = CpuRig::kData;
  ASSERT_EQ(r.run({ld(2, 8, 0), ld(3, 8, 8), ld(4, 8, 32), sd(2, 8, 0)}), -1);
  // Instruction fetch: one L1 I line, a local miss.  Data: the first load a
  // local miss (60 cycles at 300 ns, 200 MHz) that fills L2 and an L1 D line
  // exclusively; the second hits that line; the third is in the same L2 line
  // but the next L1 D line (10 cycles); the store finds the line clean
  // exclusive and dirties it without a stall.
  EXPECT_EQ(r.timing.stalls.inst_local, 60u);
  EXPECT_EQ(r.timing.stalls.data_local, 60u);
  EXPECT_EQ(r.timing.stalls.data_l2, 10u);
  EXPECT_EQ(r.timing.stalls.total(), 130u);
  EXPECT_EQ(r.cpu.stall_cycles, 130u);
  EXPECT_EQ(r.cpu.cycle(), r.cpu.insns + 130u);
  EXPECT_EQ(r.ms.stats(0).l2_misses, 2u);  // one instruction line, one data line
}

TEST(Timing, WarmingChargesNothingButLeavesTheCachesWarm) {
  TimedRig r;
  r.timing.charge = false;
  r.cpu.gpr[8] = CpuRig::kData;
  ASSERT_EQ(r.run({ld(2, 8, 0)}), -1);
  EXPECT_EQ(r.cpu.stall_cycles, 0u);
  EXPECT_EQ(r.ms.stats(0).l2_misses, 2u);
  r.timing.charge = true;
  ASSERT_EQ(r.run({ld(2, 8, 0)}), -1);  // same code line, same data line: hits
  EXPECT_EQ(r.cpu.stall_cycles, 0u);
}

TEST(Timing, AStallPastTheEndOfARunIsTakenOffTheNext) {
  TimedRig r;
  r.cpu.gpr[8] = CpuRig::kData;
  const u32 code[] = {ld(2, 8, 0), kNop, kNop, kNop, 0x0000000c};  // ... syscall: the rig stops
  for (u64 a = 0; a < 5; ++a) store_guest<u32>(r.bus.ram_page(0) + CpuRig::kCode + 4 * a, code[a], true);
  r.cpu.set_pc(CpuRig::kCode);
  // 50 cycles: the first instruction alone takes 1 + 60 (fetch) + 60 (load).
  EXPECT_EQ(r.cpu.run(50), 121u);
  EXPECT_EQ(r.cpu.overrun(), 71u);
  EXPECT_EQ(r.cpu.insns, 1u);
  EXPECT_EQ(r.cpu.run(50), 50u);  // covered by the overrun: nothing runs
  EXPECT_EQ(r.cpu.insns, 1u);
  EXPECT_EQ(r.cpu.run(50), 25u);  // 21 left over, three nops, the syscall's slot; stopped
  EXPECT_EQ(r.cpu.insns, 4u);
  EXPECT_EQ(r.cpu.exceptions, 1u);
  EXPECT_EQ(r.cpu.overrun(), 0u);
}

}  // namespace
