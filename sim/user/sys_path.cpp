// sys_path.cpp - syscalls that name files by path.  Paths go to the host
// unchanged (no chroot); the one exception is readlink("/proc/self/exe"),
// which names the guest program rather than discosim.  Open flags are
// translated (linux_abi.cpp); the *at() flags (LINUX_AT_*) and UTIME_NOW /
// UTIME_OMIT are the same on both sides and pass through.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "sim/user/guest_struct.h"
#include "sim/user/stat_layout.h"
#include "sim/user/syscalls.h"

namespace ds::user {

namespace {

int dirfd_of(u64 a) { return static_cast<int>(static_cast<i64>(a)); }

// Reads a path argument; false gives EFAULT (or ENAMETOOLONG past PATH_MAX).
bool get_path(Process& p, u64 va, std::string& out) { return p.mem().read_string(va, out, LINUX_PATH_MAX); }

i64 do_openat(Process& p, u64 dirfd, u64 path_va, u64 flags, u64 mode) {
  std::string path;
  if (!get_path(p, path_va, path)) return -err::kEFAULT;
  return host_result(openat(dirfd_of(dirfd), path.c_str(), host_open_flags(flags), static_cast<mode_t>(mode)));
}
i64 sys_open(Process& p, const u64* a) { return do_openat(p, static_cast<u64>(kAtFdcwd), a[0], a[1], a[2]); }
i64 sys_openat(Process& p, const u64* a) { return do_openat(p, a[0], a[1], a[2], a[3]); }

i64 do_fstatat(Process& p, u64 dirfd, u64 path_va, u64 stat_va, int flags) {
  std::string path;
  if (!get_path(p, path_va, path)) return -err::kEFAULT;
  struct stat st;
  if (fstatat(dirfd_of(dirfd), path.c_str(), &st, flags) < 0) return -mips_errno(errno);
  return put_stat(p, stat_va, st);
}
i64 sys_stat(Process& p, const u64* a) { return do_fstatat(p, static_cast<u64>(kAtFdcwd), a[0], a[1], 0); }
i64 sys_lstat(Process& p, const u64* a) {
  return do_fstatat(p, static_cast<u64>(kAtFdcwd), a[0], a[1], AT_SYMLINK_NOFOLLOW);
}
i64 sys_newfstatat(Process& p, const u64* a) { return do_fstatat(p, a[0], a[1], a[2], static_cast<int>(a[3])); }

i64 sys_statx(Process& p, const u64* a) {
  std::string path;
  if (!get_path(p, a[1], path)) return -err::kEFAULT;
  struct statx stx;
  if (statx(dirfd_of(a[0]), path.c_str(), static_cast<int>(a[2]), static_cast<unsigned>(a[3]), &stx) < 0)
    return -mips_errno(errno);
  return put_statx(p, a[4], stx);
}

i64 do_faccessat(Process& p, u64 dirfd, u64 path_va, u64 mode, u64 flags) {
  std::string path;
  if (!get_path(p, path_va, path)) return -err::kEFAULT;
  return host_result(faccessat(dirfd_of(dirfd), path.c_str(), static_cast<int>(mode), static_cast<int>(flags)));
}
i64 sys_access(Process& p, const u64* a) { return do_faccessat(p, static_cast<u64>(kAtFdcwd), a[0], a[1], 0); }
i64 sys_faccessat(Process& p, const u64* a) { return do_faccessat(p, a[0], a[1], a[2], 0); }
i64 sys_faccessat2(Process& p, const u64* a) { return do_faccessat(p, a[0], a[1], a[2], a[3]); }

i64 do_readlinkat(Process& p, u64 dirfd, u64 path_va, u64 buf, u64 size) {
  std::string path;
  if (!get_path(p, path_va, path)) return -err::kEFAULT;
  if (static_cast<i64>(size) <= 0) return -err::kEINVAL;
  std::string target;
  if (path == "/proc/self/exe") {
    target = p.exe_abspath;
  } else {
    std::vector<char> b(4096);
    i64 n = readlinkat(dirfd_of(dirfd), path.c_str(), b.data(), b.size());
    if (n < 0) return -mips_errno(errno);
    target.assign(b.data(), n);
  }
  u64 n = std::min<u64>(target.size(), size);
  return p.mem().copy_out(buf, target.data(), n) ? static_cast<i64>(n) : -err::kEFAULT;
}
i64 sys_readlink(Process& p, const u64* a) { return do_readlinkat(p, static_cast<u64>(kAtFdcwd), a[0], a[1], a[2]); }
i64 sys_readlinkat(Process& p, const u64* a) { return do_readlinkat(p, a[0], a[1], a[2], a[3]); }

i64 sys_getcwd(Process& p, const u64* a) {
  std::vector<char> b(4096);
  if (!getcwd(b.data(), b.size())) return -mips_errno(errno);
  u64 len = std::strlen(b.data()) + 1;
  if (len > a[1]) return -err::kERANGE;
  return p.mem().copy_out(a[0], b.data(), len) ? static_cast<i64>(len) : -err::kEFAULT;
}

i64 sys_chdir(Process& p, const u64* a) {
  std::string path;
  if (!get_path(p, a[0], path)) return -err::kEFAULT;
  return host_result(chdir(path.c_str()));
}

i64 do_renameat(Process& p, u64 olddir, u64 oldpath, u64 newdir, u64 newpath, u64 flags) {
  std::string from;
  if (!get_path(p, oldpath, from)) return -err::kEFAULT;
  std::string to;
  if (!get_path(p, newpath, to)) return -err::kEFAULT;
  return host_result(renameat2(dirfd_of(olddir), from.c_str(), dirfd_of(newdir), to.c_str(), static_cast<unsigned>(flags)));
}
i64 sys_rename(Process& p, const u64* a) {
  return do_renameat(p, static_cast<u64>(kAtFdcwd), a[0], static_cast<u64>(kAtFdcwd), a[1], 0);
}
i64 sys_renameat(Process& p, const u64* a) { return do_renameat(p, a[0], a[1], a[2], a[3], 0); }
i64 sys_renameat2(Process& p, const u64* a) { return do_renameat(p, a[0], a[1], a[2], a[3], a[4]); }

i64 do_mkdirat(Process& p, u64 dirfd, u64 path_va, u64 mode) {
  std::string path;
  if (!get_path(p, path_va, path)) return -err::kEFAULT;
  return host_result(mkdirat(dirfd_of(dirfd), path.c_str(), static_cast<mode_t>(mode)));
}
i64 sys_mkdir(Process& p, const u64* a) { return do_mkdirat(p, static_cast<u64>(kAtFdcwd), a[0], a[1]); }
i64 sys_mkdirat(Process& p, const u64* a) { return do_mkdirat(p, a[0], a[1], a[2]); }

i64 do_unlinkat(Process& p, u64 dirfd, u64 path_va, u64 flags) {
  std::string path;
  if (!get_path(p, path_va, path)) return -err::kEFAULT;
  return host_result(unlinkat(dirfd_of(dirfd), path.c_str(), static_cast<int>(flags)));
}
i64 sys_unlink(Process& p, const u64* a) { return do_unlinkat(p, static_cast<u64>(kAtFdcwd), a[0], 0); }
i64 sys_rmdir(Process& p, const u64* a) { return do_unlinkat(p, static_cast<u64>(kAtFdcwd), a[0], AT_REMOVEDIR); }
i64 sys_unlinkat(Process& p, const u64* a) { return do_unlinkat(p, a[0], a[1], a[2]); }

i64 do_fchmodat(Process& p, u64 dirfd, u64 path_va, u64 mode) {
  std::string path;
  if (!get_path(p, path_va, path)) return -err::kEFAULT;
  return host_result(fchmodat(dirfd_of(dirfd), path.c_str(), static_cast<mode_t>(mode), 0));
}
i64 sys_chmod(Process& p, const u64* a) { return do_fchmodat(p, static_cast<u64>(kAtFdcwd), a[0], a[1]); }
i64 sys_fchmodat(Process& p, const u64* a) { return do_fchmodat(p, a[0], a[1], a[2]); }

i64 sys_truncate(Process& p, const u64* a) {
  std::string path;
  if (!get_path(p, a[0], path)) return -err::kEFAULT;
  return host_result(truncate(path.c_str(), static_cast<off_t>(a[1])));
}

// utimensat(dirfd, path or NULL, times[2] or NULL, flags).
i64 sys_utimensat(Process& p, const u64* a) {
  struct timespec ts[2];
  if (a[2]) {
    GuestStruct g(2 * LINUX_TIMESPEC_SIZE, p.big_endian());
    if (!g.copy_in(p, a[2])) return -err::kEFAULT;
    for (unsigned k = 0; k < 2; ++k) {
      u64 at = k * LINUX_TIMESPEC_SIZE;
      ts[k].tv_sec = static_cast<time_t>(g.get_field(at + LINUX_TIMESPEC_OFF_SEC, LINUX_TIMESPEC_W_SEC));
      ts[k].tv_nsec = static_cast<long>(g.get_field(at + LINUX_TIMESPEC_OFF_NSEC, LINUX_TIMESPEC_W_NSEC));
    }
  }
  struct timespec* tp = a[2] ? ts : nullptr;
  if (!a[1]) return host_result(futimens(dirfd_of(a[0]), tp));
  std::string path;
  if (!get_path(p, a[1], path)) return -err::kEFAULT;
  return host_result(utimensat(dirfd_of(a[0]), path.c_str(), tp, static_cast<int>(a[3])));
}

constexpr SyscallDesc kRows[] = {
    {nr::open, sys_open},
    {nr::openat, sys_openat},
    {nr::stat, sys_stat},
    {nr::lstat, sys_lstat},
    {nr::newfstatat, sys_newfstatat},
    {nr::statx, sys_statx},
    {nr::access, sys_access},
    {nr::faccessat, sys_faccessat},
    {nr::faccessat2, sys_faccessat2},
    {nr::readlink, sys_readlink},
    {nr::readlinkat, sys_readlinkat},
    {nr::getcwd, sys_getcwd},
    {nr::chdir, sys_chdir},
    {nr::rename, sys_rename},
    {nr::renameat, sys_renameat},
    {nr::renameat2, sys_renameat2},
    {nr::mkdir, sys_mkdir},
    {nr::mkdirat, sys_mkdirat},
    {nr::rmdir, sys_rmdir},
    {nr::unlink, sys_unlink},
    {nr::unlinkat, sys_unlinkat},
    {nr::chmod, sys_chmod},
    {nr::fchmodat, sys_fchmodat},
    {nr::truncate, sys_truncate},
    {nr::utimensat, sys_utimensat},
};

}  // namespace

std::span<const SyscallDesc> path_syscalls() { return kRows; }

}  // namespace ds::user
