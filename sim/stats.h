// stats.h - run statistics: what the simulator reports after (or during) a
// run, as a table for people and as JSON for experiments/ (schema in
// docs/statistics.md; Python reads only the JSON).
#pragma once
#include <array>
#include <string>
#include <vector>

#include "sim/checkpoint.h"
#include "sim/config.h"
#include "sim/mips/exception.h"
#include "sim/mips/timing.h"

namespace ds {

struct CpuStats {
  unsigned id = 0;
  u64 instructions = 0;
  // Cycles by mode (the paper's categories: kernel = the monitor under
  // Disco, supervisor = a guest kernel, user, idle).  Stall cycles are
  // included in the mode that stalled.
  u64 kernel_cycles = 0, supervisor_cycles = 0, user_cycles = 0, idle_cycles = 0;
  std::array<u64, mips::kNumExcCodes> exceptions{};
  // TLB misses: refill exceptions and the cycles from the refill vector to
  // the handler's ERET (both modes).
  u64 tlb_refills = 0, tlb_refill_cycles = 0;
  // Timing mode: where stalled cycles went, and memory-system events.
  mips::StallCounters stalls;
  numa::CpuMemStats mem;

  // Every counter, for differences, checkpoints and output, in one place.
  template <typename F>
  void for_each_counter(F&& f);
  u64 cycles() const { return kernel_cycles + supervisor_cycles + user_cycles + idle_cycles; }
};

template <typename F>
void CpuStats::for_each_counter(F&& f) {
  f("instructions", instructions);
  f("kernel_cycles", kernel_cycles), f("supervisor_cycles", supervisor_cycles), f("user_cycles", user_cycles);
  f("idle_cycles", idle_cycles);
  for (u64& e : exceptions) f("exception", e);
  f("tlb_refills", tlb_refills), f("tlb_refill_cycles", tlb_refill_cycles);
  f("stall_inst_l2", stalls.inst_l2), f("stall_data_l2", stalls.data_l2);
  f("stall_inst_local", stalls.inst_local), f("stall_inst_remote", stalls.inst_remote);
  f("stall_data_local", stalls.data_local), f("stall_data_remote", stalls.data_remote);
  f("stall_uncached", stalls.uncached), f("stall_pipeline", stalls.pipeline);
  f("l1i_misses", mem.l1i_misses), f("l1d_misses", mem.l1d_misses), f("l2_misses", mem.l2_misses);
  f("upgrades", mem.upgrades), f("local_misses", mem.local_misses), f("remote_misses", mem.remote_misses);
  f("dirty_misses", mem.dirty_misses), f("invalidations_sent", mem.invalidations_sent);
  f("invalidations_received", mem.invalidations_received), f("writebacks", mem.writebacks);
  f("contention_cycles", mem.contention_cycles);
}

// after - before, counter by counter (a phase's share of a run).
CpuStats stats_delta(const CpuStats& after, const CpuStats& before);
void save_cpu_stats(CheckpointWriter& w, const CpuStats& c);
CpuStats restore_cpu_stats(CheckpointReader& r);

// A measured region between sim-control PHASE_BEGIN and PHASE_END: every
// CPU's counters at both ends (the end is "now" while the phase is open).
struct PhaseRecord {
  u64 id = 0;
  bool open = true;
  std::vector<CpuStats> begin, end;
  u64 instructions() const;
};

struct RunStats {
  MachineConfig config;
  std::vector<CpuStats> cpus;
  std::vector<PhaseRecord> phases;
  // Instruction mix over all CPUs (mnemonic, executions), most frequent
  // first; empty unless the run counted it (Machine::count_instruction_mix).
  std::vector<std::pair<std::string, u64>> instruction_mix;
  // The CPU model at the end of the run, and the instruction count at which
  // the run switched from the functional to the timing model (if it did).
  CpuModel cpu_model = CpuModel::Functional;
  std::optional<u64> switched_to_timing_at;
  double host_seconds = 0;
  int exit_code = 0;
  std::string end_reason;

  u64 total_instructions() const;
  double mips() const;  // simulated instructions per host second, millions
};

std::string stats_table(const RunStats& s);
std::string stats_json(const RunStats& s);

}  // namespace ds
