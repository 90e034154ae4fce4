// stats.h - run statistics: what the simulator reports after (or during) a
// run, as a table for people and as JSON for experiments/ (schema in
// docs/statistics.md; Python reads only the JSON).
#pragma once
#include <array>
#include <string>
#include <vector>

#include "sim/config.h"
#include "sim/mips/exception.h"

namespace ds {

struct CpuStats {
  unsigned id = 0;
  u64 instructions = 0;
  // Cycles by mode (the paper's categories: kernel = the monitor under
  // Disco, supervisor = a guest kernel, user, idle).
  u64 kernel_cycles = 0, supervisor_cycles = 0, user_cycles = 0, idle_cycles = 0;
  std::array<u64, mips::kNumExcCodes> exceptions{};
};

struct PhaseRecord {
  u64 id = 0;
  u64 begin_insns = 0;
  u64 end_insns = 0;
  bool open = true;
};

struct RunStats {
  MachineConfig config;
  std::vector<CpuStats> cpus;
  std::vector<PhaseRecord> phases;
  // Instruction mix over all CPUs (mnemonic, executions), most frequent
  // first; empty unless the run counted it (Machine::count_instruction_mix).
  std::vector<std::pair<std::string, u64>> instruction_mix;
  double host_seconds = 0;
  int exit_code = 0;
  std::string end_reason;

  u64 total_instructions() const;
  double mips() const;  // simulated instructions per host second, millions
};

std::string stats_table(const RunStats& s);
std::string stats_json(const RunStats& s);

}  // namespace ds
