/* ext2_inode.c - the in-memory inode table: iget/ilock/iput, reading and
 * writing on-disk inodes, and freeing an inode whose last link and last
 * reference are gone.
 *
 * LOCK ORDER of the file system (take them in this order only):
 *   1. ext2.rename_lock                 (fs_rename only)
 *   2. inode sleeplocks: a directory before anything in it (so ancestors
 *      before descendants); two unrelated directories only under
 *      rename_lock.  Path lookup holds one inode lock at a time.
 *   3. buffer sleeplocks of directory, data, indirect and inode-table
 *      blocks: at most one at a time (block-map walks release the parent
 *      before reading the child, which also survives a corrupt block that
 *      points to itself)
 *   4. ext2.alloc_lock
 *   5. bitmap, group-descriptor and superblock buffers
 *   6. spinlocks, never held while sleeping: itable.lock (ref, dev, ino
 *      of every slot), bcache.lock
 *
 * An inode read from disk that is unusable (out of range, I/O error, unknown
 * type, deleted) gets mode 0: every operation on it fails with -EIO. */
#include "ext2.h"
#include "ktime.h"
#include "lib.h"
#include "linux_n64.h"
#include "param.h"
#include "spinlock.h"

static struct {
  struct spinlock lock;
  struct inode inode[NINODE];
} itable = {.lock = SPINLOCK_INIT("itable")};

u32 ext2_now(void) { return (u32)ktime_wall_sec(); }

/* A referenced inode (not read yet), or NULL if the table is full. */
struct inode *iget(unsigned dev, u32 ino) {
  struct inode *empty = NULL;
  spin_lock(&itable.lock);
  for (struct inode *ip = itable.inode; ip < itable.inode + NINODE; ip++) {
    if (ip->ref > 0 && ip->dev == dev && ip->ino == ino) {
      ip->ref++;
      spin_unlock(&itable.lock);
      return ip;
    }
    if (!empty && ip->ref == 0) empty = ip;
  }
  if (empty) {
    if (!empty->lock.name) sleeplock_init(&empty->lock, "inode");  /* first use of the slot */
    empty->dev = dev;
    empty->ino = ino;
    empty->ref = 1;
    empty->valid = false;
  } else {
    printk("ext2: inode table full\n");
  }
  spin_unlock(&itable.lock);
  return empty;
}

/* iget for an inode number found on disk: -EIO if out of range, -ENFILE if
 * the table is full. */
struct inode *ext2_iget(u32 ino, int *err) {
  if (ino == 0 || ino > ext2.inodes_count) {
    *err = ext2_corrupt("inode number out of range", ino, ext2.inodes_count);
    return NULL;
  }
  struct inode *ip = iget(ext2.dev, ino);
  if (!ip) *err = -LINUX_ENFILE;
  return ip;
}

struct inode *idup(struct inode *ip) {
  spin_lock(&itable.lock);
  ip->ref++;
  spin_unlock(&itable.lock);
  return ip;
}

/* The inode-table buffer holding ino, and its offset.  NULL if unreadable. */
static struct buf *inode_buf(u32 ino, u32 *off) {
  if (ino == 0 || ino > ext2.inodes_count) return NULL;
  struct ext2_gd gd;
  if (ext2_gd_read((ino - 1) / ext2.inodes_per_group, &gd) < 0) return NULL;
  u64 byte = (u64)((ino - 1) % ext2.inodes_per_group) * ext2.inode_size;
  *off = (u32)(byte & (ext2.bsize - 1));
  return bread(ext2.dev, gd.inode_table + (byte >> ext2.bshift), ext2.bsize);
}

bool ext2_has_blocks(struct inode *ip) {
  u32 t = ip->mode & LINUX_S_IFMT;
  return t == LINUX_S_IFREG || t == LINUX_S_IFDIR || (t == LINUX_S_IFLNK && ip->size >= EXT2_FAST_LINK_MAX);
}

/* Linux's device encodings: "old" 8:8 bits in i_block[0], "new" in i_block[1]. */
static u32 rdev_decode(const u32 *blk) {
  if (blk[0]) return ((blk[0] >> 8) & 0xff) << 8 | (blk[0] & 0xff);  /* same value in the user encoding */
  return blk[1];
}

/* Fills ip from its on-disk inode; mode 0 if it is unusable. */
static void inode_load(struct inode *ip) {
  u32 off;
  struct buf *b = inode_buf(ip->ino, &off);
  ip->mode = 0;
  if (!b) {
    ext2_corrupt("unreadable inode", ip->ino, 0);
    return;
  }
  const u8 *p = b->data + off;
  u16 mode = le16(p + I_MODE);
  ip->nlink = le16(p + I_LINKS);
  ip->uid = le16(p + I_UID) | (u32)le16(p + I_UID_HIGH) << 16;
  ip->gid = le16(p + I_GID) | (u32)le16(p + I_GID_HIGH) << 16;
  ip->size = le32(p + I_SIZE);
  if ((mode & LINUX_S_IFMT) == LINUX_S_IFREG) ip->size |= (u64)le32(p + I_SIZE_HIGH) << 32;
  ip->atime = le32(p + I_ATIME);
  ip->ctime = le32(p + I_CTIME);
  ip->mtime = le32(p + I_MTIME);
  ip->dtime = le32(p + I_DTIME);
  ip->flags = le32(p + I_FLAGS);
  ip->generation = le32(p + I_GENERATION);
  ip->blocks = le32(p + I_BLOCKS);
  for (int i = 0; i < 15; i++) ip->block[i] = le32(p + I_BLOCK + 4 * i);
  brelse(b);
  u32 t = mode & LINUX_S_IFMT;
  ip->rdev = t == LINUX_S_IFCHR || t == LINUX_S_IFBLK ? rdev_decode(ip->block) : 0;
  bool typeok = t == LINUX_S_IFREG || t == LINUX_S_IFDIR || t == LINUX_S_IFLNK || t == LINUX_S_IFCHR ||
                t == LINUX_S_IFBLK || t == LINUX_S_IFIFO || t == LINUX_S_IFSOCK;
  if (ip->nlink == 0 || !typeok) {
    ext2_corrupt("deleted or invalid inode referenced", ip->ino, mode);
    return;
  }
  if ((t == LINUX_S_IFLNK && ip->size >= ext2.bsize) || (t == LINUX_S_IFDIR && (ip->size & (ext2.bsize - 1)))) {
    ext2_corrupt("bad size for inode", ip->ino, ip->size);
    return;
  }
  ip->mode = mode;
}

/* Locks ip, reading it from disk the first time. */
void ilock(struct inode *ip) {
  kassert(ip && ip->ref > 0);
  sleep_lock(&ip->lock);
  if (!ip->valid) {
    inode_load(ip);
    ip->valid = true;
  }
}

int ext2_inode_ok(struct inode *ip) { return (ip->mode & LINUX_S_IFMT) ? 0 : -LINUX_EIO; }

void iunlock(struct inode *ip) {
  kassert(sleep_holding(&ip->lock));
  sleep_unlock(&ip->lock);
}

/* Writes the in-memory inode into its on-disk copy (via the buffer cache). */
void inode_update(struct inode *ip) {
  u32 off;
  if (ext2.readonly || ext2_inode_ok(ip) < 0) return;
  struct buf *b = inode_buf(ip->ino, &off);
  if (!b) return;
  u8 *p = b->data + off;
  u32 t = ip->mode & LINUX_S_IFMT;
  put_le16(p + I_MODE, ip->mode);
  put_le16(p + I_UID, (u16)ip->uid);
  put_le16(p + I_UID_HIGH, (u16)(ip->uid >> 16));
  put_le16(p + I_GID, (u16)ip->gid);
  put_le16(p + I_GID_HIGH, (u16)(ip->gid >> 16));
  put_le32(p + I_SIZE, (u32)ip->size);
  if (t == LINUX_S_IFREG) put_le32(p + I_SIZE_HIGH, (u32)(ip->size >> 32));
  put_le32(p + I_ATIME, ip->atime);
  put_le32(p + I_CTIME, ip->ctime);
  put_le32(p + I_MTIME, ip->mtime);
  put_le32(p + I_DTIME, ip->dtime);
  put_le16(p + I_LINKS, ip->nlink);
  put_le32(p + I_BLOCKS, ip->blocks);
  put_le32(p + I_FLAGS, ip->flags);
  put_le32(p + I_GENERATION, ip->generation);
  for (int i = 0; i < 15; i++) put_le32(p + I_BLOCK + 4 * i, ip->block[i]);
  bwrite(b);
  brelse(b);
}

/* Drops the inode's extended-attribute block reference (i_file_acl) and
 * returns its on-disk inode to the free state.  ip locked, last reference. */
static void inode_free(struct inode *ip) {
  bool dir = (ip->mode & LINUX_S_IFMT) == LINUX_S_IFDIR;
  if (ext2_has_blocks(ip)) ext2_free_blocks(ip, 0);
  ip->size = 0;
  ip->blocks = 0;
  ip->dtime = ip->ctime = ext2_now();
  for (int i = 0; i < 15; i++) ip->block[i] = 0;
  inode_update(ip);
  u32 off, acl = 0;
  struct buf *b = inode_buf(ip->ino, &off);
  if (b) {
    acl = le32(b->data + off + I_FILE_ACL);
    put_le32(b->data + off + I_FILE_ACL, 0);
    bwrite(b);
    brelse(b);
  }
  if (acl && !ext2_block_ok(acl)) {
    ext2_corrupt("extended-attribute block out of range", ip->ino, acl);
  } else if (acl && (b = bread(ext2.dev, acl, ext2.bsize))) {
    u32 refs = le32(b->data + EA_REFCOUNT);
    bool ok = le32(b->data + EA_MAGIC_OFF) == EA_MAGIC;
    if (ok && refs > 1) {
      put_le32(b->data + EA_REFCOUNT, refs - 1);
      bwrite(b);
    }
    brelse(b);
    if (!ok) ext2_corrupt("bad extended-attribute block", ip->ino, acl);
    else if (refs <= 1) ext2_bfree(acl);
  }
  ext2_ifree(ip->ino, dir);
}

/* Drops a reference; the last one of an inode with no links frees it (its
 * blocks, its attribute block, its bitmap bit).  Caller holds no inode lock
 * that could be ip's (it may hold ip's parent directory's). */
void iput(struct inode *ip) {
  spin_lock(&itable.lock);
  if (ip->ref == 1 && ip->valid && ip->nlink == 0 && ext2_inode_ok(ip) == 0 && !ext2.readonly) {
    /* No other reference: nobody can hold or wait for ip->lock, and with no
     * links no path leads here, so the lock is free and stays ours. */
    spin_unlock(&itable.lock);
    sleep_lock(&ip->lock);
    inode_free(ip);
    ip->valid = false;
    sleep_unlock(&ip->lock);
    spin_lock(&itable.lock);
  }
  ip->ref--;
  spin_unlock(&itable.lock);
}

void iunlockput(struct inode *ip) {
  iunlock(ip);
  iput(ip);
}

void inode_stat(struct inode *ip, struct kstat *st) {
  st->dev = ip->dev;
  st->ino = ip->ino;
  st->mode = ip->mode;
  st->nlink = ip->nlink;
  st->uid = ip->uid;
  st->gid = ip->gid;
  st->rdev = ip->rdev;
  st->size = ip->size;
  st->blocks = ip->blocks;
  st->blksize = ext2.bsize;
  st->atime = ip->atime;
  st->mtime = ip->mtime;
  st->ctime = ip->ctime;
}

/* Everything dirty reaches the disk: simpler than finding the inode's own
 * blocks, and what a write-back cache owes fsync. */
int inode_fsync(struct inode *ip) {
  (void)ip;
  return fs_sync();
}

void ext2_dir_touch(struct inode *dp) {
  dp->mtime = dp->ctime = ext2_now();
  dp->flags &= ~(u32)EXT2_INDEX_FL;  /* its hash index is stale now: e2fsck would complain */
  inode_update(dp);
}

/* Zeroes a newly allocated inode's on-disk copy (stale attributes, i_file_acl,
 * i_size_high, the large-inode area) and gives a large inode the
 * i_extra_isize mke2fs gives; fs_create then fills in the rest. */
int ext2_inode_clear(u32 ino) {
  u32 off;
  struct buf *b = inode_buf(ino, &off);
  if (!b) return -LINUX_EIO;
  memset(b->data + off, 0, ext2.inode_size);
  if (ext2.inode_size > EXT2_GOOD_OLD_INODE_SIZE) put_le16(b->data + off + I_EXTRA_ISIZE, EXT2_EXTRA_ISIZE);
  bwrite(b);
  brelse(b);
  return 0;
}
