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
#include "sim/devices/sim_control.h"
#include "sim/devices/uart.h"
#include "sim/elf_loader.h"
#include "sim/mips/cpu.h"
#include "sim/stats.h"

namespace ds {

class Machine final : public SimControl::Host, public CpuControl::Host {
 public:
  explicit Machine(const MachineConfig& cfg, std::FILE* console = stdout);
  ~Machine() override;

  // Copies the image's segments to physical memory (kseg0/kseg1/xkphys
  // addresses map to physical by masking) and points every CPU at the entry.
  // Throws std::runtime_error on a segment outside RAM or a byte-order clash.
  void load_kernel(const ElfImage& img);

  // Runs until software exits, every CPU stops, or the instruction limit.
  // Returns the exit code software asked for (or 0 / 124 for the limit).
  int run();

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
  void idle(unsigned cpu) override;

  // CpuControl::Host
  unsigned node_of(unsigned cpu) const override { return cpu / cfg_.cpus_per_node; }
  bool cpu_started(unsigned cpu) const override { return started_[cpu]; }
  void start_cpu(unsigned cpu, u64 pc, u64 arg) override;

  // Why the last run ended, for the user ("exit code 0", "instruction limit").
  const std::string& end_reason() const { return end_reason_; }

 private:
  void link_to_reservation(mips::Cpu& c);

  MachineConfig cfg_;
  std::FILE* console_;
  Bus bus_;
  mips::DecodeCache dcache_;
  std::unique_ptr<SimControl> simctl_;
  std::unique_ptr<Uart> uart_;
  std::unique_ptr<CpuControl> cpuctl_;
  std::vector<bool> started_;  // released from reset (boot protocol, cpu_control.h)
  bool wakeable(const mips::Cpu& c) const;
  std::vector<std::unique_ptr<mips::CpuOwner>> owners_;
  std::vector<std::unique_ptr<mips::Cpu>> cpus_;
  std::optional<int> exit_code_;
  std::string end_reason_;
  double host_seconds_ = 0;
  std::vector<PhaseRecord> phases_;
};

}  // namespace ds
