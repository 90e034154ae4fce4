// page_counters.cpp - hot-page detection, reset and checkpointing of the
// per-page per-node miss counters.
#include "sim/numa/page_counters.h"

#include <algorithm>

namespace ds::numa {

PageCounters::PageCounters(u64 ram_bytes, unsigned nodes, u64 mem_per_node)
    : pages_((ram_bytes + (u64{1} << kPageShift) - 1) >> kPageShift),
      nodes_(nodes),
      mem_per_node_(mem_per_node),
      counts_(pages_ * nodes, 0),
      notified_(pages_, 0) {}

void PageCounters::check_hot(u64 page, unsigned node) {
  u64 mine = counts_[page * nodes_ + node];
  if (policy_ == HotPolicy::Count) {
    if (mine >= threshold_) push_hot(page, node);
    return;
  }
  unsigned home = static_cast<unsigned>(std::min<u64>((page << kPageShift) / mem_per_node_, nodes_ - 1));
  if (node == home) return;
  u64 at_home = counts_[page * nodes_ + home];
  if (mine >= at_home + threshold_) push_hot(page, node);
}

void PageCounters::push_hot(u64 page, unsigned node) {
  notified_[page] = 1;
  if (queue_.size() >= kQueueDepth) {
    ++dropped_;
    return;
  }
  queue_.push_back({page << kPageShift, node});
  if (queue_.size() == 1 && notify_) notify_(true);
}

void PageCounters::hot_pop() {
  if (queue_.empty()) return;
  queue_.pop_front();
  if (queue_.empty() && notify_) notify_(false);
}

void PageCounters::reset_page(u64 pa) {
  u64 page = pa >> kPageShift;
  std::fill_n(counts_.begin() + static_cast<long>(page * nodes_), nodes_, 0);
  notified_[page] = 0;
}

void PageCounters::reset_all() {
  std::fill(counts_.begin(), counts_.end(), 0);
  std::fill(notified_.begin(), notified_.end(), 0);
  bool had = !queue_.empty();
  queue_.clear();
  if (had && notify_) notify_(false);
}

void PageCounters::save(CheckpointWriter& w) const {
  w.array(counts_);
  w.array(notified_);
  w.u64v(threshold_);
  w.u64v(static_cast<u64>(policy_));
  w.u64v(dropped_);
  w.u64v(queue_.size());
  for (const HotPage& h : queue_) {
    w.u64v(h.page_pa);
    w.u64v(h.node);
  }
}

// The interrupt line's level lives in the CPUs' Cause registers, which the
// CPUs checkpoint; restoring the queue does not re-signal it.
void PageCounters::restore(CheckpointReader& r) {
  r.array(counts_);
  r.array(notified_);
  threshold_ = r.u64v();
  u64 p = r.u64v();
  if (p > 1) r.fail("page counters: bad policy");
  policy_ = static_cast<HotPolicy>(p);
  dropped_ = r.u64v();
  u64 n = r.u64v();
  if (n > kQueueDepth) r.fail("page counters: hot queue too long");
  queue_.clear();
  for (u64 i = 0; i < n; ++i) {
    u64 pa = r.u64v();
    u64 node = r.u64v();
    if ((pa >> kPageShift) >= pages_ || node >= nodes_) r.fail("page counters: bad hot page");
    queue_.push_back({pa, static_cast<unsigned>(node)});
  }
}

}  // namespace ds::numa
