/* ext2_namespace.c - changing the name space: creating files, directories,
 * symbolic links and special files; hard links; unlink and rmdir.  (Rename
 * is ext2_rename.c.)
 *
 * The caller holds the directory dp locked; these lock the child after it
 * (lock order, ext2_inode.c).  Link counts follow ext2: a directory has 2 +
 * its subdirectories (its entry, its ".", each child's ".."). */
#include "ext2.h"
#include "lib.h"
#include "linux_n64.h"

static u32 next_generation = 1;  /* i_generation of new inodes (atomic) */

int ext2_name_check(const char *name) {
  size_t len = strnlen(name, NAME_MAX + 1);
  if (len == 0) return -LINUX_ENOENT;
  if (len > NAME_MAX) return -LINUX_ENAMETOOLONG;
  if (strchr(name, '/')) return -LINUX_EINVAL;
  return 0;
}

static bool is_dot_or_dotdot(const char *name) { return strcmp(name, ".") == 0 || strcmp(name, "..") == 0; }

/* Checks that a new entry `name` may go in dp: 0 or -errno. */
static int can_add(struct inode *dp, const char *name) {
  if (ext2.readonly) return -LINUX_EROFS;
  int r = ext2_inode_ok(dp);
  if (r < 0) return r;
  if ((dp->mode & LINUX_S_IFMT) != LINUX_S_IFDIR) return -LINUX_ENOTDIR;
  if (dp->nlink == 0) return -LINUX_ENOENT;  /* removed while someone was in it */
  if ((r = ext2_name_check(name)) < 0) return r;
  if (is_dot_or_dotdot(name)) return -LINUX_EEXIST;
  u32 ino;
  r = dir_lookup(dp, name, &ino);
  return r == 0 ? -LINUX_EEXIST : r == -LINUX_ENOENT ? 0 : r;
}

/* Linux's device number encodings in i_block: "old" (8-bit major and minor)
 * in i_block[0] when it fits, else "new" in i_block[1].  rdev is in the
 * user-visible (new) encoding: minor low 8 bits, major 12, minor high 12. */
static void rdev_encode(u32 rdev, u32 *blk) {
  u32 major = (rdev >> 8) & 0xfff, minor = (rdev & 0xff) | ((rdev >> 12) & 0xfff00);
  if (major < 256 && minor < 256) blk[0] = major << 8 | minor;
  else blk[1] = rdev;
}

/* Fills a new inode's contents by type: a directory's first block, a
 * symlink's target, a device number. */
static int init_contents(struct inode *dp, struct inode *ip, u32 rdev, const char *target) {
  u32 t = ip->mode & LINUX_S_IFMT, pblk;
  if (t == LINUX_S_IFCHR || t == LINUX_S_IFBLK) {
    rdev_encode(rdev, ip->block);
    ip->rdev = rdev;
    return 0;
  }
  if (t == LINUX_S_IFLNK) {
    size_t len = strlen(target);
    ip->size = len;
    if (len < EXT2_FAST_LINK_MAX) {
      for (u32 j = 0; j < len; j++) ip->block[j / 4] |= (u32)(u8)target[j] << (8 * (j % 4));
      return 0;
    }
  } else if (t != LINUX_S_IFDIR) {
    return 0;
  }
  int r = ext2_bmap(ip, 0, true, 0, &pblk);
  if (r < 0) return r;
  struct buf *b = bread(ext2.dev, pblk, ext2.bsize);
  if (!b) return -LINUX_EIO;
  if (t == LINUX_S_IFLNK) {
    memcpy(b->data, target, ip->size);
  } else {
    u8 *e = b->data;
    put_le32(e + DE_INODE, ip->ino);
    put_le16(e + DE_REC_LEN, 12);
    e[DE_NAME_LEN] = 1;
    e[DE_FILE_TYPE] = (ext2.incompat & INCOMPAT_FILETYPE) ? 2 : 0;
    e[DE_NAME] = '.';
    e += 12;
    put_le32(e + DE_INODE, dp->ino);
    put_le16(e + DE_REC_LEN, (u16)(ext2.bsize - 12));
    e[DE_NAME_LEN] = 2;
    e[DE_FILE_TYPE] = (ext2.incompat & INCOMPAT_FILETYPE) ? 2 : 0;
    e[DE_NAME] = e[DE_NAME + 1] = '.';
    ip->size = ext2.bsize;
  }
  bwrite(b);
  brelse(b);
  return 0;
}

int fs_create(struct inode *dp, const char *name, u16 mode, u32 rdev, const char *target, struct inode **out) {
  int r = can_add(dp, name);
  if (r < 0) return r;
  if ((mode & LINUX_S_IFMT) == 0) mode |= LINUX_S_IFREG;
  u32 t = mode & LINUX_S_IFMT;
  bool dir = t == LINUX_S_IFDIR;
  if (t != LINUX_S_IFREG && !dir && t != LINUX_S_IFLNK && t != LINUX_S_IFCHR && t != LINUX_S_IFBLK &&
      t != LINUX_S_IFIFO && t != LINUX_S_IFSOCK)
    return -LINUX_EINVAL;
  if (t == LINUX_S_IFLNK) {
    size_t len = target ? strnlen(target, ext2.bsize) : 0;
    if (len == 0) return -LINUX_ENOENT;
    if (len >= ext2.bsize) return -LINUX_ENAMETOOLONG;
  }
  if (dir && dp->nlink >= EXT2_LINK_MAX) return -LINUX_EMLINK;
  long ino = ext2_ialloc(dp->ino, dir);
  if (ino < 0) return (int)ino;
  struct inode *ip = ext2_iget((u32)ino, &r);
  if (!ip || (r = ext2_inode_clear((u32)ino)) < 0) {
    if (ip) iput(ip);
    ext2_ifree((u32)ino, dir);
    return r;
  }
  sleep_lock(&ip->lock);  /* not ilock: nothing on disk to read yet */
  u32 now = ext2_now();
  ip->mode = mode;
  ip->nlink = dir ? 2 : 1;
  ip->uid = ip->gid = 0;
  ip->size = 0;
  ip->atime = ip->mtime = ip->ctime = now;
  ip->dtime = ip->flags = ip->blocks = ip->rdev = 0;
  ip->generation = __atomic_fetch_add(&next_generation, 1, __ATOMIC_RELAXED);
  for (int i = 0; i < 15; i++) ip->block[i] = 0;
  ip->valid = true;
  r = init_contents(dp, ip, rdev, target);
  inode_update(ip);
  if (r == 0) r = ext2_dir_add(dp, name, ip->ino, mode);
  if (r < 0) {
    ip->nlink = 0;  /* iput frees it and whatever it got */
    iunlockput(ip);
    return r;
  }
  if (dir) {
    dp->nlink++;  /* the new ".." */
    inode_update(dp);
  }
  iunlock(ip);
  *out = ip;
  return 0;
}

/* Adds name in dp for ip (unlocked; it must have been read, as namei's
 * results are, so a directory is refused before locking it). */
int fs_link(struct inode *dp, const char *name, struct inode *ip) {
  if (ip->valid && (ip->mode & LINUX_S_IFMT) == LINUX_S_IFDIR) return -LINUX_EPERM;
  if (ip->dev != dp->dev) return -LINUX_EXDEV;
  int r = can_add(dp, name);
  if (r < 0) return r;
  ilock(ip);
  if ((r = ext2_inode_ok(ip)) == 0) {
    if ((ip->mode & LINUX_S_IFMT) == LINUX_S_IFDIR) r = -LINUX_EPERM;
    else if (ip->nlink == 0) r = -LINUX_ENOENT;
    else if (ip->nlink >= EXT2_LINK_MAX) r = -LINUX_EMLINK;
    else r = ext2_dir_add(dp, name, ip->ino, ip->mode);
  }
  if (r == 0) {
    ip->nlink++;
    ip->ctime = ext2_now();
    inode_update(ip);
  }
  iunlock(ip);
  return r;
}

int fs_unlink(struct inode *dp, const char *name, bool rmdir) {
  if (ext2.readonly) return -LINUX_EROFS;
  int r = ext2_inode_ok(dp);
  if (r < 0) return r;
  if ((dp->mode & LINUX_S_IFMT) != LINUX_S_IFDIR) return -LINUX_ENOTDIR;
  if (strcmp(name, ".") == 0) return rmdir ? -LINUX_EINVAL : -LINUX_EISDIR;
  if (strcmp(name, "..") == 0) return rmdir ? -LINUX_ENOTEMPTY : -LINUX_EISDIR;
  u32 ino;
  if ((r = dir_lookup(dp, name, &ino)) < 0) return r;
  struct inode *ip = ext2_iget(ino, &r);
  if (!ip) return r;
  if (ip == dp) {  /* only a corrupt directory names itself */
    iput(ip);
    return ext2_corrupt("directory entry names its own directory", dp->ino, 0);
  }
  ilock(ip);
  bool dir = (ip->mode & LINUX_S_IFMT) == LINUX_S_IFDIR;
  if ((r = ext2_inode_ok(ip)) < 0) goto out;
  r = rmdir && !dir ? -LINUX_ENOTDIR : !rmdir && dir ? -LINUX_EISDIR : 0;
  if (r == 0 && dir) {
    int e = ext2_dir_empty(ip);
    r = e == 1 ? 0 : e == 0 ? -LINUX_ENOTEMPTY : e;
  }
  if (r == 0) r = ext2_dir_remove(dp, name);
  if (r < 0) goto out;
  if (dir) {
    ip->nlink = 0;  /* its entry and its "." */
    if (dp->nlink > 0) dp->nlink--;  /* its ".." */
    inode_update(dp);
  } else {
    ip->nlink--;
  }
  ip->ctime = ext2_now();
  inode_update(ip);
out:
  iunlockput(ip);  /* frees it if that was the last link and reference */
  return r;
}
