// syscalls.cpp - the system-call dispatcher: one table indexed by number,
// built once from the rows each handler file exposes.
#include "sim/user/syscalls.h"

#include <array>
#include <cerrno>
#include <cstdio>

#include "sim/user/process.h"

namespace ds::user {

namespace {

constexpr u64 kTableSize = nr::kCount;

const std::array<const SyscallDesc*, kTableSize>& table() {
  static const std::array<const SyscallDesc*, kTableSize> t = [] {
    std::array<const SyscallDesc*, kTableSize> a{};
    for (auto rows : {fd_syscalls(), path_syscalls(), memory_syscalls(), process_syscalls(), signal_syscalls()})
      for (const SyscallDesc& d : rows) a[d.number - nr::kBase] = &d;
    return a;
  }();
  return t;
}

}  // namespace

const SyscallDesc* find_syscall(u64 number) {
  if (number < nr::kBase || number - nr::kBase >= kTableSize) return nullptr;
  return table()[number - nr::kBase];
}

i64 host_result(i64 r) { return r < 0 ? -mips_errno(errno) : r; }

// Reads the number and arguments, runs the handler and writes v0/a3.
void do_syscall(Process& p) {
  mips::Cpu& c = p.cpu();
  u64 number = c.gpr[2];
  u64 a[8];
  for (unsigned k = 0; k < 8; ++k) a[k] = c.gpr[4 + k];
  ++p.syscall_counts[number];
  i64 r;
  if (const SyscallDesc* d = find_syscall(number)) {
    r = d->fn(p, a);
  } else {
    if (p.first_unsupported(number)) {
      std::fflush(stdout);
      const char* name = syscall_name(number);
      std::fprintf(stderr, "discosim: unsupported syscall %llu%s%s%s (returning ENOSYS)\n",
                   static_cast<unsigned long long>(number), name ? " (" : "", name ? name : "", name ? ")" : "");
    }
    r = -err::kENOSYS;
  }
  if (p.options().strace) {
    const char* name = syscall_name(number);
    std::fprintf(stderr, "discosim: [%llu] %s(0x%llx, 0x%llx, 0x%llx, 0x%llx) = ",
                 static_cast<unsigned long long>(c.insns), name ? name : "unknown",
                 static_cast<unsigned long long>(a[0]), static_cast<unsigned long long>(a[1]),
                 static_cast<unsigned long long>(a[2]), static_cast<unsigned long long>(a[3]));
    if (r == kNoReturn)
      std::fprintf(stderr, "(no return)\n");
    else if (r < 0 && r > -4096)
      std::fprintf(stderr, "-1 errno %lld\n", static_cast<long long>(-r));
    else
      std::fprintf(stderr, "0x%llx\n", static_cast<unsigned long long>(r));
  }
  if (r == kNoReturn) return;
  if (r < 0 && r > -4096) {
    c.gpr[2] = static_cast<u64>(-r);
    c.gpr[7] = 1;
  } else {
    c.gpr[2] = static_cast<u64>(r);
    c.gpr[7] = 0;
  }
}

}  // namespace ds::user
