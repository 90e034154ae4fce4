// page_counters.cpp - register behaviour of the NUMA page-counter device.
#include "sim/devices/page_counters.h"

#include "sim/memmap.h"

namespace ds {

// Software names pages by physical address; the counters count by RAM
// offset (sim/memmap.h).  The window's addresses are no page (kNotRam).
namespace {
u64 offset_of(u64 pa) { return memmap::pa_to_ram_offset(pa); }
}  // namespace

PageCounterDevice::PageCounterDevice(numa::PageCounters& counters, IrqLine line)
    : counters_(counters), line_(std::move(line)) {
  counters_.set_notify([this](bool level) { line_(level); });
}

bool PageCounterDevice::read(const MmioAccess& a, u64& value) {
  if (a.size < 4) return false;
  constexpr u64 kNone = ~u64{0};
  bool hot = counters_.hot_pending();
  switch (a.offset) {
    case kThreshold: value = counters_.threshold(); return true;
    case kPolicy: value = static_cast<u64>(counters_.policy()); return true;
    case kHotPage: value = hot ? memmap::ram_offset_to_pa(counters_.hot_front().page) : kNone; return true;
    case kHotNode: value = hot ? counters_.hot_front().node : kNone; return true;
    case kPage: value = page_; return true;
    case kNumNodes: value = counters_.nodes(); return true;
    case kDropped: value = counters_.dropped(); return true;
    default: break;
  }
  if (a.offset >= kCount && a.offset < kCount + 8ull * counters_.nodes() && a.offset % 8 == 0) {
    value = counters_.count(offset_of(page_), static_cast<unsigned>((a.offset - kCount) / 8));
    return true;
  }
  return false;
}

bool PageCounterDevice::write(const MmioAccess& a, u64 value) {
  if (a.size < 4) return false;
  switch (a.offset) {
    case kThreshold: counters_.set_threshold(value); return true;
    case kPolicy:
      if (value > 1) return false;
      counters_.set_policy(static_cast<numa::HotPolicy>(value));
      return true;
    case kHotAck: counters_.hot_pop(); return true;
    case kPage:
      if (!counters_.covers(offset_of(value))) return false;
      page_ = value & ~((u64{1} << numa::PageCounters::kPageShift) - 1);
      return true;
    case kResetPage:
      if (!counters_.covers(offset_of(value))) return false;
      counters_.reset_page(offset_of(value));
      return true;
    case kResetAll: counters_.reset_all(); return true;
    default: return false;
  }
}

void PageCounterDevice::save(CheckpointWriter& w) const {
  w.u64v(page_);
  counters_.save(w);
}

void PageCounterDevice::restore(CheckpointReader& r) {
  page_ = r.u64v();
  if (!counters_.covers(offset_of(page_))) r.fail("page counters: bad PAGE register");
  counters_.restore(r);
}

}  // namespace ds
