// user_main.h - the `discosim user` subcommand: run a static Linux n64 MIPS
// program in user mode (like qemu-user).
#pragma once
#include <string>
#include <vector>

namespace ds::user {

struct UserCommand {
  std::string isa = "r2";             // "r2" (MIPS64 Release 2) or "mips4" (strict R10000)
  std::vector<std::string> args;      // program path, then its arguments
  std::vector<std::string> env;       // extra NAME=VALUE entries for the guest
  unsigned long long max_insns = 0;   // 0: unlimited
  bool strace = false;                // log syscalls to stderr
  bool stats = false;                 // print instruction and syscall counts to stderr
  std::string cpu_model = "functional";  // or "timing" (caches and stalls, sim/mips/timing.h)
  // Debugging (docs/debugging.md): a commit-record trace and the gdb stub.
  std::string trace, trace_range, trace_window;
  std::string gdb;                    // PORT or unix:PATH
  bool gdb_wait = false;
};

// Runs the program; returns its exit status (128+N if killed by signal N).
// Throws std::runtime_error with a one-line message for bad input.
int run_user(const UserCommand& cmd);

}  // namespace ds::user
