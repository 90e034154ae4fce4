/* kmalloc.c - small kernel objects: power-of-two size classes from 32 bytes
 * to a page, each class a free list refilled a page at a time.  A page
 * given to a class stays with it; the class of an object is recorded in its
 * page's struct page (flags field). */
#include "hal.h"
#include "kalloc.h"
#include "lib.h"
#include "spinlock.h"

#define MIN_SHIFT 5
#define NCLASS (PAGE_SHIFT - MIN_SHIFT + 1)   /* 32 .. 4096 */
#define CLASS_FLAG_SHIFT 8

struct obj { struct obj *next; };
static struct spinlock kmalloc_lock = SPINLOCK_INIT("kmalloc");
static struct obj *freelist[NCLASS];

static unsigned class_of(size_t n) {
  unsigned c = 0;
  while (((size_t)1 << (c + MIN_SHIFT)) < n) c++;
  return c;
}

void *kmalloc(size_t n) {
  if (n == 0 || n > PAGE_SIZE) return NULL;
  unsigned c = class_of(n);
  size_t size = (size_t)1 << (c + MIN_SHIFT);
  spin_lock(&kmalloc_lock);
  if (!freelist[c]) {
    char *pg = page_alloc_nozero();
    if (!pg) {
      spin_unlock(&kmalloc_lock);
      return NULL;
    }
    page_of(V2P(pg))->flags = (u16)((c + 1) << CLASS_FLAG_SHIFT);
    for (size_t off = 0; off + size <= PAGE_SIZE; off += size) {
      struct obj *o = (struct obj *)(pg + off);
      o->next = freelist[c];
      freelist[c] = o;
    }
  }
  struct obj *o = freelist[c];
  freelist[c] = o->next;
  spin_unlock(&kmalloc_lock);
  memset(o, 0, size);
  return o;
}

void kfree(void *p) {
  if (!p) return;
  unsigned c = (page_of(V2P(p))->flags >> CLASS_FLAG_SHIFT) - 1u;
  kassert(c < NCLASS);
  spin_lock(&kmalloc_lock);
  struct obj *o = p;
  o->next = freelist[c];
  freelist[c] = o;
  spin_unlock(&kmalloc_lock);
}
