// ipi.h - the inter-processor interrupt unit: any CPU can interrupt any
// other (the monitor uses it for TLB shootdown and remote vCPU actions).
// Each CPU has one IPI line, wired by the board to its Cause.IP3.
//
// Register map (offsets; 64-bit registers):
//
//   offset  name     access  meaning
//   0x00    SEND     W       raise the IPI line of CPU <value>
//   0x08    CLEAR    W       any value: lower the IPI line of the CPU writing
//   0x10    PENDING  R       1 if the reading CPU's IPI line is up, else 0
//   0x18    SENT     R       IPIs sent so far by the reading CPU (statistics)
//
// Sending to a CPU that does not exist takes a bus error.
#pragma once
#include <vector>

#include "sim/device.h"
#include "sim/event_queue.h"

namespace ds {

class IpiUnit final : public Device {
 public:
  enum Reg : u64 { kSend = 0x00, kClear = 0x08, kPending = 0x10, kSent = 0x18 };

  // lines[n] is CPU n's IPI line.
  explicit IpiUnit(std::vector<IrqLine> lines)
      : lines_(std::move(lines)), pending_(lines_.size(), 0), sent_(lines_.size(), 0) {}
  const char* name() const override { return "ipi"; }
  bool read(const MmioAccess& a, u64& value) override;
  bool write(const MmioAccess& a, u64 value) override;
  // The line levels themselves live in the CPUs' Cause registers, which the
  // CPUs save; this saves the unit's view of them.
  void save(CheckpointWriter& w) const override {
    w.array(pending_);
    w.array(sent_);
  }
  void restore(CheckpointReader& r) override {
    r.array(pending_);
    r.array(sent_);
  }

 private:
  std::vector<IrqLine> lines_;
  std::vector<u8> pending_;  // per CPU: line up (1) or down (0)
  std::vector<u64> sent_;
};

}  // namespace ds
