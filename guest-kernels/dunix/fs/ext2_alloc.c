/* ext2_alloc.c - allocating and freeing blocks and inodes in the bitmaps.
 *
 * Every function here takes ext2.alloc_lock (a sleeplock) and, under it,
 * reads and writes bitmap and group-descriptor buffers and the counters in
 * `ext2`; the counts in the group descriptors and the superblock always move
 * with the bitmaps.  Callers may hold inode locks and data/indirect buffers
 * (alloc_lock comes after them in the lock order, ext2_inode.c), but no
 * bitmap or descriptor buffer.
 *
 * Placement: a block goes at or after the goal (the previous block of the
 * file, or the start of the inode's group), wrapping through the groups; a
 * file's inode goes in its directory's group; a directory's in the group
 * with the fewest directories among those with at least average free inodes
 * and blocks (spreading directories, as Linux's Orlov allocator does). */
#include "ext2.h"
#include "lib.h"
#include "linux_n64.h"

/* The first clear bit of map in [from, n), or -1. */
static long find_zero(const u8 *map, u32 from, u32 n) {
  for (u32 i = from; i < n; i++) {
    if ((i & 7) == 0 && i + 8 <= n && map[i / 8] == 0xff) {
      i += 7;
      continue;
    }
    if (!(map[i / 8] & (1u << (i & 7)))) return i;
  }
  return -1;
}

/* Blocks in group g (the last group may be short). */
static u32 group_blocks(u32 g) {
  u32 start = ext2.first_data_block + g * ext2.blocks_per_group;
  return MIN(ext2.blocks_per_group, ext2.blocks_count - start);
}

/* Claims a clear bit in the bitmap at block `map`, searching [from, n) then
 * [0, from).  Returns the bit, -ENOSPC if none or -EIO.  alloc_lock held. */
static long claim_bit(u32 map, u32 from, u32 n) {
  struct buf *b = bread(ext2.dev, map, ext2.bsize);
  if (!b) return -LINUX_EIO;
  long bit = find_zero(b->data, from, n);
  if (bit < 0) bit = find_zero(b->data, 0, MIN(from, n));
  if (bit >= 0) {
    b->data[bit / 8] |= (u8)(1u << (bit & 7));
    bwrite(b);
  }
  brelse(b);
  return bit < 0 ? -LINUX_ENOSPC : bit;
}

/* Clears bit `bit` of the bitmap at block `map`; -EIO if it was already clear. */
static int release_bit(u32 map, u32 bit, const char *what, u32 num) {
  struct buf *b = bread(ext2.dev, map, ext2.bsize);
  if (!b) return -LINUX_EIO;
  u8 mask = (u8)(1u << (bit & 7));
  int r = 0;
  if (!(b->data[bit / 8] & mask)) {
    r = ext2_corrupt(what, num, 0);
  } else {
    b->data[bit / 8] &= (u8)~mask;
    bwrite(b);
  }
  brelse(b);
  return r;
}

/* Allocates a block near goal.  Returns its number, -ENOSPC or -EIO. */
long ext2_balloc(u32 goal) {
  if (!ext2_block_ok(goal)) goal = ext2.first_data_block + 1;
  u32 g0 = (goal - ext2.first_data_block) / ext2.blocks_per_group;
  long r = -LINUX_ENOSPC;
  sleep_lock(&ext2.alloc_lock);
  for (u32 i = 0; i < ext2.ngroups && ext2.free_blocks > 0; i++) {
    u32 g = (g0 + i) % ext2.ngroups;
    struct ext2_gd gd;
    if ((r = ext2_gd_read(g, &gd)) < 0) break;
    if (gd.free_blocks == 0) continue;
    u32 from = i == 0 ? (goal - ext2.first_data_block) % ext2.blocks_per_group : 0;
    long bit = claim_bit(gd.block_bitmap, from, group_blocks(g));
    if (bit == -LINUX_ENOSPC) {
      printk("ext2: group %u: free block count %u but bitmap full\n", g, gd.free_blocks);
      continue;
    }
    if ((r = bit) < 0) break;
    if ((r = ext2_gd_adjust(g, -1, 0, 0)) < 0) break;
    ext2.free_blocks--;
    r = ext2.first_data_block + g * ext2.blocks_per_group + bit;
    break;
  }
  sleep_unlock(&ext2.alloc_lock);
  return r;
}

int ext2_bfree(u32 b) {
  if (!ext2_block_ok(b)) return ext2_corrupt("freeing block out of range", b, ext2.blocks_count);
  u32 g = (b - ext2.first_data_block) / ext2.blocks_per_group;
  struct ext2_gd gd;
  sleep_lock(&ext2.alloc_lock);
  int r = ext2_gd_read(g, &gd);
  if (r == 0) r = release_bit(gd.block_bitmap, (b - ext2.first_data_block) % ext2.blocks_per_group, "freeing free block", b);
  if (r == 0) r = ext2_gd_adjust(g, 1, 0, 0);
  if (r == 0) ext2.free_blocks++;
  sleep_unlock(&ext2.alloc_lock);
  return r;
}

/* The group for a new inode (see the placement note above); -ENOSPC or -EIO.
 * alloc_lock held. */
static long pick_group(u32 parent_ino, bool dir) {
  u32 pg = parent_ino >= 1 && parent_ino <= ext2.inodes_count ? (parent_ino - 1) / ext2.inodes_per_group : 0;
  u32 avg_inodes = ext2.free_inodes / ext2.ngroups, avg_blocks = ext2.free_blocks / ext2.ngroups;
  long best = -1, any = -1;
  u32 best_dirs = ~0u;
  for (u32 i = 0; i < ext2.ngroups; i++) {
    u32 g = (pg + i) % ext2.ngroups;
    struct ext2_gd gd;
    int r = ext2_gd_read(g, &gd);
    if (r < 0) return r;
    if (gd.free_inodes == 0) continue;
    if (!dir && gd.free_blocks > 0) return g;
    if (any < 0) any = g;
    if (dir && gd.free_inodes >= avg_inodes && gd.free_blocks >= avg_blocks && gd.used_dirs < best_dirs) {
      best = g;
      best_dirs = gd.used_dirs;
    }
  }
  return best >= 0 ? best : any >= 0 ? any : -LINUX_ENOSPC;
}

/* Allocates an inode number for a child of parent_ino.  Returns it, -ENOSPC
 * or -EIO.  The caller initialises the inode. */
long ext2_ialloc(u32 parent_ino, bool dir) {
  long r = -LINUX_ENOSPC;
  sleep_lock(&ext2.alloc_lock);
  do {
    if (ext2.free_inodes == 0) break;
    long g = pick_group(parent_ino, dir);
    if ((r = g) < 0) break;
    struct ext2_gd gd;
    if ((r = ext2_gd_read((u32)g, &gd)) < 0) break;
    u32 from = g == 0 ? ext2.first_ino - 1 : 0;  /* skip the reserved inodes */
    u32 n = MIN(ext2.inodes_per_group, ext2.inodes_count - (u32)g * ext2.inodes_per_group);
    long bit = from < n ? claim_bit(gd.inode_bitmap, from, n) : -LINUX_ENOSPC;
    if (bit >= 0 && g == 0 && (u32)bit < from) bit = -LINUX_ENOSPC;  /* (wrapped into them) */
    if (bit == -LINUX_ENOSPC) {
      r = ext2_corrupt("free inode count but full inode bitmap", (u64)g, gd.free_inodes);
      break;
    }
    if ((r = bit) < 0) break;
    if ((r = ext2_gd_adjust((u32)g, 0, -1, dir ? 1 : 0)) < 0) break;
    ext2.free_inodes--;
    r = (u32)g * ext2.inodes_per_group + (u32)bit + 1;
  } while (0);
  sleep_unlock(&ext2.alloc_lock);
  return r;
}

int ext2_ifree(u32 ino, bool dir) {
  if (ino < ext2.first_ino || ino > ext2.inodes_count) return ext2_corrupt("freeing inode out of range", ino, 0);
  u32 g = (ino - 1) / ext2.inodes_per_group;
  struct ext2_gd gd;
  sleep_lock(&ext2.alloc_lock);
  int r = ext2_gd_read(g, &gd);
  if (r == 0) r = release_bit(gd.inode_bitmap, (ino - 1) % ext2.inodes_per_group, "freeing free inode", ino);
  if (r == 0) r = ext2_gd_adjust(g, 0, 1, dir ? -1 : 0);
  if (r == 0) ext2.free_inodes++;
  sleep_unlock(&ext2.alloc_lock);
  return r;
}
