/* pagetable.c - the three-level page tables the TLB refill handler walks
 * (hal/bare/locore.S; the entry format is in include/vm.h):
 *
 *   pgd: 1024 entries (two pages), index VA 39..30 -> a pmd page
 *   pmd:  512 entries (one page),  index VA 29..21 -> a pte page
 *   pte:  512 entries (one page),  index VA 20..12 -> EntryLo + software bits
 *
 * Entries in the upper levels are kernel (xkphys) addresses of the next
 * level, or 0.  Even and odd pages are adjacent ptes, so the handler loads a
 * TLB entry's pair with two loads. */
#include "kalloc.h"
#include "lib.h"
#include "vm.h"

#define PGD_ORDER 1

u64 *pt_alloc_pgd(void) {
  u64 *pgd = pages_alloc(PGD_ORDER);
  if (pgd) memset(pgd, 0, PAGE_SIZE << PGD_ORDER);
  return pgd;
}

static u64 *next_level(u64 *entry, bool create) {
  if (!*entry) {
    if (!create) return NULL;
    u64 *page = page_alloc();
    if (!page) return NULL;
    __atomic_store_n(entry, (u64)(uintptr_t)page, __ATOMIC_RELEASE);
  }
  return (u64 *)(uintptr_t)*entry;
}

u64 *pt_walk(u64 *pgd, u64 va, bool create) {
  if (va >= (1ull << 40)) return NULL;
  u64 *pmd = next_level(&pgd[(va >> 30) & 0x3FF], create);
  if (!pmd) return NULL;
  u64 *pte = next_level(&pmd[(va >> 21) & 0x1FF], create);
  if (!pte) return NULL;
  return &pte[(va >> 12) & 0x1FF];
}

/* Calls fn on every present pte in [start, end). */
void pt_each(u64 *pgd, u64 start, u64 end, void (*fn)(u64 va, u64 *pte, void *ctx), void *ctx) {
  for (u64 va = start; va < end;) {
    u64 *pmd = (u64 *)(uintptr_t)pgd[(va >> 30) & 0x3FF];
    if (!pmd) {
      va = ROUNDDOWN(va, 1ull << 30) + (1ull << 30);
      continue;
    }
    u64 *pt = (u64 *)(uintptr_t)pmd[(va >> 21) & 0x1FF];
    if (!pt) {
      va = ROUNDDOWN(va, 1ull << 21) + (1ull << 21);
      continue;
    }
    u64 *pte = &pt[(va >> 12) & 0x1FF];
    if (*pte & PTE_PRESENT) fn(va, pte, ctx);
    va += PAGE_SIZE;
  }
}

void pt_free(u64 *pgd) {
  for (unsigned i = 0; i < 1024; i++) {
    u64 *pmd = (u64 *)(uintptr_t)pgd[i];
    if (!pmd) continue;
    for (unsigned j = 0; j < 512; j++)
      if (pmd[j]) page_free((void *)(uintptr_t)pmd[j]);
    page_free(pmd);
  }
  pages_free(pgd, PGD_ORDER);
}
