// linux_abi.cpp - translations between host (x86-64 Linux) and guest (MIPS
// n64 Linux) values that do not share numbers: errno, open flags; and the
// names of system calls and signals, from abi/linux_n64.h's lists.
#include "sim/user/linux_abi.h"

#include <fcntl.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>

namespace ds::user {

namespace {

// errno names and MIPS values, from the header's list.
struct ErrnoRow {
  const char* name;
  i64 value;
};
#define DS_USER_ERRNO_ROW(name, value) {#name, value},
constexpr ErrnoRow kErrnos[] = {LINUX_ERRNOS(DS_USER_ERRNO_ROW)};
#undef DS_USER_ERRNO_ROW

// Host errno -> MIPS errno for every host value, matched by name
// (strerrorname_np gives the host's name: "ENOSYS").  Host aliases such as
// EWOULDBLOCK or ENOTSUP name their primary value, which MIPS also has.
constexpr int kHostErrnos = 256;
const std::array<i64, kHostErrnos>& errno_table() {
  static const std::array<i64, kHostErrnos> t = [] {
    std::array<i64, kHostErrnos> a{};
    a.fill(err::kEINVAL);  // no faithful equivalent
    for (int h = 1; h < kHostErrnos; ++h) {
      const char* name = strerrorname_np(h);
      if (!name) continue;
      for (const ErrnoRow& r : kErrnos)
        if (std::string_view(r.name) == name) a[h] = r.value;
    }
    return a;
  }();
  return t;
}

// One row per flag whose bit differs between the two ABIs.
struct FlagPair {
  u64 guest;
  int host;
};
constexpr FlagPair kOpenFlags[] = {
    {LINUX_O_APPEND, O_APPEND},       {LINUX_O_DSYNC, O_DSYNC},         {LINUX_O_NONBLOCK, O_NONBLOCK},
    {LINUX_O_CREAT, O_CREAT},         {LINUX_O_TRUNC, O_TRUNC},         {LINUX_O_EXCL, O_EXCL},
    {LINUX_O_NOCTTY, O_NOCTTY},       {LINUX_O_SYNC, O_SYNC},           {LINUX_O_DIRECT, O_DIRECT},
    {LINUX_O_DIRECTORY, O_DIRECTORY}, {LINUX_O_NOFOLLOW, O_NOFOLLOW},   {LINUX_O_NOATIME, O_NOATIME},
    {LINUX_O_CLOEXEC, O_CLOEXEC},     {LINUX_O_PATH, O_PATH},
};

// System call names indexed by number - kBase.
#define DS_USER_NR_NAME(name, number) t[number - nr::kBase] = #name;
constexpr std::array<const char*, nr::kCount> kSyscallNames = [] {
  std::array<const char*, nr::kCount> t{};
  LINUX_N64_SYSCALLS(DS_USER_NR_NAME)
  return t;
}();
#undef DS_USER_NR_NAME

// The classic signals' names and default actions, indexed by number.
struct SignalRow {
  const char* name = nullptr;
  int action = LINUX_SIGACT_TERM;
};
#define DS_USER_SIG_ROW(name, number, action) t[number] = {#name, action};
constexpr std::array<SignalRow, 32> kSignals = [] {
  std::array<SignalRow, 32> t{};
  LINUX_SIGNALS(DS_USER_SIG_ROW)
  return t;
}();
#undef DS_USER_SIG_ROW

}  // namespace

i64 mips_errno(int e) { return e > 0 && e < kHostErrnos ? errno_table()[e] : err::kEINVAL; }

int host_open_flags(u64 g) {
  int h = static_cast<int>(g & LINUX_O_ACCMODE);  // O_RDONLY / O_WRONLY / O_RDWR
  for (const FlagPair& f : kOpenFlags)
    if ((g & f.guest) == f.guest) h |= f.host;
  return h;
}

u64 guest_open_flags(int h) {
  u64 g = static_cast<u64>(h & O_ACCMODE);
  for (const FlagPair& f : kOpenFlags)
    if ((h & f.host) == f.host) g |= f.guest;
  return g;
}

const char* syscall_name(u64 number) {
  if (number < nr::kBase || number - nr::kBase >= nr::kCount) return nullptr;
  return kSyscallNames[number - nr::kBase];
}

const char* signal_name(int sig) {
  if (sig > 0 && sig < 32 && kSignals[sig].name) return kSignals[sig].name;
  static char buf[16];
  std::snprintf(buf, sizeof buf, "SIG%d", sig);
  return buf;
}

int default_action(int sig) { return sig > 0 && sig < 32 ? kSignals[sig].action : LINUX_SIGACT_TERM; }

}  // namespace ds::user
