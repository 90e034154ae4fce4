// memory_system.cpp - the slow path of an access (L1 miss, store to a clean
// line), directory transactions with their latency and contention, and
// coherent DMA.  Latency composition: docs/memory-system.md.
#include "sim/numa/memory_system.h"

#include <algorithm>
#include <stdexcept>

namespace ds::numa {

MemorySystem::MemorySystem(const MemoryConfig& cfg, const Topology& topo)
    : cfg_((validate(cfg, "[memory]"), cfg)),
      topo_(topo),
      l2_line_mask_(cfg.l2.line_bytes - 1),
      ram_bytes_(u64{topo.nodes} * topo.memory_per_node),
      dir_(ram_bytes_, cfg.l2.line_bytes),
      counters_(ram_bytes_, std::max(topo.nodes, 1u), std::max<u64>(topo.memory_per_node, 1)),
      ctrl_busy_(topo.nodes, 0),
      ctrl_start_(topo.nodes, 0),
      ni_busy_(topo.nodes, 0),
      ni_start_(topo.nodes, 0) {
  if (topo.nodes == 0 || topo.cpus_per_node == 0 || topo.memory_per_node == 0 || topo.clock_mhz == 0)
    throw std::runtime_error("memory system: nodes, cpus_per_node, memory_per_node and clock_mhz must be non-zero");
  if (topo.num_cpus() > Directory::kMaxCpus)
    throw std::runtime_error("memory system: at most 64 CPUs (one directory bit each)");
  u64 mhz = topo.clock_mhz;
  cyc_ = {ns_to_cycles(cfg.local_ns, mhz),           ns_to_cycles(cfg.remote_ns, mhz),
          ns_to_cycles(cfg.dirty_extra_ns, mhz),     ns_to_cycles(cfg.invalidate_extra_ns, mhz),
          ns_to_cycles(cfg.controller_occupancy_ns, mhz), ns_to_cycles(cfg.invalidate_occupancy_ns, mhz),
          ns_to_cycles(cfg.network_occupancy_ns, mhz)};
  l1_hit_ = {Latency{cfg.l1_hit_cycles}, true, true, true, MissCause::L1Hit};
  cpus_.reserve(topo.num_cpus());
  for (unsigned i = 0; i < topo.num_cpus(); ++i) cpus_.push_back({Cache(cfg.l1i), Cache(cfg.l1d), Cache(cfg.l2)});
  stats_.resize(topo.num_cpus());
}

unsigned MemorySystem::home_node(u64 pa) const {
  return std::min(memmap::node_of_ram_offset(pa, topo_.memory_per_node), topo_.nodes - 1);
}

AccessResult MemorySystem::access_slow(unsigned cpu, u64 pa, AccessKind kind, Cycle now) {
  ++generation_;
  AccessResult r;
  if (cpu >= cpus_.size() || pa >= ram_bytes_) {
    r.cause = MissCause::Uncached;
    return r;
  }
  CpuCaches& c = cpus_[cpu];
  CpuMemStats& st = stats_[cpu];
  bool ifetch = kind == AccessKind::IFetch;
  bool write = is_write(kind);
  Cache& l1 = ifetch ? c.l1i : c.l1d;
  long s1 = l1.probe(pa);  // present only for a store to a line not yet dirty
  if (s1 < 0) ++(ifetch ? st.l1i_misses : st.l1d_misses);
  r.l1_hit = s1 >= 0;

  LineState l2_state;
  long s2 = c.l2.lookup(pa);
  if (s2 >= 0) {
    r.l2_hit = true;
    l2_state = c.l2.state_at(s2);
    if (write && l2_state == LineState::Shared) {
      u64 wait = 0;
      Transaction t = transaction(cpu, pa, true, false, now, wait);
      ++st.upgrades;
      r.stall = Latency{wait + t.latency};
      r.local = t.local;
      r.cause = MissCause::Upgrade;
    } else {
      r.stall = Latency{r.l1_hit ? cfg_.l1_hit_cycles : cfg_.l2_hit_cycles};
      r.cause = r.l1_hit ? MissCause::L1Hit : MissCause::L2Hit;
    }
    if (write) {
      l2_state = LineState::DirtyExclusive;  // a CleanExclusive line dirties silently
      c.l2.set_state_at(s2, l2_state);
    }
  } else {
    ++st.l2_misses;
    u64 wait = 0;
    Transaction t = transaction(cpu, pa, write, ifetch, now, wait);
    l2_state = write ? LineState::DirtyExclusive : t.exclusive ? LineState::CleanExclusive : LineState::Shared;
    fill_l2(cpu, pa, l2_state);
    r.stall = Latency{wait + t.latency};
    r.local = t.local;
    r.cause = t.dirty ? MissCause::Dirty : MissCause::Memory;
  }
  // The L1 copy mirrors the L2 state (an L1 I line is always Shared).
  LineState l1_state = ifetch ? LineState::Shared : l2_state;
  if (s1 >= 0) l1.set_state_at(s1, l1_state);
  else l1.insert(pa, l1_state);  // an L1 victim needs nothing: the L2 holds its state
  return r;
}

u64 MemorySystem::queue_at(u64& busy_until, u64& last_start, u64 t, u64 occupancy) {
  if (t < last_start) return t;  // stamped before the last request here: not queued
  u64 start = std::max(t, busy_until);
  last_start = t;
  busy_until = start + occupancy;
  return start;
}

MemorySystem::Transaction MemorySystem::transaction(unsigned cpu, u64 pa, bool write, bool ifetch, Cycle now,
                                                    u64& wait) {
  u64 line = pa & ~l2_line_mask_;
  unsigned node = node_of_cpu(cpu);
  unsigned home = home_node(pa);
  DirAction a = write ? dir_.write(line, cpu) : dir_.read(line, cpu, ifetch);
  Transaction t;
  t.exclusive = a.exclusive_grant;
  bool remote = home != node;
  u64 copies_invalidated = 0;
  if (a.owner >= 0) {
    unsigned q = static_cast<unsigned>(a.owner);
    if (write) {
      t.dirty = drop_copy(q, line) == LineState::DirtyExclusive;
      ++stats_[q].invalidations_received;
      ++copies_invalidated;
    } else {
      t.dirty = downgrade_copy(q, line);
    }
    remote |= node_of_cpu(q) != node;
  }
  for (u64 m = a.invalidate; m != 0; m &= m - 1) {
    unsigned q = static_cast<unsigned>(std::countr_zero(m));
    drop_copy(q, line);
    ++stats_[q].invalidations_received;
    ++copies_invalidated;
    remote |= node_of_cpu(q) != node;
  }
  stats_[cpu].invalidations_sent += copies_invalidated;
  if (t.dirty) ++stats_[cpu].dirty_misses;
  counters_.record(pa, node);

  if (cfg_.model == MemoryModel::Uma) {  // flat: every miss local_ns, no queueing
    t.local = true;
    t.latency = cyc_.local;
    ++stats_[cpu].local_misses;
    return t;
  }
  t.local = !remote;
  t.latency = remote ? cyc_.remote : cyc_.local;
  if (t.dirty) t.latency += cyc_.dirty_extra;
  else if (copies_invalidated) t.latency += cyc_.invalidate_extra;
  ++(t.local ? stats_[cpu].local_misses : stats_[cpu].remote_misses);

  // Queueing: requester's network interface, home controller (busy longer
  // for each invalidation it sends), home's network interface for the reply.
  u64 when = now.value;
  if (home != node) when = queue_at(ni_busy_[node], ni_start_[node], when, cyc_.network);
  when = queue_at(ctrl_busy_[home], ctrl_start_[home], when,
                  cyc_.controller + copies_invalidated * cyc_.per_invalidate);
  if (home != node) when = queue_at(ni_busy_[home], ni_start_[home], when, cyc_.network);
  wait = when - now.value;
  stats_[cpu].contention_cycles += wait;
  return t;
}

void MemorySystem::fill_l2(unsigned cpu, u64 pa, LineState s) {
  Victim v = cpus_[cpu].l2.insert(pa, s);
  if (v.valid) evict_l2_line(cpu, v.line_pa, v.state);
}

void MemorySystem::evict_l2_line(unsigned cpu, u64 line_pa, LineState s) {
  invalidate_l1s(cpu, line_pa);
  if (s == LineState::DirtyExclusive) ++stats_[cpu].writebacks;
  dir_.evict(line_pa, cpu);
}

void MemorySystem::invalidate_l1s(unsigned cpu, u64 line_pa) {
  CpuCaches& c = cpus_[cpu];
  for (u64 off = 0; off < cfg_.l2.line_bytes; off += cfg_.l1i.line_bytes) c.l1i.invalidate(line_pa + off);
  for (u64 off = 0; off < cfg_.l2.line_bytes; off += cfg_.l1d.line_bytes) c.l1d.invalidate(line_pa + off);
}

void MemorySystem::set_l1d_states(unsigned cpu, u64 line_pa, LineState s) {
  Cache& d = cpus_[cpu].l1d;
  for (u64 off = 0; off < cfg_.l2.line_bytes; off += cfg_.l1d.line_bytes) {
    long slot = d.probe(line_pa + off);
    if (slot >= 0) d.set_state_at(slot, s);
  }
}

LineState MemorySystem::drop_copy(unsigned cpu, u64 line_pa) {
  invalidate_l1s(cpu, line_pa);
  return cpus_[cpu].l2.invalidate(line_pa);
}

bool MemorySystem::downgrade_copy(unsigned cpu, u64 line_pa) {
  Cache& l2 = cpus_[cpu].l2;
  long slot = l2.probe(line_pa);
  if (slot < 0) return false;
  bool dirty = l2.state_at(slot) == LineState::DirtyExclusive;
  l2.set_state_at(slot, LineState::Shared);
  set_l1d_states(cpu, line_pa, LineState::Shared);
  if (dirty) ++stats_[cpu].writebacks;  // sharing writeback to the home memory
  return dirty;
}

void MemorySystem::dma_write(u64 pa, u64 len) {
  ++generation_;
  if (len == 0 || pa >= ram_bytes_) return;
  u64 end = len >= ram_bytes_ - pa ? ram_bytes_ : pa + len;
  for (u64 line = pa & ~l2_line_mask_; line < end; line += cfg_.l2.line_bytes) {
    DirAction a = dir_.dma_write(line);
    u64 victims = a.invalidate;
    if (a.owner >= 0) victims |= u64{1} << a.owner;
    for (u64 m = victims; m != 0; m &= m - 1) {
      unsigned q = static_cast<unsigned>(std::countr_zero(m));
      drop_copy(q, line);
      ++stats_[q].invalidations_received;
    }
  }
}

void MemorySystem::dma_read(u64 pa, u64 len) {
  ++generation_;
  if (len == 0 || pa >= ram_bytes_) return;
  u64 end = len >= ram_bytes_ - pa ? ram_bytes_ : pa + len;
  for (u64 line = pa & ~l2_line_mask_; line < end; line += cfg_.l2.line_bytes) {
    DirAction a = dir_.dma_read(line);
    if (a.owner >= 0) downgrade_copy(static_cast<unsigned>(a.owner), line);
  }
}

}  // namespace ds::numa
