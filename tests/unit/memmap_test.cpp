// memmap_test.cpp - the board's RAM layout (sim/memmap.h): RAM offsets to
// physical addresses around the I/O window, home nodes across the hole, and
// the bus built from it (one lazily allocated host block, no RAM in the
// window or past the top).
#include <gtest/gtest.h>

#include "sim/bus.h"
#include "sim/memmap.h"

namespace ds {
namespace {

using namespace memmap;

constexpr u64 MiB = u64{1} << 20;

TEST(RamLayout, BelowTheWindowPhysicalEqualsOffset) {
  EXPECT_EQ(ram_offset_to_pa(0), 0u);
  EXPECT_EQ(ram_offset_to_pa(0x1EFF'FFFF), 0x1EFF'FFFFu);  // last byte below the window
  EXPECT_EQ(pa_to_ram_offset(0x1EFF'FFFF), 0x1EFF'FFFFu);
}

TEST(RamLayout, RamSkipsTheWindowAndContinuesAt512MiB) {
  EXPECT_EQ(ram_offset_to_pa(0x1F00'0000), 0x2000'0000u);  // first byte above the window
  EXPECT_EQ(pa_to_ram_offset(0x2000'0000), 0x1F00'0000u);
  EXPECT_EQ(ram_offset_to_pa(0x7FFF'FFFF), 0x80FF'FFFFu);
  for (u64 pa : {kIoBase, kIoBase + 0x4000, kIoEnd - 1}) EXPECT_EQ(pa_to_ram_offset(pa), kNotRam) << pa;
  for (u64 off : {u64{0}, u64{0x1EFF'F000}, u64{0x1F00'0000}, u64{0x1234'5678'9000}})
    EXPECT_EQ(pa_to_ram_offset(ram_offset_to_pa(off)), off);
}

TEST(RamLayout, RamTopAndMembership) {
  EXPECT_EQ(ram_top(64 * MiB), 64 * MiB);
  EXPECT_EQ(ram_top(kIoBase), kIoBase);  // exactly 496 MiB: no RAM above the window
  EXPECT_EQ(ram_top(kIoBase + 4096), kIoEnd + 4096);
  EXPECT_EQ(ram_top(2048 * MiB), 0x8100'0000u);
  EXPECT_EQ(ram_top(kMaxRamBytes), kPhysLimit);
  u64 two_gib = 2048 * MiB;
  EXPECT_TRUE(is_ram(0x1EFF'FFFF, two_gib));
  EXPECT_FALSE(is_ram(0x1F00'0000, two_gib));
  EXPECT_FALSE(is_ram(0x1FFF'FFFF, two_gib));
  EXPECT_TRUE(is_ram(0x2000'0000, two_gib));
  EXPECT_TRUE(is_ram(0x80FF'FFFF, two_gib));  // the very top
  EXPECT_FALSE(is_ram(0x8100'0000, two_gib));  // just past it
  EXPECT_FALSE(is_ram(0x2000'0000, 64 * MiB));
}

TEST(RamLayout, HomeNodesAcrossTheHole) {
  // 8 nodes x 256 MiB: node 1 starts below the window and ends above it.
  u64 per = 256 * MiB;
  EXPECT_EQ(home_node(0, per), 0u);
  EXPECT_EQ(home_node(0x0FFF'FFFF, per), 0u);
  EXPECT_EQ(home_node(0x1000'0000, per), 1u);
  EXPECT_EQ(home_node(0x1EFF'FFFF, per), 1u);  // last byte below the window
  EXPECT_EQ(home_node(0x2000'0000, per), 1u);  // first byte above it: still node 1
  EXPECT_EQ(home_node(0x20FF'FFFF, per), 1u);  // node 1's last byte (offset 0x1FFF_FFFF)
  EXPECT_EQ(home_node(0x2100'0000, per), 2u);  // node 2 begins at offset 0x2000_0000
  for (unsigned n = 0; n < 8; ++n) {
    u64 base = ram_offset_to_pa(n * per), last = ram_offset_to_pa((n + 1) * per - 1);
    EXPECT_EQ(home_node(base, per), n);
    EXPECT_EQ(home_node(last, per), n);
    EXPECT_EQ(node_of_ram_offset(n * per, per), n);
  }
  EXPECT_EQ(ram_offset_to_pa(7 * per), 0x7100'0000u);
}

TEST(RamLayout, RangesSplitOnlyMachinesLargerThan496MiB) {
  RamRanges small = ram_ranges(kIoBase);
  ASSERT_EQ(small.n, 1u);
  EXPECT_EQ(small.r[0].pa, 0u);
  EXPECT_EQ(small.r[0].size, kIoBase);
  RamRanges big = ram_ranges(2048 * MiB);
  ASSERT_EQ(big.n, 2u);
  EXPECT_EQ(big.r[0].size, kIoBase);
  EXPECT_EQ(big.r[1].pa, kIoEnd);
  EXPECT_EQ(big.r[1].size, 2048 * MiB - kIoBase);
}

TEST(RamLayout, BusPlacesOneHostBlockAroundTheWindow) {
  Bus bus;
  RamRanges r = ram_ranges(2048 * MiB);
  bus.add_ram(std::span<const RamRange>(r.r, r.n));
  EXPECT_EQ(bus.ram_total(), 2048 * MiB);
  u8* base = bus.ram_page(0);
  ASSERT_NE(base, nullptr);
  // Host offset = RAM offset, on both sides of the window.
  EXPECT_EQ(bus.ram_page(0x1EFF'F000), base + 0x1EFF'F000);
  EXPECT_EQ(bus.ram_page(0x2000'0000), base + 0x1F00'0000);
  EXPECT_EQ(bus.ram_page(0x80FF'F000), base + 0x7FFF'F000);
  EXPECT_EQ(bus.ram_page(0x1F00'0000), nullptr);
  EXPECT_EQ(bus.ram_page(0x8100'0000), nullptr);
  EXPECT_EQ(bus.host_to_pa(base + 0x1F00'0010), 0x2000'0010u);
  // A transfer may not run from below the window into it.
  EXPECT_TRUE(bus.is_ram(0x1EFF'FE00, 0x200));
  EXPECT_FALSE(bus.is_ram(0x1EFF'FE00, 0x400));
  EXPECT_TRUE(bus.is_ram(0x80FF'FE00, 0x200));
  EXPECT_FALSE(bus.is_ram(0x80FF'FE00, 0x400));
  u64 v = 0x0123'4567'89AB'CDEF, back = 0;
  ASSERT_TRUE(bus.write_bytes(0x2000'0008, &v, 8));
  ASSERT_TRUE(bus.read_bytes(0x2000'0008, &back, 8));
  EXPECT_EQ(back, v);
  EXPECT_EQ(std::memcmp(base + 0x1F00'0008, &v, 8), 0);
}

}  // namespace
}  // namespace ds
