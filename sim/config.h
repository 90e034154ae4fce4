// config.h - the machine description: one TOML file in configs/ feeds one
// builder (Machine), used alike by the CLI, the tests and the experiments.
//
//   [machine]
//   nodes = 1                 # NUMA nodes
//   cpus_per_node = 1
//   memory_per_node = "64M"   # bytes, or a string with K/M/G suffix
//   endian = "big"            # "big" (SGI's choice) or "little"
//   clock_mhz = 200           # CPU clock: converts cycles to time
//   isa = "mips4"             # the R10000's MIPS IV, or "r2": also the MIPS64
//                             # Release 2 additions, in every mode (RDHWR stays
//                             # Reserved Instruction: docs/privileged.md)
//
//   [disk_timing]
//   command_us = 5000         # per command: seek, rotation, controller
//   mb_per_s = 20             # transfer rate
//
//   [[disk]]                  # one table per disk, in controller order
//   image = "root.img"        # host file; relative paths are relative to
//   writable = false          # the config file; opened read-only unless true
//
//   [run]
//   quantum = 1000            # cycles a CPU runs before the next one
//   max_instructions = 0      # 0: no limit; counts instructions executed,
//                             # whether they retired or trapped
//   cpu_model = "functional"  # or "timing": the CPU model a run starts in
//   timing_at_phase = 1       # switch to timing when phase 1 begins
//   timing_at_instructions = 0  # ... or after this many instructions (0: never)
//   warm_caches = false       # the functional model keeps the caches warm
//
//   [memory]                  # caches and ccNUMA memory (sim/numa/memory_config.h)
//
//   [boot]                    # the boot arguments (docs/board.md)
//   [[vm]]                    # virtual machines for the Disco monitor: turned
//                             # into its boot words (sim/vm_config.h)
//
//   [boot]                    # what the loader hands the kernel (docs/board.md,
//   args = ["root=0", "--", "a"]  # "Boot protocol"): argv[1..], after argv[0] =
//   env = ["HOME=/", "TERM=vt100"]  # the kernel file's name; envp[], NAME=VALUE
//                             # (`discosim run CONFIG KERNEL ARG...` and
//                             # --boot-env NAME=VALUE append to these)
//
// Unknown keys are errors, so a typo never silently changes an experiment.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sim/mips/isa.h"
#include "sim/numa/memory_config.h"
#include "sim/types.h"

namespace ds {

struct DiskConfig {
  std::string image;  // resolved path
  bool writable = false;
};

enum class CpuModel : u8 { Functional, Timing };

struct MachineConfig {
  unsigned nodes = 1;
  unsigned cpus_per_node = 1;
  u64 memory_per_node = 64ull << 20;
  bool big_endian = true;
  u64 clock_mhz = 200;
  mips::IsaLevel isa = mips::IsaLevel::Mips4;
  u64 disk_command_us = 5000;
  u64 disk_mb_per_s = 20;
  std::vector<DiskConfig> disks;
  u64 quantum = 1000;
  u64 max_instructions = 0;
  CpuModel cpu_model = CpuModel::Functional;
  std::optional<u64> timing_at_phase;  // switch to timing when this phase begins
  u64 timing_at_instructions = 0;      // ... or at this instruction count (0: never)
  bool warm_caches = false;
  numa::MemoryConfig memory;
  std::vector<std::string> boot_args;  // argv[1..] for the kernel
  std::vector<std::string> boot_env;   // envp[], NAME=VALUE each
  std::string source = "<defaults>";  // file it came from

  unsigned num_cpus() const { return nodes * cpus_per_node; }
};

// Parses a TOML file; throws std::runtime_error("file: reason") on any error.
MachineConfig load_config(const std::string& path);
// Parses TOML text (tests); `name` labels errors.
MachineConfig parse_config(const std::string& text, const std::string& name);

// "64M" -> 67108864; throws on malformed input.
u64 parse_size(const std::string& s);

// An environment entry is NAME=VALUE with a non-empty NAME; false otherwise.
bool is_env_entry(const std::string& s);

// The `isa` option's spellings: "mips4" and "r2" (false for anything else).
bool parse_isa(const std::string& s, mips::IsaLevel& out);
const char* isa_name(mips::IsaLevel isa);

}  // namespace ds
