// vm_config.h - the machine description's [[vm]] tables: the virtual
// machines a Disco monitor booted on this machine should create.  The
// simulator does not know the monitor: these tables are tooling that turns
// into the monitor's boot words (docs/monitor.md, "Boot words"), appended to
// [boot] args, exactly as if the user had written them there.
//
//   [[vm]]                   # VM 0, then 1, ... in order
//   kernel_disk = 0          # index of the [[disk]] holding the guest kernel's ELF (raw)
//   disks = [1]              # indices of the [[disk]]s the VM owns (its disks 0, 1, ...)
//   vcpus = 2                # virtual CPUs (default 1)
//   memory = "64M"           # guest-physical memory (default "16M")
//   args = ["root=0", "init=/bin/sh"]   # the guest kernel's boot words (no spaces inside a word)
//   limit = 0                # kill the VM after this many cycles (0: never)
#pragma once
#include <string>
#include <toml++/toml.h>

#include "sim/config.h"

namespace ds {

// Appends the boot words of every [[vm]] table of `root` to cfg.boot_args.
// Throws std::runtime_error("file: reason") on a malformed table.
void parse_vm_tables(const toml::table& root, MachineConfig& cfg, const std::string& file);

}  // namespace ds
