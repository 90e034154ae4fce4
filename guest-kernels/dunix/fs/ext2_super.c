/* ext2_super.c - mounting ext2 revision 1: the superblock, its features and
 * counters, and the group descriptors; sync, unmount, statfs.
 *
 * Features: INCOMPAT filetype only (anything else refuses the mount with
 * -EINVAL); RO_COMPAT sparse_super and large_file (anything else mounts
 * read-only); any COMPAT feature (ext_attr, resize_inode, dir_index, even a
 * journal) is fine for a writer that keeps to ext2's rules.
 *
 * The superblock's counters live in `ext2` under alloc_lock and are copied
 * into the superblock's buffer by ext2_sb_write (at mount, sync, unmount).
 * Backup superblocks and descriptor copies are not updated (nor are they by
 * Linux, except on resize). */
#include "disk.h"
#include "ext2.h"
#include "kalloc.h"
#include "layout.h"
#include "lib.h"
#include "linux_n64.h"

struct ext2_fs ext2;
static u32 orig_state;  /* s_state found at mount, restored (VALID) at unmount */

int ext2_corrupt(const char *what, u64 a, u64 b) {
  printk("ext2: corrupt file system: %s (%lu, %lu)\n", what, (unsigned long)a, (unsigned long)b);
  return -LINUX_EIO;
}

bool ext2_block_ok(u32 b) { return b > ext2.first_data_block && b < ext2.blocks_count; }

/* Largest file (bytes): what the block map reaches, and what i_blocks (32
 * bits of 512-byte units, indirect blocks included) can count; as Linux. */
static u64 max_file_size(u32 bits) {
  u64 a = 1ull << (bits - 2);
  u64 res = 12 + a + a * a + a * a * a;
  u64 limit = ((1ull << 32) - 1) >> (bits - 9);
  limit -= 1 + (1 + a) + (1 + a + a * a);  /* indirect blocks */
  res <<= bits;
  limit <<= bits;
  return MIN(res, limit);
}

/* Reads group descriptor `group` (validated).  0 or -EIO. */
int ext2_gd_read(u32 group, struct ext2_gd *gd) {
  if (group >= ext2.ngroups) return ext2_corrupt("group number", group, ext2.ngroups);
  u32 per = ext2.bsize / GD_SIZE;
  struct buf *b = bread(ext2.dev, ext2.first_data_block + 1 + group / per, ext2.bsize);
  if (!b) return -LINUX_EIO;
  const u8 *p = b->data + (group % per) * GD_SIZE;
  gd->block_bitmap = le32(p + GD_BLOCK_BITMAP);
  gd->inode_bitmap = le32(p + GD_INODE_BITMAP);
  gd->inode_table = le32(p + GD_INODE_TABLE);
  gd->free_blocks = le16(p + GD_FREE_BLOCKS);
  gd->free_inodes = le16(p + GD_FREE_INODES);
  gd->used_dirs = le16(p + GD_USED_DIRS);
  brelse(b);
  u64 itable_blocks = ((u64)ext2.inodes_per_group * ext2.inode_size + ext2.bsize - 1) >> ext2.bshift;
  if (!ext2_block_ok(gd->block_bitmap) || !ext2_block_ok(gd->inode_bitmap) ||
      !ext2_block_ok(gd->inode_table) || gd->inode_table + itable_blocks > ext2.blocks_count)
    return ext2_corrupt("group descriptor", group, gd->inode_table);
  return 0;
}

/* Adds to a group's free block/inode and directory counts.  alloc_lock held. */
int ext2_gd_adjust(u32 group, int dblocks, int dinodes, int ddirs) {
  u32 per = ext2.bsize / GD_SIZE;
  struct buf *b = bread(ext2.dev, ext2.first_data_block + 1 + group / per, ext2.bsize);
  if (!b) return -LINUX_EIO;
  u8 *p = b->data + (group % per) * GD_SIZE;
  put_le16(p + GD_FREE_BLOCKS, (u16)(le16(p + GD_FREE_BLOCKS) + dblocks));
  put_le16(p + GD_FREE_INODES, (u16)(le16(p + GD_FREE_INODES) + dinodes));
  put_le16(p + GD_USED_DIRS, (u16)(le16(p + GD_USED_DIRS) + ddirs));
  bwrite(b);
  brelse(b);
  return 0;
}

/* Copies the counters, state and times into the superblock's buffer.
 * alloc_lock held. */
int ext2_sb_write(void) {
  u32 blk = ext2.bsize == 1024 ? 1 : 0, off = ext2.bsize == 1024 ? 0 : 1024;
  struct buf *b = bread(ext2.dev, blk, ext2.bsize);
  if (!b) return -LINUX_EIO;
  u8 *sb = b->data + off;
  put_le32(sb + SB_FREE_BLOCKS, ext2.free_blocks);
  put_le32(sb + SB_FREE_INODES, ext2.free_inodes);
  put_le32(sb + SB_FEATURE_RO_COMPAT, ext2.ro_compat);
  put_le16(sb + SB_STATE, (u16)ext2.state);
  put_le16(sb + SB_MNT_COUNT, (u16)ext2.mnt_count);
  put_le32(sb + SB_MTIME, ext2.mtime);
  put_le32(sb + SB_WTIME, ext2_now());
  bwrite(b);
  brelse(b);
  return 0;
}

/* Checks the superblock in sb and fills `ext2`.  0 or -EINVAL. */
static int parse_super(const u8 *sb, bool *readonly) {
  if (le16(sb + SB_MAGIC) != EXT2_MAGIC) {
    printk("ext2: bad magic 0x%x\n", le16(sb + SB_MAGIC));
    return -LINUX_EINVAL;
  }
  u32 rev = le32(sb + SB_REV_LEVEL), logbs = le32(sb + SB_LOG_BLOCK_SIZE);
  u32 incompat = rev == EXT2_GOOD_OLD_REV ? 0 : le32(sb + SB_FEATURE_INCOMPAT);
  u32 ro_compat = rev == EXT2_GOOD_OLD_REV ? 0 : le32(sb + SB_FEATURE_RO_COMPAT);
  if (incompat & ~INCOMPAT_SUPPORTED) {
    printk("ext2: unsupported INCOMPAT features 0x%x: not mounting\n", incompat & ~INCOMPAT_SUPPORTED);
    return -LINUX_EINVAL;
  }
  if (logbs > 2) {
    printk("ext2: block size %u unsupported\n", 1024u << MIN(logbs, 16u));
    return -LINUX_EINVAL;
  }
  if ((ro_compat & ~RO_COMPAT_SUPPORTED) && !*readonly) {
    printk("ext2: unsupported RO_COMPAT features 0x%x: mounting read-only\n", ro_compat & ~RO_COMPAT_SUPPORTED);
    *readonly = true;
  }
  ext2.bshift = 10 + logbs;
  ext2.bsize = 1u << ext2.bshift;
  ext2.apb = ext2.bsize / 4;
  ext2.blocks_count = le32(sb + SB_BLOCKS_COUNT);
  ext2.inodes_count = le32(sb + SB_INODES_COUNT);
  ext2.r_blocks = le32(sb + SB_R_BLOCKS_COUNT);
  ext2.first_data_block = le32(sb + SB_FIRST_DATA_BLOCK);
  ext2.blocks_per_group = le32(sb + SB_BLOCKS_PER_GROUP);
  ext2.inodes_per_group = le32(sb + SB_INODES_PER_GROUP);
  ext2.inode_size = rev == EXT2_GOOD_OLD_REV ? EXT2_GOOD_OLD_INODE_SIZE : le16(sb + SB_INODE_SIZE);
  ext2.first_ino = rev == EXT2_GOOD_OLD_REV ? EXT2_GOOD_OLD_FIRST_INO : le32(sb + SB_FIRST_INO);
  ext2.incompat = incompat;
  ext2.ro_compat = ro_compat;
  ext2.free_blocks = le32(sb + SB_FREE_BLOCKS);
  ext2.free_inodes = le32(sb + SB_FREE_INODES);
  ext2.state = le16(sb + SB_STATE);
  ext2.mnt_count = le16(sb + SB_MNT_COUNT);
  ext2.mtime = le32(sb + SB_MTIME);
  ext2.max_size = max_file_size(ext2.bshift);
  u32 bpg = ext2.blocks_per_group, ipg = ext2.inodes_per_group, isz = ext2.inode_size;
  if (bpg == 0 || bpg > ext2.bsize * 8 || ipg == 0 || ipg > ext2.bsize * 8 ||
      isz < EXT2_GOOD_OLD_INODE_SIZE || isz > ext2.bsize || (isz & (isz - 1)) ||
      ext2.first_data_block != (ext2.bsize == 1024 ? 1u : 0u) || ext2.blocks_count <= ext2.first_data_block ||
      ext2.first_ino < EXT2_GOOD_OLD_FIRST_INO || ext2.first_ino >= ext2.inodes_count) {
    printk("ext2: inconsistent superblock geometry\n");
    return -LINUX_EINVAL;
  }
  ext2.ngroups = (ext2.blocks_count - ext2.first_data_block + bpg - 1) / bpg;
  if ((u64)ext2.ngroups * ipg < ext2.inodes_count ||
      ext2.ngroups > ((u64)ext2.blocks_count) / 2 + 1 || ext2.free_blocks > ext2.blocks_count) {
    printk("ext2: inconsistent superblock counts\n");
    return -LINUX_EINVAL;
  }
  return 0;
}

/* Mounts the ext2 file system on disk dev as the root.  0, -EINVAL (not an
 * ext2 volume we can use), -EIO or -EBUSY (already mounted). */
int fs_mount(unsigned dev, bool readonly) {
  if (ext2.mounted) return -LINUX_EBUSY;
  u8 *page = page_alloc();
  if (!page) return -LINUX_ENOMEM;
  int r = disk_rw(dev, 1024 / SECTOR_SIZE, 1024 / SECTOR_SIZE, V2P(page), false);
  if (r == 0) r = parse_super(page, &readonly);
  page_free(page);
  if (r < 0) return r;
  if ((u64)ext2.blocks_count << (ext2.bshift - 9) > disk_capacity(dev)) {
    printk("ext2: file system larger than disk %u\n", dev);
    return -LINUX_EINVAL;
  }
  if (!(ext2.state & EXT2_VALID_FS) || (ext2.state & EXT2_ERROR_FS))
    printk("ext2: warning: mounting a file system that is not clean; run e2fsck\n");
  ext2.dev = dev;
  ext2.readonly = readonly;
  sleeplock_init(&ext2.alloc_lock, "ext2.alloc");
  sleeplock_init(&ext2.rename_lock, "ext2.rename");
  struct ext2_gd gd;
  for (u32 g = 0; g < ext2.ngroups; g++)
    if (ext2_gd_read(g, &gd) < 0) return -LINUX_EINVAL;
  ext2.mounted = true;
  struct inode *root = fs_root();
  int err = 0;
  if (!root) {
    err = -LINUX_EIO;
  } else {
    ilock(root);
    if (ext2_inode_ok(root) < 0 || (root->mode & LINUX_S_IFMT) != LINUX_S_IFDIR) err = -LINUX_EIO;
    iunlockput(root);
  }
  if (err) {
    printk("ext2: bad root directory\n");
    ext2.mounted = false;
    return err;
  }
  orig_state = ext2.state;
  if (!readonly) {
    sleep_lock(&ext2.alloc_lock);
    ext2.state &= ~(u32)EXT2_VALID_FS;  /* not clean while mounted read-write */
    ext2.mtime = ext2_now();
    ext2.mnt_count++;
    r = ext2_sb_write();
    sleep_unlock(&ext2.alloc_lock);
    if (r == 0) r = bflush(dev);
    if (r < 0) {
      ext2.mounted = false;
      return r;
    }
  }
  if (!kernel_quiet) printk("ext2: mounted disk %u%s: %u-byte blocks, %u groups, %u-byte inodes\n", dev,
         readonly ? " read-only" : "", ext2.bsize, ext2.ngroups, ext2.inode_size);
  return 0;
}

struct inode *fs_root(void) { return iget(ext2.dev, ROOT_INO); }

/* Writes the superblock counters and every dirty block. */
int fs_sync(void) {
  if (!ext2.mounted) return -LINUX_EINVAL;
  int r = 0;
  if (!ext2.readonly) {
    sleep_lock(&ext2.alloc_lock);
    r = ext2_sb_write();
    sleep_unlock(&ext2.alloc_lock);
  }
  int f = bflush(ext2.dev);
  return r < 0 ? r : f;
}

/* Syncs and marks the file system clean (as it was at mount). */
int fs_unmount(void) {
  if (!ext2.mounted) return -LINUX_EINVAL;
  if (!ext2.readonly) {
    sleep_lock(&ext2.alloc_lock);
    ext2.state = orig_state;
    sleep_unlock(&ext2.alloc_lock);
  }
  int r = fs_sync();
  ext2.mounted = false;
  return r;
}

/* Counts as "minixdf" does: blocks is the whole volume; bavail leaves the
 * root-reserved blocks out. */
int fs_statfs(struct kstatfs *st) {
  if (!ext2.mounted) return -LINUX_EINVAL;
  sleep_lock(&ext2.alloc_lock);
  st->bsize = ext2.bsize;
  st->blocks = ext2.blocks_count;
  st->bfree = ext2.free_blocks;
  st->bavail = ext2.free_blocks > ext2.r_blocks ? ext2.free_blocks - ext2.r_blocks : 0;
  st->files = ext2.inodes_count;
  st->ffree = ext2.free_inodes;
  st->namelen = NAME_MAX;
  sleep_unlock(&ext2.alloc_lock);
  return 0;
}
