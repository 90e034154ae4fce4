// stat_layout.cpp - host stat results to guest struct stat / struct statx.
#include "sim/user/stat_layout.h"

#include <sys/sysmacros.h>

#include "sim/user/guest_struct.h"
#include "sim/user/linux_abi.h"

namespace ds::user {

namespace {
// The kernel's new_encode_dev(): 12-bit major, 20-bit minor in 32 bits.
u32 encode_dev(dev_t d) {
  u32 ma = major(d), mi = minor(d);
  return (mi & 0xff) | (ma << 8) | ((mi & ~0xffu) << 12);
}
}  // namespace

i64 put_stat(Process& p, u64 va, const struct stat& st) {
  GuestStruct g(104, p.big_endian());
  g.put<u32>(0, encode_dev(st.st_dev));
  g.put<u64>(16, st.st_ino);
  g.put<u32>(24, st.st_mode);
  g.put<u32>(28, static_cast<u32>(st.st_nlink));
  g.put<u32>(32, st.st_uid);
  g.put<u32>(36, st.st_gid);
  g.put<u32>(40, encode_dev(st.st_rdev));
  g.put<u64>(56, static_cast<u64>(st.st_size));
  g.put<u32>(64, static_cast<u32>(st.st_atim.tv_sec));
  g.put<u32>(68, static_cast<u32>(st.st_atim.tv_nsec));
  g.put<u32>(72, static_cast<u32>(st.st_mtim.tv_sec));
  g.put<u32>(76, static_cast<u32>(st.st_mtim.tv_nsec));
  g.put<u32>(80, static_cast<u32>(st.st_ctim.tv_sec));
  g.put<u32>(84, static_cast<u32>(st.st_ctim.tv_nsec));
  g.put<u32>(88, static_cast<u32>(st.st_blksize));
  g.put<u64>(96, static_cast<u64>(st.st_blocks));
  return g.copy_out(p, va) ? 0 : -err::kEFAULT;
}

i64 put_statx(Process& p, u64 va, const struct statx& s) {
  GuestStruct g(256, p.big_endian());
  g.put<u32>(0, s.stx_mask);
  g.put<u32>(4, s.stx_blksize);
  g.put<u64>(8, s.stx_attributes);
  g.put<u32>(16, s.stx_nlink);
  g.put<u32>(20, s.stx_uid);
  g.put<u32>(24, s.stx_gid);
  g.put<u16>(28, s.stx_mode);
  g.put<u64>(32, s.stx_ino);
  g.put<u64>(40, s.stx_size);
  g.put<u64>(48, s.stx_blocks);
  g.put<u64>(56, s.stx_attributes_mask);
  const struct statx_timestamp* ts[] = {&s.stx_atime, &s.stx_btime, &s.stx_ctime, &s.stx_mtime};
  for (unsigned k = 0; k < 4; ++k) {
    g.put<u64>(64 + 16 * k, static_cast<u64>(ts[k]->tv_sec));
    g.put<u32>(72 + 16 * k, ts[k]->tv_nsec);
  }
  g.put<u32>(128, s.stx_rdev_major);
  g.put<u32>(132, s.stx_rdev_minor);
  g.put<u32>(136, s.stx_dev_major);
  g.put<u32>(140, s.stx_dev_minor);
  return g.copy_out(p, va) ? 0 : -err::kEFAULT;
}

}  // namespace ds::user
