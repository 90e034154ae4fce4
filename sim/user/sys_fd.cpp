// sys_fd.cpp - syscalls on file descriptors.  Guest descriptors are host
// descriptors (stdin/stdout/stderr pass through); data moves through a host
// buffer and the address space's copy helpers, so a bad guest pointer gives
// EFAULT, never a host fault.
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <memory>

#include "sim/user/guest_struct.h"
#include "sim/user/stat_layout.h"
#include "sim/user/syscalls.h"

namespace ds::user {

namespace {

constexpr u64 kMaxIo = u64{1} << 26;  // longest single transfer (64 MiB)

int fd_of(u64 a) { return static_cast<int>(static_cast<i64>(a)); }

// A host bounce buffer of at most kMaxIo bytes, left uninitialised (a large
// read would otherwise pay for zeroing memory it is about to overwrite).
struct IoBuffer {
  explicit IoBuffer(u64 want) : n(std::min(want, kMaxIo)), bytes(new u8[n ? n : 1]) {}
  u8* data() { return bytes.get(); }
  u64 size() const { return n; }
  u64 n;
  std::unique_ptr<u8[]> bytes;
};

i64 sys_read(Process& p, const u64* a) {
  IoBuffer buf(a[2]);
  i64 n = host_result(read(fd_of(a[0]), buf.data(), buf.size()));
  if (n > 0 && !p.mem().copy_out(a[1], buf.data(), n)) return -err::kEFAULT;
  return n;
}

i64 sys_write(Process& p, const u64* a) {
  IoBuffer buf(a[2]);
  if (!p.mem().copy_in(buf.data(), a[1], buf.size())) return -err::kEFAULT;
  return host_result(write(fd_of(a[0]), buf.data(), buf.size()));
}

i64 sys_pread64(Process& p, const u64* a) {
  IoBuffer buf(a[2]);
  i64 n = host_result(pread(fd_of(a[0]), buf.data(), buf.size(), static_cast<off_t>(a[3])));
  if (n > 0 && !p.mem().copy_out(a[1], buf.data(), n)) return -err::kEFAULT;
  return n;
}

i64 sys_pwrite64(Process& p, const u64* a) {
  IoBuffer buf(a[2]);
  if (!p.mem().copy_in(buf.data(), a[1], buf.size())) return -err::kEFAULT;
  return host_result(pwrite(fd_of(a[0]), buf.data(), buf.size(), static_cast<off_t>(a[3])));
}

// Reads a guest iovec array: {base, len} pairs.
bool read_iovec(Process& p, u64 va, u64 count, std::vector<std::pair<u64, u64>>& out) {
  if (count > LINUX_UIO_MAXIOV) return false;
  GuestStruct g(LINUX_IOVEC_SIZE * count, p.big_endian());
  if (count && !g.copy_in(p, va)) return false;
  for (u64 k = 0; k < count; ++k) {
    u64 at = LINUX_IOVEC_SIZE * k;
    out.emplace_back(g.get_field(at + LINUX_IOVEC_OFF_BASE, LINUX_IOVEC_W_BASE),
                     g.get_field(at + LINUX_IOVEC_OFF_LEN, LINUX_IOVEC_W_LEN));
  }
  return true;
}

i64 sys_writev(Process& p, const u64* a) {
  std::vector<std::pair<u64, u64>> iov;
  if (!read_iovec(p, a[1], a[2], iov)) return a[2] > LINUX_UIO_MAXIOV ? -err::kEINVAL : -err::kEFAULT;
  std::vector<u8> buf;
  for (auto [base, len] : iov) {
    u64 at = buf.size();
    if (len > kMaxIo || at + len > kMaxIo) return -err::kEINVAL;
    buf.resize(at + len);
    if (!p.mem().copy_in(buf.data() + at, base, len)) return -err::kEFAULT;
  }
  return host_result(write(fd_of(a[0]), buf.data(), buf.size()));
}

i64 sys_readv(Process& p, const u64* a) {
  std::vector<std::pair<u64, u64>> iov;
  if (!read_iovec(p, a[1], a[2], iov)) return a[2] > LINUX_UIO_MAXIOV ? -err::kEINVAL : -err::kEFAULT;
  u64 total = 0;
  for (auto [base, len] : iov) total += len;
  IoBuffer buf(total);
  i64 n = host_result(read(fd_of(a[0]), buf.data(), buf.size()));
  u64 at = 0;
  for (auto [base, len] : iov) {
    if (n <= 0 || at >= static_cast<u64>(n)) break;
    u64 chunk = std::min(len, static_cast<u64>(n) - at);
    if (!p.mem().copy_out(base, buf.data() + at, chunk)) return -err::kEFAULT;
    at += chunk;
  }
  return n;
}

i64 sys_close(Process&, const u64* a) { return host_result(close(fd_of(a[0]))); }

i64 sys_lseek(Process&, const u64* a) {
  return host_result(lseek(fd_of(a[0]), static_cast<off_t>(a[1]), static_cast<int>(a[2])));
}

i64 sys_dup(Process&, const u64* a) { return host_result(dup(fd_of(a[0]))); }
i64 sys_dup2(Process&, const u64* a) { return host_result(dup2(fd_of(a[0]), fd_of(a[1]))); }
i64 sys_dup3(Process&, const u64* a) {
  return host_result(dup3(fd_of(a[0]), fd_of(a[1]), host_open_flags(a[2]) & O_CLOEXEC));
}

i64 do_pipe(Process& p, u64 va, u64 flags) {
  int fds[2];
  if (pipe2(fds, host_open_flags(flags) & (O_CLOEXEC | O_NONBLOCK)) < 0) return -mips_errno(errno);
  if (!write_u32(p, va, fds[0]) || !write_u32(p, va + 4, fds[1])) {
    close(fds[0]), close(fds[1]);
    return -err::kEFAULT;
  }
  return 0;
}

// The old MIPS pipe() returns both descriptors in registers: v0 and v1.
i64 sys_pipe(Process& p, const u64*) {
  int fds[2];
  if (pipe(fds) < 0) return -mips_errno(errno);
  p.cpu().gpr[3] = static_cast<u64>(fds[1]);
  return fds[0];
}
i64 sys_pipe2(Process& p, const u64* a) { return do_pipe(p, a[0], a[1]); }

i64 sys_fcntl(Process&, const u64* a) {
  int fd = fd_of(a[0]);
  switch (a[1]) {
    case LINUX_F_DUPFD: return host_result(fcntl(fd, F_DUPFD, static_cast<int>(a[2])));
    case LINUX_F_DUPFD_CLOEXEC: return host_result(fcntl(fd, F_DUPFD_CLOEXEC, static_cast<int>(a[2])));
    case LINUX_F_GETFD: return host_result(fcntl(fd, F_GETFD));  // FD_CLOEXEC is 1 on both
    case LINUX_F_SETFD: return host_result(fcntl(fd, F_SETFD, static_cast<int>(a[2]) & LINUX_FD_CLOEXEC));
    case LINUX_F_GETFL: {
      int r = fcntl(fd, F_GETFL);
      return r < 0 ? -mips_errno(errno) : static_cast<i64>(guest_open_flags(r));
    }
    case LINUX_F_SETFL: return host_result(fcntl(fd, F_SETFL, host_open_flags(a[2])));
    case LINUX_F_SETLK: case LINUX_F_SETLKW: case LINUX_F_GETLK:  // one process, no contention
      return fcntl(fd, F_GETFD) < 0 ? -err::kEBADF : 0;
    default: return -err::kEINVAL;
  }
}

i64 sys_ioctl(Process& p, const u64* a) {
  int fd = fd_of(a[0]);
  switch (a[1]) {
    case kTCGETS: {
      if (!isatty(fd)) return fcntl(fd, F_GETFD) < 0 ? -err::kEBADF : -err::kENOTTY;
      GuestStruct t(LINUX_TERMIOS_SIZE, p.big_endian());  // all zero: a sane default
      return t.copy_out(p, a[2]) ? 0 : -err::kEFAULT;
    }
    case kTIOCGWINSZ: {
      struct winsize ws;
      if (ioctl(fd, TIOCGWINSZ, &ws) < 0) return -mips_errno(errno);
      GuestStruct w(LINUX_WINSIZE_SIZE, p.big_endian());
      w.put_field(LINUX_WINSIZE_OFF_ROW, LINUX_WINSIZE_W_ROW, ws.ws_row);
      w.put_field(LINUX_WINSIZE_OFF_COL, LINUX_WINSIZE_W_COL, ws.ws_col);
      w.put_field(LINUX_WINSIZE_OFF_XPIXEL, LINUX_WINSIZE_W_XPIXEL, ws.ws_xpixel);
      w.put_field(LINUX_WINSIZE_OFF_YPIXEL, LINUX_WINSIZE_W_YPIXEL, ws.ws_ypixel);
      return w.copy_out(p, a[2]) ? 0 : -err::kEFAULT;
    }
    case kFIONREAD: {
      int n = 0;
      if (ioctl(fd, FIONREAD, &n) < 0) return -mips_errno(errno);
      return write_u32(p, a[2], static_cast<u32>(n)) ? 0 : -err::kEFAULT;
    }
    default:
      return fcntl(fd, F_GETFD) < 0 ? -err::kEBADF : -err::kENOTTY;
  }
}

i64 sys_fstat(Process& p, const u64* a) {
  struct stat st;
  if (fstat(fd_of(a[0]), &st) < 0) return -mips_errno(errno);
  return put_stat(p, a[1], st);
}

i64 sys_fsync(Process&, const u64* a) { return host_result(fsync(fd_of(a[0]))); }
i64 sys_ftruncate(Process&, const u64* a) { return host_result(ftruncate(fd_of(a[0]), static_cast<off_t>(a[1]))); }
i64 sys_fchmod(Process&, const u64* a) { return host_result(fchmod(fd_of(a[0]), static_cast<mode_t>(a[1]))); }
i64 sys_fchdir(Process&, const u64* a) { return host_result(fchdir(fd_of(a[0]))); }

// struct linux_dirent64 has one layout everywhere (the host's is the
// guest's); only the byte order of ino, off and reclen changes.
i64 sys_getdents64(Process& p, const u64* a) {
  static_assert(LINUX_DIRENT64_W_INO == 8 && LINUX_DIRENT64_W_OFF == 8 && LINUX_DIRENT64_W_RECLEN == 2);
  std::vector<u8> buf(std::min<u64>(a[2], 1 << 20));
  i64 n = host_result(syscall(SYS_getdents64, fd_of(a[0]), buf.data(), buf.size()));
  if (n <= 0) return n;
  for (i64 off = 0; off < n;) {
    u8* d = buf.data() + off;
    u64 ino, doff;
    u16 reclen;
    std::memcpy(&ino, d + LINUX_DIRENT64_OFF_INO, 8);
    std::memcpy(&doff, d + LINUX_DIRENT64_OFF_OFF, 8);
    std::memcpy(&reclen, d + LINUX_DIRENT64_OFF_RECLEN, 2);
    store_guest<u64>(d + LINUX_DIRENT64_OFF_INO, ino, p.big_endian());
    store_guest<u64>(d + LINUX_DIRENT64_OFF_OFF, doff, p.big_endian());
    store_guest<u16>(d + LINUX_DIRENT64_OFF_RECLEN, reclen, p.big_endian());
    off += reclen;
  }
  return p.mem().copy_out(a[1], buf.data(), n) ? n : -err::kEFAULT;
}

// poll/ppoll: struct pollfd {int fd; short events, revents}; POLLIN through
// POLLNVAL (the low six bits) are the same on both sides, the rest differ
// and are dropped.  Never waits (timeout 0 when no descriptor is ready would
// spin forever, so the host call may block).
constexpr u64 kSharedPollBits =
    LINUX_POLLIN | LINUX_POLLPRI | LINUX_POLLOUT | LINUX_POLLERR | LINUX_POLLHUP | LINUX_POLLNVAL;
static_assert(kSharedPollBits == (POLLIN | POLLPRI | POLLOUT | POLLERR | POLLHUP | POLLNVAL));
i64 do_poll(Process& p, u64 va, u64 n, int timeout_ms) {
  constexpr u64 kSize = LINUX_POLLFD_SIZE;
  if (n > 1024) return -err::kEINVAL;
  GuestStruct g(kSize * n, p.big_endian());
  if (n && !g.copy_in(p, va)) return -err::kEFAULT;
  std::vector<pollfd> fds(n);
  for (u64 k = 0; k < n; ++k) {
    fds[k].fd = static_cast<int>(g.get_field(kSize * k + LINUX_POLLFD_OFF_FD, LINUX_POLLFD_W_FD));
    fds[k].events = static_cast<short>(g.get_field(kSize * k + LINUX_POLLFD_OFF_EVENTS, LINUX_POLLFD_W_EVENTS) &
                                       kSharedPollBits);
  }
  i64 r = host_result(poll(fds.data(), n, timeout_ms));
  if (r < 0) return r;
  for (u64 k = 0; k < n; ++k)
    g.put_field(kSize * k + LINUX_POLLFD_OFF_REVENTS, LINUX_POLLFD_W_REVENTS, static_cast<u16>(fds[k].revents));
  return !n || g.copy_out(p, va) ? r : -err::kEFAULT;
}
i64 sys_poll(Process& p, const u64* a) { return do_poll(p, a[0], a[1], static_cast<int>(a[2])); }
i64 sys_ppoll(Process& p, const u64* a) {
  int timeout = -1;
  if (a[2]) {
    GuestStruct ts(LINUX_TIMESPEC_SIZE, p.big_endian());
    if (!ts.copy_in(p, a[2])) return -err::kEFAULT;
    u64 sec = ts.get_field(LINUX_TIMESPEC_OFF_SEC, LINUX_TIMESPEC_W_SEC);
    u64 nsec = ts.get_field(LINUX_TIMESPEC_OFF_NSEC, LINUX_TIMESPEC_W_NSEC);
    timeout = static_cast<int>(std::min<u64>(sec * 1000 + nsec / 1'000'000, 1u << 30));
  }
  return do_poll(p, a[0], a[1], timeout);
}

constexpr SyscallDesc kRows[] = {
    {nr::read, sys_read},
    {nr::write, sys_write},
    {nr::pread64, sys_pread64},
    {nr::pwrite64, sys_pwrite64},
    {nr::readv, sys_readv},
    {nr::writev, sys_writev},
    {nr::close, sys_close},
    {nr::lseek, sys_lseek},
    {nr::dup, sys_dup},
    {nr::dup2, sys_dup2},
    {nr::dup3, sys_dup3},
    {nr::pipe, sys_pipe},
    {nr::pipe2, sys_pipe2},
    {nr::fcntl, sys_fcntl},
    {nr::ioctl, sys_ioctl},
    {nr::fstat, sys_fstat},
    {nr::fsync, sys_fsync},
    {nr::fdatasync, sys_fsync},
    {nr::ftruncate, sys_ftruncate},
    {nr::fchmod, sys_fchmod},
    {nr::fchdir, sys_fchdir},
    {nr::getdents64, sys_getdents64},
    {nr::poll, sys_poll},
    {nr::ppoll, sys_ppoll},
};

}  // namespace

std::span<const SyscallDesc> fd_syscalls() { return kRows; }

}  // namespace ds::user
