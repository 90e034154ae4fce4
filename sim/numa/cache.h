// cache.h - a set-associative cache of tags and states (no data: the
// functional model owns the bytes), with LRU replacement, as used for each
// CPU's L1 I, L1 D and unified L2 (sim/numa/cpu_caches.h).
//
// Line states are the R10000 secondary cache's (R10000 manual, ch. 7):
//   Invalid         no copy
//   Shared          clean, other caches may hold copies; a store must upgrade
//   CleanExclusive  clean, the only cached copy; a store may dirty it silently
//   DirtyExclusive  modified, the only copy; memory is stale
//
// Lookup is inline and a handful of instructions for the usual 2 ways: an
// invalid slot holds the impossible tag kNoTag, so one compare per way
// decides a hit.  No allocation after construction.
#pragma once
#include <vector>

#include "sim/checkpoint.h"
#include "sim/types.h"

namespace ds::numa {

enum class LineState : u8 { Invalid, Shared, CleanExclusive, DirtyExclusive };

struct CacheGeometry {
  u64 size_bytes = 32 << 10;
  unsigned ways = 2;
  unsigned line_bytes = 32;
};

// A line pushed out of the cache by an insertion.
struct Victim {
  bool valid = false;
  u64 line_pa = 0;  // first byte of the line
  LineState state = LineState::Invalid;
};

class Cache {
 public:
  // Geometry must be powers of two with size >= ways * line (MemoryConfig
  // validates this before any Cache is built).
  explicit Cache(const CacheGeometry& g);

  unsigned line_bytes() const { return 1u << line_shift_; }
  unsigned ways() const { return ways_; }
  u64 sets() const { return set_mask_ + 1; }
  u64 line_of(u64 pa) const { return pa >> line_shift_; }

  // Slot index (set * ways + way) of the line holding pa, or -1.  Marks it
  // most recently used when found.
  long lookup(u64 pa) {
    u64 tag = pa >> line_shift_;
    u64 slot = (tag & set_mask_) << way_shift_;
    const u64* t = tags_.data() + slot;
    const u64* end = t + ways_;
    for (const u64* p = t; p != end; ++p, ++slot) {
      if (*p == tag) {
        stamp_[slot] = ++clock_;
        return static_cast<long>(slot);
      }
    }
    return -1;
  }
  // As lookup() but leaves the LRU order alone (coherence probes, tests).
  long probe(u64 pa) const;

  LineState state_at(long slot) const { return state_[static_cast<u64>(slot)]; }
  void set_state_at(long slot, LineState s) { state_[static_cast<u64>(slot)] = s; }
  // Convenience: the state of pa's line (Invalid when absent).
  LineState state(u64 pa) const;

  // Places pa's line in its set with state s (it must not be present),
  // replacing the least recently used way; returns what was pushed out.
  Victim insert(u64 pa, LineState s);

  // Drops pa's line if present; returns the state it had.
  LineState invalidate(u64 pa);

  // CACHE instruction, Index operations: the set comes from the address's
  // index bits and the way from its low bits (R10000: vaddr bit 0 selects
  // the way).  Return the victim (valid when the slot held a line) so the
  // caller can write back a dirty one and keep inclusion.
  Victim index_invalidate(u64 index_addr);
  Victim index_line(u64 index_addr) const;

  // Checkpoints (sim/numa/memory_checkpoint.cpp).  restore() rejects, with
  // r.fail(), a line in the wrong set, at or above limit_pa, or a bad state.
  void save(CheckpointWriter& w) const;
  void restore(CheckpointReader& r, u64 limit_pa);

  // Every valid line, for inclusion checks in tests and flushes.
  template <typename F>
  void for_each_line(F f) const {
    for (u64 i = 0; i < tags_.size(); ++i)
      if (tags_[i] != kNoTag) f(tags_[i] << line_shift_, state_[i]);
  }

 private:
  static constexpr u64 kNoTag = ~u64{0};
  u64 slot_for_index(u64 index_addr) const;

  unsigned line_shift_;
  unsigned ways_;
  unsigned way_shift_;  // log2(ways)
  u64 set_mask_;
  u64 clock_ = 0;           // LRU time: bumped on every lookup hit and fill
  std::vector<u64> tags_;   // line address (pa >> line_shift) or kNoTag
  std::vector<LineState> state_;
  std::vector<u64> stamp_;  // last use, for LRU
};

}  // namespace ds::numa
