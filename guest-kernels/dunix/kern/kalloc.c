/* kalloc.c - the physical page allocator: a buddy allocator per NUMA node.
 *
 * Every page of RAM the HAL reports (hal_mem_regions) has a struct page in
 * one array, found by physical address through the region table.  Free
 * blocks of 2^order pages sit on per-node, per-order doubly linked lists,
 * linked through their first bytes, so a buddy is unlinked in O(1).  page_alloc() takes from the requesting CPU's node
 * first, then the others in order: a NUMA-aware policy like IRIX's.
 *
 * Locks: one spinlock per node guards its lists and the struct pages of its
 * free blocks; page->ref is changed with atomics. */
#include "hal.h"
#include "kalloc.h"
#include "lib.h"
#include "param.h"
#include "spinlock.h"

#define MAX_ORDER 6            /* blocks of up to 64 pages */
#define MAX_REGIONS 16
#define MAX_NODES 64
#define PG_FREE 0x1

struct free_block { struct free_block *next, *prev; };

static struct mem_region regions[MAX_REGIONS];
static unsigned nregions;
static struct page *region_pages[MAX_REGIONS];   /* struct page of each region's first page */
static struct node_mem {
  struct spinlock lock;
  struct free_block *free[MAX_ORDER + 1];
  u64 free_pages, total_pages;
} nodes[MAX_NODES];
static unsigned nnodes;

static void list_push(struct free_block **head, struct free_block *b) {
  b->prev = NULL;
  b->next = *head;
  if (*head) (*head)->prev = b;
  *head = b;
}

static void list_unlink(struct free_block **head, struct free_block *b) {
  if (b->prev) b->prev->next = b->next;
  else *head = b->next;
  if (b->next) b->next->prev = b->prev;
}

static int region_of(paddr_t pa) {
  for (unsigned i = 0; i < nregions; i++)
    if (pa >= regions[i].start && pa < regions[i].end) return (int)i;
  return -1;
}

struct page *page_of(paddr_t pa) {
  int r = region_of(pa);
  if (r < 0) return NULL;
  return &region_pages[r][(pa - regions[r].start) >> PAGE_SHIFT];
}

/* Puts the free block at pa (2^order pages) on its node's lists, merging
 * with its buddy while the buddy is free and of the same order. */
static void free_block(unsigned r, paddr_t pa, unsigned order) {
  struct node_mem *n = &nodes[regions[r].node];
  while (order < MAX_ORDER) {
    paddr_t buddy = pa ^ ((u64)PAGE_SIZE << order);
    u64 span = (u64)PAGE_SIZE << order;
    if (buddy < regions[r].start || buddy + span > regions[r].end) break;
    struct page *bp = page_of(buddy);
    if (!(bp->flags & PG_FREE) || bp->ref != order) break;   /* ref holds a free block's order */
    list_unlink(&n->free[order], (struct free_block *)P2V(buddy));
    bp->flags &= ~PG_FREE;
    pa = pa < buddy ? pa : buddy;
    order++;
  }
  struct page *p = page_of(pa);
  p->flags |= PG_FREE;
  p->ref = order;
  list_push(&n->free[order], (struct free_block *)P2V(pa));
}

void kalloc_init(void) {
  nregions = hal_mem_regions(regions, MAX_REGIONS);
  nnodes = hal_num_nodes();
  for (unsigned i = 0; i < MAX_NODES; i++) spin_init(&nodes[i].lock, "kalloc");
  /* The struct page array of each region lives at the region's start. */
  for (unsigned r = 0; r < nregions; r++) {
    u64 npages = (regions[r].end - regions[r].start) >> PAGE_SHIFT;
    u64 meta = ROUNDUP(npages * sizeof(struct page), PAGE_SIZE);
    region_pages[r] = P2V(regions[r].start);
    memset(region_pages[r], 0, npages * sizeof(struct page));
    for (u64 i = 0; i < meta >> PAGE_SHIFT; i++) region_pages[r][i].ref = 1;  /* in use: metadata */
    paddr_t pa = regions[r].start + meta;
    struct node_mem *n = &nodes[regions[r].node];
    while (pa < regions[r].end) {
      unsigned order = MAX_ORDER;
      while (order && ((pa & (((u64)PAGE_SIZE << order) - 1)) || pa + ((u64)PAGE_SIZE << order) > regions[r].end))
        order--;
      free_block(r, pa, order);
      n->free_pages += 1ull << order;
      n->total_pages += 1ull << order;
      pa += (u64)PAGE_SIZE << order;
    }
  }
}

/* 2^order contiguous pages from node `node`, or 0. */
static paddr_t alloc_from(unsigned node, unsigned order) {
  struct node_mem *n = &nodes[node];
  spin_lock(&n->lock);
  unsigned o = order;
  while (o <= MAX_ORDER && !n->free[o]) o++;
  if (o > MAX_ORDER) {
    spin_unlock(&n->lock);
    return 0;
  }
  struct free_block *b = n->free[o];
  list_unlink(&n->free[o], b);
  paddr_t pa = V2P(b);
  page_of(pa)->flags &= ~PG_FREE;
  int r = region_of(pa);
  while (o > order) {  /* split: the upper halves go back */
    o--;
    free_block((unsigned)r, pa + ((u64)PAGE_SIZE << o), o);
  }
  n->free_pages -= 1ull << order;
  spin_unlock(&n->lock);
  for (u64 i = 0; i < (1ull << order); i++) page_of(pa + i * PAGE_SIZE)->ref = 1;
  return pa;
}

void *pages_alloc(unsigned order) {
  unsigned home = nnodes ? hal_cpu_node() % nnodes : 0;
  for (unsigned k = 0; k < nnodes; k++) {
    paddr_t pa = alloc_from((home + k) % nnodes, order);
    if (pa) return P2V(pa);
  }
  return NULL;
}

void pages_free(void *kva, unsigned order) {
  paddr_t pa = V2P(kva);
  int r = region_of(pa);
  kassert(r >= 0);
  struct node_mem *n = &nodes[regions[r].node];
  spin_lock(&n->lock);
  for (u64 i = 0; i < (1ull << order); i++) page_of(pa + i * PAGE_SIZE)->ref = 0;
  free_block((unsigned)r, pa, order);
  n->free_pages += 1ull << order;
  spin_unlock(&n->lock);
}

void *page_alloc_nozero(void) { return pages_alloc(0); }

/* Pages kept back from user memory for the kernel's own allocations (page
 * tables, buffers, kernel stacks, kmalloc): 1/64 of memory, at least 1 MiB. */
static u64 user_reserve(void) { return MAX(pages_total() / 64, 256ull); }

void *page_alloc_user(bool zero) {
  if (pages_free_count() < user_reserve()) return NULL;
  void *p = pages_alloc(0);
  if (p && zero) memset(p, 0, PAGE_SIZE);
  return p;
}

void *page_alloc(void) {
  void *p = pages_alloc(0);
  if (p) memset(p, 0, PAGE_SIZE);
  return p;
}

void page_ref(void *kva) { __atomic_add_fetch(&page_of(V2P(kva))->ref, 1, __ATOMIC_RELAXED); }

void page_free(void *kva) {
  struct page *p = page_of(V2P(kva));
  kassert(p && p->ref > 0 && !(p->flags & PG_FREE));
  if (__atomic_sub_fetch(&p->ref, 1, __ATOMIC_ACQ_REL) == 0) {
    p->ref = 1;  /* pages_free expects an allocated page */
    pages_free(kva, 0);
  }
}

u64 pages_free_count(void) {
  u64 t = 0;
  for (unsigned i = 0; i < nnodes; i++) t += nodes[i].free_pages;
  return t;
}
u64 pages_total(void) {
  u64 t = 0;
  for (unsigned i = 0; i < nnodes; i++) t += nodes[i].total_pages;
  return t;
}
