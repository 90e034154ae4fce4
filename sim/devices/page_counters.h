// page_counters.h - the NUMA page-counter device: software reads and resets
// the per-page, per-node miss counters (sim/numa/page_counters.h) and is
// interrupted when a page becomes hot (the board wires the line to
// Cause.IP5, memmap::kIrqHotPage).  Policy and hot-page rules: see the
// model's header and docs/memory-system.md.
//
// Register map (offsets; 64-bit registers, 4- or 8-byte accesses):
//
//   offset     name        access  meaning
//   0x00       THRESHOLD   RW      hot-page threshold; 0 turns detection off
//   0x08       POLICY      RW      0: a node's misses to a page reach THRESHOLD
//                                  1: a remote node's misses exceed the home
//                                     node's by THRESHOLD (Origin)
//   0x10       HOT_PAGE    R       physical address of the oldest unacknowledged
//                                  hot page, ~0 when none
//   0x18       HOT_NODE    R       node whose misses made that page hot, ~0 when none
//   0x20       HOT_ACK     W       any value: drop the oldest hot page; the line
//                                  falls when none is left
//   0x28       PAGE        RW      physical address selecting the page COUNT[n]
//                                  reads (low 12 bits read back as zero)
//   0x30       RESET_PAGE  W       zero the counters of the page containing
//                                  physical address <value> and re-arm it
//   0x38       RESET_ALL   W       any value: zero all counters, re-arm all pages,
//                                  empty the hot queue (the line falls)
//   0x40       NUM_NODES   R       nodes, i.e. COUNT registers
//   0x48       DROPPED     R       hot pages lost because 64 were queued
//   0x100+8n   COUNT[n]    R       misses to PAGE from node n
//
// Addresses outside RAM, a POLICY other than 0/1 and n >= NUM_NODES take a
// bus error.
#pragma once
#include "sim/device.h"
#include "sim/numa/page_counters.h"

namespace ds {

class PageCounterDevice final : public Device {
 public:
  enum Reg : u64 {
    kThreshold = 0x00,
    kPolicy = 0x08,
    kHotPage = 0x10,
    kHotNode = 0x18,
    kHotAck = 0x20,
    kPage = 0x28,
    kResetPage = 0x30,
    kResetAll = 0x38,
    kNumNodes = 0x40,
    kDropped = 0x48,
    kCount = 0x100,
  };

  // The device drives `line` from the counters' hot queue; `counters`
  // (owned by the memory system) must outlive it.
  PageCounterDevice(numa::PageCounters& counters, IrqLine line);
  const char* name() const override { return "page-counters"; }
  bool read(const MmioAccess& a, u64& value) override;
  bool write(const MmioAccess& a, u64 value) override;
  void save(CheckpointWriter& w) const override;
  void restore(CheckpointReader& r) override;

 private:
  numa::PageCounters& counters_;
  IrqLine line_;
  u64 page_ = 0;  // PAGE register
};

}  // namespace ds
