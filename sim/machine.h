// machine.h - the board: builds CPUs, RAM and devices from a MachineConfig,
// loads a kernel, and runs the CPUs interleaved in fixed quanta (so a run is
// deterministic: same config and image, same result, bit for bit).
#pragma once
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/bus.h"
#include "sim/config.h"
#include "sim/devices/cpu_control.h"
#include "sim/devices/disk.h"
#include "sim/devices/ipi.h"
#include "sim/devices/node_clock.h"
#include "sim/devices/page_counters.h"
#include "sim/event_queue.h"
#include "sim/devices/sim_control.h"
#include "sim/devices/uart.h"
#include "sim/elf_loader.h"
#include "sim/mips/cpu.h"
#include "sim/mips/timing.h"
#include "sim/numa/memory_system.h"
#include "sim/progress.h"
#include "sim/quantum_hook.h"
#include "sim/stats.h"

namespace ds {

class Lockstep;

class Machine final : public SimControl::Host, public CpuControl::Host {
 public:
  explicit Machine(const MachineConfig& cfg, std::FILE* console = stdout);
  ~Machine() override;

  // Copies the image's segments to physical memory (kseg0/kseg1/xkphys
  // addresses map to physical by masking), writes the boot-argument block
  // (sim/boot_args.h: argv[0] = the image file's name, then the config's
  // boot_args; envp = boot_env) and starts CPU 0 at the entry with $a0 =
  // argc, $a1 = argv, $a2 = envp.  Throws std::runtime_error on a segment
  // outside RAM or over the boot-argument block, a byte-order clash, or
  // boot arguments too large for their block.
  void load_kernel(const ElfImage& img);

  // Runs until software exits, every CPU stops, or the instruction limit.
  // Returns the exit code software asked for (or 0 / 124 for the limit).
  // With pause_at > 0 it also returns, with paused() true, at the first
  // quantum boundary where all CPUs together executed at least pause_at
  // instruction slots (retired or trapped); calling run() again continues.
  int run(u64 pause_at = 0);
  bool paused() const { return paused_; }

  // Checkpoints of the whole machine: CPUs (with CP0, TLB, FPU), memory,
  // devices, disk contents and machine time, taken between quanta.
  // Restore into a machine built from the same description (no kernel
  // load); running on then ends exactly as the uninterrupted run does.
  // Both throw std::runtime_error with a one-line reason.
  void save_checkpoint(const std::string& path) const;

  // Counts executions per instruction-table row from now on (statistics:
  // RunStats::instruction_mix); costs a counter increment per instruction.
  void count_instruction_mix();

  // The CPU model (docs/timing.md): Functional runs one cycle per
  // instruction (with warm_caches, the caches are still updated); Timing
  // adds the pipeline's and the memory system's stalls.  Takes effect at the
  // next instruction of every CPU.  The configuration can also switch from
  // functional to timing at a phase marker or an instruction count.
  void set_cpu_model(CpuModel m);
  // The instruction set every CPU admits (config.h `isa`); a checkpoint
  // records it, and restoring one sets it.
  void set_isa(mips::IsaLevel isa);
  CpuModel cpu_model() const { return model_; }
  numa::MemorySystem& memory_system() { return *mem_; }
  // Runs every instruction again on a functional checker and compares
  // (sim/lockstep.h); a difference ends the run with exit code 3.
  void set_lockstep(Lockstep* l) { lockstep_ = l; }
  // Hands every quantum to `h` (null: back to Cpu::run); not with lockstep.
  void set_quantum_hook(QuantumHook* h) { hook_ = h; }

  // The progress line on stderr (progress.h); Auto: only on a terminal.
  void set_progress(Progress::Mode mode) { progress_ = Progress(stderr, mode); }
  void restore_checkpoint(const std::string& path);

  const MachineConfig& config() const { return cfg_; }
  Bus& bus() { return bus_; }
  mips::Cpu& cpu(unsigned i) { return *cpus_[i]; }
  Uart& uart() { return *uart_; }
  RunStats stats() const;

  // SimControl::Host
  void request_exit(int code) override;
  void phase_begin(u64 id) override;
  void phase_end(u64 id) override;
  void dump_stats() override;
  unsigned num_cpus() const override { return static_cast<unsigned>(cpus_.size()); }
  u64 total_insns() const override;
  u64 total_slots() const;
  void idle(unsigned cpu) override;

  // CpuControl::Host
  unsigned node_of(unsigned cpu) const override { return cpu / cfg_.cpus_per_node; }
  unsigned num_nodes() const override { return cfg_.nodes; }
  u64 memory_per_node() const override { return cfg_.memory_per_node; }
  bool cpu_started(unsigned cpu) const override { return started_[cpu]; }
  void start_cpu(unsigned cpu, u64 pc, u64 arg) override;

  // Why the last run ended, for the user ("exit code 0", "instruction limit").
  const std::string& end_reason() const { return end_reason_; }

 private:
  friend class Lockstep;
  void link_to_reservation(mips::Cpu& c);
  std::vector<CpuStats> cpu_stats() const;
  // An interrupt line into CPU `cpu`'s Cause.IP<irq>.
  IrqLine irq_line(unsigned cpu, unsigned irq);

  MachineConfig cfg_;
  std::FILE* console_;
  Bus bus_;
  mips::DecodeCache dcache_;
  std::unique_ptr<SimControl> simctl_;
  std::unique_ptr<Uart> uart_;
  std::unique_ptr<CpuControl> cpuctl_;
  std::unique_ptr<IpiUnit> ipi_;
  std::unique_ptr<DiskController> disk_;
  std::vector<std::unique_ptr<NodeClock>> clocks_;
  // Machine time advances one quantum per round of CPUs; device events fire
  // at round boundaries (deterministic, see docs/board.md).
  EventQueue events_;
  Cycle now_;
  std::unique_ptr<numa::MemorySystem> mem_;
  std::unique_ptr<PageCounterDevice> counters_;
  std::vector<std::unique_ptr<mips::CpuTiming>> timing_;
  CpuModel model_ = CpuModel::Functional;
  Lockstep* lockstep_ = nullptr;
  QuantumHook* hook_ = nullptr;
  std::optional<u64> switched_at_;  // instruction count of the switch to timing
  std::vector<bool> started_;  // released from reset (boot protocol, cpu_control.h)
  bool wakeable(const mips::Cpu& c) const;
  bool all_waiting_forever() const;
  std::vector<std::unique_ptr<mips::CpuOwner>> owners_;
  std::vector<std::unique_ptr<mips::Cpu>> cpus_;
  std::optional<int> exit_code_;
  std::string end_reason_;
  bool paused_ = false;
  Progress progress_{stderr, Progress::Mode::Auto};
  double host_seconds_ = 0;
  std::vector<PhaseRecord> phases_;
};

}  // namespace ds
