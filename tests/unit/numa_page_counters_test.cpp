// numa_page_counters_test.cpp - per-page per-node miss counters and the
// hot-page interrupt, through the model and through the device's registers:
// the interrupt fires on exactly the miss that crosses the threshold and
// only once; acknowledging lowers it; resetting re-arms; both policies.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <unistd.h>

#include "sim/devices/page_counters.h"
#include "sim/numa/memory_system.h"

namespace ds {
namespace {

using numa::AccessKind;
using Dev = PageCounterDevice;
constexpr u64 kNodeMem = 1u << 20;

u64 rd(Dev& d, u64 off, unsigned cpu = 0) {
  u64 v = 0xDEAD;
  EXPECT_TRUE(d.read({off, 8, cpu}, v)) << off;
  return v;
}
void wr(Dev& d, u64 off, u64 v) { EXPECT_TRUE(d.write({off, 8, 0}, v)) << off; }

// Records the interrupt line's level and how often it rose.
struct Line {
  bool level = false;
  int raised = 0;
  IrqLine fn() {
    return [this](bool l) {
      if (l && !level) ++raised;
      level = l;
    };
  }
};

TEST(PageCounters, L2MissesAndUpgradesCountPerPagePerNodeHitsDoNot) {
  numa::MemorySystem m(numa::MemoryConfig{}, numa::Topology{2, 1, kNodeMem, 200});
  Line line;
  Dev d(m.page_counters(), line.fn());
  const u64 page = 0x3000;
  m.access(0, page + 0x000, AccessKind::Load, Cycle{0});
  m.access(0, page + 0x008, AccessKind::Load, Cycle{1000});  // L1 hit
  m.access(0, page + 0x020, AccessKind::Load, Cycle{2000});  // L2 hit
  m.access(1, page + 0x080, AccessKind::Load, Cycle{3000});
  m.access(1, page + 0x000, AccessKind::Load, Cycle{4000});  // CPU 0's copy: downgraded
  m.access(0, page + 0x000, AccessKind::Store, Cycle{5000});  // upgrade: counts
  wr(d, Dev::kPage, page + 0x123);
  EXPECT_EQ(rd(d, Dev::kPage), page);
  EXPECT_EQ(rd(d, Dev::kNumNodes), 2u);
  EXPECT_EQ(rd(d, Dev::kCount + 0), 2u);
  EXPECT_EQ(rd(d, Dev::kCount + 8), 2u);
  wr(d, Dev::kPage, page + 0x1000);
  EXPECT_EQ(rd(d, Dev::kCount + 0), 0u);
  EXPECT_FALSE(line.level);  // threshold 0: detection off
}

TEST(PageCounters, RemoteCpuMissesRaiseTheHotPageInterruptOnTheThirdMiss) {
  numa::MemorySystem m(numa::MemoryConfig{}, numa::Topology{2, 1, kNodeMem, 200});
  Line line;
  Dev d(m.page_counters(), line.fn());
  wr(d, Dev::kThreshold, 3);
  const u64 page = 0x8000;  // home: node 0; CPU 1 is on node 1
  m.access(1, page + 0x000, AccessKind::Load, Cycle{0});
  m.access(1, page + 0x080, AccessKind::Load, Cycle{1000});
  m.access(1, page + 0x084, AccessKind::Load, Cycle{2000});  // hit: not counted
  EXPECT_FALSE(line.level);
  m.access(1, page + 0x100, AccessKind::Load, Cycle{3000});
  EXPECT_TRUE(line.level);
  EXPECT_EQ(rd(d, Dev::kHotPage), page);
  EXPECT_EQ(rd(d, Dev::kHotNode), 1u);
}

TEST(PageCounters, HotPageInterruptFiresOnTheThresholdMissOnlyOnce) {
  numa::PageCounters pc(4 * kNodeMem, 4, kNodeMem);
  Line line;
  Dev d(pc, line.fn());
  wr(d, Dev::kThreshold, 5);
  const u64 pa = 2 * kNodeMem + 0x5040;
  for (int i = 0; i < 4; ++i) pc.record(pa, 1);
  EXPECT_FALSE(line.level);
  EXPECT_EQ(rd(d, Dev::kHotPage), ~u64{0});
  EXPECT_EQ(rd(d, Dev::kHotNode), ~u64{0});
  pc.record(pa, 1);  // the fifth miss
  EXPECT_TRUE(line.level);
  EXPECT_EQ(rd(d, Dev::kHotPage), 2 * kNodeMem + 0x5000);
  EXPECT_EQ(rd(d, Dev::kHotNode), 1u);
  for (int i = 0; i < 20; ++i) pc.record(pa, 1 + i % 3);
  EXPECT_EQ(line.raised, 1);
  wr(d, Dev::kHotAck, 0);
  EXPECT_FALSE(line.level);
  EXPECT_EQ(rd(d, Dev::kHotPage), ~u64{0});
  for (int i = 0; i < 20; ++i) pc.record(pa, 0);
  EXPECT_EQ(line.raised, 1);  // still not re-armed
  // Reset re-arms: five more misses fire again.
  wr(d, Dev::kResetPage, pa);
  wr(d, Dev::kPage, pa);
  EXPECT_EQ(rd(d, Dev::kCount + 8), 0u);
  for (int i = 0; i < 4; ++i) pc.record(pa, 3);
  EXPECT_EQ(line.raised, 1);
  pc.record(pa, 3);
  EXPECT_EQ(line.raised, 2);
  EXPECT_EQ(rd(d, Dev::kHotNode), 3u);
}

TEST(PageCounters, HotPagesQueueInOrderAndResetAllEmptiesTheQueue) {
  numa::PageCounters pc(kNodeMem, 1, kNodeMem);
  Line line;
  Dev d(pc, line.fn());
  wr(d, Dev::kThreshold, 1);
  pc.record(0x7000, 0);
  pc.record(0x2000, 0);
  EXPECT_EQ(rd(d, Dev::kHotPage), 0x7000u);
  wr(d, Dev::kHotAck, 0);
  EXPECT_TRUE(line.level);
  EXPECT_EQ(rd(d, Dev::kHotPage), 0x2000u);
  pc.record(0x9000, 0);
  wr(d, Dev::kResetAll, 0);
  EXPECT_FALSE(line.level);
  EXPECT_EQ(rd(d, Dev::kHotPage), ~u64{0});
  wr(d, Dev::kPage, 0x7000);
  EXPECT_EQ(rd(d, Dev::kCount), 0u);
  pc.record(0x7000, 0);  // re-armed
  EXPECT_EQ(rd(d, Dev::kHotPage), 0x7000u);
}

TEST(PageCounters, QueueOverflowDropsAndCounts) {
  numa::PageCounters pc(kNodeMem, 1, kNodeMem);
  Line line;
  Dev d(pc, line.fn());
  wr(d, Dev::kThreshold, 1);
  for (u64 p = 0; p < 70; ++p) pc.record(p << 12, 0);
  EXPECT_EQ(rd(d, Dev::kDropped), 6u);
  for (int i = 0; i < 64; ++i) wr(d, Dev::kHotAck, 0);
  EXPECT_FALSE(line.level);
}

// Origin's rule: hot when a remote node's count exceeds the home node's by
// the threshold; misses from the home node itself never make a page hot.
TEST(PageCounters, RemoteMinusHomePolicy) {
  numa::PageCounters pc(2 * kNodeMem, 2, kNodeMem);
  Line line;
  Dev d(pc, line.fn());
  wr(d, Dev::kPolicy, 1);
  wr(d, Dev::kThreshold, 3);
  const u64 pa = 0x4000;  // home: node 0
  for (int i = 0; i < 10; ++i) pc.record(pa, 0);
  EXPECT_FALSE(line.level);
  for (int i = 0; i < 12; ++i) pc.record(pa, 1);  // 12 - 10 = 2 < 3
  EXPECT_FALSE(line.level);
  pc.record(pa, 1);  // 13 - 10 = 3
  EXPECT_TRUE(line.level);
  EXPECT_EQ(rd(d, Dev::kHotNode), 1u);
  EXPECT_EQ(rd(d, Dev::kPolicy), 1u);
}

TEST(PageCounters, BadRegisterAccessesTakeBusErrors) {
  numa::PageCounters pc(kNodeMem, 2, kNodeMem / 2);
  Line line;
  Dev d(pc, line.fn());
  u64 v;
  EXPECT_FALSE(d.read({Dev::kCount + 16, 8, 0}, v));  // node 2 does not exist
  EXPECT_FALSE(d.read({Dev::kHotAck, 8, 0}, v));      // write-only
  EXPECT_FALSE(d.read({Dev::kThreshold, 1, 0}, v));   // byte access
  EXPECT_FALSE(d.write({Dev::kPolicy, 8, 0}, 2));
  EXPECT_FALSE(d.write({Dev::kPage, 8, 0}, kNodeMem));
  EXPECT_FALSE(d.write({Dev::kResetPage, 8, 0}, ~u64{0}));
  EXPECT_FALSE(d.write({Dev::kNumNodes, 8, 0}, 1));
}

TEST(PageCounters, CheckpointRestoresCountersQueueAndRegisters) {
  char tmpl[] = "/tmp/discosim-pc-XXXXXX";
  int fd = mkstemp(tmpl);
  ASSERT_GE(fd, 0);
  close(fd);
  std::string path = tmpl;
  numa::PageCounters a(kNodeMem, 2, kNodeMem / 2);
  Line la;
  Dev da(a, la.fn());
  wr(da, Dev::kThreshold, 2);
  wr(da, Dev::kPolicy, 1);
  a.record(0x1000, 1);
  a.record(0x1000, 1);  // hot: node 1 has 2 more than home node 0
  wr(da, Dev::kPage, 0x1000);
  {
    CheckpointWriter w(path);
    da.save(w);
    w.finish();
  }
  numa::PageCounters b(kNodeMem, 2, kNodeMem / 2);
  Line lb;
  Dev db(b, lb.fn());
  {
    CheckpointReader r(path);
    db.restore(r);
  }
  std::remove(path.c_str());
  EXPECT_EQ(rd(db, Dev::kCount + 8), 2u);
  EXPECT_EQ(rd(db, Dev::kThreshold), 2u);
  EXPECT_EQ(rd(db, Dev::kPolicy), 1u);
  EXPECT_EQ(rd(db, Dev::kHotPage), 0x1000u);
  EXPECT_EQ(rd(db, Dev::kHotNode), 1u);
}

}  // namespace
}  // namespace ds
