// syscalls.h - the Linux n64 system-call table of the user-mode runner.
//
// Convention (MIPS n64): number in $2 (v0), arguments in $4..$11 (a0..a7);
// the result goes to $2 with $7 (a3) = 0, or on failure $2 = positive errno
// and $7 = 1.  Handlers return the result, or -errno (MIPS numbering, see
// linux_abi.h), or kNoReturn when they have set the registers themselves
// (rt_sigreturn) or ended the process (exit).  Each group of handlers lives
// in its own file and exposes its rows; the dispatcher indexes them once.
// Names (--strace, --stats) come from abi/linux_n64.h: syscall_name().
#pragma once
#include <span>

#include "sim/types.h"

namespace ds::user {

class Process;

using SyscallFn = i64 (*)(Process& p, const u64* a);  // a[0..7] = $4..$11

struct SyscallDesc {
  u64 number;  // nr::*
  SyscallFn fn;
};

constexpr i64 kNoReturn = INT64_MIN;

std::span<const SyscallDesc> fd_syscalls();       // sys_fd.cpp
std::span<const SyscallDesc> path_syscalls();     // sys_path.cpp
std::span<const SyscallDesc> memory_syscalls();   // sys_memory.cpp
std::span<const SyscallDesc> process_syscalls();  // sys_process.cpp
std::span<const SyscallDesc> signal_syscalls();   // signals.cpp

// Runs the syscall the CPU just trapped on and writes its result registers.
// An unknown number gives ENOSYS and a one-line note on stderr (once per number).
void do_syscall(Process& p);

// The row for a number, or nullptr.
const SyscallDesc* find_syscall(u64 number);

// host result (>= 0, or -1 with errno set) -> handler result.
i64 host_result(i64 r);

}  // namespace ds::user
