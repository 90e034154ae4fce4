// page_counters.cpp - hot-page detection, reset and checkpointing of the
// per-page per-node miss counters.
#include "sim/numa/page_counters.h"

#include <algorithm>

#include "sim/memmap.h"

namespace ds::numa {

PageCounters::PageCounters(u64 ram_bytes, unsigned nodes, u64 mem_per_node)
    : pages_((ram_bytes + (u64{1} << kPageShift) - 1) >> kPageShift),
      nodes_(nodes),
      mem_per_node_(mem_per_node),
      counts_(pages_ * nodes),
      notified_(pages_) {}

void PageCounters::check_hot(u64 page, unsigned node) {
  u64 mine = counts_[page * nodes_ + node];
  if (policy_ == HotPolicy::Count) {
    if (mine >= threshold_) push_hot(page, node);
    return;
  }
  unsigned home = std::min(memmap::node_of_ram_offset(page << kPageShift, mem_per_node_), nodes_ - 1);
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
  for (unsigned n = 0; n < nodes_; ++n) counts_[page * nodes_ + n] = 0;
  notified_[page] = 0;
}

void PageCounters::reset_all() {
  counts_.clear();
  notified_.clear();
  bool had = !queue_.empty();
  queue_.clear();
  if (had && notify_) notify_(false);
}

bool PageCounters::page_in_use(u64 page) const {
  if (notified_[page]) return true;
  for (unsigned n = 0; n < nodes_; ++n)
    if (counts_[page * nodes_ + n]) return true;
  return false;
}

void PageCounters::save(CheckpointWriter& w) const {
  u64 used = 0;
  for (u64 p = 0; p < pages_; ++p) used += page_in_use(p);
  w.u64v(pages_);
  w.u64v(used);
  for (u64 p = 0; p < pages_; ++p) {
    if (!page_in_use(p)) continue;
    w.u64v(p);
    w.u64v(notified_[p]);
    for (unsigned n = 0; n < nodes_; ++n) w.u64v(counts_[p * nodes_ + n]);
  }
  w.u64v(threshold_);
  w.u64v(static_cast<u64>(policy_));
  w.u64v(dropped_);
  w.u64v(queue_.size());
  for (const HotPage& h : queue_) {
    w.u64v(h.page);
    w.u64v(h.node);
  }
}

// The interrupt line's level lives in the CPUs' Cause registers, which the
// CPUs checkpoint; restoring the queue does not re-signal it.
void PageCounters::restore(CheckpointReader& r) {
  counts_.clear();
  notified_.clear();
  if (r.u64v() != pages_) r.fail("page counters: different number of pages");
  u64 used = r.u64v();
  if (used > pages_) r.fail("page counters: too many pages");
  for (u64 k = 0; k < used; ++k) {
    u64 p = r.u64v();
    u64 notified = r.u64v();
    if (p >= pages_ || notified > 1) r.fail("page counters: bad page");
    notified_[p] = static_cast<u8>(notified);
    for (unsigned n = 0; n < nodes_; ++n) {
      u64 c = r.u64v();
      if (c > ~u32{0}) r.fail("page counters: bad count");
      counts_[p * nodes_ + n] = static_cast<u32>(c);
    }
  }
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
