// cpu_soft_tlb_test.cpp - hazards of the data software TLB: two read pages
// whose direct-mapped entries collide (one waits in the victim table while
// the other is in use), and a flush after the owner changes a mapping, which
// must forget both tables.
#include <gtest/gtest.h>

#include <array>
#include <memory>
#include <vector>

#include "sim/bus.h"
#include "sim/mips/cpu.h"
#include "sim/mips/decode_cache.h"

namespace {

using namespace ds;
using namespace ds::mips;

constexpr u32 ld(u32 rt, u32 base, u32 off) { return 0x37u << 26 | base << 21 | rt << 16 | (off & 0xffff); }

constexpr u64 kCode = 0x10000;
constexpr u64 kPageX = 0x40000;             // virtual page remapped by the test
constexpr u64 kPageY = kPageX + (1u << 20);  // same soft-TLB index as kPageX
constexpr u64 kFrameA = 0x50000, kFrameB = 0x60000;

// Identity mapping except kPageX, which maps to `frame_x`.
class Owner final : public CpuOwner {
 public:
  u64 frame_x = kFrameA;
  bool translate(Cpu&, u64 va, Access, Translation& out) override {
    out.pa = (va & ~kPageMask) == kPageX ? frame_x + (va & kPageMask) : va;
    return true;
  }
  void take_exception(Cpu& cpu) override { cpu.stop(); }
};

struct Rig {
  Bus bus;
  DecodeCache dcache;
  Owner owner;
  std::unique_ptr<Cpu> cpu;

  Rig() {
    bus.add_ram(0, 4u << 20);
    cpu = std::make_unique<Cpu>(0, bus, dcache, owner, true);
    cpu->set_pc(kCode);
  }
  void put64(u64 pa, u64 v) {
    u8 b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<u8>(v >> (56 - 8 * i));
    bus.write_bytes(pa, b, 8);
  }
  void code(const std::vector<u32>& words) {
    for (size_t i = 0; i < words.size(); ++i) bus.write_bytes(kCode + 4 * i, be32(words[i]).data(), 4);
  }
  static std::array<u8, 4> be32(u32 w) {
    return {static_cast<u8>(w >> 24), static_cast<u8>(w >> 16), static_cast<u8>(w >> 8), static_cast<u8>(w)};
  }
};

TEST(CpuSoftTlb, TwoReadPagesWithTheSameIndexAlternateAndEachReadsItsOwnFrame) {
  Rig r;
  r.put64(kFrameA, 0xAAAA);
  r.put64(kPageY, 0xCCCC);
  r.code({ld(2, 4, 0), ld(3, 5, 0), ld(6, 4, 0), ld(7, 5, 0)});
  r.cpu->gpr[4] = kPageX, r.cpu->gpr[5] = kPageY;
  r.cpu->run(4);
  EXPECT_EQ(r.cpu->gpr[2], 0xAAAAu);
  EXPECT_EQ(r.cpu->gpr[3], 0xCCCCu);
  EXPECT_EQ(r.cpu->gpr[6], 0xAAAAu) << "the page brought back from the victim table read the wrong frame";
  EXPECT_EQ(r.cpu->gpr[7], 0xCCCCu);
}

TEST(CpuSoftTlb, FlushAfterARemapForgetsAPageWaitingInTheVictimTable) {
  Rig r;
  r.put64(kFrameA, 0xAAAA);
  r.put64(kFrameB, 0xBBBB);
  r.put64(kPageY, 0xCCCC);
  // X is read, then pushed out by Y; the owner remaps X and flushes; X is read again.
  r.code({ld(2, 4, 0), ld(3, 5, 0), ld(6, 4, 0)});
  r.cpu->gpr[4] = kPageX, r.cpu->gpr[5] = kPageY;
  r.cpu->run(2);
  r.owner.frame_x = kFrameB;
  r.cpu->flush_soft_tlb();
  r.cpu->run(1);
  EXPECT_EQ(r.cpu->gpr[2], 0xAAAAu);
  EXPECT_EQ(r.cpu->gpr[6], 0xBBBBu) << "a stale translation survived the flush";
}

}  // namespace
