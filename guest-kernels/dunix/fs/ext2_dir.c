/* ext2_dir.c - directory blocks: looking names up, adding, removing and
 * repointing entries, the emptiness test, and readdir.
 *
 * A directory is a file of blocks, each a chain of entries (inode, rec_len,
 * name_len, file_type, name): rec_len leads to the next entry, entries never
 * cross a block and the last one's rec_len reaches the block's end.  A new
 * entry takes an unused entry (inode 0) big enough, or the slack at the end
 * of a used one (split); failing that a new block.  Removing an entry merges
 * it into the previous entry of its block, or sets inode 0 if it is first.
 *
 * dir_index directories are read linearly (the hash tree's blocks look like
 * empty entries); any change clears EXT2_INDEX_FL (ext2_dir_touch), as a
 * writer that does not maintain the index must.  Every entry is checked
 * before use: a bad one is -EIO, never an out-of-bounds access.  dp is
 * locked by the caller; one buffer is held at a time. */
#include "ext2.h"
#include "kalloc.h"
#include "lib.h"
#include "linux_n64.h"

/* ext2's file_type byte <-> the mode's type (whose >> 12 is also DT_*). */
static const u8 ftype_to_dt[8] = {0, 8, 4, 2, 6, 1, 12, 10};

static u8 mode_to_ftype(u16 mode) {
  if (!(ext2.incompat & INCOMPAT_FILETYPE)) return 0;
  for (u8 t = 1; t < 8; t++)
    if (ftype_to_dt[t] == (mode & LINUX_S_IFMT) >> 12) return t;
  return 0;
}

/* Is the entry at off in block data (of directory dp) well formed? */
static bool entry_ok(struct inode *dp, const u8 *data, u32 off) {
  u32 rec = off + 8 <= ext2.bsize ? le16(data + off + DE_REC_LEN) : 0;
  u32 ino = off + 8 <= ext2.bsize ? le32(data + off + DE_INODE) : 0;
  if (rec >= 8 && rec % 4 == 0 && off + rec <= ext2.bsize && ino <= ext2.inodes_count &&
      (ino == 0 || rec >= DE_REC_SIZE(data[off + DE_NAME_LEN])))
    return true;
  ext2_corrupt("bad directory entry (inode, offset)", dp->ino, off);
  return false;
}

/* The buffer of directory block lblk, or NULL with *err (-EIO: a hole or an
 * unreadable block). */
static struct buf *dir_block(struct inode *dp, u64 lblk, int *err) {
  u32 pblk;
  if ((*err = ext2_bmap(dp, lblk, false, 0, &pblk)) < 0) return NULL;
  if (pblk == 0) {
    *err = ext2_corrupt("hole in directory", dp->ino, lblk);
    return NULL;
  }
  struct buf *b = bread(ext2.dev, pblk, ext2.bsize);
  if (!b) *err = -LINUX_EIO;
  return b;
}

static bool is_dir(struct inode *dp) { return (dp->mode & LINUX_S_IFMT) == LINUX_S_IFDIR; }

/* Finds name in dp: returns 0 with its block locked in *bp, the entry at *off
 * and the previous entry of the block at *prev (~0u if first); or -ENOENT,
 * -ENOTDIR, -EIO. */
static int dir_find(struct inode *dp, const char *name, struct buf **bp, u32 *off, u32 *prev) {
  int r = ext2_inode_ok(dp);
  if (r < 0) return r;
  if (!is_dir(dp)) return -LINUX_ENOTDIR;
  size_t len = strlen(name);
  for (u64 lblk = 0; lblk < dp->size >> ext2.bshift; lblk++) {
    struct buf *b = dir_block(dp, lblk, &r);
    if (!b) return r;
    for (u32 o = 0, p = ~0u; o < ext2.bsize; p = o, o += le16(b->data + o + DE_REC_LEN)) {
      if (!entry_ok(dp, b->data, o)) {
        brelse(b);
        return -LINUX_EIO;
      }
      if (le32(b->data + o) && b->data[o + DE_NAME_LEN] == len && memcmp(b->data + o + DE_NAME, name, len) == 0) {
        *bp = b, *off = o, *prev = p;
        return 0;
      }
    }
    brelse(b);
  }
  return -LINUX_ENOENT;
}

/* Looks name up in dp (locked): *ino.  0, -ENOENT, -ENOTDIR or -EIO. */
int dir_lookup(struct inode *dp, const char *name, u32 *ino) {
  struct buf *b;
  u32 off, prev;
  int r = dir_find(dp, name, &b, &off, &prev);
  if (r < 0) return r;
  *ino = le32(b->data + off + DE_INODE);
  brelse(b);
  return 0;
}

static void fill_entry(u8 *e, u32 rec, const char *name, u32 ino, u16 mode) {
  size_t len = strlen(name);
  put_le32(e + DE_INODE, ino);
  put_le16(e + DE_REC_LEN, (u16)rec);
  e[DE_NAME_LEN] = (u8)len;
  e[DE_FILE_TYPE] = mode_to_ftype(mode);
  memcpy(e + DE_NAME, name, len);
}

/* Adds name -> ino to dp (the caller checked it is absent).  0, -ENOSPC, -EIO. */
int ext2_dir_add(struct inode *dp, const char *name, u32 ino, u16 mode) {
  u32 need = DE_REC_SIZE(strlen(name));
  int r = 0;
  u64 nblocks = dp->size >> ext2.bshift;
  for (u64 lblk = 0; lblk < nblocks; lblk++) {
    struct buf *b = dir_block(dp, lblk, &r);
    if (!b) return r;
    for (u32 o = 0; o < ext2.bsize; o += le16(b->data + o + DE_REC_LEN)) {
      if (!entry_ok(dp, b->data, o)) {
        brelse(b);
        return -LINUX_EIO;
      }
      u8 *e = b->data + o;
      u32 rec = le16(e + DE_REC_LEN), used = le32(e) ? DE_REC_SIZE(e[DE_NAME_LEN]) : 0;
      if (rec - used < need) continue;
      if (used) {  /* split: e keeps `used` bytes, the new entry takes the rest */
        put_le16(e + DE_REC_LEN, (u16)used);
        e += used;
        rec -= used;
      }
      fill_entry(e, rec, name, ino, mode);
      bwrite(b);
      brelse(b);
      ext2_dir_touch(dp);
      return 0;
    }
    brelse(b);
  }
  u32 pblk;  /* a new block, wholly one entry */
  if ((r = ext2_bmap(dp, nblocks, true, 0, &pblk)) < 0) {
    inode_update(dp);  /* i_blocks of any indirect block it got */
    return r;
  }
  struct buf *b = bread(ext2.dev, pblk, ext2.bsize);
  if (!b) return -LINUX_EIO;
  fill_entry(b->data, ext2.bsize, name, ino, mode);
  bwrite(b);
  brelse(b);
  dp->size += ext2.bsize;
  ext2_dir_touch(dp);
  return 0;
}

/* Removes name from dp.  0, -ENOENT, -EIO. */
int ext2_dir_remove(struct inode *dp, const char *name) {
  struct buf *b;
  u32 off, prev;
  int r = dir_find(dp, name, &b, &off, &prev);
  if (r < 0) return r;
  if (prev == ~0u) {
    put_le32(b->data + off + DE_INODE, 0);
  } else {
    u32 merged = le16(b->data + prev + DE_REC_LEN) + le16(b->data + off + DE_REC_LEN);
    put_le16(b->data + prev + DE_REC_LEN, (u16)merged);
  }
  bwrite(b);
  brelse(b);
  ext2_dir_touch(dp);
  return 0;
}

/* Points dp's entry name at ino (rename over a target, a moved directory's
 * "..").  0, -ENOENT, -EIO. */
int ext2_dir_set(struct inode *dp, const char *name, u32 ino, u16 mode) {
  struct buf *b;
  u32 off, prev;
  int r = dir_find(dp, name, &b, &off, &prev);
  if (r < 0) return r;
  put_le32(b->data + off + DE_INODE, ino);
  b->data[off + DE_FILE_TYPE] = mode_to_ftype(mode);
  bwrite(b);
  brelse(b);
  ext2_dir_touch(dp);
  return 0;
}

/* 1 if dp holds nothing but "." and "..", 0 if it holds more, or -EIO. */
int ext2_dir_empty(struct inode *dp) {
  int r = 0;
  for (u64 lblk = 0; lblk < dp->size >> ext2.bshift; lblk++) {
    struct buf *b = dir_block(dp, lblk, &r);
    if (!b) return r;
    for (u32 o = 0; o < ext2.bsize; o += le16(b->data + o + DE_REC_LEN)) {
      if (!entry_ok(dp, b->data, o)) {
        brelse(b);
        return -LINUX_EIO;
      }
      const u8 *e = b->data + o;
      u32 nl = e[DE_NAME_LEN];
      bool dot = (nl == 1 && e[DE_NAME] == '.') || (nl == 2 && e[DE_NAME] == '.' && e[DE_NAME + 1] == '.');
      if (le32(e) && !dot) {
        brelse(b);
        return 0;
      }
    }
    brelse(b);
  }
  return 1;
}

/* Emits dp's entries from byte offset *off (an entry boundary, or anywhere:
 * it resumes at the next entry) until emit says stop.  Works on a copy of
 * each block, so emit may fault on user memory while no buffer is held. */
int fs_readdir(struct inode *dp, u64 *off, dirent_fn emit, void *ctx) {
  int r = ext2_inode_ok(dp);
  if (r < 0) return r;
  if (!is_dir(dp)) return -LINUX_ENOTDIR;
  u8 *copy = kmalloc(ext2.bsize);
  if (!copy) return -LINUX_ENOMEM;
  while (*off < dp->size && r == 0) {
    u64 base = *off & ~(u64)(ext2.bsize - 1);
    struct buf *b = dir_block(dp, *off >> ext2.bshift, &r);
    if (!b) break;
    memcpy(copy, b->data, ext2.bsize);
    brelse(b);
    u32 o = 0;
    for (; o < ext2.bsize; o += le16(copy + o + DE_REC_LEN)) {
      if (!entry_ok(dp, copy, o)) {
        r = -LINUX_EIO;
        break;
      }
      const u8 *e = copy + o;
      u64 next = base + o + le16(e + DE_REC_LEN);
      if (base + o < *off || le32(e) == 0) continue;
      u8 ft = e[DE_FILE_TYPE];
      unsigned dt = (ext2.incompat & INCOMPAT_FILETYPE) && ft < 8 ? ftype_to_dt[ft] : 0;
      if (emit(ctx, (const char *)e + DE_NAME, e[DE_NAME_LEN], le32(e), dt, next)) goto out;
      *off = next;
    }
    if (r == 0) *off = base + ext2.bsize;
  }
out:
  kfree(copy);
  return r;
}
