// stat_layout.h - the MIPS n64 `struct stat` (abi/linux_n64.h: 104 bytes, 32-bit
// time fields) and the arch-independent `struct statx`, written in guest byte
// order from the host's results.
#pragma once
#include <sys/stat.h>

#include "sim/types.h"

namespace ds::user {

class Process;

// Writes `st` at guest address `va` as an n64 struct stat; 0 or -EFAULT.
i64 put_stat(Process& p, u64 va, const struct stat& st);
// Writes `stx` at `va` as a struct statx (256 bytes); 0 or -EFAULT.
i64 put_statx(Process& p, u64 va, const struct statx& stx);

}  // namespace ds::user
