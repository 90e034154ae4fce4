// run.cpp - the run loop shared by `discosim run`, `resume` and `guest`.
#include "sim/run.h"

#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "sim/debug/gdb_target.h"
#include "sim/debug/stepper.h"
#include "sim/debug/trace.h"
#include "sim/elf_loader.h"
#include "sim/lockstep.h"
#include "sim/machine.h"

namespace ds {

namespace {

void report(const Machine& m, const RunOptions& o) {
  RunStats s = m.stats();
  if (o.show_stats) std::fputs(stats_table(s).c_str(), stderr);
  if (!o.stats_json.empty()) {
    std::ofstream out(o.stats_json);
    if (!out) throw std::runtime_error(o.stats_json + ": cannot write statistics file");
    out << stats_json(s);
  }
}

std::string console_bytes(const RunOptions& o) {
  std::string bytes;
  if (!o.console_input.empty()) {
    std::ifstream in(o.console_input, std::ios::binary);
    if (!in) throw std::runtime_error(o.console_input + ": cannot open console input");
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  return bytes + o.console_suffix;
}

}  // namespace

void apply_run_options(MachineConfig& cfg, const RunOptions& o) {
  if (o.max_insns) cfg.max_instructions = o.max_insns;
  if (o.timing_at_phase) cfg.timing_at_phase = o.timing_at_phase;
  if (o.timing_at_insns) cfg.timing_at_instructions = o.timing_at_insns;
  if (o.warm_caches) cfg.warm_caches = true;
  if (!o.cpu_model.empty()) cfg.cpu_model = o.cpu_model == "timing" ? CpuModel::Timing : CpuModel::Functional;
  if (!o.isa.empty()) parse_isa(o.isa, cfg.isa);
  for (const std::string& e : o.boot_env)
    if (!is_env_entry(e)) throw std::runtime_error("--boot-env wants NAME=VALUE, not '" + e + "'");
  cfg.boot_args.insert(cfg.boot_args.end(), o.boot_args.begin(), o.boot_args.end());
  cfg.boot_env.insert(cfg.boot_env.end(), o.boot_env.begin(), o.boot_env.end());
}

RunResult run_machine(const MachineConfig& cfg, const std::string& image, RunStart start, const RunOptions& o) {
  Machine m(cfg, o.console);
  std::unique_ptr<Lockstep> lockstep;
  if (o.lockstep) lockstep = std::make_unique<Lockstep>(cfg);
  for (Machine* x : {&m, lockstep ? &lockstep->checker() : nullptr}) {
    if (!x) continue;
    if (start == RunStart::Checkpoint)
      x->restore_checkpoint(image);
    else
      x->load_kernel(load_elf(image));
  }
  if (!o.cpu_model.empty()) m.set_cpu_model(cfg.cpu_model);  // also over a checkpoint's model
  if (!o.isa.empty())  // also over a checkpoint's ISA level, in both machines
    for (Machine* x : {&m, lockstep ? &lockstep->checker() : nullptr})
      if (x) x->set_isa(cfg.isa);
  if (lockstep) {
    lockstep->start(m);
    if (o.lockstep_inject) lockstep->inject_memory_fault(*o.lockstep_inject);
  }
  if (o.insn_mix) m.count_instruction_mix();
  if ((!o.trace.empty() || !o.gdb.empty()) && lockstep)
    throw std::runtime_error("--lockstep cannot be combined with --trace or --gdb");
  if (o.gdb_wait && o.gdb.empty()) throw std::runtime_error("--gdb-wait needs --gdb PORT");
  if (o.trace_cpu && *o.trace_cpu >= m.num_cpus())
    throw std::runtime_error(fmt::format("--trace-cpu {}: the machine has {} CPUs", *o.trace_cpu, m.num_cpus()));
  std::unique_ptr<debug::Tracer> tracer =
      debug::make_tracer(o.trace, o.trace_cpu, o.trace_mode, o.trace_range, o.trace_window);
  debug::DebugHostOf<Machine> host(m);
  std::unique_ptr<debug::GdbTarget> gdb;
  if (!o.gdb.empty()) gdb = std::make_unique<debug::GdbTarget>(host, o.gdb, o.gdb_wait);
  debug::Stepper stepper(tracer.get(), gdb.get());
  if (tracer || gdb) m.set_quantum_hook(&stepper);
  m.set_progress(o.progress == "on" ? Progress::Mode::On
                 : o.progress == "off" ? Progress::Mode::Off : Progress::Mode::Auto);
  if (std::string input = console_bytes(o); !input.empty()) m.uart().feed_input(input);
  int code = m.run(o.checkpoint_at);
  if (m.paused()) {
    m.save_checkpoint(o.checkpoint);
    if (o.stop_at_checkpoint) {
      report(m, o);
      if (gdb) gdb->finish(0);
      return {0, m.end_reason()};
    }
    code = m.run();
  } else if (o.checkpoint_at) {
    throw std::runtime_error(fmt::format("the run ended after {} instructions, before --checkpoint-at {}; "
                                         "no checkpoint written", m.total_slots(), o.checkpoint_at));
  }
  if (!o.final_checkpoint.empty()) m.save_checkpoint(o.final_checkpoint);
  report(m, o);
  if (gdb) gdb->finish(code);
  if (lockstep) {
    if (lockstep->message().empty()) lockstep->compare_memory(m);
    if (!lockstep->message().empty()) {
      std::fprintf(stderr, "discosim: %s\n", lockstep->message().c_str());
      std::fputs(lockstep->records().c_str(), stderr);
      return {3, m.end_reason()};
    }
    std::fprintf(stderr, "discosim: lockstep: %llu instructions checked, no difference\n",
                 static_cast<unsigned long long>(lockstep->instructions_checked()));
  }
  return {code, m.end_reason()};
}

}  // namespace ds
