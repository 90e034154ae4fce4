// page_counters.h - per-page, per-node cache-miss counters with a hot-page
// detector (FLASH / SGI Origin style): the hardware hook a NUMA-aware
// monitor uses to decide page migration and replication.  Software reaches
// them through sim/devices/page_counters.h.
//
// Addresses are RAM offsets, like everywhere in sim/numa/ (memory_system.h);
// the device converts them to and from physical addresses.
//
// Every request that reaches a home directory (an L2 miss or an upgrade)
// counts one miss against its 4 KB page for the requester's node.  A page
// becomes *hot* when, with a non-zero threshold T:
//   policy Count          the requesting node's count for it reaches T
//                         (the FLASH trigger the Disco paper describes), or
//   policy RemoteMinusHome  a requester on another node than the page's home
//                         has a count that exceeds the home node's count by
//                         at least T (Origin 2000's migration interrupt).
// A hot page is queued (page, node) once; it is re-armed only when its
// counters are reset.  The queue holds 64 entries; more are dropped and
// counted.  A callback reports the queue becoming non-empty / empty so the
// device can raise / lower its interrupt line.
#pragma once
#include <deque>
#include <functional>
#include <vector>

#include "sim/checkpoint.h"
#include "sim/numa/lazy_array.h"
#include "sim/types.h"

namespace ds::numa {

enum class HotPolicy : u8 { Count = 0, RemoteMinusHome = 1 };

struct HotPage {
  u64 page;  // RAM offset of the page (the device reports its physical address)
  unsigned node;
};

class PageCounters {
 public:
  static constexpr unsigned kPageShift = 12;
  static constexpr size_t kQueueDepth = 64;

  // Pages of [0, ram_bytes); page p's home node is p * 4K / mem_per_node.
  PageCounters(u64 ram_bytes, unsigned nodes, u64 mem_per_node);

  // One miss to pa from `node` (pa must be below ram_bytes).
  void record(u64 pa, unsigned node) {
    u64 page = pa >> kPageShift;
    u32& c = counts_[page * nodes_ + node];
    if (c != ~u32{0}) ++c;
    if (threshold_ != 0 && !notified_[page]) check_hot(page, node);
  }

  bool covers(u64 pa) const { return (pa >> kPageShift) < pages_; }
  unsigned nodes() const { return nodes_; }
  u32 count(u64 pa, unsigned node) const { return counts_[(pa >> kPageShift) * nodes_ + node]; }
  void reset_page(u64 pa);
  void reset_all();  // also empties the hot queue

  u64 threshold() const { return threshold_; }
  void set_threshold(u64 t) { threshold_ = t; }
  HotPolicy policy() const { return policy_; }
  void set_policy(HotPolicy p) { policy_ = p; }

  bool hot_pending() const { return !queue_.empty(); }
  const HotPage& hot_front() const { return queue_.front(); }
  void hot_pop();
  u64 dropped() const { return dropped_; }

  // Called with true when the hot queue becomes non-empty, false when it
  // empties (the device's interrupt line).
  void set_notify(std::function<void(bool)> f) { notify_ = std::move(f); }

  // Checkpoints: the pages with a non-zero count or queued since their
  // reset (only those), threshold, policy and the hot queue.
  void save(CheckpointWriter& w) const;
  void restore(CheckpointReader& r);

 private:
  bool page_in_use(u64 page) const;
  void check_hot(u64 page, unsigned node);
  void push_hot(u64 page, unsigned node);

  u64 pages_;
  unsigned nodes_;
  u64 mem_per_node_;
  // Both start zero and cost host memory only where pages miss (lazy_array.h).
  LazyZeroArray<u32> counts_;   // [page * nodes + node]
  LazyZeroArray<u8> notified_;  // per page: already queued since last reset
  u64 threshold_ = 0;         // 0: detector off
  HotPolicy policy_ = HotPolicy::Count;
  std::deque<HotPage> queue_;
  u64 dropped_ = 0;
  std::function<void(bool)> notify_;
};

}  // namespace ds::numa
