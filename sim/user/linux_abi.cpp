// linux_abi.cpp - translations between host (x86-64 Linux) and guest (MIPS
// n64 Linux) values that do not share numbers: errno, open flags, signal names.
#include "sim/user/linux_abi.h"

#include <fcntl.h>

#include <cerrno>
#include <cstdio>

namespace ds::user {

i64 mips_errno(int e) {
  if (e >= 1 && e <= 34) return e;  // the historical Unix block agrees everywhere
  switch (e) {  // left: host name, right: MIPS asm/errno.h value
    case EDEADLK: return 45;
    case ENAMETOOLONG: return 78;
    case ENOLCK: return 46;
    case ENOSYS: return 89;
    case ENOTEMPTY: return 93;
    case ELOOP: return 90;
    case ENOMSG: return 35;
    case EIDRM: return 36;
    case ENODATA: return 61;
    case ETIME: return 62;
    case EOVERFLOW: return 79;
    case EBADFD: return 81;
    case EILSEQ: return 88;
    case ENOTSOCK: return 95;
    case EOPNOTSUPP: return 122;
    case EAFNOSUPPORT: return 124;
    case EADDRINUSE: return 125;
    case ECONNRESET: return 131;
    case ENOTCONN: return 134;
    case ETIMEDOUT: return 145;
    case ECONNREFUSED: return 146;
    case EALREADY: return 149;
    case EINPROGRESS: return 150;
    case ESTALE: return 151;
    case ECANCELED: return 158;
    case EDQUOT: return 1133;
    default: return err::kEINVAL;  // no faithful equivalent
  }
}

namespace {
// One row per flag whose bit differs between the two ABIs.
struct FlagPair {
  u64 guest;
  int host;
};
constexpr FlagPair kOpenFlags[] = {
    {0x0008, O_APPEND},    {0x0010, O_DSYNC},     {0x0080, O_NONBLOCK}, {0x0100, O_CREAT},
    {0x0200, O_TRUNC},     {0x0400, O_EXCL},      {0x0800, O_NOCTTY},   {0x4010, O_SYNC},
    {0x8000, O_DIRECT},    {0x10000, O_DIRECTORY}, {0x20000, O_NOFOLLOW}, {0x40000, O_NOATIME},
    {0x80000, O_CLOEXEC},  {0x200000, O_PATH},
};
}  // namespace

int host_open_flags(u64 g) {
  int h = static_cast<int>(g & 3);  // O_RDONLY / O_WRONLY / O_RDWR
  for (const FlagPair& f : kOpenFlags)
    if ((g & f.guest) == f.guest) h |= f.host;
  return h;
}

u64 guest_open_flags(int h) {
  u64 g = static_cast<u64>(h & 3);
  for (const FlagPair& f : kOpenFlags)
    if ((h & f.host) == f.host) g |= f.guest;
  return g;
}

const char* signal_name(int sig) {
  static const char* const kNames[] = {
      "SIG0",    "SIGHUP",  "SIGINT",  "SIGQUIT", "SIGILL",    "SIGTRAP", "SIGABRT", "SIGEMT",
      "SIGFPE",  "SIGKILL", "SIGBUS",  "SIGSEGV", "SIGSYS",    "SIGPIPE", "SIGALRM", "SIGTERM",
      "SIGUSR1", "SIGUSR2", "SIGCHLD", "SIGPWR",  "SIGWINCH",  "SIGURG",  "SIGIO",   "SIGSTOP",
      "SIGTSTP", "SIGCONT", "SIGTTIN", "SIGTTOU", "SIGVTALRM", "SIGPROF", "SIGXCPU", "SIGXFSZ",
  };
  if (sig >= 0 && sig < 32) return kNames[sig];
  static char buf[16];
  std::snprintf(buf, sizeof buf, "SIG%d", sig);
  return buf;
}

}  // namespace ds::user
