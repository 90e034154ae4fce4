// directory.h - the coherence directory: for every L2-line-sized block of
// RAM, which CPUs' caches hold it and in what way.  It lives (logically) at
// the block's home node; MemorySystem adds timing and acts on the caches.
//
// States and transitions (requester P, other CPUs Q; docs/memory-system.md):
//
//   state      event              action                            next
//   Unowned    read  (load/ll)    memory replies, exclusive grant   Exclusive{P}
//   Unowned    read  (ifetch)     memory replies                    Shared{P}
//   Unowned    write              memory replies                    Exclusive{P}
//   Shared{S}  read               memory replies                    Shared{S+P}
//   Shared{S}  write / upgrade    invalidate S-P                    Exclusive{P}
//   Excl{Q}    read               intervention: Q -> Shared,        Shared{Q,P}
//                                 supplies the data if dirty
//   Excl{Q}    write              intervention: Q invalidated,      Exclusive{P}
//                                 supplies the data if dirty
//   any        P evicts its copy  writeback or replacement hint     drop P; Unowned if empty
//   any        DMA write          invalidate every copy             Unowned
//   Excl{Q}    DMA read           Q writes back, keeps a Shared     Shared{Q}
//
// Caches notify the directory of every eviction (dirty: writeback; clean:
// replacement hint), so the sharer vector is exact.  Exclusive does not say
// whether the owner's copy is dirty: the owner's cache knows (as in Origin).
// One bit per CPU in a 64-bit vector: at most 64 CPUs.
#pragma once
#include <vector>

#include "sim/checkpoint.h"
#include "sim/numa/lazy_array.h"
#include "sim/types.h"

namespace ds::numa {

enum class DirState : u8 { Unowned, Shared, Exclusive };

struct DirEntry {
  u64 sharers = 0;  // bit q: CPU q's cache holds the block
  DirState state = DirState::Unowned;
};

// What the requester's transaction must do to other caches.
struct DirAction {
  u64 invalidate = 0;  // CPUs whose copies must be dropped
  int owner = -1;      // CPU that held it Exclusive (downgraded or invalidated), or -1
  bool exclusive_grant = false;  // requester may hold the block CleanExclusive
};

// The entries start all zero (Unowned) and cost host memory only once
// touched (lazy_array.h): in proportion to the lines cached, not to RAM.
using DirEntries = LazyZeroArray<DirEntry>;

class Directory {
 public:
  static constexpr unsigned kMaxCpus = 64;

  // Covers [0, ram_bytes) in blocks of block_bytes (a power of two).
  Directory(u64 ram_bytes, unsigned block_bytes);

  bool covers(u64 pa) const { return pa < ram_bytes_; }
  const DirEntry& entry(u64 pa) const { return entries_[pa >> block_shift_]; }

  // Transitions above; each returns the actions for other caches and
  // leaves the entry in its next state.  `pa` must be covered.
  DirAction read(u64 pa, unsigned cpu, bool ifetch);
  DirAction write(u64 pa, unsigned cpu);
  void evict(u64 pa, unsigned cpu);
  DirAction dma_write(u64 pa);
  DirAction dma_read(u64 pa);

  // Checkpoints: only entries that are not Unowned.  restore() rejects an
  // entry whose sharers do not fit its state or name a CPU >= num_cpus.
  void save(CheckpointWriter& w) const;
  void restore(CheckpointReader& r, unsigned num_cpus);

 private:
  DirEntry& at(u64 pa) { return entries_[pa >> block_shift_]; }
  u64 ram_bytes_;
  unsigned block_shift_;
  DirEntries entries_;
};

}  // namespace ds::numa
