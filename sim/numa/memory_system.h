// memory_system.h - the timing model of the ccNUMA memory system: each CPU's
// L1 I, L1 D and unified L2 (inclusive, write-back), the directory at each
// block's home node, miss latencies with controller and network contention,
// the UMA variant, coherent DMA and the per-page miss counters.
//
// It holds tags and states only; the functional model (sim/bus.h) owns the
// bytes, so this never changes what a program computes, only when.  All of
// it is deterministic: time is the caller's Cycle, never the host's.
//
// Addresses here (`pa` throughout sim/numa/) are RAM offsets: the board
// lays RAM out contiguously in RAM-offset space, node n owning
// [n * memory_per_node, (n+1) * memory_per_node), and places it at physical
// addresses around its I/O window (sim/memmap.h).  Below the window, where
// every machine of at most 496 MiB has all its RAM, the two are equal; the
// board converts at the edges (CpuTiming, DMA, CACHE, the page-counter
// device), so no cache, directory or counter here knows of the window.
//
// The CPU calls access() for every instruction fetch and data reference in
// timing mode and stalls for the returned latency.  Requests are served in
// the order they are issued; docs/memory-system.md explains what that
// approximates when CPUs run interleaved in quanta.
#pragma once
#include <vector>

#include "sim/event_queue.h"
#include "sim/memmap.h"
#include "sim/numa/cache.h"
#include "sim/numa/directory.h"
#include "sim/numa/memory_config.h"
#include "sim/numa/page_counters.h"

namespace ds::numa {

enum class AccessKind : u8 { IFetch, Load, Store, LoadLinked, StoreConditional };

// Where an access was satisfied.
enum class MissCause : u8 {
  L1Hit,      // in the L1 (stall l1_hit_cycles)
  L2Hit,      // L1 miss, L2 hit (stall l2_hit_cycles)
  Memory,     // L2 miss served by the home memory (clean)
  Dirty,      // L2 miss served by another cache holding it dirty (3 hops)
  Upgrade,    // store to a Shared line: ownership only, no data
  Uncached,   // outside RAM: the model does not time it (stall 0)
};

struct AccessResult {
  Latency stall;
  bool l1_hit = false;
  bool l2_hit = false;  // the line was in this CPU's L2 (L1 hits included)
  bool local = true;    // an L2 miss involved only the requester's node
  MissCause cause = MissCause::L1Hit;
};

// Per-CPU event counts (statistics read these; nothing resets them).
struct CpuMemStats {
  u64 l1i_misses = 0, l1d_misses = 0, l2_misses = 0, upgrades = 0;
  u64 local_misses = 0, remote_misses = 0;  // L2 misses and upgrades, by locality
  u64 dirty_misses = 0;                     // served by another cache (3 hops)
  u64 invalidations_sent = 0;               // copies this CPU's writes invalidated
  u64 invalidations_received = 0;           // own copies lost to others' writes / DMA
  u64 writebacks = 0;                       // dirty L2 lines written back
  u64 contention_cycles = 0;                // part of stalls spent queueing
};

// The machine shape the memory system needs (from MachineConfig).
struct Topology {
  unsigned nodes = 1;
  unsigned cpus_per_node = 1;
  u64 memory_per_node = 64ull << 20;
  u64 clock_mhz = 200;
  unsigned num_cpus() const { return nodes * cpus_per_node; }
};

// CACHE instruction targets (R10000 op field bits 1:0) and operations
// (bits 4:2) that change cache state.
enum class CacheLevel : u8 { L1I = 0, L1D = 1, L2 = 3 };

class MemorySystem {
 public:
  // Throws std::runtime_error if the configuration is invalid or the
  // machine has more than Directory::kMaxCpus CPUs.
  MemorySystem(const MemoryConfig& cfg, const Topology& topo);

  // One reference by `cpu` to physical address pa at time `now`; returns
  // the stall.  An L1 hit (and, for a store, a line already dirty) is
  // handled inline.  A failed SC should be passed as a Load (it reads the
  // line's state but requests no ownership).  cpu < num_cpus().
  AccessResult access(unsigned cpu, u64 pa, AccessKind kind, Cycle now) {
    CpuCaches& c = cpus_[cpu];
    if (kind == AccessKind::IFetch) {
      if (DS_LIKELY(c.l1i.lookup(pa) >= 0)) return l1_hit_;
    } else {
      long s = c.l1d.lookup(pa);
      if (DS_LIKELY(s >= 0) && (!is_write(kind) || c.l1d.state_at(s) == LineState::DirtyExclusive)) return l1_hit_;
    }
    return access_slow(cpu, pa, kind, now);
  }

  // Bumped by everything except inline L1 hits: while it is unchanged no
  // cache line of any CPU has been filled, removed or changed state.  So a
  // CPU fetching again from the L1 I line of its own previous fetch may skip
  // access(): it hits, and the line is already most recent in its set.
  u64 generation() const { return generation_; }

  // Coherent DMA: a device write of [pa, pa+len) invalidates every cached
  // copy (dirty data is overwritten anyway); a device read makes a dirty
  // owner write back (it keeps a Shared copy).  No timing is charged.
  void dma_write(u64 pa, u64 len);
  void dma_read(u64 pa, u64 len);

  // CACHE instruction effects (sim/numa/cache_ops.cpp).  Index operations
  // take the (virtual) index address, Hit operations the physical address.
  // Inclusion holds afterwards: dropping an L2 line drops its L1 lines, and
  // the directory is told of every line that leaves an L2.
  void index_writeback_invalidate(unsigned cpu, CacheLevel level, u64 index_addr);
  void hit_invalidate(unsigned cpu, CacheLevel level, u64 pa);
  void hit_writeback_invalidate(unsigned cpu, CacheLevel level, u64 pa);
  void hit_writeback(unsigned cpu, CacheLevel level, u64 pa);
  // Decodes a CACHE instruction's 5-bit op field and applies it; returns
  // false for operations that do not change state here (load/store tag,
  // fill, barrier) so the caller may treat them as no-ops.
  bool cache_instruction(unsigned cpu, unsigned op, u64 vaddr, u64 pa);

  // Checkpoints: caches, directory, statistics and resource clocks, so a
  // restored timing run continues exactly.  The page counters are saved by
  // their device (sim/devices/page_counters.h).  restore() needs a memory
  // system built from the same configuration; it throws (r.fail) otherwise.
  void save(CheckpointWriter& w) const;
  void restore(CheckpointReader& r);

  // Inspection (tests, statistics).
  const Cache& l1i(unsigned cpu) const { return cpus_[cpu].l1i; }
  const Cache& l1d(unsigned cpu) const { return cpus_[cpu].l1d; }
  const Cache& l2(unsigned cpu) const { return cpus_[cpu].l2; }
  const Directory& directory() const { return dir_; }
  PageCounters& page_counters() { return counters_; }
  const CpuMemStats& stats(unsigned cpu) const { return stats_[cpu]; }
  unsigned home_node(u64 pa) const;
  unsigned node_of_cpu(unsigned cpu) const { return cpu / topo_.cpus_per_node; }
  const MemoryConfig& config() const { return cfg_; }
  const Topology& topology() const { return topo_; }

  // The latencies in cycles (from the ns parameters and clock_mhz).
  struct Cycles {
    u64 local, remote, dirty_extra, invalidate_extra, controller, per_invalidate, network;
  };
  const Cycles& cycles() const { return cyc_; }

 private:
  struct CpuCaches {
    Cache l1i, l1d, l2;
  };
  struct Transaction {
    u64 latency = 0;
    bool local = true;
    bool dirty = false;
    bool exclusive = false;  // a read may fill CleanExclusive
  };

  static bool is_write(AccessKind k) { return k == AccessKind::Store || k == AccessKind::StoreConditional; }

  AccessResult access_slow(unsigned cpu, u64 pa, AccessKind kind, Cycle now);
  // Directory transaction for cpu's L2 miss or upgrade of pa's line: acts on
  // the other caches, counts the page miss, returns the unloaded latency and
  // adds queueing at the controllers and network interfaces.
  Transaction transaction(unsigned cpu, u64 pa, bool write, bool ifetch, Cycle now, u64& wait);
  u64 queue_at(u64& busy_until, u64& last_start, u64 t, u64 occupancy);
  // Fills pa's line into cpu's L2 with state s, evicting (with inclusion,
  // writeback and directory notice) whatever it replaces.
  void fill_l2(unsigned cpu, u64 pa, LineState s);
  void fill_l1(Cache& l1, u64 pa, LineState s);
  // Another CPU's copy: drop it entirely (returns the L2 state it had) or
  // downgrade it to Shared (returns true if it was dirty).
  LineState drop_copy(unsigned cpu, u64 line_pa);
  bool downgrade_copy(unsigned cpu, u64 line_pa);
  // Sets the state of every L1 D line inside an L2 line.
  void set_l1d_states(unsigned cpu, u64 line_pa, LineState s);
  void invalidate_l1s(unsigned cpu, u64 line_pa);
  // This CPU's L2 line leaves the cache (CACHE op or eviction).
  void evict_l2_line(unsigned cpu, u64 line_pa, LineState s);

  u64 generation_ = 0;
  MemoryConfig cfg_;
  Topology topo_;
  Cycles cyc_;
  AccessResult l1_hit_;
  u64 l2_line_mask_;
  u64 ram_bytes_;
  std::vector<CpuCaches> cpus_;
  std::vector<CpuMemStats> stats_;
  Directory dir_;
  PageCounters counters_;
  // Per node: memory/directory controller and network interface, each
  // busy until a cycle; last_start is the arrival time of the last request
  // queued there (requests stamped earlier are not queued, see the doc).
  std::vector<u64> ctrl_busy_, ctrl_start_, ni_busy_, ni_start_;
};

}  // namespace ds::numa
