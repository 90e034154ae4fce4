/* ext2.h - the ext2 (revision 1) on-disk layout, and the interface between
 * the files of fs/.  Nothing outside fs/ includes this: the kernel sees only
 * fs.h and buf.h.
 *
 * An ext2 volume is a row of block groups.  With 1 KiB blocks block 0 is the
 * boot block and the superblock is block 1 (s_first_data_block = 1); with 2
 * or 4 KiB blocks the superblock sits at byte 1024 of block 0
 * (s_first_data_block = 0).  Groups start at s_first_data_block +
 * g * s_blocks_per_group:
 *
 *   byte 0     1024       2048 (1 KiB blocks)
 *   +----------+----------+---------------+--------------+--------+--------+-------------+-------
 *   | boot     | super-   | group desc.   | reserved GDT | block  | inode  | inode table | data
 *   | block    | block    | table (GDT)   | (resize_inode| bitmap | bitmap | ipg * isize | blocks
 *   +----------+----------+---------------+--------------+--------+--------+-------------+-------
 *              |<------------------------ group 0 ---------------------------------------------->
 *   group g:   [superblock + GDT + reserved GDT copies: only groups 0, 1 and powers of 3, 5, 7
 *              with sparse_super] [block bitmap] [inode bitmap] [inode table] [data ...]
 *
 * The bitmaps and inode table are wherever the group descriptor says; the
 * code never assumes their position.  Reserved GDT blocks belong to the
 * resize inode (7) and are marked in use: we simply never touch them.
 *
 * Every multi-byte field is LITTLE-ENDIAN whatever the CPU's byte order:
 * all on-disk accesses go through le16()/le32()/put_le16()/put_le32() at the
 * byte offsets below (no C structs overlay disk data: no alignment or
 * endianness surprises). */
#ifndef DUNIX_FS_EXT2_H
#define DUNIX_FS_EXT2_H

#include "buf.h"
#include "fs.h"
#include "sleeplock.h"
#include "types.h"

/* ---- superblock (1024 bytes at byte 1024 of the volume) ----------------- */
#define SB_INODES_COUNT 0
#define SB_BLOCKS_COUNT 4
#define SB_R_BLOCKS_COUNT 8
#define SB_FREE_BLOCKS 12
#define SB_FREE_INODES 16
#define SB_FIRST_DATA_BLOCK 20
#define SB_LOG_BLOCK_SIZE 24      /* block size = 1024 << this */
#define SB_BLOCKS_PER_GROUP 32
#define SB_INODES_PER_GROUP 40
#define SB_MTIME 44
#define SB_WTIME 48
#define SB_MNT_COUNT 52           /* u16 */
#define SB_MAGIC 56               /* u16: 0xEF53 */
#define SB_STATE 58               /* u16: VALID_FS = cleanly unmounted */
#define SB_REV_LEVEL 76
#define SB_FIRST_INO 84           /* rev 1 */
#define SB_INODE_SIZE 88          /* u16, rev 1 */
#define SB_FEATURE_COMPAT 92
#define SB_FEATURE_INCOMPAT 96
#define SB_FEATURE_RO_COMPAT 100
#define SB_DESC_SIZE 254          /* u16, only with INCOMPAT_64BIT */

#define EXT2_MAGIC 0xEF53
#define EXT2_VALID_FS 1
#define EXT2_ERROR_FS 2
#define EXT2_GOOD_OLD_REV 0
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_GOOD_OLD_FIRST_INO 11

#define COMPAT_DIR_INDEX 0x0020   /* (compat: only matters to writers) */
#define INCOMPAT_FILETYPE 0x0002  /* the one INCOMPAT feature we support */
#define INCOMPAT_SUPPORTED INCOMPAT_FILETYPE
#define RO_COMPAT_SPARSE_SUPER 0x0001
#define RO_COMPAT_LARGE_FILE 0x0002
#define RO_COMPAT_SUPPORTED (RO_COMPAT_SPARSE_SUPER | RO_COMPAT_LARGE_FILE)

/* ---- group descriptor (32 bytes each, from block s_first_data_block + 1) - */
#define GD_SIZE 32
#define GD_BLOCK_BITMAP 0
#define GD_INODE_BITMAP 4
#define GD_INODE_TABLE 8
#define GD_FREE_BLOCKS 12         /* u16 */
#define GD_FREE_INODES 14         /* u16 */
#define GD_USED_DIRS 16           /* u16 */

/* ---- inode (s_inode_size bytes: 128 or 256) ------------------------------ */
#define I_MODE 0                  /* u16 */
#define I_UID 2                   /* u16, low half */
#define I_SIZE 4                  /* low 32 bits */
#define I_ATIME 8
#define I_CTIME 12
#define I_MTIME 16
#define I_DTIME 20
#define I_GID 24                  /* u16, low half */
#define I_LINKS 26                /* u16 */
#define I_BLOCKS 28               /* 512-byte units */
#define I_FLAGS 32
#define I_BLOCK 40                /* 15 x u32 */
#define I_GENERATION 100
#define I_FILE_ACL 104            /* extended-attribute block */
#define I_SIZE_HIGH 108           /* regular files (large_file); i_dir_acl otherwise */
#define I_UID_HIGH 120            /* u16 (osd2, Linux) */
#define I_GID_HIGH 122            /* u16 */
#define I_EXTRA_ISIZE 128         /* u16, inodes larger than 128 bytes */
#define EXT2_EXTRA_ISIZE 32       /* what mke2fs gives new large inodes */

#define EXT2_NDIR 12
#define EXT2_IND 12
#define EXT2_DIND 13
#define EXT2_TIND 14
#define EXT2_INDEX_FL 0x1000      /* hashed (dir_index) directory */
#define EXT2_LINK_MAX 32000
#define EXT2_FAST_LINK_MAX 60     /* bytes of i_block */
#define RESIZE_INO 7

/* ---- directory entry (4-byte aligned, never crosses a block) ------------ */
#define DE_INODE 0                /* 0: unused entry */
#define DE_REC_LEN 4              /* u16: to the next entry; the last reaches the block end */
#define DE_NAME_LEN 6             /* u8 */
#define DE_FILE_TYPE 7            /* u8, with INCOMPAT_FILETYPE */
#define DE_NAME 8
#define DE_REC_SIZE(namelen) (((namelen) + 8 + 3) & ~3u)

/* ---- extended-attribute block header ------------------------------------- */
#define EA_MAGIC_OFF 0
#define EA_REFCOUNT 4
#define EA_MAGIC 0xEA020000u

/* ---- little-endian field access ------------------------------------------ */
static inline u16 le16(const u8 *p) { return (u16)(p[0] | p[1] << 8); }
static inline u32 le32(const u8 *p) { return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24; }
static inline void put_le16(u8 *p, u16 v) { p[0] = (u8)v; p[1] = (u8)(v >> 8); }
static inline void put_le32(u8 *p, u32 v) { p[0] = (u8)v; p[1] = (u8)(v >> 8); p[2] = (u8)(v >> 16); p[3] = (u8)(v >> 24); }

/* ---- the mounted file system (there is one) ------------------------------ */
struct ext2_fs {
  /* Set by fs_mount, constant until fs_unmount. */
  bool mounted, readonly;
  unsigned dev;
  u32 bsize, bshift;        /* block size, log2 */
  u32 apb;                  /* block numbers per indirect block */
  u32 blocks_count, inodes_count, r_blocks;
  u32 first_data_block, blocks_per_group, inodes_per_group, ngroups;
  u32 inode_size, first_ino;
  u32 incompat;
  u64 max_size;             /* largest file */

  struct sleeplock alloc_lock;  /* protects the bitmaps, the group descriptors and: */
  u32 free_blocks, free_inodes;
  u32 ro_compat, state, mnt_count, mtime;

  struct sleeplock rename_lock; /* serialises fs_rename (Linux's s_vfs_rename_mutex) */
};
extern struct ext2_fs ext2;

/* A decoded group descriptor. */
struct ext2_gd {
  u32 block_bitmap, inode_bitmap, inode_table;
  u32 free_blocks, free_inodes, used_dirs;
};

/* Reports a corrupt structure (printk) and returns -LINUX_EIO. */
int ext2_corrupt(const char *what, u64 a, u64 b);

/* bio.c, for fs/ only: a locked buffer for a block about to be overwritten
 * entirely (zeroed, not read from disk). */
struct buf *bread_zero(unsigned dev, u64 blockno, u32 size);

/* ext2_super.c */
int ext2_gd_read(u32 group, struct ext2_gd *gd);                       /* 0 or -EIO */
int ext2_gd_adjust(u32 group, int dblocks, int dinodes, int ddirs);    /* alloc_lock held */
int ext2_sb_write(void);                                               /* alloc_lock held */
bool ext2_block_ok(u32 b);                                             /* a data-area block number */

/* ext2_alloc.c (each takes alloc_lock) */
long ext2_balloc(u32 goal);                  /* block number, -ENOSPC or -EIO */
int ext2_bfree(u32 b);
long ext2_ialloc(u32 parent_ino, bool dir);  /* inode number, -ENOSPC or -EIO */
int ext2_ifree(u32 ino, bool dir);

/* ext2_inode.c */
int ext2_inode_ok(struct inode *ip);         /* ip locked: 0, or -EIO for a bad inode */
struct inode *ext2_iget(u32 ino, int *err);  /* iget with a range check */
u32 ext2_now(void);
bool ext2_has_blocks(struct inode *ip);      /* i_block holds block numbers (not a fast symlink or device) */
void ext2_dir_touch(struct inode *dp);       /* mtime/ctime = now, drop dir_index, write back */
int ext2_inode_clear(u32 ino);               /* zero a new inode's on-disk copy */

/* ext2_bmap.c */
int ext2_bmap(struct inode *ip, u64 lblk, bool alloc, u32 goal, u32 *pblk);
int ext2_free_blocks(struct inode *ip, u64 from_lblk);

/* ext2_dir.c (dp locked) */
int ext2_dir_add(struct inode *dp, const char *name, u32 ino, u16 mode);
int ext2_dir_remove(struct inode *dp, const char *name);
int ext2_dir_set(struct inode *dp, const char *name, u32 ino, u16 mode);  /* repoint an entry */
int ext2_dir_empty(struct inode *dp);        /* 1 empty, 0 not, or -errno */

/* ext2_namespace.c */
int ext2_name_check(const char *name);       /* 0, -ENOENT (empty), -ENAMETOOLONG, -EINVAL ('/') */

#endif
