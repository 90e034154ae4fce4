// sys_process.cpp - process-wide syscalls: exit, identities, the deterministic
// clock and random numbers, limits, and what a single-threaded process with
// no children needs from the rest (clone/fork/execve/wait4 give ENOSYS).
//
// Determinism: the clock is the retired-instruction count (1 ns each) added
// to a fixed boot time; pid/uid/gid are fixed; random bytes come from a
// seeded generator.  Nothing here reads the host's time or identity.
#include <sys/stat.h>

#include "sim/user/guest_struct.h"
#include "sim/user/syscalls.h"

namespace ds::user {

namespace {

constexpr i64 kPid = kGuestPid, kPpid = kGuestPpid, kUid = kGuestUid, kGid = kGuestGid;
constexpr u64 kBootEpoch = 1'700'000'000;  // CLOCK_REALTIME at instruction 0 (2023-11-14)
constexpr u64 kNsPerSec = 1'000'000'000;
constexpr u64 kRlimInfinity = ~u64{0};

// MIPS resource numbers (asm/resource.h): NOFILE, AS, RSS, NPROC, MEMLOCK
// differ from the generic ones.
enum : u64 { kRlimitStack = 3, kRlimitNofile = 5 };

i64 sys_exit(Process& p, const u64* a) {
  p.exit(static_cast<int>(a[0]));
  return kNoReturn;
}

i64 sys_getpid(Process&, const u64*) { return kPid; }
i64 sys_getppid(Process&, const u64*) { return kPpid; }
i64 sys_getuid(Process&, const u64*) { return kUid; }
i64 sys_getgid(Process&, const u64*) { return kGid; }
i64 sys_getpgrp(Process&, const u64*) { return kPid; }
// An unprivileged process may only "change" to the ids it already has.
i64 sys_setuid(Process&, const u64* a) { return static_cast<i64>(a[0]) == kUid ? 0 : -err::kEPERM; }
i64 sys_setgid(Process&, const u64* a) { return static_cast<i64>(a[0]) == kGid ? 0 : -err::kEPERM; }
i64 sys_zero(Process&, const u64*) { return 0; }
i64 sys_enosys(Process&, const u64*) { return -err::kENOSYS; }
i64 sys_einval(Process&, const u64*) { return -err::kEINVAL; }

i64 sys_set_tid_address(Process& p, const u64* a) {
  p.tid_address = a[0];
  return kPid;
}

i64 sys_set_thread_area(Process& p, const u64* a) {
  p.cpu().userlocal = a[0];
  return 0;
}

i64 sys_uname(Process& p, const u64* a) {
  constexpr u64 kField = 65;
  GuestStruct u(6 * kField, p.big_endian());
  const char* fields[] = {"Linux", "discosim", "6.1.0", "#1 SMP discosim", "mips64", "(none)"};
  for (unsigned k = 0; k < 6; ++k) u.put_string(k * kField, fields[k], kField);
  return u.copy_out(p, a[0]) ? 0 : -err::kEFAULT;
}

// Nanoseconds on clock `id` (Linux clock ids); false for an unknown clock.
bool clock_ns(Process& p, u64 id, u64& ns) {
  switch (id) {
    case 0: case 5: case 8: case 11:  // REALTIME, REALTIME_COARSE, REALTIME_ALARM, TAI
      ns = kBootEpoch * kNsPerSec + p.uptime_ns();
      return true;
    case 1: case 2: case 3: case 4: case 6: case 7: case 9:  // MONOTONIC, CPUTIME..., BOOTTIME
      ns = p.uptime_ns();
      return true;
    default:
      return false;
  }
}

bool put_timespec(Process& p, u64 va, u64 ns) {
  GuestStruct ts(16, p.big_endian());
  ts.put<u64>(0, ns / kNsPerSec);
  ts.put<u64>(8, ns % kNsPerSec);
  return ts.copy_out(p, va);
}

i64 sys_clock_gettime(Process& p, const u64* a) {
  u64 ns;
  if (!clock_ns(p, a[0], ns)) return -err::kEINVAL;
  return put_timespec(p, a[1], ns) ? 0 : -err::kEFAULT;
}

i64 sys_clock_getres(Process& p, const u64* a) {
  u64 ns;
  if (!clock_ns(p, a[0], ns)) return -err::kEINVAL;
  return !a[1] || put_timespec(p, a[1], 1) ? 0 : -err::kEFAULT;
}

i64 sys_gettimeofday(Process& p, const u64* a) {
  if (a[0]) {
    u64 ns = kBootEpoch * kNsPerSec + p.uptime_ns();
    GuestStruct tv(16, p.big_endian());
    tv.put<u64>(0, ns / kNsPerSec);
    tv.put<u64>(8, ns % kNsPerSec / 1000);
    if (!tv.copy_out(p, a[0])) return -err::kEFAULT;
  }
  if (a[1] && !p.mem().copy_out(a[1], "\0\0\0\0\0\0\0\0", 8)) return -err::kEFAULT;
  return 0;
}

// Sleeping takes no simulated time: nothing else runs, so nothing can observe it.
i64 sys_nanosleep(Process&, const u64*) { return 0; }

i64 sys_times(Process& p, const u64* a) {
  u64 ticks = p.uptime_ns() / (kNsPerSec / 100);
  if (a[0]) {
    GuestStruct t(32, p.big_endian());
    t.put<u64>(0, ticks);
    if (!t.copy_out(p, a[0])) return -err::kEFAULT;
  }
  return static_cast<i64>(ticks);
}

i64 sys_getrusage(Process& p, const u64* a) {
  GuestStruct r(144, p.big_endian());
  u64 us = p.uptime_ns() / 1000;
  r.put<u64>(0, us / 1'000'000);
  r.put<u64>(8, us % 1'000'000);
  return r.copy_out(p, a[1]) ? 0 : -err::kEFAULT;
}

i64 sys_getrandom(Process& p, const u64* a) {
  std::vector<u8> buf(std::min<u64>(a[1], u64{1} << 25));
  p.random_bytes(buf.data(), buf.size());
  return p.mem().copy_out(a[0], buf.data(), buf.size()) ? static_cast<i64>(buf.size()) : -err::kEFAULT;
}

bool get_rlimit(u64 resource, u64& cur, u64& max) {
  if (resource >= 16) return false;
  cur = max = kRlimInfinity;
  if (resource == kRlimitStack) cur = kStackSize;
  if (resource == kRlimitNofile) cur = 1024, max = 4096;
  return true;
}

i64 sys_prlimit64(Process& p, const u64* a) {
  if (a[0] != 0 && static_cast<i64>(a[0]) != kPid) return -err::kESRCH;
  u64 cur, max;
  if (!get_rlimit(a[1], cur, max)) return -err::kEINVAL;
  if (a[3]) {
    GuestStruct r(16, p.big_endian());
    r.put<u64>(0, cur);
    r.put<u64>(8, max);
    if (!r.copy_out(p, a[3])) return -err::kEFAULT;
  }
  return 0;  // new limits are accepted and ignored
}

i64 sys_getrlimit(Process& p, const u64* a) {
  const u64 args[4] = {0, a[0], 0, a[1]};
  return sys_prlimit64(p, args);
}

i64 sys_sched_getaffinity(Process& p, const u64* a) {
  if (a[1] < 8) return -err::kEINVAL;
  return write_u64(p, a[2], 1) ? 8 : -err::kEFAULT;  // one CPU
}

i64 sys_sysinfo(Process& p, const u64* a) {
  GuestStruct s(112, p.big_endian());
  s.put<u64>(0, p.uptime_ns() / kNsPerSec);
  s.put<u64>(32, u64{1} << 32);                // totalram
  s.put<u64>(40, (u64{1} << 32) - p.mem().frames_in_use() * kPageSize);  // freeram
  s.put<u16>(80, 1);                           // procs
  s.put<u32>(104, 1);                          // mem_unit
  return s.copy_out(p, a[0]) ? 0 : -err::kEFAULT;
}

i64 sys_umask(Process&, const u64* a) { return umask(static_cast<mode_t>(a[0] & 0777)); }

// Futexes of a process with one thread: a wake finds nobody, a wait on a
// changed value fails, a wait on the expected value would never end.
i64 sys_futex(Process& p, const u64* a) {
  u64 op = a[1] & 0x7f;  // without FUTEX_PRIVATE_FLAG
  if (op == 1) return 0;  // FUTEX_WAKE
  if (op == 0 || op == 9) {  // FUTEX_WAIT, FUTEX_WAIT_BITSET
    u8 b[4];
    if (!p.mem().copy_in(b, a[0], 4)) return -err::kEFAULT;
    if (load_guest<u32>(b, p.big_endian()) != static_cast<u32>(a[2])) return -err::kEAGAIN;
    return -err::kEINVAL;  // deadlock in a single-threaded process
  }
  return -err::kENOSYS;
}

constexpr SyscallDesc kRows[] = {
    {nr::exit, "exit", sys_exit},
    {nr::exit_group, "exit_group", sys_exit},
    {nr::getpid, "getpid", sys_getpid},
    {nr::gettid, "gettid", sys_getpid},
    {nr::getppid, "getppid", sys_getppid},
    {nr::getuid, "getuid", sys_getuid},
    {nr::geteuid, "geteuid", sys_getuid},
    {nr::getgid, "getgid", sys_getgid},
    {nr::getegid, "getegid", sys_getgid},
    {nr::setuid, "setuid", sys_setuid},
    {nr::setgid, "setgid", sys_setgid},
    {nr::getpgrp, "getpgrp", sys_getpgrp},
    {nr::getpgid, "getpgid", sys_getpgrp},
    {nr::getsid, "getsid", sys_getpgrp},
    {nr::setpgid, "setpgid", sys_zero},
    {nr::setsid, "setsid", sys_getpgrp},
    {nr::set_tid_address, "set_tid_address", sys_set_tid_address},
    {nr::set_robust_list, "set_robust_list", sys_zero},
    {nr::set_thread_area, "set_thread_area", sys_set_thread_area},
    {nr::rseq, "rseq", sys_enosys},
    {nr::uname, "uname", sys_uname},
    {nr::clock_gettime, "clock_gettime", sys_clock_gettime},
    {nr::clock_getres, "clock_getres", sys_clock_getres},
    {nr::gettimeofday, "gettimeofday", sys_gettimeofday},
    {nr::nanosleep, "nanosleep", sys_nanosleep},
    {nr::clock_nanosleep, "clock_nanosleep", sys_nanosleep},
    {nr::times, "times", sys_times},
    {nr::getrusage, "getrusage", sys_getrusage},
    {nr::getrandom, "getrandom", sys_getrandom},
    {nr::prlimit64, "prlimit64", sys_prlimit64},
    {nr::getrlimit, "getrlimit", sys_getrlimit},
    {nr::setrlimit, "setrlimit", sys_zero},
    {nr::sched_getaffinity, "sched_getaffinity", sys_sched_getaffinity},
    {nr::sched_yield, "sched_yield", sys_zero},
    {nr::sysinfo, "sysinfo", sys_sysinfo},
    {nr::umask, "umask", sys_umask},
    {nr::futex, "futex", sys_futex},
    {nr::prctl, "prctl", sys_einval},
    {nr::clone, "clone", sys_enosys},
    {nr::fork, "fork", sys_enosys},
    {nr::execve, "execve", sys_enosys},
    {nr::wait4, "wait4", sys_enosys},
};

}  // namespace

std::span<const SyscallDesc> process_syscalls() { return kRows; }

}  // namespace ds::user
