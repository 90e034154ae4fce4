/* pmem.c - machine memory: a NUMA-aware page allocator and the memmap.
 *
 * Each node's RAM (cpu-control NUM_NODES x NODE_MEM, placed around the I/O
 * window as docs/board.md says) is handed out by a per-node bump pointer
 * plus a free list of single pages.  pmem_alloc(node) takes from that node
 * first, then from the next ones, so memory lands on the node of the CPU
 * that asks (callers pass this_node()).  Every page handed out is zeroed:
 * a VM never sees another's data.  The memmap has one entry per machine
 * page, indexed by RAM offset, naming its user (monitor or VM + gpn).
 * Lock order: a pool's lock only (nothing is called with it held). */
#include "board.h"
#include "mon.h"

#define MAX_NODES 64

struct pool {
  spinlock_t lock;
  unsigned nregions;
  u64 cur[2], end[2];   /* physical ranges still to bump through */
  u64 free;             /* first free page (machine address), linked through word 0 */
};

static struct pool pools[MAX_NODES];
static unsigned nnodes;
static u64 node_mem;
static struct memmap_entry *mm;
static u64 mm_pages;

static u64 pa_to_off(u64 pa) { return pa < IO_BASE ? pa : pa - IO_HOLE_SIZE; }
unsigned pmem_num_nodes(void) { return nnodes; }
unsigned pmem_node_of(u64 ma) { return (unsigned)(pa_to_off(ma) / node_mem); }
struct memmap_entry *memmap(u64 ma) {
  u64 i = pa_to_off(ma) >> PAGE_SHIFT;
  return i < mm_pages ? &mm[i] : 0;
}

static void add_range(struct pool *p, u64 s, u64 e) {
  if (s < e) p->cur[p->nregions] = s, p->end[p->nregions++] = e;
}

static u64 bump(struct pool *p, unsigned npages) {
  for (unsigned r = 0; r < p->nregions; r++) {
    if (p->end[r] - p->cur[r] >= npages * PAGE_SIZE) {
      u64 ma = p->cur[r];
      p->cur[r] += npages * PAGE_SIZE;
      return ma;
    }
  }
  return 0;
}

void pmem_init(u64 image_end_pa) {
  nnodes = (unsigned)reg_read64(CPUCTL_BASE, CPUCTL_NUM_NODES);
  node_mem = reg_read64(CPUCTL_BASE, CPUCTL_NODE_MEM);
  if (nnodes > MAX_NODES) panic("%u nodes: at most %u", nnodes, MAX_NODES);
  for (unsigned n = 0; n < nnodes; n++) {
    u64 s = n * node_mem, e = s + node_mem;   /* RAM offsets */
    if (n == 0) s = ROUNDUP(image_end_pa, PAGE_SIZE);
    if (s < IO_BASE) add_range(&pools[n], s, MIN(e, IO_BASE)), s = IO_BASE;
    if (e > s) add_range(&pools[n], s + IO_HOLE_SIZE, e + IO_HOLE_SIZE);
  }
  mm_pages = nnodes * node_mem / PAGE_SIZE;
  unsigned mm_len = (unsigned)ROUNDUP(mm_pages * sizeof *mm, PAGE_SIZE) / PAGE_SIZE;
  u64 ma = bump(&pools[0], mm_len);
  if (!ma) panic("no memory for the memmap");
  mm = MA2KV(ma);
  memset(mm, 0, mm_len * PAGE_SIZE);
  for (unsigned i = 0; i < mm_len; i++) memmap(ma + i * PAGE_SIZE)->flags = MM_MONITOR;
}

static u64 take(struct pool *p, unsigned npages) {
  spin_lock(&p->lock);
  u64 ma = 0;
  if (npages == 1 && p->free) {
    ma = p->free;
    p->free = *(u64 *)MA2KV(ma);
  } else {
    ma = bump(p, npages);
  }
  spin_unlock(&p->lock);
  return ma;
}

/* Zeroes whole pages eight doublewords at a time: every page a VM gets is
 * zeroed here, so this is most of what a guest's first touch of a page
 * costs (the generic memset stores one doubleword per loop). */
static void zero_pages(u64 ma, unsigned npages) {
  volatile u64 *p = MA2KV(ma), *end = p + npages * PAGE_SIZE / 8;
  for (; p < end; p += 8) p[0] = p[1] = p[2] = p[3] = p[4] = p[5] = p[6] = p[7] = 0;
}

u64 pmem_alloc_contig(unsigned node, unsigned npages) {
  for (unsigned i = 0; i < nnodes; i++) {
    u64 ma = take(&pools[(node + i) % nnodes], npages);
    if (ma) {
      zero_pages(ma, npages);
      for (unsigned k = 0; k < npages; k++) memmap(ma + k * PAGE_SIZE)->flags = MM_MONITOR;
      return ma;
    }
  }
  return 0;
}

u64 pmem_alloc(unsigned node) { return pmem_alloc_contig(node, 1); }

void pmem_free(u64 ma) {
  struct pool *p = &pools[pmem_node_of(ma)];
  *memmap(ma) = (struct memmap_entry){0, MM_FREE, 0};
  spin_lock(&p->lock);
  *(u64 *)MA2KV(ma) = p->free;
  p->free = ma;
  spin_unlock(&p->lock);
}

void *kalloc(u64 bytes) {
  u64 ma = pmem_alloc_contig(this_node(), (unsigned)(ROUNDUP(bytes, PAGE_SIZE) / PAGE_SIZE));
  if (!ma) panic("out of machine memory (%lu bytes)", (unsigned long)bytes);
  return MA2KV(ma);
}
