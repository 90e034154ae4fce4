// cache.cpp - replacement, invalidation and the CACHE instruction's index
// operations for the tag-and-state cache model.
#include "sim/numa/cache.h"

namespace ds::numa {

Cache::Cache(const CacheGeometry& g)
    : line_shift_(static_cast<unsigned>(std::countr_zero(g.line_bytes))),
      ways_(g.ways),
      way_shift_(static_cast<unsigned>(std::countr_zero(g.ways))),
      set_mask_(g.size_bytes / g.line_bytes / g.ways - 1),
      tags_(g.size_bytes / g.line_bytes, kNoTag),
      state_(tags_.size(), LineState::Invalid),
      stamp_(tags_.size(), 0) {}

long Cache::probe(u64 pa) const {
  u64 tag = pa >> line_shift_;
  u64 base = (tag & set_mask_) * ways_;
  for (unsigned w = 0; w < ways_; ++w)
    if (tags_[base + w] == tag) return static_cast<long>(base + w);
  return -1;
}

LineState Cache::state(u64 pa) const {
  long s = probe(pa);
  return s < 0 ? LineState::Invalid : state_[static_cast<u64>(s)];
}

Victim Cache::insert(u64 pa, LineState s) {
  u64 tag = pa >> line_shift_;
  u64 base = (tag & set_mask_) * ways_;
  // An empty way if there is one, else the least recently used.
  u64 slot = base;
  for (unsigned w = 0; w < ways_; ++w) {
    u64 i = base + w;
    if (tags_[i] == kNoTag) {
      slot = i;
      break;
    }
    if (stamp_[i] < stamp_[slot]) slot = i;
  }
  Victim v;
  if (tags_[slot] != kNoTag) v = {true, tags_[slot] << line_shift_, state_[slot]};
  tags_[slot] = tag;
  state_[slot] = s;
  stamp_[slot] = ++clock_;
  return v;
}

LineState Cache::invalidate(u64 pa) {
  long s = probe(pa);
  if (s < 0) return LineState::Invalid;
  u64 i = static_cast<u64>(s);
  LineState old = state_[i];
  tags_[i] = kNoTag;
  state_[i] = LineState::Invalid;
  return old;
}

u64 Cache::slot_for_index(u64 index_addr) const {
  u64 set = (index_addr >> line_shift_) & set_mask_;
  u64 way = index_addr & (ways_ - 1);
  return set * ways_ + way;
}

Victim Cache::index_line(u64 index_addr) const {
  u64 i = slot_for_index(index_addr);
  if (tags_[i] == kNoTag) return {};
  return {true, tags_[i] << line_shift_, state_[i]};
}

Victim Cache::index_invalidate(u64 index_addr) {
  Victim v = index_line(index_addr);
  u64 i = slot_for_index(index_addr);
  tags_[i] = kNoTag;
  state_[i] = LineState::Invalid;
  return v;
}

}  // namespace ds::numa
