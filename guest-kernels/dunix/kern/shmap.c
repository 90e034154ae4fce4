/* shmap.c - the pages of MAP_SHARED mappings.  Every process that maps a
 * file shared must see the same page for the same file offset, and every
 * process sharing an anonymous shared mapping (through fork) the same page for
 * the same offset, touched before the fork or after it.  So these pages are
 * kept in one table keyed by (object, page offset) - the object being the
 * file's inode or the mapping's struct shanon: a fault looks the page up
 * before reading the file (or zeroing a new page), and the table holds one
 * reference of its own.  When the last mapping goes, a file page is written
 * back (if any mapper could write it), and the page leaves the table.
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
  void *obj;                 /* the key: an inode or a struct shanon; the vmas hold the references */
  struct inode *ip;          /* the file, or NULL for anonymous memory */
  u64 off;                   /* page-aligned file offset */
  void *page;                /* kernel address */
  bool writable;             /* some mapper may have written it */
  struct shpage *next;
};

static struct spinlock shmap_lock = SPINLOCK_INIT("shmap");
static struct shpage *buckets[NBUCKET];

static unsigned bucket_of(void *obj, u64 off) {
  return (unsigned)((((u64)(uintptr_t)obj >> 6) ^ (off >> PAGE_SHIFT)) % NBUCKET);
}

static struct shpage *lookup(void *obj, u64 off) {
  for (struct shpage *s = buckets[bucket_of(obj, off)]; s; s = s->next)
    if (s->obj == obj && s->off == off) return s;
  return NULL;
}

/* The shared page for (obj, off), with a reference for the caller's
 * mapping: found in the table, or new - read from the file ip (file_len
 * bytes at most; the rest zero), or zero for anonymous memory (ip NULL).
 * Sleeps to read; NULL if out of memory or the read failed. */
void *shmap_get(void *obj, struct inode *ip, u64 off, u64 file_len, bool writable) {
  spin_lock(&shmap_lock);
  struct shpage *s = lookup(obj, off);
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
  if (ip && file_len) {
    bool mine = ilock_unless_held(ip);
    long got = inode_read(ip, false, (u64)(uintptr_t)page, off, MIN(file_len, (u64)PAGE_SIZE));
    if (mine) iunlock(ip);
    if (got < 0) goto fail;
  }
  spin_lock(&shmap_lock);
  s = lookup(obj, off);
  if (s) {   /* another fault read it meanwhile: use that one */
    page_ref(s->page);
    s->writable |= writable;
    spin_unlock(&shmap_lock);
    page_free(page);
    kfree(n);
    return s->page;
  }
  *n = (struct shpage){.obj = obj, .ip = ip, .off = off, .page = page, .writable = writable};
  unsigned b = bucket_of(obj, off);
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

/* Drops a mapping's reference to the shared page kva of (obj, off).  The
 * last mapping writes a file page back (up to the file's size) and frees it. */
void shmap_put(void *obj, struct inode *ip, u64 off, void *kva) {
  spin_lock(&shmap_lock);
  struct shpage *s = lookup(obj, off);
  page_free(kva);
  /* An anonymous object's pages outlive their mappings: they go with the
   * object (shmap_release), since no file holds their contents. */
  if (!s || s->page != kva || page_of(V2P(kva))->ref != 1 || !ip) {
    spin_unlock(&shmap_lock);
    return;
  }
  struct shpage **pp = &buckets[bucket_of(obj, off)];
  while (*pp != s) pp = &(*pp)->next;
  *pp = s->next;
  spin_unlock(&shmap_lock);
  if (ip && s->writable) {
    bool mine = ilock_unless_held(ip);
    if (ip->size > off) inode_write(ip, false, (u64)(uintptr_t)kva, off, MIN((u64)PAGE_SIZE, ip->size - off));
    if (mine) iunlock(ip);
  }
  page_free(kva);
  kfree(s);
}

/* The last reference to an anonymous shared object is gone (kern/vm.c):
 * its pages, which no mapping holds any more, are freed. */
void shmap_release(void *obj) {
  for (unsigned b = 0; b < NBUCKET; b++) {
    spin_lock(&shmap_lock);
    struct shpage **pp = &buckets[b], *gone = NULL;
    while (*pp) {
      struct shpage *s = *pp;
      if (s->obj == obj) {
        *pp = s->next;
        s->next = gone;
        gone = s;
      } else {
        pp = &s->next;
      }
    }
    spin_unlock(&shmap_lock);
    while (gone) {
      struct shpage *s = gone;
      gone = s->next;
      page_free(s->page);
      kfree(s);
    }
  }
}
