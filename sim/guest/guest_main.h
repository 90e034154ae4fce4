// guest_main.h - the `discosim guest` subcommand: run a static Linux n64 MIPS
// program under the dunix guest kernel on the full machine.
//
// It is tooling on top of the machine, nothing inside it: it prepares a root
// disk image (root_image.h), a machine description (configs/guest.toml or
// --config, adjusted in memory) and the kernel's boot arguments, then runs the
// ordinary machine exactly as `discosim run` does (run.h).  docs/guest.md.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sim/run.h"

namespace ds::guest {

struct GuestCommand {
  std::vector<std::string> args;    // PROGRAM, then its arguments
  std::string config;               // --config (default: configs/guest.toml)
  std::string kernel;               // --kernel (default: dunix next to the discosim binary)
  std::vector<std::string> files;   // --file HOST[:GUEST]
  std::vector<std::string> env;     // --env NAME=VALUE, after PATH and HOME
  std::vector<std::string> kernel_args;  // --kernel-arg WORD: extra boot options (strace, bootphase)
  bool monitor = false;             // --monitor: run dunix's Disco port in VMs of the Disco monitor
  unsigned vms = 1;                 // --vms K: identical VMs, each with its own copy of the root image
  std::optional<unsigned> vcpus;    // --vcpus N: virtual CPUs per VM (default: --cpus, else 1)
  std::string vm_mem = "256M";      // --vm-mem SIZE: each VM's memory (as configs/guest.toml's node)
  std::vector<std::string> monitor_args;  // --monitor-arg WORD: extra monitor boot words (mon.stats=1)
  std::optional<unsigned> cpus;     // --cpus N
  std::string disk_size;            // --disk-size SIZE ("" : content x 2 + 32 MiB)
  std::string image;                // --image FILE: keep the image there
  bool reuse_image = false;         // --reuse-image: boot an existing --image as it is
  RunOptions run;                   // the options shared with `discosim run`
};

// Checks every input, builds the image and the machine description, boots
// the kernel and returns the program's exit status (the run's exit code: the
// status init exited with, 128 + a signal, 250 after a kernel panic).
// Throws std::runtime_error with a one-line reason for bad input.
int run_guest(const GuestCommand& cmd);

}  // namespace ds::guest
