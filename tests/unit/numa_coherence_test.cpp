// numa_coherence_test.cpp - directory coherence and miss timing across
// nodes: local / remote / dirty-remote (three-hop) misses, invalidation of
// sharers, false-sharing ping-pong, UMA against NUMA, contention at the
// home controller and network interfaces, coherent DMA, and a random-traffic
// check of the coherence invariants.
//
// Defaults at 200 MHz: local 300 ns = 60 cycles, remote 900 ns = 180,
// dirty extra 300 ns = 60, invalidation extra 200 ns = 40, controller
// occupancy 50 ns = 10 (+ 10 ns = 2 per invalidation), network interface
// 20 ns = 4.
#include <gtest/gtest.h>

#include "sim/numa/memory_system.h"

namespace ds::numa {
namespace {

using LS = LineState;
using K = AccessKind;
constexpr u64 kNodeMem = 16ull << 20;

// `nodes` nodes of `per_node` CPUs; CPU n*per_node+i is on node n.
MemorySystem machine(unsigned nodes, unsigned per_node, MemoryConfig cfg = {}, u64 mhz = 200) {
  return MemorySystem(cfg, Topology{nodes, per_node, kNodeMem, mhz});
}
Cycle at(u64 step) { return Cycle{step * 100'000}; }
u64 on_node(unsigned n, u64 off) { return n * kNodeMem + off; }

TEST(NumaTiming, LocalMissIs300nsRemoteMissIs900ns) {
  MemorySystem m = machine(2, 1);
  AccessResult local = m.access(0, on_node(0, 0x1000), K::Load, at(1));
  EXPECT_EQ(local.stall.cycles, 60u);
  EXPECT_TRUE(local.local);
  EXPECT_EQ(local.cause, MissCause::Memory);
  AccessResult remote = m.access(0, on_node(1, 0x1000), K::Load, at(2));
  EXPECT_EQ(remote.stall.cycles, 180u);
  EXPECT_FALSE(remote.local);
  EXPECT_EQ(m.stats(0).local_misses, 1u);
  EXPECT_EQ(m.stats(0).remote_misses, 1u);
}

TEST(NumaTiming, LatenciesScaleWithClockAndRoundUp) {
  MemorySystem m = machine(2, 1, {}, 150);  // 300 ns = 45 cycles, 900 ns = 135
  EXPECT_EQ(m.access(0, on_node(0, 0), K::Load, at(1)).stall.cycles, 45u);
  EXPECT_EQ(m.access(0, on_node(1, 0), K::Load, at(2)).stall.cycles, 135u);
  EXPECT_EQ(ns_to_cycles(301, 200), 61u);  // never shortened
}

TEST(NumaTiming, ReadOfLineDirtyInRemoteCacheTakesThreeHops) {
  MemorySystem m = machine(2, 1);
  const u64 x = on_node(0, 0x2000);
  EXPECT_EQ(m.access(1, x, K::Store, at(1)).stall.cycles, 180u);  // remote write miss
  AccessResult r = m.access(0, x, K::Load, at(2));
  EXPECT_EQ(r.stall.cycles, 180u + 60u);
  EXPECT_EQ(r.cause, MissCause::Dirty);
  EXPECT_FALSE(r.local);
  EXPECT_EQ(m.l2(1).state(x), LS::Shared);  // owner downgraded, wrote back
  EXPECT_EQ(m.l1d(1).state(x), LS::Shared);
  EXPECT_EQ(m.l2(0).state(x), LS::Shared);
  EXPECT_EQ(m.stats(1).writebacks, 1u);
  EXPECT_EQ(m.directory().entry(x).state, DirState::Shared);
  EXPECT_EQ(m.directory().entry(x).sharers, 0b11u);
}

TEST(NumaTiming, ReadOfLineCleanExclusiveElsewhereIsNotThreeHop) {
  MemorySystem m = machine(2, 1);
  const u64 x = on_node(1, 0x2000);
  m.access(1, x, K::Load, at(1));
  EXPECT_EQ(m.l2(1).state(x), LS::CleanExclusive);
  AccessResult r = m.access(0, x, K::Load, at(2));
  EXPECT_EQ(r.stall.cycles, 180u);
  EXPECT_EQ(r.cause, MissCause::Memory);
  EXPECT_EQ(m.l2(1).state(x), LS::Shared);
}

TEST(NumaTiming, InstructionFetchMissGetsSharedNotExclusive) {
  MemorySystem m = machine(1, 1);
  m.access(0, 0x3000, K::IFetch, at(1));
  EXPECT_EQ(m.l2(0).state(0x3000), LS::Shared);
  EXPECT_EQ(m.directory().entry(0x3000).state, DirState::Shared);
}

// Three remote sharers: the write's latency is remote + invalidation
// acknowledgements; the home controller stays busy 10 + 3 * 2 cycles.
TEST(NumaTiming, WriteInvalidatesEverySharerAndWaitsForAcks) {
  MemorySystem m = machine(4, 1);
  const u64 x = on_node(0, 0x4000);
  for (unsigned c = 1; c < 4; ++c) m.access(c, x, K::Load, at(c));
  EXPECT_EQ(m.directory().entry(x).sharers, 0b1110u);
  const Cycle t = at(10);
  AccessResult w = m.access(0, x, K::Store, t);
  EXPECT_EQ(w.stall.cycles, 180u + 40u);
  EXPECT_FALSE(w.local);
  EXPECT_EQ(m.stats(0).invalidations_sent, 3u);
  for (unsigned c = 1; c < 4; ++c) {
    EXPECT_EQ(m.stats(c).invalidations_received, 1u);
    EXPECT_EQ(m.l2(c).state(x), LS::Invalid);
    EXPECT_EQ(m.l1d(c).state(x), LS::Invalid);
  }
  EXPECT_EQ(m.directory().entry(x).state, DirState::Exclusive);
  EXPECT_EQ(m.directory().entry(x).sharers, 0b1u);
  // Another local request to node 0's controller in the same cycle.
  EXPECT_EQ(m.access(0, on_node(0, 0x9000), K::Load, t).stall.cycles, 60u + 16u);
}

TEST(NumaTiming, WriteInvalidatingOnlySameNodeSharersIsLocal) {
  MemorySystem m = machine(1, 4);
  for (unsigned c = 1; c < 4; ++c) m.access(c, 0x4000, K::Load, at(c));
  AccessResult w = m.access(0, 0x4000, K::Store, at(10));
  EXPECT_EQ(w.stall.cycles, 60u + 40u);
  EXPECT_TRUE(w.local);
}

TEST(NumaTiming, StoreToSharedLineUpgradesWithoutData) {
  MemorySystem m = machine(2, 1);
  const u64 x = on_node(0, 0x5000);
  m.access(0, x, K::Load, at(1));
  m.access(1, x, K::Load, at(2));
  AccessResult u = m.access(0, x, K::Store, at(3));
  EXPECT_EQ(u.cause, MissCause::Upgrade);
  EXPECT_TRUE(u.l1_hit);
  EXPECT_EQ(u.stall.cycles, 180u + 40u);  // CPU 1's copy is on node 1
  EXPECT_EQ(m.stats(0).upgrades, 1u);
  EXPECT_EQ(m.stats(0).l2_misses, 1u);
  EXPECT_EQ(m.l2(0).state(x), LS::DirtyExclusive);
  EXPECT_EQ(m.l2(1).state(x), LS::Invalid);
}

// Two CPUs on different nodes write different words of one line in turn:
// after the first write every write is a three-hop ownership transfer.
TEST(NumaTiming, FalseSharingPingPongBetweenNodes) {
  MemorySystem m = machine(2, 1);
  const u64 line = on_node(0, 0x6000);
  EXPECT_EQ(m.access(0, line, K::Store, at(1)).stall.cycles, 60u);
  for (unsigned round = 0; round < 10; ++round) {
    AccessResult b = m.access(1, line + 8, K::Store, at(2 + 2 * round));
    EXPECT_EQ(b.stall.cycles, 240u) << round;
    EXPECT_EQ(b.cause, MissCause::Dirty);
    AccessResult a = m.access(0, line, K::Store, at(3 + 2 * round));
    EXPECT_EQ(a.stall.cycles, 240u) << round;
  }
  EXPECT_EQ(m.stats(0).invalidations_sent, 10u);
  EXPECT_EQ(m.stats(1).invalidations_sent, 10u);
  EXPECT_EQ(m.stats(0).invalidations_received, 10u);
  EXPECT_EQ(m.stats(1).invalidations_received, 10u);
  EXPECT_EQ(m.stats(0).dirty_misses, 10u);
  EXPECT_EQ(m.stats(1).dirty_misses, 10u);
  // Different lines: no interference after the first misses.
  MemorySystem n = machine(2, 1);
  n.access(0, line, K::Store, at(1));
  n.access(1, line + 128, K::Store, at(2));
  EXPECT_EQ(n.access(0, line, K::Store, at(3)).stall.cycles, 0u);
  EXPECT_EQ(n.access(1, line + 128, K::Store, at(4)).stall.cycles, 0u);
}

TEST(NumaTiming, UmaChargesEveryMissTheLocalLatencyWithoutQueueing) {
  MemoryConfig uma;
  uma.model = MemoryModel::Uma;
  MemorySystem m = machine(2, 1, uma);
  MemorySystem n = machine(2, 1);
  const u64 x = on_node(1, 0x7000);
  // Remote clean miss, then three-hop dirty miss, then invalidating write.
  EXPECT_EQ(m.access(0, x, K::Store, at(1)).stall.cycles, 60u);
  EXPECT_EQ(n.access(0, x, K::Store, at(1)).stall.cycles, 180u);
  EXPECT_EQ(m.access(1, x, K::Load, at(2)).stall.cycles, 60u);
  EXPECT_EQ(n.access(1, x, K::Load, at(2)).stall.cycles, 180u + 60u);
  EXPECT_EQ(m.access(0, x, K::Store, at(3)).stall.cycles, 60u);
  EXPECT_EQ(n.access(0, x, K::Store, at(3)).stall.cycles, 180u + 40u);
  // Same-cycle requests to one node's memory do not queue in UMA.
  EXPECT_EQ(m.access(0, on_node(0, 0x100), K::Load, at(4)).stall.cycles, 60u);
  EXPECT_EQ(m.access(1, on_node(0, 0x200), K::Load, at(4)).stall.cycles, 60u);
  EXPECT_TRUE(m.access(0, on_node(1, 0x300), K::Load, at(5)).local);
  // Coherence is kept the same way in both.
  EXPECT_EQ(m.l2(1).state(x), LS::Invalid);
  EXPECT_EQ(m.stats(0).remote_misses, 0u);
}

TEST(NumaContention, SecondRequestToBusyControllerWaitsExactlyTheOccupancy) {
  MemorySystem m = machine(1, 3);
  const Cycle t{1000};
  EXPECT_EQ(m.access(0, 0x1000, K::Load, t).stall.cycles, 60u);
  EXPECT_EQ(m.access(1, 0x2000, K::Load, t).stall.cycles, 70u);
  EXPECT_EQ(m.access(2, 0x3000, K::Load, t).stall.cycles, 80u);
  EXPECT_EQ(m.stats(2).contention_cycles, 20u);
  // Controller busy until 1030: at 1029 one cycle of wait, at 1030 none.
  EXPECT_EQ(m.access(0, 0x4000, K::Load, Cycle{1029}).stall.cycles, 61u);
  EXPECT_EQ(m.access(1, 0x5000, K::Load, Cycle{1040}).stall.cycles, 60u);
}

TEST(NumaContention, RemoteRequestsQueueAtTheHomeController) {
  MemorySystem m = machine(3, 1);
  const Cycle t{500};
  EXPECT_EQ(m.access(1, on_node(0, 0x1000), K::Load, t).stall.cycles, 180u);
  EXPECT_EQ(m.access(2, on_node(0, 0x2000), K::Load, t).stall.cycles, 190u);
}

TEST(NumaContention, RequestsFromOneNodeQueueAtItsNetworkInterface) {
  MemoryConfig cfg;
  cfg.controller_occupancy_ns = 0;  // isolate the network interfaces
  MemorySystem m = machine(2, 2, cfg);
  const Cycle t{500};
  EXPECT_EQ(m.access(2, on_node(0, 0x1000), K::Load, t).stall.cycles, 180u);
  EXPECT_EQ(m.access(3, on_node(0, 0x2000), K::Load, t).stall.cycles, 184u);
}

TEST(NumaContention, RequestStampedBeforeTheLastOneServedIsNotQueued) {
  MemorySystem m = machine(1, 2);
  EXPECT_EQ(m.access(0, 0x1000, K::Load, Cycle{1000}).stall.cycles, 60u);
  EXPECT_EQ(m.access(1, 0x2000, K::Load, Cycle{995}).stall.cycles, 60u);
}

TEST(NumaDma, DmaReadTakesDirtyDataAndLeavesTheOwnerShared) {
  MemorySystem m = machine(2, 1);
  const u64 x = on_node(0, 0x8000);
  m.access(1, x, K::Store, at(1));
  m.dma_read(x, 8);
  EXPECT_EQ(m.l2(1).state(x), LS::Shared);
  EXPECT_EQ(m.stats(1).writebacks, 1u);
  EXPECT_EQ(m.directory().entry(x).state, DirState::Shared);
  // A later read by CPU 0 comes from memory, not from CPU 1's cache.
  EXPECT_EQ(m.access(0, x, K::Load, at(2)).cause, MissCause::Memory);
}

TEST(NumaDma, DmaWriteInvalidatesEveryCachedCopyItOverlaps) {
  MemorySystem m = machine(2, 1);
  const u64 x = on_node(0, 0x8000);
  m.access(0, x, K::Load, at(1));
  m.access(1, x, K::Load, at(2));
  m.access(1, x + 128, K::Store, at(3));
  m.access(0, x + 256, K::Load, at(4));
  m.dma_write(x + 100, 40);  // touches the first two lines only
  for (unsigned c = 0; c < 2; ++c) {
    EXPECT_EQ(m.l2(c).state(x), LS::Invalid);
    EXPECT_EQ(m.l2(c).state(x + 128), LS::Invalid);
    EXPECT_EQ(m.l1d(c).state(x), LS::Invalid);
  }
  EXPECT_EQ(m.l2(0).state(x + 256), LS::CleanExclusive);
  EXPECT_EQ(m.directory().entry(x).state, DirState::Unowned);
  EXPECT_EQ(m.directory().entry(x + 128).state, DirState::Unowned);
  EXPECT_EQ(m.stats(1).invalidations_received, 2u);
  EXPECT_EQ(m.access(0, x, K::Load, at(5)).stall.cycles, 60u);
  m.dma_write(on_node(2, 0), 4096);  // beyond RAM: ignored
  m.dma_read(~u64{0} - 8, 64);
}

TEST(NumaEdges, AddressOutsideRamIsUncachedAndUntimed) {
  MemorySystem m = machine(1, 1);
  AccessResult r = m.access(0, 0x1F00'0000, K::Load, at(1));
  EXPECT_EQ(r.cause, MissCause::Uncached);
  EXPECT_EQ(r.stall.cycles, 0u);
}

TEST(NumaEdges, LoadLinkedAndStoreConditionalActAsLoadAndStore) {
  MemorySystem m = machine(2, 1);
  const u64 x = on_node(0, 0x100);
  m.access(1, x, K::LoadLinked, at(1));
  m.access(0, x, K::LoadLinked, at(2));
  AccessResult sc = m.access(0, x, K::StoreConditional, at(3));
  EXPECT_EQ(sc.cause, MissCause::Upgrade);
  EXPECT_EQ(m.l2(1).state(x), LS::Invalid);
}

TEST(NumaEdges, TooManyCpusIsAClearError) {
  EXPECT_THROW(MemorySystem(MemoryConfig{}, Topology{65, 1, 1u << 20, 200}), std::runtime_error);
  EXPECT_THROW(MemorySystem(MemoryConfig{}, Topology{1, 1, 1u << 20, 0}), std::runtime_error);
}

// The directory on its own, row by row of the table in directory.h.
TEST(NumaDirectory, TransitionsFollowTheProtocolTable) {
  Directory d(4096, 128);
  DirAction a = d.read(0, 2, false);  // Unowned, load: exclusive grant
  EXPECT_TRUE(a.exclusive_grant);
  EXPECT_EQ(d.entry(0).state, DirState::Exclusive);
  a = d.read(0, 1, false);  // Exclusive{2}, read: intervention, both share
  EXPECT_EQ(a.owner, 2);
  EXPECT_FALSE(a.exclusive_grant);
  EXPECT_EQ(d.entry(0).state, DirState::Shared);
  EXPECT_EQ(d.entry(0).sharers, 0b110u);
  a = d.read(0, 0, false);  // Shared, read: just added
  EXPECT_EQ(a.owner, -1);
  EXPECT_EQ(a.invalidate, 0u);
  a = d.write(0, 1);  // Shared{0,1,2}, write by 1: invalidate 0 and 2
  EXPECT_EQ(a.invalidate, 0b101u);
  EXPECT_EQ(d.entry(0).state, DirState::Exclusive);
  EXPECT_EQ(d.entry(0).sharers, 0b010u);
  a = d.write(0, 3);  // Exclusive{1}, write by 3: intervention on 1
  EXPECT_EQ(a.owner, 1);
  EXPECT_EQ(a.invalidate, 0u);
  d.evict(0, 3);
  EXPECT_EQ(d.entry(0).state, DirState::Unowned);
  a = d.read(128, 0, true);  // instruction fetch: Shared, no exclusive grant
  EXPECT_FALSE(a.exclusive_grant);
  EXPECT_EQ(d.entry(128).state, DirState::Shared);
  d.read(128, 1, true);
  d.evict(128, 0);
  EXPECT_EQ(d.entry(128).state, DirState::Shared);
  a = d.dma_write(128);
  EXPECT_EQ(a.invalidate, 0b10u);
  EXPECT_EQ(d.entry(128).state, DirState::Unowned);
  d.write(256, 2);
  a = d.dma_read(256);
  EXPECT_EQ(a.owner, 2);
  EXPECT_EQ(d.entry(256).state, DirState::Shared);
  EXPECT_EQ(d.dma_read(256).owner, -1);
}

// Random traffic from 4 CPUs on 2 nodes; afterwards the directory must agree
// with the caches: sharers == CPUs whose L2 holds the line, Exclusive ==
// exactly one holder in CleanExclusive/DirtyExclusive, Shared == all Shared.
TEST(NumaCoherence, DirectoryMatchesTheCachesUnderRandomTraffic) {
  MemoryConfig cfg;
  cfg.l1d = {512, 2, 32};
  cfg.l1i = {512, 2, 64};
  cfg.l2 = {2048, 2, 128};
  MemorySystem m(cfg, Topology{2, 2, 8192, 200});
  u64 x = 99;
  for (int i = 0; i < 30000; ++i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    unsigned cpu = static_cast<unsigned>((x >> 40) % 4);
    u64 pa = (x >> 16) % 16384;
    auto kind = static_cast<AccessKind>((x >> 8) % 5);
    m.access(cpu, pa, kind, Cycle{u64(i) * 7});
    if (i % 997 == 0) m.dma_write((x >> 24) % 16384, 200);
    if (i % 1009 == 0) m.dma_read((x >> 28) % 16384, 300);
  }
  for (u64 line = 0; line < 16384; line += 128) {
    const DirEntry& e = m.directory().entry(line);
    u64 holders = 0;
    unsigned exclusive_holders = 0;
    for (unsigned c = 0; c < 4; ++c) {
      LS s = m.l2(c).state(line);
      if (s != LS::Invalid) holders |= u64{1} << c;
      if (s == LS::CleanExclusive || s == LS::DirtyExclusive) ++exclusive_holders;
    }
    EXPECT_EQ(e.sharers, holders) << line;
    EXPECT_EQ(exclusive_holders, e.state == DirState::Exclusive ? 1u : 0u) << line;
    EXPECT_EQ(e.state == DirState::Unowned, holders == 0) << line;
  }
}

}  // namespace
}  // namespace ds::numa
