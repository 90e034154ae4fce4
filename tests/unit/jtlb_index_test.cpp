// jtlb_index_test.cpp - the JTLB's lookup index (tlb.h) gives exactly the
// answer of a scan of all 64 entries in index order: with duplicate and
// overlapping entries, every page size (and masks with holes), global and
// per-ASID entries, and entries rewritten over and over.
#include <gtest/gtest.h>

#include <random>

#include "sim/mips/tlb.h"

namespace {

using namespace ds;
using namespace ds::mips;

// The reference: the manual's match rule, scanned lowest index first.
std::optional<unsigned> scan(const Jtlb& t, u64 va, u8 asid) {
  for (unsigned i = 0; i < Jtlb::kEntries; ++i) {
    const TlbEntry& e = t.entry(i);
    u64 m = entryhi::kRMask | (entryhi::kVpn2Mask & ~e.page_mask);
    if ((va & m) != (e.hi & m)) continue;
    if (e.global() || (e.hi & entryhi::kAsidMask) == asid) return i;
  }
  return std::nullopt;
}

// Page masks of every size from 4 KB to 16 MB, and two with holes.
constexpr u64 kMasks[] = {0, 0x6000, 0x1E000, 0x7E000, 0x1FE000, 0x7FE000, 0x1FFE000, 0x2000, 0x1A000};

struct Gen {
  std::mt19937_64 rng{12345};
  u64 pick(u64 n) { return rng() % n; }
  // Addresses from a small window, so entries collide, overlap and repeat.
  u64 va() {
    u64 region = pick(4) << 62;
    return region | (pick(64) << 13) | (pick(2) << 24) | pick(8192);
  }
  TlbEntry entry() {
    TlbEntry e;
    e.page_mask = pick(3) == 0 ? kMasks[pick(std::size(kMasks))] : 0;
    e.hi = (va() & (entryhi::kRMask | entryhi::kVpn2Mask)) | pick(4);
    u64 g = pick(4) == 0 ? entrylo::G : 0;
    e.lo = {pick(1 << 20) << 6 | 2 | g, pick(1 << 20) << 6 | 2 | g};
    return e;
  }
};

TEST(JtlbIndex, MatchesAScanOfEveryEntryLowestIndexFirst) {
  Jtlb t;
  Gen g;
  for (int round = 0; round < 2000; ++round) {
    t.write(static_cast<unsigned>(g.pick(Jtlb::kEntries)), g.entry());
    for (int probe = 0; probe < 50; ++probe) {
      u64 va = g.va();
      u8 asid = static_cast<u8>(g.pick(4));
      ASSERT_EQ(t.probe(va, asid), scan(t, va, asid)) << "va " << std::hex << va << " asid " << int(asid);
    }
  }
}

TEST(JtlbIndex, DuplicateEntriesTheLowestIndexWinsAndTheNextTakesOverWhenItGoes) {
  Jtlb t;
  TlbEntry e{.page_mask = 0, .hi = 0x0040'0000, .lo = {0x40 | 3, 0x80 | 3}};  // global
  t.write(40, e);
  t.write(7, e);
  t.write(63, e);
  EXPECT_EQ(t.probe(0x0040'0123, 5), 7u);
  t.write(7, TlbEntry{.page_mask = 0, .hi = 0x0080'0000});
  EXPECT_EQ(t.probe(0x0040'0123, 5), 40u);
  // A 16 MB entry that covers the same address, at a lower index, wins.
  t.write(3, TlbEntry{.page_mask = 0x1FFE000, .hi = 0, .lo = {3, 3}});
  EXPECT_EQ(t.probe(0x0040'0123, 5), 3u);
  // Its ASID must match once it is no longer global.
  t.write(3, TlbEntry{.page_mask = 0x1FFE000, .hi = 2, .lo = {2, 2}});
  EXPECT_EQ(t.probe(0x0040'0123, 5), 40u);
  EXPECT_EQ(t.probe(0x0040'0123, 2), 3u);
}

TEST(JtlbIndex, AResetTlbMatchesOnlyPageZeroOfAsidZero) {
  Jtlb t;
  EXPECT_EQ(t.probe(0x1000, 0), 0u);
  EXPECT_EQ(t.probe(0x1000, 1), std::nullopt);
  EXPECT_EQ(t.probe(0x2000, 0), std::nullopt);
}

}  // namespace
