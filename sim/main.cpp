// main.cpp - the discosim command line: one binary, one subcommand per job.
//
//   discosim run <config.toml> <kernel.elf> [arg...]
//                                             boot a kernel on the machine
//   discosim resume <config.toml> <ckpt>      continue a run from a checkpoint
//   discosim disasm <prog.elf>                disassemble executable sections
//   discosim user [--isa mips4|r2] [--] prog.elf [args...]
//                                             run a static Linux n64 program (user mode)
//
// Every error ends as one line on stderr and a non-zero exit status.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "sim/config.h"
#include "sim/elf_loader.h"
#include "sim/lockstep.h"
#include "sim/machine.h"
#include "sim/mips/disasm.h"
#include "sim/user/user_main.h"

namespace {

struct RunOptions {
  std::string config;
  std::string image;  // kernel ELF (run) or checkpoint (resume)
  bool show_stats = false;
  std::string stats_json;
  uint64_t max_insns = 0;
  uint64_t checkpoint_at = 0;    // take a checkpoint once this many instructions retired
  std::string checkpoint;        // ... into this file
  bool stop_at_checkpoint = false;
  std::string final_checkpoint;  // checkpoint the machine as the run ends
  std::string console_input;     // file whose bytes the console UART receives
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
};

void report(const ds::Machine& m, const RunOptions& o) {
  ds::RunStats s = m.stats();
  if (o.show_stats) std::fputs(ds::stats_table(s).c_str(), stderr);
  if (!o.stats_json.empty()) {
    std::ofstream out(o.stats_json);
    if (!out) throw std::runtime_error(o.stats_json + ": cannot write statistics file");
    out << ds::stats_json(s);
  }
}

// Boots a kernel (or, with `resume`, restores a checkpoint) and runs it.
int cmd_run(const RunOptions& o, bool resume) {
  ds::MachineConfig cfg = ds::load_config(o.config);
  if (o.max_insns) cfg.max_instructions = o.max_insns;
  if (o.timing_at_phase) cfg.timing_at_phase = o.timing_at_phase;
  if (o.timing_at_insns) cfg.timing_at_instructions = o.timing_at_insns;
  if (o.warm_caches) cfg.warm_caches = true;
  if (!o.cpu_model.empty()) cfg.cpu_model = o.cpu_model == "timing" ? ds::CpuModel::Timing : ds::CpuModel::Functional;
  if (!o.isa.empty()) ds::parse_isa(o.isa, cfg.isa);
  for (const std::string& e : o.boot_env)
    if (!ds::is_env_entry(e)) throw std::runtime_error("--boot-env wants NAME=VALUE, not '" + e + "'");
  cfg.boot_args.insert(cfg.boot_args.end(), o.boot_args.begin(), o.boot_args.end());
  cfg.boot_env.insert(cfg.boot_env.end(), o.boot_env.begin(), o.boot_env.end());
  ds::Machine m(cfg);
  std::unique_ptr<ds::Lockstep> lockstep;
  if (o.lockstep) lockstep = std::make_unique<ds::Lockstep>(cfg);
  for (ds::Machine* x : {&m, lockstep ? &lockstep->checker() : nullptr}) {
    if (!x) continue;
    if (resume)
      x->restore_checkpoint(o.image);
    else
      x->load_kernel(ds::load_elf(o.image));
  }
  if (!o.cpu_model.empty()) m.set_cpu_model(cfg.cpu_model);  // also over a checkpoint's model
  if (!o.isa.empty())  // also over a checkpoint's ISA level, in both machines
    for (ds::Machine* x : {&m, lockstep ? &lockstep->checker() : nullptr})
      if (x) x->set_isa(cfg.isa);
  if (lockstep) {
    lockstep->start(m);
    if (o.lockstep_inject) lockstep->inject_memory_fault(*o.lockstep_inject);
  }
  if (o.insn_mix) m.count_instruction_mix();
  m.set_progress(o.progress == "on" ? ds::Progress::Mode::On
                 : o.progress == "off" ? ds::Progress::Mode::Off : ds::Progress::Mode::Auto);
  if (!o.console_input.empty()) {
    std::ifstream in(o.console_input, std::ios::binary);
    if (!in) throw std::runtime_error(o.console_input + ": cannot open console input");
    m.uart().feed_input(std::string(std::istreambuf_iterator<char>(in), {}));
  }
  int code = m.run(o.checkpoint_at);
  if (m.paused()) {
    m.save_checkpoint(o.checkpoint);
    if (o.stop_at_checkpoint) {
      report(m, o);
      return 0;
    }
    code = m.run();
  } else if (o.checkpoint_at) {
    throw std::runtime_error(fmt::format("the run ended after {} instructions, before --checkpoint-at {}; "
                                         "no checkpoint written", m.total_slots(), o.checkpoint_at));
  }
  if (!o.final_checkpoint.empty()) m.save_checkpoint(o.final_checkpoint);
  report(m, o);
  if (lockstep) {
    if (lockstep->message().empty()) lockstep->compare_memory(m);
    if (!lockstep->message().empty()) {
      std::fprintf(stderr, "discosim: %s\n", lockstep->message().c_str());
      return 3;
    }
    std::fprintf(stderr, "discosim: lockstep: %llu instructions checked, no difference\n",
                 static_cast<unsigned long long>(lockstep->instructions_checked()));
  }
  return code;
}

// The architecture objdump would assume for this image (its e_flags ISA):
// Release 2 images name CP0 registers and know the R2 rows; anything else is
// disassembled as the R10000's MIPS IV.
ds::mips::IsaLevel image_isa(const ds::ElfImage& img) {
  constexpr uint32_t kEfMipsArch = 0xf0000000, kArch32R2 = 0x70000000, kArch64R2 = 0x80000000;
  uint32_t arch = img.flags & kEfMipsArch;
  return arch == kArch32R2 || arch == kArch64R2 ? ds::mips::IsaLevel::Mips64R2 : ds::mips::IsaLevel::Mips4;
}

// objdump's annotation of an address in an image with symbols: the nearest
// symbol at or below it ("<f>", "<f+0x10>"), else the nearest above ("<f-0x8>").
std::string symbol_for(const std::vector<ds::ElfSymbol>& syms, uint64_t addr) {
  const ds::ElfSymbol* below = nullptr;
  const ds::ElfSymbol* above = nullptr;
  for (const ds::ElfSymbol& s : syms) {
    if (s.value <= addr && (!below || s.value > below->value)) below = &s;
    if (s.value > addr && (!above || s.value < above->value)) above = &s;
  }
  if (below) return addr == below->value ? fmt::format("<{}>", below->name)
                                         : fmt::format("<{}+0x{:x}>", below->name, addr - below->value);
  if (above) return fmt::format("<{}-0x{:x}>", above->name, above->value - addr);
  return {};
}

// Prints every executable section the way `objdump -d -M no-aliases` prints
// an image without symbols: "address:<TAB>word <TAB>instruction".
int cmd_disasm(const std::string& elf_path, const std::string& isa) {
  ds::ElfImage img = ds::load_elf(elf_path);
  ds::mips::DisasmOptions opt;
  opt.isa = image_isa(img);
  if (isa == "mips4") opt.isa = ds::mips::IsaLevel::Mips4;
  if (isa == "mips64r2") opt.isa = ds::mips::IsaLevel::Mips64R2;
  opt.elf32 = !img.is64;
  if (!img.symbols.empty())
    opt.symbolize = [&img](uint64_t addr) { return symbol_for(img.symbols, addr); };
  for (const auto& sec : img.sections) {
    if (!sec.executable) continue;
    std::printf("\nDisassembly of section %s:\n\n", sec.name.c_str());
    auto word_at = [&](size_t off) {
      const uint8_t* p = sec.bytes.data() + off;
      return img.big_endian ? (uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3])
                            : (uint32_t{p[3]} << 24 | uint32_t{p[2]} << 16 | uint32_t{p[1]} << 8 | p[0]);
    };
    for (size_t off = 0; off + 4 <= sec.bytes.size(); off += 4) {
      uint32_t raw = word_at(off);
      uint64_t pc = sec.addr + off;
      // Like objdump (without -z): a run of two or more zero words is "...",
      // unless it starts in a delay slot.
      const ds::mips::InsnDesc* prev = off ? ds::mips::decode(word_at(off - 4)) : nullptr;
      bool in_slot = prev && (prev->flags & (ds::mips::kBranch | ds::mips::kJump));
      size_t run = 0;
      while (off + 4 * (run + 1) <= sec.bytes.size() && word_at(off + 4 * run) == 0) ++run;
      if (run >= 2 && !in_slot) {
        std::printf("\t...\n");
        off += 4 * (run - 1);
        continue;
      }
      if (opt.elf32)
        std::printf("%8x:\t%08x \t%s\n", static_cast<unsigned>(pc), raw, ds::mips::disassemble(raw, pc, opt).c_str());
      else
        std::printf("%16llx:\t%08x \t%s\n", static_cast<unsigned long long>(pc), raw,
                    ds::mips::disassemble(raw, pc, opt).c_str());
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"discosim: a complete-machine simulator of a MIPS R10000 ccNUMA multiprocessor, "
               "for reproducing Disco (SOSP 1997)"};
  app.require_subcommand(1);

  RunOptions ro;
  auto add_run_options = [&ro](CLI::App* sub) {
    sub->add_flag("--stats", ro.show_stats, "print run statistics to stderr at the end");
    sub->add_option("--stats-json", ro.stats_json, "write run statistics as JSON to this file");
    sub->add_option("--max-insns", ro.max_insns, "stop after this many instructions (overrides the config)");
    auto* at = sub->add_option("--checkpoint-at", ro.checkpoint_at,
                               "checkpoint the machine once this many instructions have retired");
    auto* file = sub->add_option("--checkpoint", ro.checkpoint, "file for --checkpoint-at");
    at->needs(file);
    file->needs(at);
    sub->add_flag("--stop-at-checkpoint", ro.stop_at_checkpoint, "end the run after taking the checkpoint")
        ->needs(at);
    sub->add_option("--final-checkpoint", ro.final_checkpoint, "checkpoint the machine when the run ends");
    sub->add_option("--console-input", ro.console_input, "file whose bytes arrive on the console UART");
    sub->add_option("--cpu-model", ro.cpu_model, "CPU model to run in: functional or timing (docs/timing.md)")
        ->check(CLI::IsMember({"functional", "timing"}));
    sub->add_option("--isa", ro.isa, "instruction set: mips4 (the R10000) or r2 (also MIPS64 Release 2)")
        ->check(CLI::IsMember({"mips4", "r2"}));
    sub->add_option("--timing-at-phase", ro.timing_at_phase, "switch to the timing model when this phase begins");
    sub->add_option("--timing-at-insns", ro.timing_at_insns,
                    "switch to the timing model after this many instructions");
    sub->add_flag("--warm-caches", ro.warm_caches, "keep the caches warm in the functional model");
    sub->add_flag("--lockstep", ro.lockstep,
                  "run a functional checker one instruction behind and stop at the first difference (exit 3)");
    sub->add_option("--lockstep-inject", ro.lockstep_inject,
                    "with --lockstep: flip a bit of the checker's memory at this physical address (tests the checker)");
    sub->add_flag("--insn-mix", ro.insn_mix, "count executions per instruction (statistics: instruction mix)");
    sub->add_option("--progress", ro.progress, "progress line on stderr: auto (on a terminal), on, off")
        ->check(CLI::IsMember({"auto", "on", "off"}));
  };
  auto* run = app.add_subcommand("run", "boot a kernel image on the simulated machine");
  run->add_option("config", ro.config, "machine description (TOML, see configs/)")->required();
  run->add_option("kernel", ro.image, "kernel ELF image")->required();
  run->add_option("args", ro.boot_args,
                  "boot arguments for the kernel, after the config's [boot] args (put -- before words "
                  "beginning with '-')");
  run->add_option("--boot-env", ro.boot_env, "add NAME=VALUE to the kernel's boot environment (repeatable)")
      ->allow_extra_args(false);  // one NAME=VALUE per --boot-env; the rest are positional
  add_run_options(run);
  auto* resume = app.add_subcommand("resume", "continue a run from a checkpoint (same machine description)");
  resume->add_option("config", ro.config, "machine description the checkpoint was taken on")->required();
  resume->add_option("checkpoint", ro.image, "checkpoint file")->required();
  add_run_options(resume);

  std::string dis_path;
  auto* dis = app.add_subcommand("disasm", "disassemble the executable sections of a MIPS ELF file");
  dis->add_option("elf", dis_path, "MIPS ELF file")->required();
  std::string dis_isa = "auto";
  dis->add_option("--isa", dis_isa, "architecture to disassemble for (default: from the ELF header)")
      ->check(CLI::IsMember({"auto", "mips4", "mips64r2"}));

  ds::user::UserCommand ucmd;
  auto* user = app.add_subcommand("user", "run a static Linux n64 MIPS program in user mode (like qemu-user)");
  user->add_option("--isa", ucmd.isa, "instruction set: r2 (MIPS64 Release 2, default) or mips4 (strict R10000)")
      ->check(CLI::IsMember({"mips4", "r2"}));
  user->add_option("--env", ucmd.env, "add NAME=VALUE to the guest's environment (repeatable)");
  user->add_option("--max-insns", ucmd.max_insns, "stop after this many instructions (exit status 124)");
  user->add_flag("--stats", ucmd.stats, "print instruction and syscall counts to stderr at the end");
  user->add_flag("--strace", ucmd.strace, "log every system call and its result to stderr");
  user->add_option("--cpu-model", ucmd.cpu_model, "CPU model: functional (default) or timing (caches and stalls)");
  user->prefix_command();  // the program and its arguments follow the options

  // CLI11 reports an unknown subcommand as a missing one; name it instead.
  auto is_subcommand = [&](const char* name) {
    for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
      if (sub->get_name() == name) return true;
    return false;
  };
  if (argc > 1 && argv[1][0] != '-' && !is_subcommand(argv[1])) {
    std::fprintf(stderr, "discosim: unknown subcommand '%s' (try --help)\n", argv[1]);
    return 2;
  }
  // `discosim user [options] -- prog args`: CLI11 would hand whatever follows
  // "--" to the top level, so the user subcommand takes it here.
  std::vector<std::string> after_dashdash;
  bool user_dashdash = false;
  // Likewise `discosim run cfg kernel [args] -- -words`: the kernel's boot arguments.
  if (argc > 1 && std::string(argv[1]) == "run")
    for (int i = 2; i < argc; ++i)
      if (std::string(argv[i]) == "--") {
        after_dashdash.assign(argv + i + 1, argv + argc);
        argc = i;
        break;
      }
  if (argc > 1 && std::string(argv[1]) == "user")
    for (int i = 2; i < argc; ++i)
      if (std::string(argv[i]) == "--") {
        after_dashdash.assign(argv + i + 1, argv + argc);
        user_dashdash = true;
        argc = i;
        break;
      }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "discosim: %s (try --help)\n", e.what());
    return 2;
  }

  try {
    if (*run) {
      ro.boot_args.insert(ro.boot_args.end(), after_dashdash.begin(), after_dashdash.end());
      return cmd_run(ro, false);
    }
    if (*resume) return cmd_run(ro, true);
    if (*dis) return cmd_disasm(dis_path, dis_isa);
    if (*user) {
      ucmd.args = user->remaining();
      if (user_dashdash && !ucmd.args.empty()) ucmd.args.push_back("--");  // "--" was the program's
      ucmd.args.insert(ucmd.args.end(), after_dashdash.begin(), after_dashdash.end());
      return ds::user::run_user(ucmd);
    }
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "discosim: %s\n", e.what());
    return 1;
  }
  return 0;
}
