/* bio.c - the buffer cache: NBUF file-system blocks in memory, LRU, write-back.
 *
 * bread() finds or loads a block and returns it locked; bwrite() only marks
 * it dirty; brelse() unlocks it and makes it most recently used.  Dirty
 * blocks reach the disk in bflush() (the periodic flusher, sync, fsync,
 * unmount) or when the LRU choice for reuse is dirty.  Both write "runs":
 * the block plus its idle dirty neighbours (blockno +-1 ...) whose data is
 * physically contiguous, in one disk_rw of up to MAX_RUN_SECTORS.
 *
 * Read-ahead: a miss also reads the following blocks that are not cached,
 * up to READAHEAD_BYTES, in the same disk command (through a contiguous
 * bounce buffer), since one command costs far more than its transfer.
 *
 * Data: each buffer gets, on first use, a chunk of its block size carved from
 * pages of page_alloc() (so V2P gives the DMA address); the chunk stays with
 * the buffer.  The kernel mounts one file system, so all chunks have one size;
 * a buffer whose chunk is too small for a request is never chosen for it.
 *
 * Locks, in order: a buffer's sleeplock, then bcache.lock (a spinlock:
 * lists, hash, dev/blockno/refcnt/valid/dirty of every buffer).  A task
 * holding one buffer's sleeplock never waits for another's, except in the
 * file system's own order (see ext2_inode.c); write runs only add buffers
 * that are idle (refcnt 0), which cannot block.  refcnt > 0 whenever a task
 * holds or waits for a buffer's sleeplock. */
#include "buf.h"
#include "disk.h"
#include "ext2.h"
#include "kalloc.h"
#include "layout.h"
#include "lib.h"
#include "linux_n64.h"
#include "param.h"
#include "spinlock.h"
#include "wait.h"

#define NHASH 256
#define MAX_RUN_SECTORS 256   /* the controller's limit per transfer */
#define MAX_RUN 64            /* buffers per run (stack space) */
#define READAHEAD_BYTES (32 * 1024)
#define READAHEAD_ORDER 3     /* the bounce buffer: 2^3 pages */

static struct {
  struct spinlock lock;
  struct buf buf[NBUF];
  struct buf head;            /* LRU list: head.next most recent, head.prev least */
  struct buf *hash[NHASH];    /* chains through hnext[] */
  struct buf *hnext[NBUF];
  u8 *carve;                  /* the rest of a page being cut into chunks */
  u32 carve_left;
} bcache;

static u64 ndirty;            /* dirty buffers (bcache.lock); the flusher sleeps on it */

/* Sets b's dirty bit, counting dirty buffers.  bcache.lock held. */
static void set_dirty(struct buf *b, bool dirty) {
  if (b->dirty == dirty) return;
  b->dirty = dirty;
  if (dirty && ndirty++ == 0) wakeup(&ndirty);
  if (!dirty) ndirty--;
}

/* The periodic flusher's wait: until some buffer is dirty. */
void bwait_dirty(void) {
  spin_lock(&bcache.lock);
  while (ndirty == 0) sleep(&ndirty, &bcache.lock);
  spin_unlock(&bcache.lock);
}

static u32 hashof(unsigned dev, u64 blockno) { return (u32)((blockno * 31 + dev) % NHASH); }

/* The cache starts empty: call once at boot, before fs_mount. */
void binit(void) {
  spin_init(&bcache.lock, "bcache");
  bcache.head.prev = bcache.head.next = &bcache.head;
  for (struct buf *b = bcache.buf; b < bcache.buf + NBUF; b++) {
    sleeplock_init(&b->lock, "buf");
    b->next = bcache.head.next;
    b->prev = &bcache.head;
    bcache.head.next->prev = b;
    bcache.head.next = b;
  }
}

static void hash_remove(struct buf *b) {
  struct buf **pp = &bcache.hash[hashof(b->dev, b->blockno)];
  while (*pp && *pp != b) pp = &bcache.hnext[*pp - bcache.buf];
  if (*pp) *pp = bcache.hnext[b - bcache.buf];
}

static void hash_insert(struct buf *b) {
  u32 h = hashof(b->dev, b->blockno);
  bcache.hnext[b - bcache.buf] = bcache.hash[h];
  bcache.hash[h] = b;
}

/* The cached buffer for (dev, blockno, size) or NULL.  bcache.lock held. */
static struct buf *lookup(unsigned dev, u64 blockno, u32 size) {
  for (struct buf *b = bcache.hash[hashof(dev, blockno)]; b; b = bcache.hnext[b - bcache.buf])
    if (b->dev == dev && b->blockno == blockno && b->size == size) return b;
  return NULL;
}

/* Gives b a data chunk of `size` bytes.  bcache.lock held; false if out of memory. */
static bool give_data(struct buf *b, u32 size) {
  if (bcache.carve_left < size) {
    spin_unlock(&bcache.lock);  /* page_alloc may sleep */
    u8 *page = page_alloc();
    spin_lock(&bcache.lock);
    if (!page) return false;
    bcache.carve = page;        /* the unused tail of an older page is dropped */
    bcache.carve_left = PAGE_SIZE;
  }
  b->data = bcache.carve;
  b->size = size;             /* the chunk's size, until the buffer is assigned */
  bcache.carve += size;
  bcache.carve_left -= size;
  return true;
}

/* Unlocks and drops a buffer without making it most recently used. */
static void release_quiet(struct buf *b) {
  sleep_unlock(&b->lock);
  spin_lock(&bcache.lock);
  b->refcnt--;
  if (b->refcnt == 0) wakeup(&bcache);
  spin_unlock(&bcache.lock);
}

/* Writes b (locked, referenced by the caller, dirty) and the idle dirty
 * buffers around it that extend it contiguously on disk and in physical
 * memory.  Clears their dirty bits on success.  Returns 0 or -EIO. */
static int write_run(struct buf *b) {
  struct buf *run[MAX_RUN];
  u32 spb = b->size / SECTOR_SIZE, first = MAX_RUN / 2, n = 1;
  run[first] = b;
  spin_lock(&bcache.lock);
  for (int dir = -1; dir <= 1; dir += 2) {
    struct buf *edge = b;
    while ((n + 1) * spb <= MAX_RUN_SECTORS && (dir < 0 ? first > 0 : first + n < MAX_RUN)) {
      struct buf *x = lookup(b->dev, edge->blockno + (u64)dir, b->size);
      if (!x || x->refcnt || !x->dirty || !x->valid) break;
      paddr_t lo = V2P(dir < 0 ? x->data : edge->data), hi = V2P(dir < 0 ? edge->data : x->data);
      if (lo + b->size != hi) break;
      x->refcnt++;  /* idle: its sleeplock is free, so sleep_lock below cannot block */
      if (dir < 0) run[--first] = x;
      else run[first + n] = x;
      n++;
      edge = x;
    }
  }
  spin_unlock(&bcache.lock);
  for (u32 i = 0; i < n; i++)
    if (run[first + i] != b) sleep_lock(&run[first + i]->lock);
  int r = disk_rw(b->dev, run[first]->blockno * spb, n * spb, V2P(run[first]->data), true);
  spin_lock(&bcache.lock);
  for (u32 i = 0; i < n; i++)
    if (r == 0) set_dirty(run[first + i], false);
  spin_unlock(&bcache.lock);
  for (u32 i = 0; i < n; i++)
    if (run[first + i] != b) release_quiet(run[first + i]);
  return r;
}

/* Returns the buffer for (dev, blockno), referenced and locked; valid says
 * whether it already holds the data.  Sleeps while every buffer is in use. */
static struct buf *bget(unsigned dev, u64 blockno, u32 size) {
  spin_lock(&bcache.lock);
  for (;;) {
    struct buf *b = lookup(dev, blockno, size);
    if (b) {
      b->refcnt++;
      spin_unlock(&bcache.lock);
      sleep_lock(&b->lock);
      return b;
    }
    /* Reuse the least recently used idle buffer. */
    for (b = bcache.head.prev; b != &bcache.head; b = b->prev)
      if (b->refcnt == 0 && (!b->data || b->size >= size)) break;
    if (b == &bcache.head) {
      sleep(&bcache, &bcache.lock);
      continue;
    }
    if (b->valid && b->dirty) {  /* write it (and its neighbours) first, then look again */
      b->refcnt++;
      spin_unlock(&bcache.lock);
      sleep_lock(&b->lock);
      if (write_run(b) < 0) {
        printk("bio: write of block %lu failed: data lost\n", (unsigned long)b->blockno);
        spin_lock(&bcache.lock);
        set_dirty(b, false);
        spin_unlock(&bcache.lock);
      }
      release_quiet(b);
      spin_lock(&bcache.lock);
      continue;
    }
    if (!b->data) {
      b->refcnt++;  /* keep it while give_data drops the lock */
      bool ok = give_data(b, size);
      b->refcnt--;
      if (!ok) panic("bio: out of memory for buffers");
      continue;     /* the world may have changed */
    }
    hash_remove(b);  /* if it ever held a block */
    b->dev = dev;
    b->blockno = blockno;
    b->size = size;
    b->valid = false;
    b->dirty = false;
    b->refcnt = 1;
    hash_insert(b);
    spin_unlock(&bcache.lock);
    sleep_lock(&b->lock);
    return b;
  }
}

/* For read-ahead: the buffer for (dev, blockno) if it is not cached and an
 * idle clean buffer can be had without waiting; referenced, locked, not
 * valid.  NULL otherwise (the read-ahead stops there). */
static struct buf *bget_nowait(unsigned dev, u64 blockno, u32 size) {
  spin_lock(&bcache.lock);
  struct buf *b = NULL;
  if (!lookup(dev, blockno, size)) {
    int budget = 64;   /* look only near the LRU end: read-ahead must stay cheap */
    for (b = bcache.head.prev; b != &bcache.head && budget--; b = b->prev)
      if (b->refcnt == 0 && (!b->data || b->size >= size) && !(b->valid && b->dirty)) break;
    if (b == &bcache.head || budget < 0) {
      b = NULL;
    } else if (!b->data) {
      b->refcnt++;     /* kept while give_data drops the lock */
      bool ok = give_data(b, size);
      b->refcnt--;
      if (!ok || b->refcnt || lookup(dev, blockno, size)) b = NULL;   /* the world moved: stop */
    }
    if (b) {
      hash_remove(b);
      b->dev = dev;
      b->blockno = blockno;
      b->size = size;
      b->valid = false;
      b->dirty = false;
      b->refcnt = 1;
      hash_insert(b);
    }
  }
  spin_unlock(&bcache.lock);
  if (b) sleep_lock(&b->lock);  /* refcnt was 0: nobody holds it */
  return b;
}

/* Reads b's block and up to READAHEAD_BYTES of uncached blocks after it in
 * one command.  b is locked; the read-ahead buffers end up valid and idle. */
static int read_with_readahead(struct buf *b) {
  u32 size = b->size, spb = size / SECTOR_SIZE;
  struct buf *ra[READAHEAD_BYTES / 1024];
  u32 n = 0, max = READAHEAD_BYTES / size;
  u64 cap = disk_capacity(b->dev) / spb;
  u8 *bounce = max > 1 ? pages_alloc(READAHEAD_ORDER) : NULL;
  if (bounce)
    while (1 + n < max && b->blockno + 1 + n < cap && (ra[n] = bget_nowait(b->dev, b->blockno + 1 + n, size))) n++;
  int r;
  if (n == 0) {
    r = disk_rw(b->dev, b->blockno * spb, spb, V2P(b->data), false);
  } else {
    r = disk_rw(b->dev, b->blockno * spb, (1 + n) * spb, V2P(bounce), false);
    if (r == 0) memcpy(b->data, bounce, size);
  }
  for (u32 i = 0; i < n; i++) {
    if (r == 0) memcpy(ra[i]->data, bounce + (u64)(i + 1) * size, size);
    spin_lock(&bcache.lock);
    ra[i]->valid = r == 0;
    spin_unlock(&bcache.lock);
    brelse(ra[i]);
  }
  if (bounce) pages_free(bounce, READAHEAD_ORDER);
  return r;
}

/* A locked buffer with the block's contents, or NULL on a disk error. */
struct buf *bread(unsigned dev, u64 blockno, u32 size) {
  struct buf *b = bget(dev, blockno, size);
  if (!b->valid) {
    if (read_with_readahead(b) < 0) {
      printk("bio: read of block %lu failed\n", (unsigned long)blockno);
      brelse(b);
      return NULL;
    }
    spin_lock(&bcache.lock);
    b->valid = true;
    spin_unlock(&bcache.lock);
  }
  return b;
}

struct buf *bread_zero(unsigned dev, u64 blockno, u32 size) {
  struct buf *b = bget(dev, blockno, size);
  memset(b->data, 0, size);
  spin_lock(&bcache.lock);
  b->valid = true;
  set_dirty(b, true);
  spin_unlock(&bcache.lock);
  return b;
}

void bwrite(struct buf *b) {
  kassert(sleep_holding(&b->lock));
  spin_lock(&bcache.lock);
  set_dirty(b, true);
  spin_unlock(&bcache.lock);
}

void brelse(struct buf *b) {
  kassert(sleep_holding(&b->lock));
  sleep_unlock(&b->lock);
  spin_lock(&bcache.lock);
  b->refcnt--;
  if (b->refcnt == 0) {  /* most recently used */
    b->next->prev = b->prev;
    b->prev->next = b->next;
    b->next = bcache.head.next;
    b->prev = &bcache.head;
    bcache.head.next->prev = b;
    bcache.head.next = b;
    wakeup(&bcache);
  }
  spin_unlock(&bcache.lock);
}

/* Writes every dirty block of dev.  The caller must hold no buffer: it waits
 * for busy ones.  Returns 0 or -EIO (the failed blocks stay dirty). */
int bflush(unsigned dev) {
  int err = 0;
  for (struct buf *b = bcache.buf; b < bcache.buf + NBUF; b++) {
    spin_lock(&bcache.lock);
    bool want = b->dev == dev && b->valid && b->dirty;
    if (want) b->refcnt++;
    spin_unlock(&bcache.lock);
    if (!want) continue;
    sleep_lock(&b->lock);
    spin_lock(&bcache.lock);
    want = b->dev == dev && b->valid && b->dirty;  /* another flusher may have been first */
    spin_unlock(&bcache.lock);
    if (want && write_run(b) < 0) err = -LINUX_EIO;
    release_quiet(b);
  }
  return err;
}
