// soft_tlb_modes_test.cpp - the software TLB keeps one set of pages per
// operating mode and drops exactly what a TLB write replaces: a page the
// kernel used must not be reachable from user mode after the return, a
// page remembered in user mode must survive a trip through the kernel, and
// a rewritten JTLB entry must be seen at the next access.
#include <gtest/gtest.h>

#include "sim/bus.h"
#include "sim/mips/cp0.h"
#include "sim/mips/cpu.h"

namespace {

using namespace ds;
using namespace ds::mips;

constexpr u64 kKseg0Va = 0xFFFF'FFFF'8020'0000ull;  // physical 0x200000
constexpr u64 kUserVa = 0x0040'0000, kPa1 = 0x0030'0000, kPa2 = 0x0031'0000;

struct Rig {
  Bus bus;
  DecodeCache dcache;
  Cp0 cp0{[](const char*) {}};
  Cpu cpu{0, bus, dcache, cp0, true};
  Rig() {
    bus.add_ram(0, 4u << 20);
    cp0.attach(cpu);
    cp0.reset();
    cp0.write(reg::Status, 0);  // kernel mode, BEV = ERL = EXL = 0
    poke(0x200000, 0x1111), poke(kPa1, 0xAAAA), poke(kPa2, 0xBBBB);
    map(kPa1);
  }
  void poke(u64 pa, u64 v) { store_guest<u64>(bus.ram_page(pa) + (pa & kPageMask), v, true); }
  void map(u64 pa) {  // JTLB entry 0: kUserVa -> pa, cached, dirty, valid, global
    cp0.write(reg::EntryHi, kUserVa);
    cp0.write(reg::EntryLo0, (pa >> 12) << 6 | 3 << 3 | 7);
    cp0.write(reg::EntryLo1, 1);
    cp0.write(reg::PageMask, 0);
    cp0.write(reg::Index, 0);
    cp0.tlbwi();
  }
  void user() { cp0.write(reg::Status, u64{2} << status::kKsuShift); }
  void kernel() { cp0.write(reg::Status, 0); }
  // A load as an instruction would do it; false if it raised an exception
  // (a load never raises Int, so exc.code tells whether this one raised).
  bool load(u64 va, u64& v) {
    cpu.exc.code = Exc::Int;
    bool ok = cpu.load<u64>(va, v);
    return ok && cpu.exc.code == Exc::Int;
  }
};

TEST(SoftTlbModes, KernelPagesAreNotReachableFromUserMode) {
  Rig r;
  u64 v = 0;
  ASSERT_TRUE(r.load(kKseg0Va, v));
  EXPECT_EQ(v, 0x1111u);
  r.user();
  EXPECT_FALSE(r.load(kKseg0Va, v));  // kseg0 from user mode: address error
  EXPECT_EQ(r.cpu.exc.code, Exc::AdEL);
  r.kernel();
  ASSERT_TRUE(r.load(kKseg0Va, v));
  EXPECT_EQ(v, 0x1111u);
}

TEST(SoftTlbModes, UserPagesSurviveATripThroughTheKernel) {
  Rig r;
  u64 v = 0;
  r.user();
  ASSERT_TRUE(r.load(kUserVa, v));
  EXPECT_EQ(v, 0xAAAAu);
  r.kernel();
  r.user();
  r.poke(kPa1, 0xCCCC);  // the same frame: the remembered page must still point at it
  ASSERT_TRUE(r.load(kUserVa, v));
  EXPECT_EQ(v, 0xCCCCu);
}

TEST(SoftTlbModes, ARewrittenTlbEntryIsSeenAtTheNextAccessInEveryMode) {
  Rig r;
  u64 v = 0;
  ASSERT_TRUE(r.load(kUserVa, v));  // kernel mode: kuseg is mapped too
  r.user();
  ASSERT_TRUE(r.load(kUserVa, v));
  EXPECT_EQ(v, 0xAAAAu);
  r.kernel();
  r.map(kPa2);
  ASSERT_TRUE(r.load(kUserVa, v));
  EXPECT_EQ(v, 0xBBBBu);
  r.user();
  ASSERT_TRUE(r.load(kUserVa, v));
  EXPECT_EQ(v, 0xBBBBu);
}

TEST(SoftTlbModes, AnAsidChangeDropsEveryMode) {
  Rig r;
  u64 v = 0;
  r.cp0.write(reg::EntryLo0, (kPa1 >> 12) << 6 | 3 << 3 | 6);  // not global: ASID 0 only
  r.cp0.write(reg::EntryLo1, 0);
  r.cp0.write(reg::EntryHi, kUserVa);
  r.cp0.write(reg::Index, 0);
  r.cp0.tlbwi();
  r.user();
  ASSERT_TRUE(r.load(kUserVa, v));
  r.kernel();
  r.cp0.write(reg::EntryHi, 5);  // ASID 5
  r.user();
  EXPECT_FALSE(r.load(kUserVa, v));  // no entry for ASID 5: TLB refill
  EXPECT_EQ(r.cpu.exc.code, Exc::TLBL);
}

// The run loop remembers the code page it executes; a TLB write that remaps
// that very page must send the next fetch to the new frame, in the same run
// slice (the loop no longer ends its slice at every TLB write).
TEST(SoftTlbModes, ATlbWriteThatRemapsTheCodePageIsSeenByTheNextFetch) {
  Rig r;
  constexpr u32 kTlbwi = 0x4200'0002;
  auto put = [&r](u64 pa, u32 w) { store_guest<u32>(r.bus.ram_page(pa) + (pa & kPageMask), w, true); };
  put(kPa1, kTlbwi);
  put(kPa1 + 4, 0x2402'0001);  // addiu v0, zero, 1: the old frame
  put(kPa2 + 4, 0x2402'0002);  // addiu v0, zero, 2: the new frame
  put(kPa1 + 8, 0x2403'0001), put(kPa2 + 8, 0x2403'0002);  // addiu v1, zero, 1 / 2
  r.cp0.write(reg::EntryLo0, (kPa2 >> 12) << 6 | 3 << 3 | 7);  // entry 0 -> kPa2 at the TLBWI
  r.cpu.set_pc(kUserVa);  // kernel mode, executing through the mapped page
  EXPECT_EQ(r.cpu.run(3), 3u);
  EXPECT_EQ(r.cpu.gpr[2], 2u);
  EXPECT_EQ(r.cpu.gpr[3], 2u);
}

// A TLB write that replaces an entry of another page leaves the code page
// alone: execution goes on in the same frame.
TEST(SoftTlbModes, ATlbWriteOfAnotherPageKeepsTheCodePage) {
  Rig r;
  constexpr u32 kTlbwi = 0x4200'0002;
  auto put = [&r](u64 pa, u32 w) { store_guest<u32>(r.bus.ram_page(pa) + (pa & kPageMask), w, true); };
  put(kPa1, kTlbwi);
  put(kPa1 + 4, 0x2402'0001);
  put(kPa2 + 4, 0x2402'0002);
  r.cp0.write(reg::EntryHi, kUserVa + 0x10'0000);
  r.cp0.write(reg::EntryLo0, (kPa2 >> 12) << 6 | 3 << 3 | 7);
  r.cp0.write(reg::Index, 1);
  r.cpu.set_pc(kUserVa);
  EXPECT_EQ(r.cpu.run(2), 2u);
  EXPECT_EQ(r.cpu.gpr[2], 1u);
  u64 v = 0;
  ASSERT_TRUE(r.load(kUserVa + 0x10'0000, v));
  EXPECT_EQ(v, 0x2402'0002u);  // the new entry maps kPa2 (its word at offset 4)
}

}  // namespace
