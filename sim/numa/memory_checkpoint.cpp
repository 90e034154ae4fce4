// memory_checkpoint.cpp - save and restore of the memory-system timing
// state (cache tags and states with their LRU clocks, directory entries,
// per-CPU statistics, controller and network-interface clocks).  Restore
// checks everything it reads that could later index out of range, so a
// corrupt checkpoint is a one-line error, never a crash.
#include <algorithm>
#include <bit>

#include "sim/numa/memory_system.h"

namespace ds::numa {

void Cache::save(CheckpointWriter& w) const {
  w.u64v(clock_);
  w.array(tags_);
  w.array(state_);
  w.array(stamp_);
}

void Cache::restore(CheckpointReader& r, u64 limit_pa) {
  clock_ = r.u64v();
  r.array(tags_);
  std::vector<u64> states(state_.size());
  r.array(states);
  r.array(stamp_);
  for (u64 i = 0; i < tags_.size(); ++i) {
    if (states[i] > static_cast<u64>(LineState::DirtyExclusive)) r.fail("cache: bad line state");
    state_[i] = static_cast<LineState>(states[i]);
    bool empty = tags_[i] == kNoTag;
    if (empty != (state_[i] == LineState::Invalid)) r.fail("cache: line state and tag disagree");
    if (empty) continue;
    if ((tags_[i] & set_mask_) != (i >> way_shift_) || tags_[i] >= (limit_pa >> line_shift_))
      r.fail("cache: line in the wrong set or outside RAM");
  }
}

void Directory::save(CheckpointWriter& w) const {
  u64 n = 0;
  for (u64 i = 0; i < entries_.size(); ++i) n += entries_[i].state != DirState::Unowned;
  w.u64v(n);
  for (u64 i = 0; i < entries_.size(); ++i) {
    const DirEntry& e = entries_[i];
    if (e.state == DirState::Unowned) continue;
    w.u64v(i);
    w.u64v(e.sharers);
    w.u64v(static_cast<u64>(e.state));
  }
}

void Directory::restore(CheckpointReader& r, unsigned num_cpus) {
  entries_.clear();
  u64 n = r.u64v();
  if (n > entries_.size()) r.fail("directory: too many entries");
  u64 cpu_mask = num_cpus >= 64 ? ~u64{0} : (u64{1} << num_cpus) - 1;
  for (u64 k = 0; k < n; ++k) {
    u64 i = r.u64v();
    u64 sharers = r.u64v();
    u64 state = r.u64v();
    if (i >= entries_.size() || state == 0 || state > static_cast<u64>(DirState::Exclusive) || sharers == 0 ||
        (sharers & ~cpu_mask) != 0 || (state == static_cast<u64>(DirState::Exclusive) && !std::has_single_bit(sharers)))
      r.fail("directory: bad entry");
    entries_[i] = {sharers, static_cast<DirState>(state)};
  }
}

namespace {

// CpuMemStats as a list, in declaration order.
template <typename Stats, typename F>
void each_stat(Stats& s, F f) {
  f(s.l1i_misses), f(s.l1d_misses), f(s.l2_misses), f(s.upgrades), f(s.local_misses), f(s.remote_misses);
  f(s.dirty_misses), f(s.invalidations_sent), f(s.invalidations_received), f(s.writebacks);
  f(s.contention_cycles);
}

}  // namespace

void MemorySystem::save(CheckpointWriter& w) const {
  w.section("memory-system");
  w.u64v(cpus_.size());
  for (unsigned i = 0; i < cpus_.size(); ++i) {
    cpus_[i].l1i.save(w);
    cpus_[i].l1d.save(w);
    cpus_[i].l2.save(w);
    each_stat(stats_[i], [&](u64 v) { w.u64v(v); });
  }
  dir_.save(w);
  w.array(ctrl_busy_);
  w.array(ctrl_start_);
  w.array(ni_busy_);
  w.array(ni_start_);
}

void MemorySystem::restore(CheckpointReader& r) {
  r.section("memory-system");
  ++generation_;
  if (r.u64v() != cpus_.size()) r.fail("memory system: CPU count differs");
  for (unsigned i = 0; i < cpus_.size(); ++i) {
    cpus_[i].l1i.restore(r, ram_bytes_);
    cpus_[i].l1d.restore(r, ram_bytes_);
    cpus_[i].l2.restore(r, ram_bytes_);
    each_stat(stats_[i], [&](u64& v) { v = r.u64v(); });
  }
  dir_.restore(r, topo_.num_cpus());
  r.array(ctrl_busy_);
  r.array(ctrl_start_);
  r.array(ni_busy_);
  r.array(ni_start_);
}

}  // namespace ds::numa
