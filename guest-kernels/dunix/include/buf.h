/* buf.h - the buffer cache: file-system blocks cached in memory, written
 * back lazily (fs/bio.c).
 *
 * bread() returns a locked buffer holding the block's current contents (or
 * NULL if the disk fails: the file system turns that into -EIO);
 * bwrite() marks it dirty (it reaches the disk at the next flush: bflush(),
 * the periodic flusher, fsync or unmount); brelse() unlocks it.  The cache is
 * write-back: a block may be dirty in memory for up to FLUSH_INTERVAL.
 * Buffers are LRU; a dirty victim is written before reuse. */
#ifndef DUNIX_BUF_H
#define DUNIX_BUF_H

#include "sleeplock.h"
#include "types.h"

#define FLUSH_INTERVAL_NS 5000000000ull  /* 5 s of simulated time */

struct buf {
  struct sleeplock lock;   /* held by the bread() caller until brelse() */
  /* protected by the cache's spinlock: */
  unsigned dev;            /* disk number */
  u64 blockno;             /* in file-system blocks */
  u32 size;                /* block size in bytes (1024, 2048 or 4096) */
  u32 refcnt;
  bool valid;              /* data holds the block */
  bool dirty;              /* data differs from the disk */
  struct buf *prev, *next; /* LRU list */
  u8 *data;                /* size bytes, in a kernel page */
};

void binit(void);
struct buf *bread(unsigned dev, u64 blockno, u32 size);
void bwrite(struct buf *b);       /* mark dirty; the caller still holds it */
void brelse(struct buf *b);
int bflush(unsigned dev);         /* write every dirty block of dev; 0 or -EIO */
void bwait_dirty(void);           /* sleep until some block is dirty (the flusher) */

#endif
