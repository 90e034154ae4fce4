// main.cpp - the discosim command line: one binary, one subcommand per job.
//
//   discosim run <config.toml> <kernel.elf> [arg...]
//                                             boot a kernel on the machine
//   discosim resume <config.toml> <ckpt>      continue a run from a checkpoint
//   discosim disasm <prog.elf>                disassemble executable sections
//   discosim user [--isa mips4|r2] [--] prog.elf [args...]
//                                             run a static Linux n64 program (user mode)
//   discosim guest [options] [--] prog.elf [args...]
//                                             ... under the dunix kernel on the machine
//
// Every error ends as one line on stderr and a non-zero exit status.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <stdexcept>

#include <fmt/format.h>

#include "sim/config.h"
#include "sim/elf_loader.h"
#include "sim/guest/guest_main.h"
#include "sim/mips/disasm.h"
#include "sim/run.h"
#include "sim/user/user_main.h"

namespace {

// Boots a kernel (or, with `resume`, restores a checkpoint) on the machine
// `config` describes, and runs it.
int cmd_run(const std::string& config, const std::string& image, const ds::RunOptions& o, bool resume) {
  ds::MachineConfig cfg = ds::load_config(config);
  ds::apply_run_options(cfg, o);
  return ds::run_machine(cfg, image, resume ? ds::RunStart::Checkpoint : ds::RunStart::Kernel, o).exit_code;
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

  // The options `run` and `resume` share with `guest` (ds::RunOptions).
  auto add_common_run_options = [](CLI::App* sub, ds::RunOptions& o) {
    sub->add_flag("--stats", o.show_stats, "print run statistics to stderr at the end");
    sub->add_option("--stats-json", o.stats_json, "write run statistics as JSON to this file");
    sub->add_option("--max-insns", o.max_insns, "stop after this many instructions (overrides the config)");
    sub->add_option("--console-input", o.console_input, "file whose bytes arrive on the console UART");
    sub->add_option("--cpu-model", o.cpu_model, "CPU model to run in: functional or timing (docs/timing.md)")
        ->check(CLI::IsMember({"functional", "timing"}));
    sub->add_option("--timing-at-phase", o.timing_at_phase, "switch to the timing model when this phase begins");
    sub->add_flag("--warm-caches", o.warm_caches, "keep the caches warm in the functional model");
    sub->add_flag("--lockstep", o.lockstep,
                  "run a functional checker one instruction behind and stop at the first difference (exit 3)");
    sub->add_option("--progress", o.progress, "progress line on stderr: auto (on a terminal), on, off")
        ->check(CLI::IsMember({"auto", "on", "off"}));
    // Debugging (docs/debugging.md).
    sub->add_option("--trace", o.trace, "write a commit record per instruction to this file");
    sub->add_option("--trace-cpu", o.trace_cpu, "trace only this CPU");
    sub->add_option("--trace-mode", o.trace_mode, "trace only instructions run in this mode: kernel, supervisor, user");
    sub->add_option("--trace-range", o.trace_range, "trace only PCs in [LO, HI) (LO:HI)");
    sub->add_option("--trace-window", o.trace_window,
                    "trace only machine-wide instructions FIRST to FIRST+COUNT-1 (FIRST:COUNT)");
    sub->add_option("--gdb", o.gdb, "serve the gdb remote protocol on 127.0.0.1:PORT or the unix socket unix:PATH");
    sub->add_flag("--gdb-wait", o.gdb_wait, "with --gdb: hold the machine at its first instruction until gdb attaches");
  };
  ds::RunOptions ro;
  std::string config, image;  // run: kernel ELF; resume: checkpoint
  auto add_run_options = [&ro, &add_common_run_options](CLI::App* sub) {
    add_common_run_options(sub, ro);
    auto* at = sub->add_option("--checkpoint-at", ro.checkpoint_at,
                               "checkpoint the machine once this many instructions have retired");
    auto* file = sub->add_option("--checkpoint", ro.checkpoint, "file for --checkpoint-at");
    at->needs(file);
    file->needs(at);
    sub->add_flag("--stop-at-checkpoint", ro.stop_at_checkpoint, "end the run after taking the checkpoint")
        ->needs(at);
    sub->add_option("--final-checkpoint", ro.final_checkpoint, "checkpoint the machine when the run ends");
    sub->add_option("--isa", ro.isa, "instruction set: mips4 (the R10000) or r2 (also MIPS64 Release 2)")
        ->check(CLI::IsMember({"mips4", "r2"}));
    sub->add_option("--timing-at-insns", ro.timing_at_insns,
                    "switch to the timing model after this many instructions");
    sub->add_option("--lockstep-inject", ro.lockstep_inject,
                    "with --lockstep: flip a bit of the checker's memory at this physical address (tests the checker)");
    sub->add_flag("--insn-mix", ro.insn_mix, "count executions per instruction (statistics: instruction mix)");
  };
  auto* run = app.add_subcommand("run", "boot a kernel image on the simulated machine");
  run->add_option("config", config, "machine description (TOML, see configs/)")->required();
  run->add_option("kernel", image, "kernel ELF image")->required();
  run->add_option("args", ro.boot_args,
                  "boot arguments for the kernel, after the config's [boot] args (put -- before words "
                  "beginning with '-')");
  run->add_option("--boot-env", ro.boot_env, "add NAME=VALUE to the kernel's boot environment (repeatable)")
      ->allow_extra_args(false);  // one NAME=VALUE per --boot-env; the rest are positional
  add_run_options(run);
  auto* resume = app.add_subcommand("resume", "continue a run from a checkpoint (same machine description)");
  resume->add_option("config", config, "machine description the checkpoint was taken on")->required();
  resume->add_option("checkpoint", image, "checkpoint file")->required();
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
  user->add_option("--trace", ucmd.trace, "write a commit record per instruction to this file (docs/debugging.md)");
  user->add_option("--trace-range", ucmd.trace_range, "trace only PCs in [LO, HI) (LO:HI)");
  user->add_option("--trace-window", ucmd.trace_window, "trace only instructions FIRST to FIRST+COUNT-1 (FIRST:COUNT)");
  user->add_option("--gdb", ucmd.gdb, "serve the gdb remote protocol on 127.0.0.1:PORT or the unix socket unix:PATH");
  user->add_flag("--gdb-wait", ucmd.gdb_wait, "with --gdb: hold the program at its first instruction until gdb attaches");
  user->prefix_command();  // the program and its arguments follow the options

  ds::guest::GuestCommand gcmd;
  auto* guest = app.add_subcommand("guest", "run a static Linux n64 MIPS program under the dunix guest kernel "
                                            "on the full machine (docs/guest.md)");
  guest->add_option("--config", gcmd.config, "machine description (default: configs/guest.toml)");
  guest->add_option("--kernel", gcmd.kernel, "guest kernel ELF (default: dunix from this build tree)");
  guest->add_option("--cpus", gcmd.cpus, "CPUs for the kernel; adds nodes of the config's size as needed");
  guest->add_option("--file", gcmd.files, "copy HOST[:GUEST] into the image (GUEST relative to /work; repeatable)")
      ->allow_extra_args(false);
  guest->add_option("--env", gcmd.env, "add NAME=VALUE to the program's environment (repeatable)")
      ->allow_extra_args(false);
  guest->add_option("--disk-size", gcmd.disk_size, "root image size, e.g. 64M (default: content x 2 + 32M)");
  guest->add_option("--image", gcmd.image, "keep the root image in this file (default: a temporary file)");
  guest->add_flag("--reuse-image", gcmd.reuse_image, "boot an existing --image as it is instead of rebuilding it");
  guest->add_option("--kernel-arg", gcmd.kernel_args,
                    "pass a boot option to the kernel, e.g. strace or bootphase (repeatable; guest-kernels/dunix/README.md)")
      ->allow_extra_args(false);
  guest->add_flag("--monitor", gcmd.monitor,
                  "run the program in dunix's Disco port, in virtual machines of the Disco monitor (docs/monitor.md)");
  guest->add_option("--vms", gcmd.vms, "with --monitor: identical VMs, each with its own copy of the root image");
  guest->add_option("--vcpus", gcmd.vcpus, "with --monitor: virtual CPUs per VM (default 1)");
  guest->add_option("--vm-mem", gcmd.vm_mem, "with --monitor: each VM's memory (default 256M)");
  guest->add_option("--monitor-arg", gcmd.monitor_args,
                    "with --monitor: pass a boot word to the monitor, e.g. mon.stats=1 (repeatable; docs/monitor.md)")
      ->allow_extra_args(false);
  add_common_run_options(guest, gcmd.run);
  guest->prefix_command();  // the program and its arguments follow the options
  guest->footer("Usage: discosim guest [OPTIONS] [--] PROGRAM [ARGS...]\n"
                "The program's stdin is the --console-input file, then ^D (end of file); its stdout and stderr "
                "are the console (this process's stdout); discosim exits with its status (docs/guest.md).");

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
  // `discosim user|guest [options] -- prog args`: CLI11 would hand whatever
  // follows "--" to the top level, so the subcommand takes it here.
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
  if (argc > 1 && (std::string(argv[1]) == "user" || std::string(argv[1]) == "guest"))
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
      return cmd_run(config, image, ro, false);
    }
    if (*resume) return cmd_run(config, image, ro, true);
    if (*dis) return cmd_disasm(dis_path, dis_isa);
    if (*user) {
      ucmd.args = user->remaining();
      if (user_dashdash && !ucmd.args.empty()) ucmd.args.push_back("--");  // "--" was the program's
      ucmd.args.insert(ucmd.args.end(), after_dashdash.begin(), after_dashdash.end());
      return ds::user::run_user(ucmd);
    }
    if (*guest) {
      gcmd.args = guest->remaining();
      if (user_dashdash && !gcmd.args.empty()) gcmd.args.push_back("--");  // "--" was the program's
      gcmd.args.insert(gcmd.args.end(), after_dashdash.begin(), after_dashdash.end());
      return ds::guest::run_guest(gcmd);
    }
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "discosim: %s\n", e.what());
    return 1;
  }
  return 0;
}
