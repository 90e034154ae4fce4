/* sys_stat.c - the system calls about a file's attributes: reading them
 * (stat, fstat, lstat, newfstatat, statx, statfs, fstatfs) and changing
 * them (chmod, chown, access, utimensat).
 *
 * Structures are written field by field at abi/linux_n64.h's offsets, in
 * the kernel's own byte order, which is the program's: the same source
 * serves the big- and the little-endian kernel.  A pipe has no inode; its
 * attributes are made up the way Linux's pipefs shows them (a FIFO, mode
 * 0600, one link). */
#include "file.h"
#include "fs.h"
#include "kalloc.h"
#include "ktime.h"
#include "lib.h"
#include "linux_n64.h"
#include "syscall.h"
#include "task.h"
#include "uaccess.h"

#define AT_FDCWD LINUX_AT_FDCWD

static bool is_type(struct inode *ip, u32 type) { return (ip->mode & LINUX_S_IFMT) == type; }

/* Stores the low w bytes of v at b + off (w = 1, 2, 4 or 8). */
static void put(u8 *b, unsigned off, unsigned w, u64 v) {
  u8 v1 = (u8)v;
  u16 v2 = (u16)v;
  u32 v4 = (u32)v;
  if (w == 8) memcpy(b + off, &v, 8);
  else if (w == 4) memcpy(b + off, &v4, 4);
  else if (w == 2) memcpy(b + off, &v2, 2);
  else memcpy(b + off, &v1, 1);
}

static void stat_inode(struct inode *ip, struct kstat *st) {
  ilock(ip);
  inode_stat(ip, st);
  iunlock(ip);
}

/* What fstat says of descriptor fd. */
static int stat_fd(int fd, struct kstat *st) {
  struct file *f = fd_get(fd);
  if (!f) return -LINUX_EBADF;
  if (f->ip) {
    stat_inode(f->ip, st);
  } else {
    u32 now = (u32)ktime_wall_sec();
    *st = (struct kstat){.mode = LINUX_S_IFIFO | 0600, .nlink = 1, .blksize = PAGE_SIZE,
                         .ino = ((u64)(uintptr_t)f->priv >> 6) & 0xffffffff, .atime = now, .mtime = now, .ctime = now};
  }
  file_put(f);
  return 0;
}

/* The attributes of a path (relative to dirfd; AT_EMPTY_PATH: dirfd's own
 * file; AT_SYMLINK_NOFOLLOW: the link itself). */
static int stat_at(int dirfd, uaddr_t upath, u64 flags, struct kstat *st) {
  const u64 valid = LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH | LINUX_AT_NO_AUTOMOUNT | LINUX_AT_STATX_SYNC_TYPE;
  if (flags & ~valid) return -LINUX_EINVAL;
  int err;
  char *path = path_get(upath, flags & LINUX_AT_EMPTY_PATH, &err);
  if (!path) return err;
  struct inode *ip = NULL;
  if (path[0] == 0) {
    kfree(path);
    if (dirfd != AT_FDCWD) return stat_fd(dirfd, st);
    ip = fd_inode(AT_FDCWD, &err);
  } else {
    struct inode *start = path_start(dirfd, path, &err);
    if (start) {
      ip = namei(start, path, !(flags & LINUX_AT_SYMLINK_NOFOLLOW), &err);
      iput(start);
    }
    kfree(path);
  }
  if (!ip) return err;
  stat_inode(ip, st);
  iput(ip);
  return 0;
}

/* struct stat, n64: 104 bytes; nanoseconds are 0 (the inode keeps seconds). */
static long put_stat(uaddr_t ubuf, const struct kstat *st) {
  u8 b[LINUX_STAT_SIZE];
  memset(b, 0, sizeof b);
  put(b, LINUX_STAT_OFF_DEV, LINUX_STAT_W_DEV, st->dev);
  put(b, LINUX_STAT_OFF_INO, LINUX_STAT_W_INO, st->ino);
  put(b, LINUX_STAT_OFF_MODE, LINUX_STAT_W_MODE, st->mode);
  put(b, LINUX_STAT_OFF_NLINK, LINUX_STAT_W_NLINK, st->nlink);
  put(b, LINUX_STAT_OFF_UID, LINUX_STAT_W_UID, st->uid);
  put(b, LINUX_STAT_OFF_GID, LINUX_STAT_W_GID, st->gid);
  put(b, LINUX_STAT_OFF_RDEV, LINUX_STAT_W_RDEV, st->rdev);
  put(b, LINUX_STAT_OFF_SIZE, LINUX_STAT_W_SIZE, st->size);
  put(b, LINUX_STAT_OFF_ATIME, LINUX_STAT_W_ATIME, st->atime);
  put(b, LINUX_STAT_OFF_MTIME, LINUX_STAT_W_MTIME, st->mtime);
  put(b, LINUX_STAT_OFF_CTIME, LINUX_STAT_W_CTIME, st->ctime);
  put(b, LINUX_STAT_OFF_BLKSIZE, LINUX_STAT_W_BLKSIZE, st->blksize);
  put(b, LINUX_STAT_OFF_BLOCKS, LINUX_STAT_W_BLOCKS, st->blocks);
  return copy_to_user(ubuf, b, sizeof b);
}

static long stat_path(int dirfd, uaddr_t upath, u64 flags, uaddr_t ubuf) {
  struct kstat st;
  int r = stat_at(dirfd, upath, flags, &st);
  return r < 0 ? r : put_stat(ubuf, &st);
}

SYSCALL(stat) { return stat_path(AT_FDCWD, arg[0], 0, arg[1]); }
SYSCALL(lstat) { return stat_path(AT_FDCWD, arg[0], LINUX_AT_SYMLINK_NOFOLLOW, arg[1]); }
SYSCALL(newfstatat) { return stat_path((int)arg[0], arg[1], arg[3], arg[2]); }
SYSCALL(fstat) {
  struct kstat st;
  int r = stat_fd((int)arg[0], &st);
  return r < 0 ? r : put_stat(arg[1], &st);
}

/* Device numbers in a kstat are Linux's 32-bit encoding (major bits 8-19). */
static u32 dev_major(u32 d) { return (d >> 8) & 0xfff; }
static u32 dev_minor(u32 d) { return (d & 0xff) | ((d >> 12) & 0xfff00); }

static void put_timestamp(u8 *b, unsigned off, u32 sec) {
  put(b, off + LINUX_STATX_TIMESTAMP_OFF_SEC, LINUX_STATX_TIMESTAMP_W_SEC, sec);
}

/* statx(dirfd, path, flags, mask, buf): the basic fields whatever the mask
 * asks (no birth time). */
SYSCALL(statx) {
  struct kstat st;
  int r = stat_at((int)arg[0], arg[1], arg[2], &st);
  if (r < 0) return r;
  u8 b[LINUX_STATX_SIZE];
  memset(b, 0, sizeof b);
  put(b, LINUX_STATX_OFF_MASK, LINUX_STATX_W_MASK, LINUX_STATX_BASIC_STATS);
  put(b, LINUX_STATX_OFF_BLKSIZE, LINUX_STATX_W_BLKSIZE, st.blksize);
  put(b, LINUX_STATX_OFF_NLINK, LINUX_STATX_W_NLINK, st.nlink);
  put(b, LINUX_STATX_OFF_UID, LINUX_STATX_W_UID, st.uid);
  put(b, LINUX_STATX_OFF_GID, LINUX_STATX_W_GID, st.gid);
  put(b, LINUX_STATX_OFF_MODE, LINUX_STATX_W_MODE, st.mode);
  put(b, LINUX_STATX_OFF_INO, LINUX_STATX_W_INO, st.ino);
  put(b, LINUX_STATX_OFF_SIZE, LINUX_STATX_W_SIZE, st.size);
  put(b, LINUX_STATX_OFF_BLOCKS, LINUX_STATX_W_BLOCKS, st.blocks);
  put_timestamp(b, LINUX_STATX_OFF_ATIME, st.atime);
  put_timestamp(b, LINUX_STATX_OFF_CTIME, st.ctime);
  put_timestamp(b, LINUX_STATX_OFF_MTIME, st.mtime);
  put(b, LINUX_STATX_OFF_RDEV_MAJOR, LINUX_STATX_W_RDEV_MAJOR, dev_major(st.rdev));
  put(b, LINUX_STATX_OFF_RDEV_MINOR, LINUX_STATX_W_RDEV_MINOR, dev_minor(st.rdev));
  put(b, LINUX_STATX_OFF_DEV_MAJOR, LINUX_STATX_W_DEV_MAJOR, dev_major(st.dev));
  put(b, LINUX_STATX_OFF_DEV_MINOR, LINUX_STATX_W_DEV_MINOR, dev_minor(st.dev));
  return copy_to_user(arg[4], b, sizeof b);
}

/* statfs, fstatfs: the one file system, whatever the path or descriptor. */
static long put_statfs(uaddr_t ubuf) {
  struct kstatfs k;
  int r = fs_statfs(&k);
  if (r < 0) return r;
  u8 b[LINUX_STATFS_SIZE];
  memset(b, 0, sizeof b);
  put(b, LINUX_STATFS_OFF_TYPE, 8, LINUX_EXT2_SUPER_MAGIC);
  put(b, LINUX_STATFS_OFF_BSIZE, 8, k.bsize);
  put(b, LINUX_STATFS_OFF_FRSIZE, 8, k.bsize);
  put(b, LINUX_STATFS_OFF_BLOCKS, 8, k.blocks);
  put(b, LINUX_STATFS_OFF_BFREE, 8, k.bfree);
  put(b, LINUX_STATFS_OFF_FILES, 8, k.files);
  put(b, LINUX_STATFS_OFF_FFREE, 8, k.ffree);
  put(b, LINUX_STATFS_OFF_BAVAIL, 8, k.bavail);
  put(b, LINUX_STATFS_OFF_NAMELEN, 8, k.namelen);
  put(b, LINUX_STATFS_OFF_FLAGS, 8, LINUX_ST_VALID | LINUX_ST_RELATIME);
  return copy_to_user(ubuf, b, sizeof b);
}

SYSCALL(statfs) {
  int err;
  struct inode *ip = path_lookup(AT_FDCWD, arg[0], 0, true, &err);
  if (!ip) return err;
  iput(ip);
  return put_statfs(arg[1]);
}

SYSCALL(fstatfs) {
  struct file *f = fd_get((int)arg[0]);
  if (!f) return -LINUX_EBADF;
  file_put(f);
  return put_statfs(arg[1]);
}

/* ---- attributes ----------------------------------------------------------------------- */
static long set_mode(struct inode *ip, u32 mode) {
  ilock(ip);
  ip->mode = (u16)((ip->mode & LINUX_S_IFMT) | (mode & 07777));
  ip->ctime = (u32)ktime_wall_sec();
  inode_update(ip);
  iunlockput(ip);
  return 0;
}

SYSCALL(chmod) {
  int err;
  struct inode *ip = path_lookup(AT_FDCWD, arg[0], 0, true, &err);
  return ip ? set_mode(ip, (u32)arg[1]) : err;
}
SYSCALL(fchmodat) {
  int err;
  struct inode *ip = path_lookup((int)arg[0], arg[1], 0, true, &err);
  return ip ? set_mode(ip, (u32)arg[2]) : err;
}
SYSCALL(fchmod) {
  int err;
  struct inode *ip = (int)arg[0] == AT_FDCWD ? NULL : fd_inode((int)arg[0], &err);
  if (!ip) return (int)arg[0] == AT_FDCWD ? -LINUX_EBADF : err == -LINUX_ENOTDIR ? 0 : err;   /* a pipe */
  return set_mode(ip, (u32)arg[1]);
}

/* Owner and group ((u32)-1: unchanged).  As Linux, a change clears set-uid,
 * and set-gid on a group-executable file. */
static long set_owner(struct inode *ip, u32 uid, u32 gid) {
  ilock(ip);
  if (uid != (u32)-1) ip->uid = uid;
  if (gid != (u32)-1) ip->gid = gid;
  if ((uid != (u32)-1 || gid != (u32)-1) && is_type(ip, LINUX_S_IFREG)) {
    ip->mode &= (u16)~LINUX_S_ISUID;
    if (ip->mode & LINUX_S_IXGRP) ip->mode &= (u16)~LINUX_S_ISGID;
  }
  ip->ctime = (u32)ktime_wall_sec();
  inode_update(ip);
  iunlockput(ip);
  return 0;
}

static long do_chown(int dirfd, uaddr_t upath, u32 uid, u32 gid, u64 flags) {
  if (flags & ~(u64)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH)) return -LINUX_EINVAL;
  int err;
  struct inode *ip = path_lookup(dirfd, upath, (int)flags, !(flags & LINUX_AT_SYMLINK_NOFOLLOW), &err);
  return ip ? set_owner(ip, uid, gid) : err;
}
SYSCALL(chown) { return do_chown(AT_FDCWD, arg[0], (u32)arg[1], (u32)arg[2], 0); }
SYSCALL(lchown) { return do_chown(AT_FDCWD, arg[0], (u32)arg[1], (u32)arg[2], LINUX_AT_SYMLINK_NOFOLLOW); }
SYSCALL(fchownat) { return do_chown((int)arg[0], arg[1], (u32)arg[2], (u32)arg[3], arg[4]); }
SYSCALL(fchown) {
  int err;
  struct inode *ip = (int)arg[0] == AT_FDCWD ? NULL : fd_inode((int)arg[0], &err);
  if (!ip) return (int)arg[0] == AT_FDCWD ? -LINUX_EBADF : err == -LINUX_ENOTDIR ? 0 : err;
  return set_owner(ip, (u32)arg[1], (u32)arg[2]);
}

/* access: the caller is root, so only existence counts, and X_OK wants an
 * execute bit somewhere (or a directory), as Linux grants root. */
static long do_access(int dirfd, uaddr_t upath, u64 mode, u64 flags) {
  if (mode & ~(u64)(LINUX_R_OK | LINUX_W_OK | LINUX_X_OK)) return -LINUX_EINVAL;
  if (flags & ~(u64)(LINUX_AT_EACCESS | LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH)) return -LINUX_EINVAL;
  int err;
  struct inode *ip = path_lookup(dirfd, upath, (int)flags, !(flags & LINUX_AT_SYMLINK_NOFOLLOW), &err);
  if (!ip) return err;
  ilock(ip);
  long r = (mode & LINUX_X_OK) && !is_type(ip, LINUX_S_IFDIR) && !(ip->mode & 0111) ? -LINUX_EACCES : 0;
  iunlockput(ip);
  return r;
}
SYSCALL(access) { return do_access(AT_FDCWD, arg[0], arg[1], 0); }
SYSCALL(faccessat) { return do_access((int)arg[0], arg[1], arg[2], 0); }
SYSCALL(faccessat2) { return do_access((int)arg[0], arg[1], arg[2], arg[3]); }


/* utimensat(dirfd, path, times[2], flags): times NULL means now for both;
 * a NULL path means dirfd itself (futimens).  Seconds only: the inode
 * keeps no nanoseconds. */
SYSCALL(utimensat) {
  int dirfd = (int)arg[0], err;
  uaddr_t upath = arg[1], utimes = arg[2];
  u64 flags = arg[3];
  i64 ts[4] = {0, LINUX_UTIME_NOW, 0, LINUX_UTIME_NOW};   /* atime sec, nsec, mtime sec, nsec */
  if (flags & ~(u64)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH)) return -LINUX_EINVAL;
  if (utimes && copy_from_user(ts, utimes, sizeof ts) < 0) return -LINUX_EFAULT;
  for (int i = 1; i < 4; i += 2)
    if (ts[i] != LINUX_UTIME_NOW && ts[i] != LINUX_UTIME_OMIT && (ts[i] < 0 || ts[i] > 999999999)) return -LINUX_EINVAL;
  struct inode *ip;
  if (upath) ip = path_lookup(dirfd, upath, (int)flags, !(flags & LINUX_AT_SYMLINK_NOFOLLOW), &err);
  else if (dirfd == AT_FDCWD) return -LINUX_EFAULT;
  else ip = fd_inode(dirfd, &err);
  if (!ip) return err;
  if (ts[1] == LINUX_UTIME_OMIT && ts[3] == LINUX_UTIME_OMIT) {
    iput(ip);
    return 0;
  }
  u32 now = (u32)ktime_wall_sec();
  ilock(ip);
  if (ts[1] != LINUX_UTIME_OMIT) ip->atime = ts[1] == LINUX_UTIME_NOW ? now : (u32)ts[0];
  if (ts[3] != LINUX_UTIME_OMIT) ip->mtime = ts[3] == LINUX_UTIME_NOW ? now : (u32)ts[2];
  ip->ctime = now;
  inode_update(ip);
  iunlockput(ip);
  return 0;
}
