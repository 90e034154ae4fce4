// user_main.cpp - glue between the CLI and the process model.
#include "sim/user/user_main.h"

#include <cstdio>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "sim/debug/gdb_target.h"
#include "sim/debug/stepper.h"
#include "sim/debug/trace.h"
#include "sim/elf_loader.h"
#include "sim/user/process.h"
#include "sim/user/syscalls.h"

namespace ds::user {

namespace {

// The gdb stub's view of the process: one CPU; kill is exit status 137.
class ProcessDebugHost final : public debug::DebugHost {
 public:
  explicit ProcessDebugHost(Process& p) : p_(p) {}
  unsigned cpus() override { return 1; }
  mips::Cpu& cpu(unsigned) override { return p_.cpu(); }
  Bus& memory() override { return p_.bus(); }
  void end_run(int status) override { p_.exit(status); }

 private:
  Process& p_;
};

}  // namespace

int run_user(const UserCommand& cmd) {
  if (cmd.args.empty()) throw std::runtime_error("user: no program given");
  if (cmd.isa != "r2" && cmd.isa != "mips4")
    throw std::runtime_error("user: --isa must be 'mips4' or 'r2', not '" + cmd.isa + "'");
  ProcessOptions opt;
  opt.path = cmd.args[0];
  opt.argv = cmd.args;
  opt.envp = deterministic_env();
  opt.envp.insert(opt.envp.end(), cmd.env.begin(), cmd.env.end());
  opt.isa_r2 = cmd.isa == "r2";
  opt.max_insns = cmd.max_insns;
  opt.strace = cmd.strace;
  if (cmd.cpu_model != "functional" && cmd.cpu_model != "timing")
    throw std::runtime_error("user: --cpu-model must be 'functional' or 'timing', not '" + cmd.cpu_model + "'");
  opt.timing = cmd.cpu_model == "timing";
  ElfImage img = load_elf(opt.path);
  Process proc(img, opt);
  if (cmd.gdb_wait && cmd.gdb.empty()) throw std::runtime_error("--gdb-wait needs --gdb PORT");
  std::unique_ptr<debug::Tracer> tracer = debug::make_tracer(cmd.trace, {}, "", cmd.trace_range, cmd.trace_window);
  ProcessDebugHost host(proc);
  std::unique_ptr<debug::GdbTarget> gdb;
  if (!cmd.gdb.empty()) gdb = std::make_unique<debug::GdbTarget>(host, cmd.gdb, cmd.gdb_wait);
  debug::Stepper stepper(tracer.get(), gdb.get());
  if (tracer || gdb) proc.set_quantum_hook(&stepper);
  int status = proc.run();
  if (gdb) gdb->finish(status);
  if (cmd.stats) {
    std::fflush(stdout);
    std::fprintf(stderr, "discosim: %llu instructions retired\n",
                 static_cast<unsigned long long>(proc.cpu().insns));
    std::string calls;
    for (auto [number, count] : proc.syscall_counts) {
      const char* name = syscall_name(number);
      calls += fmt::format(" {}={}", name ? std::string(name) : std::to_string(number), count);
    }
    std::fprintf(stderr, "discosim: syscalls:%s\n", calls.empty() ? " none" : calls.c_str());
    if (const mips::CpuTiming* t = proc.timing()) {
      const numa::CpuMemStats& m = proc.memory_system()->stats(0);
      std::fprintf(stderr,
                   "discosim: %llu cycles, %llu stalled (instruction %llu, data %llu, pipeline %llu); "
                   "misses L1I %llu L1D %llu L2 %llu\n",
                   static_cast<unsigned long long>(proc.cpu().cycle()),
                   static_cast<unsigned long long>(t->stalls.total()),
                   static_cast<unsigned long long>(t->stalls.inst_l2 + t->stalls.inst_local + t->stalls.inst_remote),
                   static_cast<unsigned long long>(t->stalls.data_l2 + t->stalls.data_local + t->stalls.data_remote),
                   static_cast<unsigned long long>(t->stalls.pipeline),
                   static_cast<unsigned long long>(m.l1i_misses), static_cast<unsigned long long>(m.l1d_misses),
                   static_cast<unsigned long long>(m.l2_misses));
    }
  }
  return status;
}

}  // namespace ds::user
