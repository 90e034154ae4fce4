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

// Reads a guest iovec array: {u64 base, u64 len} pairs.
bool read_iovec(Process& p, u64 va, u64 count, std::vector<std::pair<u64, u64>>& out) {
  if (count > 1024) return false;
  for (u64 k = 0; k < count; ++k) {
    u64 base, len;
    if (!read_u64(p, va + 16 * k, base) || !read_u64(p, va + 16 * k + 8, len)) return false;
    out.emplace_back(base, len);
  }
  return true;
}

i64 sys_writev(Process& p, const u64* a) {
  std::vector<std::pair<u64, u64>> iov;
  if (!read_iovec(p, a[1], a[2], iov)) return a[2] > 1024 ? -err::kEINVAL : -err::kEFAULT;
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
  if (!read_iovec(p, a[1], a[2], iov)) return a[2] > 1024 ? -err::kEINVAL : -err::kEFAULT;
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
    case 0: return host_result(fcntl(fd, F_DUPFD, static_cast<int>(a[2])));
    case 1030: return host_result(fcntl(fd, F_DUPFD_CLOEXEC, static_cast<int>(a[2])));
    case 1: return host_result(fcntl(fd, F_GETFD));
    case 2: return host_result(fcntl(fd, F_SETFD, static_cast<int>(a[2]) & FD_CLOEXEC));
    case 3: {
      int r = fcntl(fd, F_GETFL);
      return r < 0 ? -mips_errno(errno) : static_cast<i64>(guest_open_flags(r));
    }
    case 4: return host_result(fcntl(fd, F_SETFL, host_open_flags(a[2])));
    case 6: case 7: case 14:  // F_SETLK, F_SETLKW, F_GETLK: one process, no contention
      return fcntl(fd, F_GETFD) < 0 ? -err::kEBADF : 0;
    default: return -err::kEINVAL;
  }
}

i64 sys_ioctl(Process& p, const u64* a) {
  int fd = fd_of(a[0]);
  switch (a[1]) {
    case kTCGETS: {
      if (!isatty(fd)) return fcntl(fd, F_GETFD) < 0 ? -err::kEBADF : -err::kENOTTY;
      GuestStruct t(40, p.big_endian());  // MIPS struct termios, NCCS = 23: a sane default
      return t.copy_out(p, a[2]) ? 0 : -err::kEFAULT;
    }
    case kTIOCGWINSZ: {
      struct winsize ws;
      if (ioctl(fd, TIOCGWINSZ, &ws) < 0) return -mips_errno(errno);
      GuestStruct w(8, p.big_endian());
      w.put<u16>(0, ws.ws_row), w.put<u16>(2, ws.ws_col), w.put<u16>(4, ws.ws_xpixel), w.put<u16>(6, ws.ws_ypixel);
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

// struct linux_dirent64 has one layout everywhere; only byte order changes.
i64 sys_getdents64(Process& p, const u64* a) {
  std::vector<u8> buf(std::min<u64>(a[2], 1 << 20));
  i64 n = host_result(syscall(SYS_getdents64, fd_of(a[0]), buf.data(), buf.size()));
  if (n <= 0) return n;
  for (i64 off = 0; off < n;) {
    u8* d = buf.data() + off;
    u64 ino, doff;
    u16 reclen;
    std::memcpy(&ino, d, 8), std::memcpy(&doff, d + 8, 8), std::memcpy(&reclen, d + 16, 2);
    store_guest<u64>(d, ino, p.big_endian());
    store_guest<u64>(d + 8, doff, p.big_endian());
    store_guest<u16>(d + 16, reclen, p.big_endian());
    off += reclen;
  }
  return p.mem().copy_out(a[1], buf.data(), n) ? n : -err::kEFAULT;
}

// poll/ppoll: struct pollfd {int fd; short events, revents} with the same
// POLLIN/POLLOUT/POLLERR/POLLHUP/POLLNVAL bits; never waits (timeout 0 when
// no descriptor is ready would spin forever, so the host call may block).
i64 do_poll(Process& p, u64 va, u64 n, int timeout_ms) {
  if (n > 1024) return -err::kEINVAL;
  GuestStruct g(8 * n, p.big_endian());
  if (n && !g.copy_in(p, va)) return -err::kEFAULT;
  std::vector<pollfd> fds(n);
  for (u64 k = 0; k < n; ++k) {
    fds[k].fd = static_cast<int>(g.get<u32>(8 * k));
    fds[k].events = static_cast<short>(g.get<u16>(8 * k + 4) & 0x3f);
  }
  i64 r = host_result(poll(fds.data(), n, timeout_ms));
  if (r < 0) return r;
  for (u64 k = 0; k < n; ++k) g.put<u16>(8 * k + 6, static_cast<u16>(fds[k].revents));
  return !n || g.copy_out(p, va) ? r : -err::kEFAULT;
}
i64 sys_poll(Process& p, const u64* a) { return do_poll(p, a[0], a[1], static_cast<int>(a[2])); }
i64 sys_ppoll(Process& p, const u64* a) {
  int timeout = -1;
  if (a[2]) {
    u64 sec, nsec;
    if (!read_u64(p, a[2], sec) || !read_u64(p, a[2] + 8, nsec)) return -err::kEFAULT;
    timeout = static_cast<int>(std::min<u64>(sec * 1000 + nsec / 1'000'000, 1u << 30));
  }
  return do_poll(p, a[0], a[1], timeout);
}

constexpr SyscallDesc kRows[] = {
    {nr::read, "read", sys_read},
    {nr::write, "write", sys_write},
    {nr::pread64, "pread64", sys_pread64},
    {nr::pwrite64, "pwrite64", sys_pwrite64},
    {nr::readv, "readv", sys_readv},
    {nr::writev, "writev", sys_writev},
    {nr::close, "close", sys_close},
    {nr::lseek, "lseek", sys_lseek},
    {nr::dup, "dup", sys_dup},
    {nr::dup2, "dup2", sys_dup2},
    {nr::dup3, "dup3", sys_dup3},
    {nr::pipe, "pipe", sys_pipe},
    {nr::pipe2, "pipe2", sys_pipe2},
    {nr::fcntl, "fcntl", sys_fcntl},
    {nr::ioctl, "ioctl", sys_ioctl},
    {nr::fstat, "fstat", sys_fstat},
    {nr::fsync, "fsync", sys_fsync},
    {nr::fdatasync, "fdatasync", sys_fsync},
    {nr::ftruncate, "ftruncate", sys_ftruncate},
    {nr::fchmod, "fchmod", sys_fchmod},
    {nr::fchdir, "fchdir", sys_fchdir},
    {nr::getdents64, "getdents64", sys_getdents64},
    {nr::poll, "poll", sys_poll},
    {nr::ppoll, "ppoll", sys_ppoll},
};

}  // namespace

std::span<const SyscallDesc> fd_syscalls() { return kRows; }

}  // namespace ds::user
