/* ext2_file.c - file contents: read, write and readlink, block by block
 * through the block map and the buffer cache.
 *
 * atime is not updated on reads (as with Linux's noatime): it would turn
 * every read into an inode write.  mtime and ctime are set by writes.
 * Symbolic links: a "fast" one (target shorter than 60 bytes) keeps its
 * target in i_block itself, byte j in byte j of the 60-byte array (so byte
 * j % 4 of the little-endian word i_block[j / 4]); a slow one in block 0.
 *
 * User copies happen with the inode and one buffer locked: the page-fault
 * path must not need this inode (a read into a mapping of the same file);
 * the system-call layer should fault the user buffer in first if it maps
 * files of this file system. */
#include "ext2.h"
#include "lib.h"
#include "linux_n64.h"
#include "uaccess.h"

/* Copies out zeros, for a hole. */
static int zero_out(bool user, u64 dst, u64 n) {
  if (user) return clear_user(dst, n);
  memset((void *)(uintptr_t)dst, 0, n);
  return 0;
}

/* Reads up to n bytes at off of a regular file (or a slow symlink's block).
 * Holes read as zeros.  Returns bytes read, or -EISDIR, -EINVAL, -EFAULT, -EIO. */
long inode_read(struct inode *ip, bool user, u64 dst, u64 off, u64 n) {
  int r = ext2_inode_ok(ip);
  if (r < 0) return r;
  if ((ip->mode & LINUX_S_IFMT) == LINUX_S_IFDIR) return -LINUX_EISDIR;
  if (!ext2_has_blocks(ip)) return -LINUX_EINVAL;
  if (off >= ip->size) return 0;
  n = MIN(n, ip->size - off);
  u64 done = 0;
  while (done < n) {
    u32 boff = (u32)(off & (ext2.bsize - 1)), pblk;
    u64 m = MIN(n - done, (u64)(ext2.bsize - boff));
    if ((r = ext2_bmap(ip, off >> ext2.bshift, false, 0, &pblk)) < 0) break;
    if (pblk == 0) {
      r = zero_out(user, dst + done, m);
    } else {
      struct buf *b = bread(ext2.dev, pblk, ext2.bsize);
      if (!b) {
        r = -LINUX_EIO;
        break;
      }
      r = copy_out_either(user, dst + done, b->data + boff, m);
      brelse(b);
    }
    if (r < 0) break;
    done += m;
    off += m;
  }
  return done > 0 ? (long)done : r;
}

/* Sets RO_COMPAT_LARGE_FILE the first time a file reaches 2 GiB, as Linux does. */
static void note_large_file(u64 size) {
  if (size < (1ull << 31) || (ext2.ro_compat & RO_COMPAT_LARGE_FILE)) return;
  sleep_lock(&ext2.alloc_lock);
  ext2.ro_compat |= RO_COMPAT_LARGE_FILE;
  ext2_sb_write();
  sleep_unlock(&ext2.alloc_lock);
}

/* Writes n bytes at off of regular file ip, allocating blocks (each new one
 * after the previous, for contiguity).  Returns bytes written; a full disk
 * stops the write (-ENOSPC if nothing was written); -EFBIG past the maximum
 * file size; -EROFS, -EISDIR, -EINVAL, -EFAULT, -EIO. */
long inode_write(struct inode *ip, bool user, u64 src, u64 off, u64 n) {
  int r = ext2_inode_ok(ip);
  if (r < 0) return r;
  if (ext2.readonly) return -LINUX_EROFS;
  if ((ip->mode & LINUX_S_IFMT) == LINUX_S_IFDIR) return -LINUX_EISDIR;
  if ((ip->mode & LINUX_S_IFMT) != LINUX_S_IFREG) return -LINUX_EINVAL;
  if (n == 0) return 0;
  if (off >= ext2.max_size) return -LINUX_EFBIG;
  n = MIN(n, ext2.max_size - off);
  u64 done = 0;
  u32 goal = 0;
  while (done < n) {
    u32 boff = (u32)(off & (ext2.bsize - 1)), pblk;
    u64 m = MIN(n - done, (u64)(ext2.bsize - boff));
    if ((r = ext2_bmap(ip, off >> ext2.bshift, true, goal, &pblk)) < 0) break;
    struct buf *b = bread(ext2.dev, pblk, ext2.bsize);
    if (!b) {
      r = -LINUX_EIO;
      break;
    }
    r = copy_in_either(user, b->data + boff, src + done, m);
    bwrite(b);
    brelse(b);
    if (r < 0) break;
    done += m;
    off += m;
    goal = pblk + 1;
    if (off > ip->size) ip->size = off;
  }
  if (done > 0) ip->mtime = ip->ctime = ext2_now();
  inode_update(ip);  /* also records blocks allocated before a failure */
  note_large_file(ip->size);
  return done > 0 ? (long)done : r;
}

/* Copies up to n bytes of symlink ip's target (not NUL-terminated).
 * Returns the length copied, -EINVAL (not a symlink), -EFAULT or -EIO. */
long fs_readlink(struct inode *ip, bool user, u64 dst, u64 n) {
  int r = ext2_inode_ok(ip);
  if (r < 0) return r;
  if ((ip->mode & LINUX_S_IFMT) != LINUX_S_IFLNK) return -LINUX_EINVAL;
  n = MIN(n, ip->size);
  if (ext2_has_blocks(ip)) return inode_read(ip, user, dst, 0, n);
  u8 text[EXT2_FAST_LINK_MAX];
  for (u32 j = 0; j < n; j++) text[j] = (u8)(ip->block[j / 4] >> (8 * (j % 4)));
  r = copy_out_either(user, dst, text, n);
  return r < 0 ? r : (long)n;
}
