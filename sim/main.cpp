// main.cpp - the discosim command line: one binary, one subcommand per job.
//
//   discosim run <config.toml> <kernel.elf>   boot a kernel on the machine
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
#include "sim/machine.h"
#include "sim/mips/disasm.h"
#include "sim/user/user_main.h"

namespace {

int cmd_run(const std::string& config_path, const std::string& elf_path, bool show_stats,
            const std::string& json_path, uint64_t max_insns) {
  ds::MachineConfig cfg = ds::load_config(config_path);
  if (max_insns) cfg.max_instructions = max_insns;
  ds::ElfImage img = ds::load_elf(elf_path);
  ds::Machine m(cfg);
  m.load_kernel(img);
  int code = m.run();
  ds::RunStats s = m.stats();
  if (show_stats) std::fputs(ds::stats_table(s).c_str(), stderr);
  if (!json_path.empty()) {
    std::ofstream out(json_path);
    if (!out) throw std::runtime_error(json_path + ": cannot write statistics file");
    out << ds::stats_json(s);
  }
  return code;
}

int cmd_disasm(const std::string& elf_path) {
  ds::ElfImage img = ds::load_elf(elf_path);
  for (const auto& sec : img.sections) {
    if (!sec.executable) continue;
    std::printf("\nDisassembly of section %s:\n\n", sec.name.c_str());
    for (size_t off = 0; off + 4 <= sec.bytes.size(); off += 4) {
      const uint8_t* p = sec.bytes.data() + off;
      uint32_t raw = img.big_endian ? (uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3])
                                    : (uint32_t{p[3]} << 24 | uint32_t{p[2]} << 16 | uint32_t{p[1]} << 8 | p[0]);
      uint64_t pc = sec.addr + off;
      std::printf("%16llx:\t%08x \t%s\n", static_cast<unsigned long long>(pc), raw,
                  ds::mips::disassemble(raw, pc).c_str());
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"discosim: a complete-machine simulator of a MIPS R10000 ccNUMA multiprocessor, "
               "for reproducing Disco (SOSP 1997)"};
  app.require_subcommand(1);

  std::string config_path, elf_path, json_path;
  bool show_stats = false;
  uint64_t max_insns = 0;
  auto* run = app.add_subcommand("run", "boot a kernel image on the simulated machine");
  run->add_option("config", config_path, "machine description (TOML, see configs/)")->required();
  run->add_option("kernel", elf_path, "kernel ELF image")->required();
  run->add_flag("--stats", show_stats, "print run statistics to stderr at the end");
  run->add_option("--stats-json", json_path, "write run statistics as JSON to this file");
  run->add_option("--max-insns", max_insns, "stop after this many instructions (overrides the config)");

  std::string dis_path;
  auto* dis = app.add_subcommand("disasm", "disassemble the executable sections of a MIPS ELF file");
  dis->add_option("elf", dis_path, "MIPS ELF file")->required();

  ds::user::UserCommand ucmd;
  auto* user = app.add_subcommand("user", "run a static Linux n64 MIPS program in user mode (like qemu-user)");
  user->add_option("--isa", ucmd.isa, "instruction set: r2 (MIPS64 Release 2, default) or mips4 (strict R10000)")
      ->check(CLI::IsMember({"mips4", "r2"}));
  user->add_option("--env", ucmd.env, "add NAME=VALUE to the guest's environment (repeatable)");
  user->add_option("--max-insns", ucmd.max_insns, "stop after this many instructions (exit status 124)");
  user->add_flag("--stats", ucmd.stats, "print the retired-instruction count to stderr at the end");
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
    if (*run) return cmd_run(config_path, elf_path, show_stats, json_path, max_insns);
    if (*dis) return cmd_disasm(dis_path);
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
