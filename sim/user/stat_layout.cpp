// stat_layout.cpp - host stat results to guest struct stat / struct statx,
// field by field at the offsets and widths of abi/linux_n64.h.
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
  GuestStruct g(LINUX_STAT_SIZE, p.big_endian());
  g.put_field(LINUX_STAT_OFF_DEV, LINUX_STAT_W_DEV, encode_dev(st.st_dev));
  g.put_field(LINUX_STAT_OFF_INO, LINUX_STAT_W_INO, st.st_ino);
  g.put_field(LINUX_STAT_OFF_MODE, LINUX_STAT_W_MODE, st.st_mode);
  g.put_field(LINUX_STAT_OFF_NLINK, LINUX_STAT_W_NLINK, st.st_nlink);
  g.put_field(LINUX_STAT_OFF_UID, LINUX_STAT_W_UID, st.st_uid);
  g.put_field(LINUX_STAT_OFF_GID, LINUX_STAT_W_GID, st.st_gid);
  g.put_field(LINUX_STAT_OFF_RDEV, LINUX_STAT_W_RDEV, encode_dev(st.st_rdev));
  g.put_field(LINUX_STAT_OFF_SIZE, LINUX_STAT_W_SIZE, static_cast<u64>(st.st_size));
  g.put_field(LINUX_STAT_OFF_ATIME, LINUX_STAT_W_ATIME, static_cast<u64>(st.st_atim.tv_sec));
  g.put_field(LINUX_STAT_OFF_ATIME_NSEC, LINUX_STAT_W_ATIME_NSEC, static_cast<u64>(st.st_atim.tv_nsec));
  g.put_field(LINUX_STAT_OFF_MTIME, LINUX_STAT_W_MTIME, static_cast<u64>(st.st_mtim.tv_sec));
  g.put_field(LINUX_STAT_OFF_MTIME_NSEC, LINUX_STAT_W_MTIME_NSEC, static_cast<u64>(st.st_mtim.tv_nsec));
  g.put_field(LINUX_STAT_OFF_CTIME, LINUX_STAT_W_CTIME, static_cast<u64>(st.st_ctim.tv_sec));
  g.put_field(LINUX_STAT_OFF_CTIME_NSEC, LINUX_STAT_W_CTIME_NSEC, static_cast<u64>(st.st_ctim.tv_nsec));
  g.put_field(LINUX_STAT_OFF_BLKSIZE, LINUX_STAT_W_BLKSIZE, static_cast<u64>(st.st_blksize));
  g.put_field(LINUX_STAT_OFF_BLOCKS, LINUX_STAT_W_BLOCKS, static_cast<u64>(st.st_blocks));
  return g.copy_out(p, va) ? 0 : -err::kEFAULT;
}

i64 put_statx(Process& p, u64 va, const struct statx& s) {
  GuestStruct g(LINUX_STATX_SIZE, p.big_endian());
  g.put_field(LINUX_STATX_OFF_MASK, LINUX_STATX_W_MASK, s.stx_mask);
  g.put_field(LINUX_STATX_OFF_BLKSIZE, LINUX_STATX_W_BLKSIZE, s.stx_blksize);
  g.put_field(LINUX_STATX_OFF_ATTRIBUTES, LINUX_STATX_W_ATTRIBUTES, s.stx_attributes);
  g.put_field(LINUX_STATX_OFF_NLINK, LINUX_STATX_W_NLINK, s.stx_nlink);
  g.put_field(LINUX_STATX_OFF_UID, LINUX_STATX_W_UID, s.stx_uid);
  g.put_field(LINUX_STATX_OFF_GID, LINUX_STATX_W_GID, s.stx_gid);
  g.put_field(LINUX_STATX_OFF_MODE, LINUX_STATX_W_MODE, s.stx_mode);
  g.put_field(LINUX_STATX_OFF_INO, LINUX_STATX_W_INO, s.stx_ino);
  g.put_field(LINUX_STATX_OFF_SIZE, LINUX_STATX_W_SIZE, s.stx_size);
  g.put_field(LINUX_STATX_OFF_BLOCKS, LINUX_STATX_W_BLOCKS, s.stx_blocks);
  g.put_field(LINUX_STATX_OFF_ATTRIBUTES_MASK, LINUX_STATX_W_ATTRIBUTES_MASK, s.stx_attributes_mask);
  const std::pair<u64, const struct statx_timestamp*> ts[] = {
      {LINUX_STATX_OFF_ATIME, &s.stx_atime}, {LINUX_STATX_OFF_BTIME, &s.stx_btime},
      {LINUX_STATX_OFF_CTIME, &s.stx_ctime}, {LINUX_STATX_OFF_MTIME, &s.stx_mtime}};
  for (auto [off, t] : ts) {
    g.put_field(off + LINUX_STATX_TIMESTAMP_OFF_SEC, LINUX_STATX_TIMESTAMP_W_SEC, static_cast<u64>(t->tv_sec));
    g.put_field(off + LINUX_STATX_TIMESTAMP_OFF_NSEC, LINUX_STATX_TIMESTAMP_W_NSEC, t->tv_nsec);
  }
  g.put_field(LINUX_STATX_OFF_RDEV_MAJOR, LINUX_STATX_W_RDEV_MAJOR, s.stx_rdev_major);
  g.put_field(LINUX_STATX_OFF_RDEV_MINOR, LINUX_STATX_W_RDEV_MINOR, s.stx_rdev_minor);
  g.put_field(LINUX_STATX_OFF_DEV_MAJOR, LINUX_STATX_W_DEV_MAJOR, s.stx_dev_major);
  g.put_field(LINUX_STATX_OFF_DEV_MINOR, LINUX_STATX_W_DEV_MINOR, s.stx_dev_minor);
  return g.copy_out(p, va) ? 0 : -err::kEFAULT;
}

}  // namespace ds::user
