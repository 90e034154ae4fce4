// cpu_run_test.cpp - the loop's runs (Cpu::run_straight): instructions that
// follow each other on a code page, through branches and delay slots, run
// with pc/npc/cur_pc written only where they can be read.  Each test probes
// a hazard of that: code changed under a run (a store in the loop, a write
// from outside between slices, as DMA does), an exception in a delay slot,
// a nullified delay slot, a slice ending between a branch and its delay
// slot, and a CP0 instruction (CACHE) inside a loop.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "sim/bus.h"
#include "sim/mips/cpu.h"

namespace {

using namespace ds;
using namespace ds::mips;

constexpr u32 itype(u32 op, u32 rs, u32 rt, u32 imm) { return op << 26 | rs << 21 | rt << 16 | (imm & 0xffff); }
constexpr u32 addiu(u32 rt, u32 rs, i32 imm) { return itype(9, rs, rt, static_cast<u32>(imm)); }
constexpr u32 sw(u32 rt, u32 base, i32 off) { return itype(0x2b, base, rt, static_cast<u32>(off)); }
constexpr u32 lw(u32 rt, u32 base, i32 off) { return itype(0x23, base, rt, static_cast<u32>(off)); }
constexpr u32 beq(u32 rs, u32 rt, i32 off) { return itype(4, rs, rt, static_cast<u32>(off)); }
constexpr u32 bne(u32 rs, u32 rt, i32 off) { return itype(5, rs, rt, static_cast<u32>(off)); }
constexpr u32 beql(u32 rs, u32 rt, i32 off) { return itype(0x14, rs, rt, static_cast<u32>(off)); }
constexpr u32 cache(u32 op, u32 base, i32 off) { return itype(0x2f, base, op, static_cast<u32>(off)); }
constexpr u32 kNop = 0;
constexpr u64 kCode = 0x1000;

// Identity-mapped RAM; the first exception is recorded (with the state the
// loop hands over) and stops the CPU.
class Owner final : public CpuOwner {
 public:
  bool translate(Cpu&, u64 va, Access, Translation& out) override {
    out.pa = va;
    return true;
  }
  void take_exception(Cpu& c) override {
    code = c.exc.code, epc = c.exception_pc(), bd = c.in_delay, pc = c.pc, npc = c.npc, badvaddr = c.exc.badvaddr;
    c.stop();
  }
  Exc code = Exc::Int;
  u64 epc = 0, pc = 0, npc = 0, badvaddr = 0;
  bool bd = false;
};

struct Rig {
  Bus bus;
  DecodeCache dcache;
  Owner owner;
  std::unique_ptr<Cpu> cpu;
  Rig(const std::vector<u32>& code) {
    bus.add_ram(0, 1u << 20);
    put(kCode, code);
    cpu = std::make_unique<Cpu>(0, bus, dcache, owner, true);
    cpu->forbidden = 0;  // kernel: CACHE allowed
    cpu->set_pc(kCode);
  }
  // Writes words from outside the CPU (the loader, or a device's DMA).
  void put(u64 pa, const std::vector<u32>& words) {
    for (size_t i = 0; i < words.size(); ++i) {
      u8 b[4] = {static_cast<u8>(words[i] >> 24), static_cast<u8>(words[i] >> 16),
                 static_cast<u8>(words[i] >> 8), static_cast<u8>(words[i])};
      bus.write_bytes(pa + 4 * i, b, 4);
    }
  }
};

TEST(CpuRun, AStoreInALoopChangesAnInstructionTheRunAlreadyExecuted) {
  // w0 counts in $2; w1 overwrites w0 with "addiu $2, $2, 10"; two iterations.
  Rig r({addiu(2, 2, 1), sw(5, 4, 0), addiu(7, 7, -1), bne(7, 0, -4), kNop});
  r.cpu->gpr[4] = kCode, r.cpu->gpr[5] = addiu(2, 2, 10), r.cpu->gpr[7] = 2;
  EXPECT_EQ(r.cpu->run(10), 10u);
  EXPECT_EQ(r.cpu->gpr[2], 11u) << "the second iteration ran the stale decoded word";
  EXPECT_EQ(r.cpu->pc, kCode + 20);
}

TEST(CpuRun, AStoreChangesTheDelaySlotOfTheBranchAfterIt) {
  Rig r({sw(5, 4, 0), beq(0, 0, 2), addiu(3, 3, 1), kNop, kNop});
  r.cpu->gpr[4] = kCode + 8, r.cpu->gpr[5] = addiu(3, 3, 100);
  EXPECT_EQ(r.cpu->run(3), 3u);
  EXPECT_EQ(r.cpu->gpr[3], 100u);
  EXPECT_EQ(r.cpu->pc, kCode + 16);
}

TEST(CpuRun, CodeWrittenFromOutsideBetweenSlicesIsExecuted) {
  Rig r({addiu(2, 2, 1), addiu(2, 2, 1), addiu(2, 2, 1), addiu(2, 2, 1)});
  EXPECT_EQ(r.cpu->run(2), 2u);
  r.put(kCode + 8, {addiu(3, 3, 5)});  // as a disk DMA into the code page would
  EXPECT_EQ(r.cpu->run(2), 2u);
  EXPECT_EQ(r.cpu->gpr[2], 3u);
  EXPECT_EQ(r.cpu->gpr[3], 5u);
}

TEST(CpuRun, AnExceptionInADelaySlotReportsTheBranchWithBdAndTheTarget) {
  // beq taken to w4; its delay slot loads from address 1 (AdEL).
  Rig r({addiu(2, 2, 1), beq(0, 0, 2), lw(3, 0, 1), kNop, kNop});
  r.cpu->run(10);
  EXPECT_EQ(r.owner.code, Exc::AdEL);
  EXPECT_EQ(r.owner.epc, kCode + 4);
  EXPECT_TRUE(r.owner.bd);
  EXPECT_EQ(r.owner.badvaddr, 1u);
  EXPECT_EQ(r.owner.pc, kCode + 16) << "the continuation is the branch target";
  EXPECT_EQ(r.owner.npc, kCode + 20);
  EXPECT_EQ(r.cpu->insns, 2u);
  EXPECT_EQ(r.cpu->exceptions, 1u);
}

TEST(CpuRun, AnExceptionOutsideADelaySlotReportsItselfWithoutBd) {
  Rig r({addiu(2, 2, 1), addiu(2, 2, 1), lw(3, 0, 2), kNop});
  r.cpu->run(10);
  EXPECT_EQ(r.owner.code, Exc::AdEL);
  EXPECT_EQ(r.owner.epc, kCode + 8);
  EXPECT_FALSE(r.owner.bd);
  EXPECT_EQ(r.owner.pc, kCode + 12);
  EXPECT_EQ(r.cpu->insns, 2u);
}

TEST(CpuRun, ABranchLikelyNotTakenSkipsItsDelaySlot) {
  Rig r({beql(0, 1, 5), addiu(3, 3, 1), addiu(2, 2, 1), kNop});
  r.cpu->gpr[1] = 1;
  EXPECT_EQ(r.cpu->run(2), 2u);
  EXPECT_EQ(r.cpu->gpr[3], 0u);
  EXPECT_EQ(r.cpu->gpr[2], 1u);
  EXPECT_EQ(r.cpu->pc, kCode + 12);
}

TEST(CpuRun, ASliceEndingBetweenABranchAndItsDelaySlotResumesExactly) {
  Rig r({beq(0, 0, 3), addiu(2, 2, 1), addiu(3, 3, 1), addiu(3, 3, 1), addiu(4, 4, 1)});
  EXPECT_EQ(r.cpu->run(1), 1u);
  EXPECT_EQ(r.cpu->pc, kCode + 4);
  EXPECT_EQ(r.cpu->npc, kCode + 16);
  EXPECT_EQ(r.cpu->run(2), 2u);
  EXPECT_EQ(r.cpu->gpr[2], 1u);
  EXPECT_EQ(r.cpu->gpr[3], 0u);
  EXPECT_EQ(r.cpu->gpr[4], 1u);
  EXPECT_EQ(r.cpu->pc, kCode + 20);
}

TEST(CpuRun, ACacheInstructionOnTheCodeLineInsideALoop) {
  // Hit Invalidate I on the loop's own line, three iterations.
  Rig r({addiu(2, 2, 1), cache(0x10, 8, 0), addiu(7, 7, -1), bne(7, 0, -4), kNop});
  r.cpu->gpr[7] = 3, r.cpu->gpr[8] = kCode;
  EXPECT_EQ(r.cpu->run(15), 15u);
  EXPECT_EQ(r.cpu->gpr[2], 3u);
  EXPECT_EQ(r.cpu->pc, kCode + 20);
}

TEST(CpuRun, ALoopRunsAcrossSlicesOfEveryLength) {
  // The same 5-instruction loop, 40 iterations, in slices of 1 to 7 slots:
  // every split point (including between a branch and its slot) ends the same.
  for (u64 slice = 1; slice <= 7; ++slice) {
    Rig r({addiu(2, 2, 3), addiu(3, 3, 1), addiu(7, 7, -1), bne(7, 0, -4), addiu(4, 4, 1), kNop});
    r.cpu->gpr[7] = 40;
    while (r.cpu->insns < 200) r.cpu->run(std::min<u64>(slice, 200 - r.cpu->insns));
    EXPECT_EQ(r.cpu->gpr[2], 120u) << slice;
    EXPECT_EQ(r.cpu->gpr[4], 40u) << slice;
    EXPECT_EQ(r.cpu->insns, 200u) << slice;
  }
}

}  // namespace
