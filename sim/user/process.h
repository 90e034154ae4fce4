// process.h - one Linux process in user mode (like qemu-user / gem5 SE): a
// Cpu whose owner is the process model instead of CP0.
//
// The process owns the physical memory (a Bus with one RAM region used as a
// frame pool), its address space, signal state, brk, and a deterministic
// environment: the clock is derived from the retired-instruction count and
// random bytes come from a fixed seed, so a run is reproducible bit for bit.
// File descriptors are host descriptors, passed through unchanged.
#pragma once
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "sim/bus.h"
#include "sim/elf_loader.h"
#include "sim/mips/cpu.h"
#include "sim/mips/decode_cache.h"
#include "sim/mips/timing.h"
#include "sim/quantum_hook.h"
#include "sim/numa/memory_system.h"
#include "sim/user/address_space.h"
#include "sim/user/signals.h"

namespace ds::user {

// The fixed identity of every guest process (never the host's).
constexpr i64 kGuestPid = 1000, kGuestPpid = 999, kGuestUid = 1000, kGuestGid = 1000;

struct ProcessOptions {
  std::string path;                // the ELF file as given on the command line
  std::vector<std::string> argv;   // argv[0] is the program path
  std::vector<std::string> envp;   // the guest's environment (deterministic_env())
  bool isa_r2 = true;              // accept MIPS64 Release 2 instructions
  u64 max_insns = 0;               // 0: no limit
  bool strace = false;             // log every syscall and its result to stderr
  bool timing = false;             // the timing CPU model (caches, stalls; sim/mips/timing.h)
};

// The default guest environment: fixed, never the host's.
std::vector<std::string> deterministic_env();

class Process final : public mips::CpuOwner {
 public:
  // Loads `img` and builds the initial stack; throws std::runtime_error with a
  // one-line reason when the image cannot run (see loader.cpp).
  Process(const ElfImage& img, const ProcessOptions& opt);
  ~Process() override;

  // Runs until the process exits; returns its exit status (128+N when killed
  // by signal N).
  int run();

  // ---- CpuOwner -------------------------------------------------------------
  bool translate(mips::Cpu& cpu, u64 va, mips::Access access, mips::Translation& out) override;
  void take_exception(mips::Cpu& cpu) override;

  // ---- used by syscalls and signals --------------------------------------------
  mips::Cpu& cpu() { return *cpu_; }
  Bus& bus() { return bus_; }
  // Hands every quantum to `h` (the trace writer, the gdb stub) instead of Cpu::run.
  void set_quantum_hook(QuantumHook* h) { hook_ = h; }
  const mips::CpuTiming* timing() const { return timing_.get(); }
  const numa::MemorySystem* memory_system() const { return memsys_.get(); }
  AddressSpace& mem() { return mem_; }
  SignalState& signals() { return signals_; }
  const ProcessOptions& options() const { return opt_; }
  bool big_endian() const { return cpu_->big_endian; }

  // Ends the process: exit(status) or death by `sig` (prints the one line).
  void exit(int status);
  void kill_by_signal(int sig, u64 pc);
  bool exited() const { return exited_; }

  // Simulated time in ns since boot: 1 ns per retired instruction.
  u64 uptime_ns() const { return cpu_->insns; }
  // Deterministic random bytes (getrandom, kAT_RANDOM).
  void random_bytes(u8* out, u64 len);
  // Flushes the software TLB if the address space changed.
  void sync_tlb();
  // First time `number` is seen unsupported: true (caller prints a note).
  bool first_unsupported(u64 number) { return unsupported_seen_.insert(number).second; }

  // Heap (brk) limits; set by the loader.
  u64 brk_start = 0, brk_cur = 0;
  u64 tid_address = 0;  // set_tid_address
  std::map<u64, u64> syscall_counts;  // by number, for --stats
  std::string exe_abspath;  // readlink("/proc/self/exe")

 private:
  void load(const ElfImage& img);

  ProcessOptions opt_;
  Bus bus_;
  QuantumHook* hook_ = nullptr;
  mips::DecodeCache dcache_;
  AddressSpace mem_;
  std::unique_ptr<mips::Cpu> cpu_;
  // The timing model (ProcessOptions::timing): one CPU's caches on a
  // one-node memory covering the first kTimedBytes of the frame pool.
  std::unique_ptr<numa::MemorySystem> memsys_;
  std::unique_ptr<mips::CpuTiming> timing_;
  SignalState signals_;
  bool exited_ = false;
  int exit_status_ = 0;
  u64 seen_generation_ = 0;
  u64 rng_state_ = 0x5eed'd15c'0511'2026;
  std::set<u64> unsupported_seen_;
};

}  // namespace ds::user
