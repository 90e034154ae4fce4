// numa_cache_test.cpp - the per-CPU cache model: LRU replacement, hit
// latencies, inclusion (an L2 eviction back-invalidates the L1s) and the
// CACHE instruction's operations.  Default parameters at 200 MHz: L1 hit
// 0 cycles of stall, L2 hit 10, local miss 300 ns = 60 cycles.
#include <gtest/gtest.h>

#include "sim/numa/memory_system.h"

namespace ds::numa {
namespace {

using LS = LineState;

MemorySystem one_cpu(MemoryConfig cfg = {}) { return MemorySystem(cfg, Topology{1, 1, 64ull << 20, 200}); }

// Far-apart times, so no request queues behind another.
Cycle at(u64 step) { return Cycle{step * 100'000}; }

TEST(NumaCache, LruEvictsTheLeastRecentlyUsedWayNotTheOldestFill) {
  Cache c(CacheGeometry{1024, 2, 32});  // 16 sets: same set every 512 bytes
  c.insert(0x0000, LS::Shared);
  c.insert(0x0200, LS::Shared);
  EXPECT_GE(c.lookup(0x0000), 0);  // 0x0000 now most recently used
  Victim v = c.insert(0x0400, LS::Shared);
  ASSERT_TRUE(v.valid);
  EXPECT_EQ(v.line_pa, 0x0200u);
  EXPECT_GE(c.probe(0x0000), 0);
  EXPECT_LT(c.probe(0x0200), 0);
}

TEST(NumaCache, ProbeDoesNotChangeLruOrder) {
  Cache c(CacheGeometry{1024, 2, 32});
  c.insert(0x0000, LS::Shared);
  c.insert(0x0200, LS::Shared);
  EXPECT_GE(c.probe(0x0000), 0);  // a coherence probe is not a use
  EXPECT_EQ(c.insert(0x0400, LS::Shared).line_pa, 0x0000u);
}

TEST(NumaCache, IndexInvalidateSelectsTheWayFromAddressBitZero) {
  Cache c(CacheGeometry{1024, 2, 32});
  c.insert(0x0000, LS::Shared);          // way 0 of set 0
  c.insert(0x0200, LS::DirtyExclusive);  // way 1 of set 0
  Victim v = c.index_invalidate(0x0001);
  ASSERT_TRUE(v.valid);
  EXPECT_EQ(v.line_pa, 0x0200u);
  EXPECT_EQ(v.state, LS::DirtyExclusive);
  EXPECT_GE(c.probe(0x0000), 0);
  EXPECT_FALSE(c.index_invalidate(0x0001).valid);  // slot now empty
}

TEST(NumaCache, L1HitCostsL1HitCyclesL2HitCostsL2HitCycles) {
  MemoryConfig cfg;
  cfg.l1_hit_cycles = 2;
  cfg.l2_hit_cycles = 13;
  MemorySystem m = one_cpu(cfg);
  AccessResult miss = m.access(0, 0x1000, AccessKind::Load, at(1));
  EXPECT_EQ(miss.stall.cycles, 60u);
  EXPECT_FALSE(miss.l2_hit);
  AccessResult h1 = m.access(0, 0x1008, AccessKind::Load, at(2));
  EXPECT_EQ(h1.stall.cycles, 2u);
  EXPECT_TRUE(h1.l1_hit);
  EXPECT_EQ(h1.cause, MissCause::L1Hit);
  // Next 32-byte L1 D line, same 128-byte L2 line.
  AccessResult h2 = m.access(0, 0x1020, AccessKind::Load, at(3));
  EXPECT_EQ(h2.stall.cycles, 13u);
  EXPECT_FALSE(h2.l1_hit);
  EXPECT_TRUE(h2.l2_hit);
  EXPECT_EQ(h2.cause, MissCause::L2Hit);
  // Instruction fetch: a 64-byte L1 I line inside the same L2 line.
  EXPECT_EQ(m.access(0, 0x1040, AccessKind::IFetch, at(4)).stall.cycles, 13u);
  EXPECT_EQ(m.access(0, 0x1044, AccessKind::IFetch, at(5)).stall.cycles, 2u);
  EXPECT_EQ(m.stats(0).l1d_misses, 2u);
  EXPECT_EQ(m.stats(0).l1i_misses, 1u);
  EXPECT_EQ(m.stats(0).l2_misses, 1u);
}

TEST(NumaCache, GenerationMovesOnEveryStateChangeNotOnL1Hits) {
  MemorySystem m = one_cpu();
  m.access(0, 0x1000, AccessKind::IFetch, at(1));
  m.access(0, 0x2000, AccessKind::Store, at(2));
  u64 g = m.generation();
  m.access(0, 0x1004, AccessKind::IFetch, at(3));
  m.access(0, 0x2008, AccessKind::Store, at(4));
  m.access(0, 0x2010, AccessKind::Load, at(5));
  EXPECT_EQ(m.generation(), g);
  m.dma_read(0x5000, 8);
  EXPECT_GT(m.generation(), g);
  g = m.generation();
  m.cache_instruction(0, 0x10, 0, 0x1000);  // Hit Invalidate I
  EXPECT_GT(m.generation(), g);
  g = m.generation();
  m.access(0, 0x1000, AccessKind::IFetch, at(6));
  EXPECT_GT(m.generation(), g);
}

TEST(NumaCache, FirstStoreToCleanExclusiveLineDirtiesItSilently) {
  MemorySystem m = one_cpu();
  EXPECT_EQ(m.access(0, 0x2000, AccessKind::Load, at(1)).stall.cycles, 60u);
  EXPECT_EQ(m.l2(0).state(0x2000), LS::CleanExclusive);
  AccessResult st = m.access(0, 0x2000, AccessKind::Store, at(2));
  EXPECT_EQ(st.stall.cycles, 0u);
  EXPECT_EQ(st.cause, MissCause::L1Hit);
  EXPECT_EQ(m.l2(0).state(0x2000), LS::DirtyExclusive);
  EXPECT_EQ(m.l1d(0).state(0x2000), LS::DirtyExclusive);
  EXPECT_EQ(m.stats(0).upgrades, 0u);
}

// A, B, C share an L2 set (512 KB apart) but sit in different L1 D sets, so
// only inclusion can remove A from the L1 when C pushes it out of the L2.
TEST(NumaCache, L2EvictionBackInvalidatesL1LinesOfTheVictim) {
  MemorySystem m = one_cpu();
  const u64 a = 0x0, b = (512u << 10) + 32, c = (1u << 20) + 64;
  m.access(0, a, AccessKind::Store, at(1));
  m.access(0, a + 64, AccessKind::IFetch, at(2));
  m.access(0, b, AccessKind::Load, at(3));
  EXPECT_GE(m.l1d(0).probe(a), 0);
  m.access(0, c, AccessKind::Load, at(4));  // evicts A (least recently used)
  EXPECT_EQ(m.l2(0).state(a), LS::Invalid);
  EXPECT_EQ(m.l1d(0).state(a), LS::Invalid);
  EXPECT_EQ(m.l1i(0).state(a + 64), LS::Invalid);
  EXPECT_EQ(m.stats(0).writebacks, 1u);  // A was dirty
  EXPECT_EQ(m.directory().entry(a).state, DirState::Unowned);
  EXPECT_EQ(m.access(0, a, AccessKind::Load, at(5)).stall.cycles, 60u);
}

TEST(NumaCache, EveryL1LineStaysInTheL2UnderRandomTraffic) {
  MemoryConfig cfg;
  cfg.l1d = {1024, 2, 32};
  cfg.l1i = {1024, 2, 64};
  cfg.l2 = {4096, 2, 128};  // tiny, so evictions are constant
  MemorySystem m(cfg, Topology{1, 1, 1u << 20, 200});
  u64 x = 12345;
  for (int i = 0; i < 20000; ++i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    u64 pa = (x >> 20) % (64u << 10);
    auto kind = static_cast<AccessKind>((x >> 8) % 3);
    m.access(0, pa, kind, Cycle{u64(i) * 1000});
  }
  auto check = [&](const Cache& l1) {
    l1.for_each_line([&](u64 pa, LS s) {
      EXPECT_NE(m.l2(0).state(pa), LS::Invalid) << std::hex << pa;
      if (s == LS::DirtyExclusive) {
        EXPECT_EQ(m.l2(0).state(pa), LS::DirtyExclusive);
      }
    });
  };
  check(m.l1d(0));
  check(m.l1i(0));
}

TEST(NumaCache, HitWritebackInvalidateSecondaryWritesBackAndLeavesNoCopy) {
  MemorySystem m = one_cpu();
  m.access(0, 0x3000, AccessKind::Store, at(1));
  m.access(0, 0x3040, AccessKind::IFetch, at(2));
  // op 0x17 = Hit Writeback Invalidate (5 << 2), secondary (3).
  EXPECT_TRUE(m.cache_instruction(0, 0x17, 0xFFFFFFFF80003000ull, 0x3000));
  EXPECT_EQ(m.stats(0).writebacks, 1u);
  EXPECT_EQ(m.l2(0).state(0x3000), LS::Invalid);
  EXPECT_EQ(m.l1d(0).state(0x3000), LS::Invalid);
  EXPECT_EQ(m.l1i(0).state(0x3040), LS::Invalid);
  EXPECT_EQ(m.directory().entry(0x3000).state, DirState::Unowned);
  EXPECT_EQ(m.access(0, 0x3000, AccessKind::Load, at(3)).stall.cycles, 60u);
}

TEST(NumaCache, HitInvalidatePrimaryDataLeavesTheL2Copy) {
  MemorySystem m = one_cpu();
  m.access(0, 0x4000, AccessKind::Load, at(1));
  EXPECT_TRUE(m.cache_instruction(0, 0x11, 0, 0x4000));  // Hit Invalidate D
  EXPECT_EQ(m.l1d(0).state(0x4000), LS::Invalid);
  EXPECT_EQ(m.l2(0).state(0x4000), LS::CleanExclusive);
  EXPECT_EQ(m.access(0, 0x4000, AccessKind::Load, at(2)).stall.cycles, 10u);
}

TEST(NumaCache, HitInvalidateSecondaryDiscardsDirtyDataWithoutWriteback) {
  MemorySystem m = one_cpu();
  m.access(0, 0x4000, AccessKind::Store, at(1));
  EXPECT_TRUE(m.cache_instruction(0, 0x13, 0, 0x4000));  // Hit Invalidate S
  EXPECT_EQ(m.stats(0).writebacks, 0u);
  EXPECT_EQ(m.l1d(0).state(0x4000), LS::Invalid);
  EXPECT_EQ(m.directory().entry(0x4000).state, DirState::Unowned);
}

TEST(NumaCache, HitWritebackSecondaryCleansTheLineAndKeepsIt) {
  MemorySystem m = one_cpu();
  m.access(0, 0x5000, AccessKind::Store, at(1));
  EXPECT_TRUE(m.cache_instruction(0, 0x1B, 0, 0x5000));  // Hit Writeback S
  EXPECT_EQ(m.stats(0).writebacks, 1u);
  EXPECT_EQ(m.l2(0).state(0x5000), LS::CleanExclusive);
  EXPECT_EQ(m.l1d(0).state(0x5000), LS::CleanExclusive);
  EXPECT_EQ(m.directory().entry(0x5000).state, DirState::Exclusive);
  EXPECT_EQ(m.access(0, 0x5000, AccessKind::Load, at(2)).stall.cycles, 0u);
}

TEST(NumaCache, IndexWritebackInvalidateSecondaryPicksWayAndKeepsInclusion) {
  MemorySystem m = one_cpu();
  const u64 a = 0x0, b = 512u << 10;  // same L2 set: a in way 0, b in way 1
  m.access(0, a, AccessKind::Load, at(1));
  m.access(0, b, AccessKind::Store, at(2));
  EXPECT_TRUE(m.cache_instruction(0, 0x03, 0xFFFFFFFF80000001ull, 0));  // Index WB Inv S, way 1
  EXPECT_EQ(m.l2(0).state(b), LS::Invalid);
  EXPECT_EQ(m.l1d(0).state(b), LS::Invalid);
  EXPECT_EQ(m.l2(0).state(a), LS::CleanExclusive);
  EXPECT_EQ(m.stats(0).writebacks, 1u);
  EXPECT_EQ(m.directory().entry(b).state, DirState::Unowned);
}

TEST(NumaCache, CacheOpsWithoutModelledEffectReportFalse) {
  MemorySystem m = one_cpu();
  EXPECT_FALSE(m.cache_instruction(0, 0x04, 0, 0));  // Index Load Tag I
  EXPECT_FALSE(m.cache_instruction(0, 0x14, 0, 0));  // Fill I
  EXPECT_FALSE(m.cache_instruction(0, 0x1F, 0, 0));  // Cache Barrier S
  EXPECT_FALSE(m.cache_instruction(0, 0x02, 0, 0));  // tertiary: none
  EXPECT_TRUE(m.cache_instruction(0, 0x00, 0, 0));   // Index Invalidate I
}

}  // namespace
}  // namespace ds::numa
