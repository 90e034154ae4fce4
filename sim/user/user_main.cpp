// user_main.cpp - glue between the CLI and the process model.
#include "sim/user/user_main.h"

#include <cstdio>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "sim/elf_loader.h"
#include "sim/user/process.h"
#include "sim/user/syscalls.h"

namespace ds::user {

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
  ElfImage img = load_elf(opt.path);
  Process proc(img, opt);
  int status = proc.run();
  if (cmd.stats) {
    std::fflush(stdout);
    std::fprintf(stderr, "discosim: %llu instructions retired\n",
                 static_cast<unsigned long long>(proc.cpu().insns));
    std::string calls;
    for (auto [number, count] : proc.syscall_counts) {
      const SyscallDesc* d = find_syscall(number);
      calls += fmt::format(" {}={}", d ? std::string(d->name) : std::to_string(number), count);
    }
    std::fprintf(stderr, "discosim: syscalls:%s\n", calls.empty() ? " none" : calls.c_str());
  }
  return status;
}

}  // namespace ds::user
