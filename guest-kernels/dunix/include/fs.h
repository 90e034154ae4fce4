/* fs.h - the file system: ext2 (revision 1) on a disk, through the buffer
 * cache (fs/).  This is everything the rest of the kernel knows of it.
 *
 * Inodes.  iget() returns a referenced in-memory inode; ilock() reads it from
 * disk if needed and locks it (a sleeplock); iput() drops a reference and,
 * when the last one goes and the link count is zero, frees the inode and its
 * blocks.  Functions below that take an inode require it LOCKED by the
 * caller unless they say otherwise.
 *
 * Errors are negative Linux errno values (-LINUX_ENOENT ...), from
 * abi/linux_n64.h.  Mode bits are Linux's (S_IFREG | 0644 ...), which are
 * also ext2's. */
#ifndef DUNIX_FS_H
#define DUNIX_FS_H

#include "sleeplock.h"
#include "types.h"

#define NAME_MAX 255
#define ROOT_INO 2

struct inode {
  unsigned dev;              /* disk number */
  u32 ino;
  u32 ref;                   /* protected by the inode table's spinlock */
  struct sleeplock lock;     /* protects everything below */
  bool valid;                /* read from disk */
  u16 mode;                  /* S_IFMT | permission bits */
  u16 nlink;
  u32 uid, gid;
  u64 size;
  u32 atime, mtime, ctime;   /* seconds */
  u32 dtime, flags, generation;
  u32 blocks;                /* i_blocks: 512-byte units */
  u32 block[15];             /* 12 direct, indirect, double, triple; or a fast symlink */
  u32 rdev;                  /* device number of a character/block special file */
  void *fsprivate;           /* for the file system's own use */
};

struct kstat {
  u32 dev, mode, nlink, uid, gid, rdev, blksize;
  u64 ino, size, blocks;     /* blocks in 512-byte units */
  u32 atime, mtime, ctime;
};

struct kstatfs {
  u64 bsize, blocks, bfree, bavail, files, ffree, namelen;
};

/* Mounting: the one file system, on disk `dev`, becomes "/". */
int fs_mount(unsigned dev, bool readonly);
int fs_sync(void);                 /* write every dirty block and the superblock */
int fs_unmount(void);              /* sync and mark the file system clean */
struct inode *fs_root(void);       /* referenced, unlocked */
int fs_statfs(struct kstatfs *st);

/* Inodes (reference counting is lock-free for callers; see above). */
struct inode *iget(unsigned dev, u32 ino);
struct inode *idup(struct inode *ip);
void ilock(struct inode *ip);
void iunlock(struct inode *ip);
void iput(struct inode *ip);
void iunlockput(struct inode *ip);
/* Page faults on a file mapping read the file.  A fault can come from
 * read(2) copying into a mapping of the very file it reads, with the inode
 * already locked by the faulting task: then the fault uses that hold. Returns
 * whether it took the lock (and so must iunlock). */
static inline bool ilock_unless_held(struct inode *ip) {
  if (sleep_holding(&ip->lock)) return false;
  ilock(ip);
  return true;
}

/* Path lookup, from `start` (a referenced directory, unlocked) for relative
 * paths or the root for absolute ones.  Return a referenced, UNLOCKED inode,
 * or NULL with *err set (-ENOENT, -ENOTDIR, -ELOOP, -ENAMETOOLONG, -EACCES).
 * follow: follow a symbolic link in the last component.  namei_parent returns
 * the parent directory of the last component and copies that component into
 * name (NAME_MAX + 1 bytes); "/" has no last component (-EINVAL). */
struct inode *namei(struct inode *start, const char *path, bool follow, int *err);
struct inode *namei_parent(struct inode *start, const char *path, char *name, int *err);

/* File data (ip locked).  `user` says whether the buffer is a user address
 * (copied with uaccess.h) or a kernel one.  Return bytes moved or -errno.
 * Reads stop at end of file; writes extend it (-ENOSPC when the disk is
 * full, after writing what fits; -EFBIG past the maximum size). */
long inode_read(struct inode *ip, bool user, u64 dst, u64 off, u64 n);
long inode_write(struct inode *ip, bool user, u64 src, u64 off, u64 n);
int inode_truncate(struct inode *ip, u64 size);
void inode_stat(struct inode *ip, struct kstat *st);
int inode_fsync(struct inode *ip);  /* the inode's blocks and its metadata reach the disk */
void inode_update(struct inode *ip); /* write the in-memory inode back (after changing mode, times...) */

/* Directories (dp locked; names are single components). */
int dir_lookup(struct inode *dp, const char *name, u32 *ino);
/* Creates name in dp: a regular file, directory (with . and ..), symbolic link
 * (target), or special file (rdev).  Returns the new inode referenced and
 * UNLOCKED in *out; -EEXIST if name exists. */
int fs_create(struct inode *dp, const char *name, u16 mode, u32 rdev, const char *target, struct inode **out);
int fs_link(struct inode *dp, const char *name, struct inode *ip);  /* ip unlocked */
/* Removes name from dp: a non-directory (rmdir false: -EISDIR for a
 * directory) or an empty directory (rmdir true: -ENOTDIR, -ENOTEMPTY). */
int fs_unlink(struct inode *dp, const char *name, bool rmdir);
/* Renames, with POSIX semantics (replacing a target).  All four arguments
 * unlocked: it takes the locks it needs in a deadlock-free order. */
int fs_rename(struct inode *olddp, const char *oldname, struct inode *newdp, const char *newname);
long fs_readlink(struct inode *ip, bool user, u64 dst, u64 n);
/* Directory entries from byte offset *off: calls emit for each, advancing
 * *off, until emit returns non-zero (no room) or the directory ends.
 * Returns 0 or -errno. */
typedef int (*dirent_fn)(void *ctx, const char *name, u32 namelen, u32 ino, unsigned dtype, u64 next_off);
int fs_readdir(struct inode *dp, u64 *off, dirent_fn emit, void *ctx);

#endif
