// timing.h - the cycle-level in-order timing model of one CPU: a single-issue,
// statically scheduled pipeline (the model the Disco paper used) that retires
// one instruction per cycle and stalls
//   * on every instruction fetch and data reference, for as long as the
//     memory system (sim/numa/memory_system.h) says the caches take;
//   * on an uncached reference (a device, or RAM through kseg1), for a fixed
//     uncached latency;
//   * when an instruction needs a result the multiply/divide unit or the FPU
//     has not produced yet, or finds the divider still busy (the latency
//     table below, timing.cpp).
// It changes only *when* instructions complete, never what they compute:
// the Cpu runs the same semantics with or without it (cpu.cpp's loop calls
// fetch() and issue(); Cpu::load/store call data()).
//
// Stalls are added to the CPU's stall_cycles, which is part of cycle(): so
// Count, the timer, the time-by-mode split and the machine's quanta all see
// them.  With charge = false the caches are kept warm but no time is charged
// (the functional mode's optional cache warm-up, docs/timing.md).
#pragma once
#include <array>
#include <vector>

#include "sim/checkpoint.h"
#include "sim/numa/memory_system.h"

namespace ds::mips {

// Where the stalled cycles went (statistics; docs/statistics.md).
struct StallCounters {
  u64 inst_l2 = 0, data_l2 = 0;          // L1 miss, L2 hit
  u64 inst_local = 0, inst_remote = 0;   // instruction fetch L2 misses, by locality
  u64 data_local = 0, data_remote = 0;   // loads/stores: L2 misses and upgrades
  u64 uncached = 0;                      // uncached references
  u64 pipeline = 0;                      // waiting for mul/div/FP results or units
  u64 total() const {
    return inst_l2 + data_l2 + inst_local + inst_remote + data_local + data_remote + uncached + pipeline;
  }
};

// How one instruction-table row uses the multiply/divide unit and the FPU.
struct RowTiming {
  enum Unit : u8 { None, HiLoWrite, HiLoRead, Fpu };
  Unit unit = None;
  u8 latency = 0;        // cycles from issue until the result can be used
  u8 repeat = 0;         // the FP divide/sqrt unit is busy this long (0: pipelined)
  i8 dest = -1;          // FP destination field position (bit shift), -1: none
  i8 src[3] = {-1, -1, -1};  // FP source field positions
  bool writes_cc = false, reads_cc = false;
};

// The table, indexed like the instruction mix: row id + 1, 0 = reserved.
const std::vector<RowTiming>& row_timing();

class CpuTiming {
 public:
  // `stall_cycles` is the CPU's counter; `ram_host` the host address of
  // RAM offset 0.  RAM is one host block (sim/bus.h), and the memory system
  // is addressed by RAM offset (sim/memmap.h: equal to the physical address
  // below the I/O window), so host - ram_host is the address it is given.
  // The uncached latency is the memory system's uncached_ns at its clock.
  CpuTiming(unsigned cpu, numa::MemorySystem& ms, u64& stall_cycles, const u8* ram_host);

  bool charge = true;  // false: keep the caches warm, charge no time
  StallCounters stalls;

  // The memory system's address (RAM offset) of a host address in RAM.
  u64 ram_offset(const u8* host) const { return static_cast<u64>(host - ram_host_); }
  // An instruction fetch from RAM offset pa.  Fetches from the L1 I
  // line of the previous fetch hit without asking the memory system while
  // its generation() is unchanged (the contract in memory_system.h).
  void fetch(u64 pa, u64 now) {
    u64 line = pa >> iline_shift_;
    if (line == last_iline_ && ms_.generation() == last_gen_) {
      if (DS_UNLIKELY(l1_hit_cycles_ != 0)) add(stalls.inst_l2, l1_hit_cycles_);  // what access() would charge
      return;
    }
    fetch_slow(pa, now);
  }
  // A cached load or store at host address `host` (inside RAM).
  void data(const u8* host, bool store, u64 now) {
    numa::AccessResult r = ms_.access(cpu_, static_cast<u64>(host - ram_host_),
                                      store ? numa::AccessKind::Store : numa::AccessKind::Load, Cycle{now + offset_});
    if (r.stall.cycles) charge_data(r);
  }
  // An uncached reference (device register, kseg1 RAM, uncached fetch).
  void uncached() { add(stalls.uncached, uncached_cycles_); }
  // Interlocks of the instruction about to issue at cycle `now` (row timing
  // rt, raw bits raw): waits for its sources, then books its result.
  void issue(const RowTiming& rt, u32 raw, u64 now);

  numa::MemorySystem& memory() { return ms_; }
  // The memory system's clock is machine time, shared by all CPUs; the
  // arguments `now` above are this CPU's cycle().  The machine calls this
  // before each quantum with the machine time at which cpu_cycle falls.
  void sync(u64 machine_time, u64 cpu_cycle) { offset_ = machine_time - cpu_cycle; }

  // Checkpoints: stall counters, interlock clocks, the fetch-line shortcut.
  void save(CheckpointWriter& w) const;
  void restore(CheckpointReader& r);

 private:
  void fetch_slow(u64 pa, u64 now);
  void charge_data(const numa::AccessResult& r);
  void add(u64& counter, u64 cycles) {
    if (!charge) return;
    counter += cycles;
    stall_cycles_ += cycles;
  }

  unsigned cpu_;
  numa::MemorySystem& ms_;
  u64& stall_cycles_;
  const u8* ram_host_;
  u64 uncached_cycles_;
  unsigned iline_shift_;
  u64 l1_hit_cycles_;  // the memory system's l1_hit_cycles, charged by the fetch shortcut too
  u64 offset_ = 0;  // machine time - cpu cycle (modulo 2^64)
  u64 last_iline_ = ~u64{0}, last_gen_ = ~u64{0};
  // Interlock clocks (CPU cycles): when HI/LO, each FPR and the FP condition
  // codes become available, and when the FP divide/sqrt unit is free.
  u64 hilo_ready_ = 0, cc_ready_ = 0, fdiv_free_ = 0;
  std::array<u64, 32> fpr_ready_{};
};

}  // namespace ds::mips
