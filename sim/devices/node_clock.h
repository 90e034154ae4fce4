// node_clock.h - a node's real-time clock: simulated time since power-on.
// Every node has one (the board places node n's at kNodeClockBase + n *
// kNodeClockStride); all are driven by the one machine clock, so they agree.
// Time is simulated, never the host's: runs stay reproducible.
//
// Register map (offsets; 64-bit registers):
//
//   offset  name       access  meaning
//   0x00    NOW_NS     R       nanoseconds since power-on
//   0x08    NOW_CYCLES R       CPU clock cycles since power-on
//   0x10    CLOCK_MHZ  R       CPU clock frequency
//   0x18    NODE       R       the node this clock belongs to
#pragma once
#include "sim/device.h"
#include "sim/event_queue.h"

namespace ds {

class NodeClock final : public Device {
 public:
  enum Reg : u64 { kNowNs = 0x00, kNowCycles = 0x08, kClockMhz = 0x10, kNode = 0x18 };

  NodeClock(unsigned node, const Cycle& now, u64 clock_mhz) : node_(node), now_(now), mhz_(clock_mhz) {}
  const char* name() const override { return "node-clock"; }
  bool read(const MmioAccess& a, u64& value) override {
    if (a.size < 4) return false;
    switch (a.offset) {
      case kNowNs: value = now_.value * 1000 / mhz_; return true;
      case kNowCycles: value = now_.value; return true;
      case kClockMhz: value = mhz_; return true;
      case kNode: value = node_; return true;
      default: return false;
    }
  }
  bool write(const MmioAccess&, u64) override { return false; }  // read-only

 private:
  unsigned node_;
  const Cycle& now_;
  u64 mhz_;
};

}  // namespace ds
