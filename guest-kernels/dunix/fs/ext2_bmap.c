/* ext2_bmap.c - the block map: logical block of a file -> disk block, through
 * i_block's 12 direct pointers and its single, double and triple indirect
 * blocks; growing it (allocation) and cutting it back (truncate).
 *
 *   i_block[0..11] -> data
 *   i_block[12] -> [apb pointers] -> data                       (apb = bsize / 4)
 *   i_block[13] -> [apb] -> [apb] -> data
 *   i_block[14] -> [apb] -> [apb] -> [apb] -> data
 *
 * Every block number read from disk is range-checked (-EIO otherwise).  A
 * walk holds one buffer at a time (lock order, ext2_inode.c).  i_blocks
 * counts data and indirect blocks in 512-byte units.  The inode is locked by
 * the caller throughout, so nobody else changes its tree. */
#include "ext2.h"
#include "kalloc.h"
#include "lib.h"
#include "linux_n64.h"

static u32 sectors(void) { return ext2.bsize / 512; }

/* A new zeroed block near goal (in the cache, dirty); counted in ip->blocks. */
static long new_block(struct inode *ip, u32 goal) {
  if (!goal) goal = ext2.first_data_block + ((ip->ino - 1) / ext2.inodes_per_group) * ext2.blocks_per_group;
  long b = ext2_balloc(goal);
  if (b < 0) return b;
  brelse(bread_zero(ext2.dev, (u64)b, ext2.bsize));
  ip->blocks += sectors();
  return b;
}

/* Entry idx of indirect block blk, or -EIO. */
static long read_entry(u32 blk, u32 idx) {
  struct buf *b = bread(ext2.dev, blk, ext2.bsize);
  if (!b) return -LINUX_EIO;
  u32 v = le32(b->data + 4 * idx);
  brelse(b);
  return v;
}

static int write_entry(u32 blk, u32 idx, u32 v) {
  struct buf *b = bread(ext2.dev, blk, ext2.bsize);
  if (!b) return -LINUX_EIO;
  put_le32(b->data + 4 * idx, v);
  bwrite(b);
  brelse(b);
  return 0;
}

/* Maps logical block lblk of ip (locked) to *pblk; 0 is a hole.  With alloc,
 * fills holes (and missing indirect blocks) with new zeroed blocks near goal
 * (0: the inode's group); the caller writes the inode back.  Returns 0,
 * -ENOSPC, -EFBIG or -EIO. */
int ext2_bmap(struct inode *ip, u64 lblk, bool alloc, u32 goal, u32 *pblk) {
  u64 apb = ext2.apb;
  u32 idx[3], depth, slot;
  if (lblk < EXT2_NDIR) {
    depth = 0, slot = (u32)lblk;
  } else if ((lblk -= EXT2_NDIR) < apb) {
    depth = 1, slot = EXT2_IND, idx[0] = (u32)lblk;
  } else if ((lblk -= apb) < apb * apb) {
    depth = 2, slot = EXT2_DIND, idx[0] = (u32)(lblk / apb), idx[1] = (u32)(lblk % apb);
  } else if ((lblk -= apb * apb) < apb * apb * apb) {
    depth = 3, slot = EXT2_TIND, idx[0] = (u32)(lblk / (apb * apb)), idx[1] = (u32)(lblk / apb % apb),
    idx[2] = (u32)(lblk % apb);
  } else {
    return -LINUX_EFBIG;
  }
  u32 cur = ip->block[slot];
  if (cur == 0) {
    if (!alloc) return *pblk = 0, 0;
    long b = new_block(ip, goal);
    if (b < 0) return (int)b;
    cur = ip->block[slot] = (u32)b;
  } else if (!ext2_block_ok(cur)) {
    return ext2_corrupt("block number in inode", ip->ino, cur);
  }
  for (u32 level = 0; level < depth; level++) {
    long next = read_entry(cur, idx[level]);
    if (next < 0) return (int)next;
    if (next == 0) {
      if (!alloc) return *pblk = 0, 0;
      if ((next = new_block(ip, goal)) < 0) return (int)next;
      int r = write_entry(cur, idx[level], (u32)next);
      if (r < 0) return r;
    } else if (!ext2_block_ok((u32)next)) {
      return ext2_corrupt("block number in indirect block", ip->ino, (u64)next);
    }
    cur = (u32)next;
  }
  *pblk = cur;
  return 0;
}

static void forget_block(struct inode *ip, u32 b) {
  ext2_bfree(b);
  ip->blocks = ip->blocks >= sectors() ? ip->blocks - sectors() : 0;
}

/* Frees the blocks under indirect block blk (depth levels of indirection)
 * from entry-span offset `start` on.  The caller frees blk itself when start
 * is 0.  Works on a copy of the block, holding no buffer while recursing. */
static int free_tree(struct inode *ip, u32 blk, u32 depth, u64 start) {
  u8 *copy = kmalloc(ext2.bsize);
  if (!copy) return -LINUX_ENOMEM;
  struct buf *b = bread(ext2.dev, blk, ext2.bsize);
  if (!b) {
    kfree(copy);
    return -LINUX_EIO;
  }
  memcpy(copy, b->data, ext2.bsize);
  brelse(b);
  u64 span = 1;
  for (u32 i = 1; i < depth; i++) span *= ext2.apb;
  bool changed = false;
  for (u64 i = start / span; i < ext2.apb; i++) {
    u32 c = le32(copy + 4 * i);
    if (!c) continue;
    u64 cstart = i == start / span ? start % span : 0;
    if (!ext2_block_ok(c)) {
      ext2_corrupt("block number in indirect block", ip->ino, c);
    } else {
      if (depth > 1) free_tree(ip, c, depth - 1, cstart);
      if (cstart != 0) continue;  /* partly kept */
      forget_block(ip, c);
    }
    put_le32(copy + 4 * i, 0);
    changed = true;
  }
  if (start > 0 && changed && (b = bread(ext2.dev, blk, ext2.bsize))) {
    memcpy(b->data, copy, ext2.bsize);
    bwrite(b);
    brelse(b);
  }
  kfree(copy);
  return 0;
}

/* Frees every block of ip (locked) from logical block `from` on, indirect
 * blocks included; the caller writes the inode back. */
int ext2_free_blocks(struct inode *ip, u64 from) {
  for (u64 i = from; i < EXT2_NDIR; i++) {
    if (ip->block[i] && ext2_block_ok(ip->block[i])) forget_block(ip, ip->block[i]);
    ip->block[i] = 0;
  }
  u64 apb = ext2.apb, base = EXT2_NDIR, span = apb;
  for (u32 depth = 1; depth <= 3; depth++, base += span, span *= apb) {
    u32 slot = EXT2_IND + depth - 1, blk = ip->block[slot];
    if (!blk || from >= base + span) continue;
    u64 start = from > base ? from - base : 0;
    if (!ext2_block_ok(blk)) {
      ext2_corrupt("block number in inode", ip->ino, blk);
      ip->block[slot] = 0;
      continue;
    }
    free_tree(ip, blk, depth, start);
    if (start == 0) {
      forget_block(ip, blk);
      ip->block[slot] = 0;
    }
  }
  return 0;
}

/* Sets the size of regular file ip (locked).  Shrinking frees the blocks
 * past the end and zeroes the rest of the last block (so growing later
 * shows zeros); growing leaves a hole.  0, -EROFS, -EISDIR, -EINVAL, -EFBIG
 * or -EIO. */
int inode_truncate(struct inode *ip, u64 size) {
  if (ext2.readonly) return -LINUX_EROFS;
  int r = ext2_inode_ok(ip);
  if (r < 0) return r;
  if ((ip->mode & LINUX_S_IFMT) == LINUX_S_IFDIR) return -LINUX_EISDIR;
  if ((ip->mode & LINUX_S_IFMT) != LINUX_S_IFREG) return -LINUX_EINVAL;
  if (size > ext2.max_size) return -LINUX_EFBIG;
  if (size == ip->size) return 0;
  if (size < ip->size) {
    ext2_free_blocks(ip, (size + ext2.bsize - 1) >> ext2.bshift);
    u32 tail = (u32)(size & (ext2.bsize - 1)), pblk;
    if (tail && ext2_bmap(ip, size >> ext2.bshift, false, 0, &pblk) == 0 && pblk) {
      struct buf *b = bread(ext2.dev, pblk, ext2.bsize);
      if (b) {
        memset(b->data + tail, 0, ext2.bsize - tail);
        bwrite(b);
        brelse(b);
      }
    }
  }
  ip->size = size;
  ip->mtime = ip->ctime = ext2_now();
  inode_update(ip);
  return 0;
}
