// cache_ops.cpp - the CACHE instruction's effects on the cache model.
//
// R10000 CACHE op field: bits 1:0 select the cache (0 primary I, 1 primary D,
// 3 secondary), bits 4:2 the operation:
//   0 Index Invalidate (I) / Index Writeback Invalidate (D, S)
//   1 Index Load Tag    2 Index Store Tag    3 (reserved on the R10000)
//   4 Hit Invalidate    5 Hit Writeback Invalidate (D, S) / Fill (I)
//   6 Hit Writeback (D, S)                   7 Cache Barrier
// Tags carry no data here, so "writeback" only changes states and counts a
// writeback; the functional memory already holds the bytes.  An L1 D line's
// dirtiness is always mirrored in its L2 line, so L1-only operations never
// talk to the directory; L2 operations keep inclusion and tell it.
#include "sim/numa/memory_system.h"

namespace ds::numa {

void MemorySystem::index_writeback_invalidate(unsigned cpu, CacheLevel level, u64 index_addr) {
  ++generation_;
  CpuCaches& c = cpus_[cpu];
  switch (level) {
    case CacheLevel::L1I: c.l1i.index_invalidate(index_addr); break;
    case CacheLevel::L1D: c.l1d.index_invalidate(index_addr); break;
    case CacheLevel::L2: {
      Victim v = c.l2.index_invalidate(index_addr);
      if (v.valid) evict_l2_line(cpu, v.line_pa, v.state);
      break;
    }
  }
}

void MemorySystem::hit_invalidate(unsigned cpu, CacheLevel level, u64 pa) {
  ++generation_;
  CpuCaches& c = cpus_[cpu];
  switch (level) {
    case CacheLevel::L1I: c.l1i.invalidate(pa); break;
    case CacheLevel::L1D: c.l1d.invalidate(pa); break;
    case CacheLevel::L2: {
      u64 line = pa & ~l2_line_mask_;
      if (c.l2.invalidate(line) == LineState::Invalid) break;
      invalidate_l1s(cpu, line);  // dirty data discarded: no writeback
      dir_.evict(line, cpu);
      break;
    }
  }
}

void MemorySystem::hit_writeback_invalidate(unsigned cpu, CacheLevel level, u64 pa) {
  ++generation_;
  CpuCaches& c = cpus_[cpu];
  switch (level) {
    case CacheLevel::L1I: c.l1i.invalidate(pa); break;
    case CacheLevel::L1D: c.l1d.invalidate(pa); break;
    case CacheLevel::L2: {
      u64 line = pa & ~l2_line_mask_;
      LineState s = c.l2.invalidate(line);
      if (s != LineState::Invalid) evict_l2_line(cpu, line, s);
      break;
    }
  }
}

void MemorySystem::hit_writeback(unsigned cpu, CacheLevel level, u64 pa) {
  ++generation_;
  CpuCaches& c = cpus_[cpu];
  if (level == CacheLevel::L1I) return;
  if (level == CacheLevel::L1D) {
    long s = c.l1d.probe(pa);
    if (s >= 0 && c.l1d.state_at(s) == LineState::DirtyExclusive) c.l1d.set_state_at(s, LineState::CleanExclusive);
    return;
  }
  u64 line = pa & ~l2_line_mask_;
  long s = c.l2.probe(line);
  if (s < 0 || c.l2.state_at(s) != LineState::DirtyExclusive) return;
  c.l2.set_state_at(s, LineState::CleanExclusive);
  ++stats_[cpu].writebacks;
  for (u64 off = 0; off < cfg_.l2.line_bytes; off += cfg_.l1d.line_bytes) {
    long d = c.l1d.probe(line + off);
    if (d >= 0 && c.l1d.state_at(d) == LineState::DirtyExclusive) c.l1d.set_state_at(d, LineState::CleanExclusive);
  }
}

bool MemorySystem::cache_instruction(unsigned cpu, unsigned op, u64 vaddr, u64 pa) {
  unsigned target = op & 3;
  unsigned operation = (op >> 2) & 7;
  if (target == 2 || cpu >= cpus_.size()) return false;  // no tertiary cache
  auto level = static_cast<CacheLevel>(target);
  bool icache = level == CacheLevel::L1I;
  switch (operation) {
    case 0: index_writeback_invalidate(cpu, level, vaddr); return true;
    case 4: hit_invalidate(cpu, level, pa); return true;
    case 5:
      if (icache) return false;  // Fill: no state change modelled
      hit_writeback_invalidate(cpu, level, pa);
      return true;
    case 6:
      if (icache) return false;
      hit_writeback(cpu, level, pa);
      return true;
    default: return false;
  }
}

}  // namespace ds::numa
