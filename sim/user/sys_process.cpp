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
constexpr u64 kRlimInfinity = LINUX_RLIM_INFINITY;

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
  GuestStruct u(LINUX_UTSNAME_SIZE, p.big_endian());
  const std::pair<u64, const char*> fields[] = {
      {LINUX_UTSNAME_OFF_SYSNAME, "Linux"},           {LINUX_UTSNAME_OFF_NODENAME, "discosim"},
      {LINUX_UTSNAME_OFF_RELEASE, "6.1.0"},           {LINUX_UTSNAME_OFF_VERSION, "#1 SMP discosim"},
      {LINUX_UTSNAME_OFF_MACHINE, "mips64"},          {LINUX_UTSNAME_OFF_DOMAINNAME, "(none)"}};
  for (auto [off, text] : fields) u.put_string(off, text, LINUX_UTSNAME_LEN);
  return u.copy_out(p, a[0]) ? 0 : -err::kEFAULT;
}

// Nanoseconds on clock `id` (Linux clock ids); false for an unknown clock.
bool clock_ns(Process& p, u64 id, u64& ns) {
  switch (id) {
    case LINUX_CLOCK_REALTIME: case LINUX_CLOCK_REALTIME_COARSE: case LINUX_CLOCK_REALTIME_ALARM:
    case LINUX_CLOCK_TAI:
      ns = kBootEpoch * kNsPerSec + p.uptime_ns();
      return true;
    case LINUX_CLOCK_MONOTONIC: case LINUX_CLOCK_PROCESS_CPUTIME_ID: case LINUX_CLOCK_THREAD_CPUTIME_ID:
    case LINUX_CLOCK_MONOTONIC_RAW: case LINUX_CLOCK_MONOTONIC_COARSE: case LINUX_CLOCK_BOOTTIME:
    case LINUX_CLOCK_BOOTTIME_ALARM:
      ns = p.uptime_ns();
      return true;
    default:
      return false;
  }
}

bool put_timespec(Process& p, u64 va, u64 ns) {
  GuestStruct ts(LINUX_TIMESPEC_SIZE, p.big_endian());
  ts.put_field(LINUX_TIMESPEC_OFF_SEC, LINUX_TIMESPEC_W_SEC, ns / kNsPerSec);
  ts.put_field(LINUX_TIMESPEC_OFF_NSEC, LINUX_TIMESPEC_W_NSEC, ns % kNsPerSec);
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
    GuestStruct tv(LINUX_TIMEVAL_SIZE, p.big_endian());
    tv.put_field(LINUX_TIMEVAL_OFF_SEC, LINUX_TIMEVAL_W_SEC, ns / kNsPerSec);
    tv.put_field(LINUX_TIMEVAL_OFF_USEC, LINUX_TIMEVAL_W_USEC, ns % kNsPerSec / 1000);
    if (!tv.copy_out(p, a[0])) return -err::kEFAULT;
  }
  if (a[1] && !GuestStruct(LINUX_TIMEZONE_SIZE, p.big_endian()).copy_out(p, a[1])) return -err::kEFAULT;  // UTC
  return 0;
}

// Sleeping takes no simulated time: nothing else runs, so nothing can observe it.
i64 sys_nanosleep(Process&, const u64*) { return 0; }

i64 sys_times(Process& p, const u64* a) {
  u64 ticks = p.uptime_ns() / (kNsPerSec / LINUX_CLK_TCK);
  if (a[0]) {
    GuestStruct t(LINUX_TMS_SIZE, p.big_endian());
    t.put_field(LINUX_TMS_OFF_UTIME, LINUX_TMS_W_UTIME, ticks);
    if (!t.copy_out(p, a[0])) return -err::kEFAULT;
  }
  return static_cast<i64>(ticks);
}

i64 sys_getrusage(Process& p, const u64* a) {
  GuestStruct r(LINUX_RUSAGE_SIZE, p.big_endian());
  u64 us = p.uptime_ns() / 1000;
  r.put_field(LINUX_RUSAGE_OFF_UTIME + LINUX_TIMEVAL_OFF_SEC, LINUX_TIMEVAL_W_SEC, us / 1'000'000);
  r.put_field(LINUX_RUSAGE_OFF_UTIME + LINUX_TIMEVAL_OFF_USEC, LINUX_TIMEVAL_W_USEC, us % 1'000'000);
  return r.copy_out(p, a[1]) ? 0 : -err::kEFAULT;
}

i64 sys_getrandom(Process& p, const u64* a) {
  std::vector<u8> buf(std::min<u64>(a[1], u64{1} << 25));
  p.random_bytes(buf.data(), buf.size());
  return p.mem().copy_out(a[0], buf.data(), buf.size()) ? static_cast<i64>(buf.size()) : -err::kEFAULT;
}

bool get_rlimit(u64 resource, u64& cur, u64& max) {
  if (resource >= LINUX_RLIM_NLIMITS) return false;
  cur = max = kRlimInfinity;
  if (resource == LINUX_RLIMIT_STACK) cur = kStackSize;
  if (resource == LINUX_RLIMIT_NOFILE) cur = 1024, max = 4096;
  return true;
}

i64 sys_prlimit64(Process& p, const u64* a) {
  if (a[0] != 0 && static_cast<i64>(a[0]) != kPid) return -err::kESRCH;
  u64 cur, max;
  if (!get_rlimit(a[1], cur, max)) return -err::kEINVAL;
  if (a[3]) {
    GuestStruct r(LINUX_RLIMIT_SIZE, p.big_endian());
    r.put_field(LINUX_RLIMIT_OFF_CUR, LINUX_RLIMIT_W_CUR, cur);
    r.put_field(LINUX_RLIMIT_OFF_MAX, LINUX_RLIMIT_W_MAX, max);
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
  constexpr u64 kRam = u64{1} << 32;  // the frame pool
  GuestStruct s(LINUX_SYSINFO_SIZE, p.big_endian());
  s.put_field(LINUX_SYSINFO_OFF_UPTIME, LINUX_SYSINFO_W_UPTIME, p.uptime_ns() / kNsPerSec);
  s.put_field(LINUX_SYSINFO_OFF_TOTALRAM, LINUX_SYSINFO_W_TOTALRAM, kRam);
  s.put_field(LINUX_SYSINFO_OFF_FREERAM, LINUX_SYSINFO_W_FREERAM, kRam - p.mem().frames_in_use() * kPageSize);
  s.put_field(LINUX_SYSINFO_OFF_PROCS, LINUX_SYSINFO_W_PROCS, 1);
  s.put_field(LINUX_SYSINFO_OFF_MEM_UNIT, LINUX_SYSINFO_W_MEM_UNIT, 1);
  return s.copy_out(p, a[0]) ? 0 : -err::kEFAULT;
}

i64 sys_umask(Process&, const u64* a) { return umask(static_cast<mode_t>(a[0] & 0777)); }

// Futexes of a process with one thread: a wake finds nobody, a wait on a
// changed value fails, a wait on the expected value would never end.
i64 sys_futex(Process& p, const u64* a) {
  u64 op = a[1] & LINUX_FUTEX_CMD_MASK;  // without PRIVATE_FLAG and CLOCK_REALTIME
  if (op == LINUX_FUTEX_WAKE) return 0;
  if (op == LINUX_FUTEX_WAIT || op == LINUX_FUTEX_WAIT_BITSET) {
    u8 b[4];
    if (!p.mem().copy_in(b, a[0], 4)) return -err::kEFAULT;
    if (load_guest<u32>(b, p.big_endian()) != static_cast<u32>(a[2])) return -err::kEAGAIN;
    return -err::kEINVAL;  // deadlock in a single-threaded process
  }
  return -err::kENOSYS;
}

constexpr SyscallDesc kRows[] = {
    {nr::exit, sys_exit},
    {nr::exit_group, sys_exit},
    {nr::getpid, sys_getpid},
    {nr::gettid, sys_getpid},
    {nr::getppid, sys_getppid},
    {nr::getuid, sys_getuid},
    {nr::geteuid, sys_getuid},
    {nr::getgid, sys_getgid},
    {nr::getegid, sys_getgid},
    {nr::setuid, sys_setuid},
    {nr::setgid, sys_setgid},
    {nr::getpgrp, sys_getpgrp},
    {nr::getpgid, sys_getpgrp},
    {nr::getsid, sys_getpgrp},
    {nr::setpgid, sys_zero},
    {nr::setsid, sys_getpgrp},
    {nr::set_tid_address, sys_set_tid_address},
    {nr::set_robust_list, sys_zero},
    {nr::set_thread_area, sys_set_thread_area},
    {nr::rseq, sys_enosys},
    {nr::uname, sys_uname},
    {nr::clock_gettime, sys_clock_gettime},
    {nr::clock_getres, sys_clock_getres},
    {nr::gettimeofday, sys_gettimeofday},
    {nr::nanosleep, sys_nanosleep},
    {nr::clock_nanosleep, sys_nanosleep},
    {nr::times, sys_times},
    {nr::getrusage, sys_getrusage},
    {nr::getrandom, sys_getrandom},
    {nr::prlimit64, sys_prlimit64},
    {nr::getrlimit, sys_getrlimit},
    {nr::setrlimit, sys_zero},
    {nr::sched_getaffinity, sys_sched_getaffinity},
    {nr::sched_yield, sys_zero},
    {nr::sysinfo, sys_sysinfo},
    {nr::umask, sys_umask},
    {nr::futex, sys_futex},
    {nr::prctl, sys_einval},
    {nr::clone, sys_enosys},
    {nr::fork, sys_enosys},
    {nr::execve, sys_enosys},
    {nr::wait4, sys_enosys},
};

}  // namespace

std::span<const SyscallDesc> process_syscalls() { return kRows; }

}  // namespace ds::user
