// cpu_fetch_test.cpp - hazards of the fetch fast path: the run loop keeps the
// code page it is executing (host pointer and decoded slots) across
// instructions, and each slot remembers the word it was decoded from.  These
// tests change what the next fetch must see in the two ways a guest can:
// new bytes in the page being executed, and a new translation for it.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "sim/bus.h"
#include "sim/mips/cpu.h"
#include "sim/mips/decode_cache.h"

namespace {

using namespace ds;
using namespace ds::mips;

constexpr u32 addiu(u32 rt, u32 rs, u32 imm) { return 9u << 26 | rs << 21 | rt << 16 | (imm & 0xffff); }
constexpr u32 sw(u32 rt, u32 base, u32 off) { return 0x2bu << 26 | base << 21 | rt << 16 | (off & 0xffff); }
constexpr u32 kSyscall = 0x0000000c;

constexpr u64 kCodeVa = 0x10000;  // one page of code, mapped by the owner below
constexpr u64 kPageA = 0x20000;   // physical frames it can map there
constexpr u64 kPageB = 0x30000;

// Maps kCodeVa's page to `frame` (identity elsewhere).  A SYSCALL switches
// the frame to kPageB, flushes the software TLB as an owner must after a
// mapping change, and resumes after the SYSCALL.
class RemapOwner final : public CpuOwner {
 public:
  u64 frame = kPageA;
  int syscalls = 0;

  bool translate(Cpu&, u64 va, Access, Translation& out) override {
    out.pa = (va & ~kPageMask) == kCodeVa ? frame + (va & kPageMask) : va;
    return true;
  }
  void take_exception(Cpu& cpu) override {
    if (cpu.exc.code != Exc::Sys) {
      cpu.stop();
      return;
    }
    ++syscalls;
    frame = kPageB;
    cpu.flush_soft_tlb();
    cpu.set_pc(cpu.cur_pc + 4);
  }
};

struct Rig {
  Bus bus;
  DecodeCache dcache;
  RemapOwner owner;
  std::unique_ptr<Cpu> cpu;

  Rig() {
    bus.add_ram(0, 1u << 20);
    cpu = std::make_unique<Cpu>(0, bus, dcache, owner, true);
    cpu->set_pc(kCodeVa);
  }
  void put(u64 pa, const std::vector<u32>& words) {
    for (size_t i = 0; i < words.size(); ++i) {
      u8 b[4] = {static_cast<u8>(words[i] >> 24), static_cast<u8>(words[i] >> 16),
                 static_cast<u8>(words[i] >> 8), static_cast<u8>(words[i])};
      bus.write_bytes(pa + 4 * i, b, 4);
    }
  }
};

TEST(CpuFetch, OwnerRemapsThePageBeingExecutedAndTheNextFetchUsesTheNewFrame) {
  Rig r;
  // Frame A: two increments of $2, SYSCALL, then more increments of $2.
  r.put(kPageA, {addiu(2, 2, 1), addiu(2, 2, 1), kSyscall, addiu(2, 2, 1), addiu(2, 2, 1)});
  // Frame B, same offsets: whatever runs after the SYSCALL increments $3.
  r.put(kPageB, {0, 0, 0, addiu(3, 3, 1), addiu(3, 3, 1)});
  r.cpu->run(5);
  EXPECT_EQ(r.owner.syscalls, 1);
  EXPECT_EQ(r.cpu->gpr[2], 2u) << "instructions after the remap came from the old frame";
  EXPECT_EQ(r.cpu->gpr[3], 2u);
  EXPECT_EQ(r.cpu->pc, kCodeVa + 20);
}

TEST(CpuFetch, StoreOverwritesTheNextInstructionInTheSamePageAndItIsRedecoded) {
  Rig r;
  // $4 = address of the word after the store; $5 = the new instruction.
  r.put(kPageA, {sw(5, 4, 0), addiu(2, 2, 1), addiu(2, 2, 1)});
  r.cpu->gpr[4] = kCodeVa + 4;
  r.cpu->gpr[5] = addiu(3, 3, 7);
  r.cpu->run(3);
  EXPECT_EQ(r.cpu->gpr[3], 7u) << "the stale decoded instruction ran";
  EXPECT_EQ(r.cpu->gpr[2], 1u);
}

TEST(CpuFetch, LoopRunsFromACachedPageUntilTheSliceEndsAndResumesExactly) {
  Rig r;
  r.put(kPageA, {addiu(2, 2, 1), addiu(2, 2, 1), addiu(2, 2, 1), addiu(2, 2, 1)});
  EXPECT_EQ(r.cpu->run(3), 3u);
  EXPECT_EQ(r.cpu->gpr[2], 3u);
  EXPECT_EQ(r.cpu->insns, 3u);
  EXPECT_EQ(r.cpu->run(1), 1u);
  EXPECT_EQ(r.cpu->gpr[2], 4u);
  EXPECT_EQ(r.cpu->pc, kCodeVa + 16);
}

}  // namespace
