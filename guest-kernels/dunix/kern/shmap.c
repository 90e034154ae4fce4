/* shmap.c - the pages of MAP_SHARED file mappings.  Every process that maps
 * a file shared must see the same page for the same file offset, so these
 * pages are kept in one table keyed by (inode, page offset): a fault looks
 * the page up before reading the file, and the table holds one reference of
 * its own.  When the last mapping goes, the page is written back to the file
 * (if any mapper could write it) and leaves the table.
 *
 * read(2) and write(2) go through the buffer cache, not these pages: a write
 * through a mapping reaches the file at msync, munmap or exit, as POSIX
 * allows without msync.
 *
 * Lock: shmap_lock guards the table and the pages' reference counts while
 * they are in it. */
#include "fs.h"
#include "hal.h"
#include "kalloc.h"
#include "lib.h"
#include "spinlock.h"
#include "vm.h"

#define NBUCKET 256

struct shpage {
  struct inode *ip;          /* no reference: the vmas mapping it hold one */
  u64 off;                   /* page-aligned file offset */
  void *page;                /* kernel address */
  bool writable;             /* some mapper may have written it */
  struct shpage *next;
};

static struct spinlock shmap_lock = SPINLOCK_INIT("shmap");
static struct shpage *buckets[NBUCKET];

static unsigned bucket_of(struct inode *ip, u64 off) {
  return (unsigned)((((u64)(uintptr_t)ip >> 6) ^ (off >> PAGE_SHIFT)) % NBUCKET);
}

static struct shpage *lookup(struct inode *ip, u64 off) {
  for (struct shpage *s = buckets[bucket_of(ip, off)]; s; s = s->next)
    if (s->ip == ip && s->off == off) return s;
  return NULL;
}

/* The shared page for (ip, off), with a reference for the caller's mapping:
 * found in the table, or read from the file (file_len bytes at most; the
 * rest zero).  Sleeps to read; NULL if out of memory or the read failed. */
void *shmap_get(struct inode *ip, u64 off, u64 file_len, bool writable) {
  spin_lock(&shmap_lock);
  struct shpage *s = lookup(ip, off);
  if (s) {
    page_ref(s->page);
    s->writable |= writable;
    spin_unlock(&shmap_lock);
    return s->page;
  }
  spin_unlock(&shmap_lock);
  void *page = page_alloc_user(true);
  struct shpage *n = kmalloc(sizeof *n);
  if (!page || !n) goto fail;
  if (file_len) {
    ilock(ip);
    long got = inode_read(ip, false, (u64)(uintptr_t)page, off, MIN(file_len, (u64)PAGE_SIZE));
    iunlock(ip);
    if (got < 0) goto fail;
  }
  spin_lock(&shmap_lock);
  s = lookup(ip, off);
  if (s) {   /* another fault read it meanwhile: use that one */
    page_ref(s->page);
    s->writable |= writable;
    spin_unlock(&shmap_lock);
    page_free(page);
    kfree(n);
    return s->page;
  }
  *n = (struct shpage){.ip = ip, .off = off, .page = page, .writable = writable};
  unsigned b = bucket_of(ip, off);
  n->next = buckets[b];
  buckets[b] = n;
  page_ref(page);   /* page_alloc's reference is the table's; this one the mapping's */
  spin_unlock(&shmap_lock);
  return page;
fail:
  if (page) page_free(page);
  kfree(n);
  return NULL;
}

/* Drops a mapping's reference to the shared page kva of (ip, off).  The
 * last mapping writes it back (up to the file's size) and frees it. */
void shmap_put(struct inode *ip, u64 off, void *kva) {
  spin_lock(&shmap_lock);
  struct shpage *s = lookup(ip, off);
  page_free(kva);
  if (!s || s->page != kva || page_of(V2P(kva))->ref != 1) {
    spin_unlock(&shmap_lock);
    return;
  }
  struct shpage **pp = &buckets[bucket_of(ip, off)];
  while (*pp != s) pp = &(*pp)->next;
  *pp = s->next;
  spin_unlock(&shmap_lock);
  if (s->writable) {
    ilock(ip);
    if (ip->size > off) inode_write(ip, false, (u64)(uintptr_t)kva, off, MIN((u64)PAGE_SIZE, ip->size - off));
    iunlock(ip);
  }
  page_free(kva);
  kfree(s);
}
