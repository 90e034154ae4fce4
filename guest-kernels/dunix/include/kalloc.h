/* kalloc.h - physical memory: whole pages from per-node free lists, and a
 * small-object allocator on top (kern/kalloc.c, kern/kmalloc.c).
 *
 * Pages are handed out as kernel virtual addresses (P2V of the physical page,
 * hal/bare/layout.h).  Every physical page has a struct page with a reference
 * count, used by copy-on-write and shared mappings. */
#ifndef DUNIX_KALLOC_H
#define DUNIX_KALLOC_H

#include "param.h"
#include "types.h"

struct page {
  u32 ref;     /* mappings + kernel references; 0 = free */
  u16 flags;
  u16 spare;   /* a page's NUMA node is its region's (kern/kalloc.c) */
};

void kalloc_init(void);
void *page_alloc(void);        /* one zeroed page, on this CPU's node if possible; NULL if none */
void *page_alloc_nozero(void);
/* A page for user memory (demand-zero, copy-on-write copies, file pages):
 * refused while free memory is below the kernel's reserve, so a program that
 * exhausts memory gets SIGBUS/ENOMEM and the kernel keeps what it needs.
 * zero: cleared or not. */
void *page_alloc_user(bool zero);
void page_free(void *kva);     /* drops one reference; frees at zero */
void page_ref(void *kva);      /* adds one reference */
struct page *page_of(paddr_t pa);
/* 2^order physically contiguous pages (order <= 6), not zeroed; NULL if none. */
void *pages_alloc(unsigned order);
void pages_free(void *kva, unsigned order);
u64 pages_free_count(void);    /* free pages in the machine */
u64 pages_total(void);

void *kmalloc(size_t n);       /* n <= PAGE_SIZE; zeroed; NULL if out of memory */
void kfree(void *p);

#endif
