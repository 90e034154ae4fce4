// run.h - build a Machine from a machine description and run it: the one run
// loop behind `discosim run`, `discosim resume` and `discosim guest`.
#pragma once
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "sim/config.h"

namespace ds {

// What the command line can change about a run (the options of `run`/`resume`;
// `guest` offers a subset).
struct RunOptions {
  bool show_stats = false;
  std::string stats_json;
  uint64_t max_insns = 0;
  uint64_t checkpoint_at = 0;    // take a checkpoint once this many instructions retired
  std::string checkpoint;        // ... into this file
  bool stop_at_checkpoint = false;
  std::string final_checkpoint;  // checkpoint the machine as the run ends
  std::string console_input;     // file whose bytes the console UART receives
  std::string console_suffix;    // bytes queued after them (guest: ^D, end of file to the tty)
  std::FILE* console = stdout;   // where the console UART and sim-control PUTC write
  bool insn_mix = false;         // count executions per instruction
  std::string progress = "auto";  // progress line: auto (on a terminal), on, off
  std::string cpu_model;          // functional or timing (overrides config and checkpoint)
  std::string isa;                // mips4 or r2 (overrides config and checkpoint)
  std::vector<std::string> boot_args;  // run: appended to the config's [boot] args
  std::vector<std::string> boot_env;   // run: appended to the config's [boot] env
  std::optional<uint64_t> timing_at_phase;
  uint64_t timing_at_insns = 0;
  bool warm_caches = false;
  bool lockstep = false;          // check every instruction against the functional model
  std::optional<uint64_t> lockstep_inject;  // test the checker: corrupt its byte at this physical address
  // Debugging (docs/debugging.md): a commit-record trace and its filters,
  // as the command line spells them, and the gdb stub.
  std::string trace;                   // --trace FILE
  std::optional<unsigned> trace_cpu;   // --trace-cpu N
  std::string trace_mode, trace_range, trace_window;
  std::string gdb;                     // --gdb PORT or unix:PATH
  bool gdb_wait = false;               // hold the machine until gdb attaches
};

// Applies the options that change the machine description (instruction
// limit, CPU model, ISA, timing switches, warm caches, boot arguments and
// environment).  Throws std::runtime_error on a malformed --boot-env entry.
void apply_run_options(MachineConfig& cfg, const RunOptions& o);

enum class RunStart { Kernel, Checkpoint };

struct RunResult {
  int exit_code = 0;       // the software's EXIT value, 124 at the instruction limit, 3 on a lockstep difference
  std::string end_reason;  // why the run ended, as the statistics say it ("software exit, code 0", ...)
};

// Builds the machine (and the lockstep checker), loads the kernel ELF or
// restores the checkpoint `image`, feeds the console input, runs to the end
// and reports statistics.  Returns the run's exit code (3 when the lockstep
// checker found a difference; 0 after --stop-at-checkpoint) and why it ended.
// Throws std::runtime_error with a one-line reason.
RunResult run_machine(const MachineConfig& cfg, const std::string& image, RunStart start, const RunOptions& o);

}  // namespace ds
