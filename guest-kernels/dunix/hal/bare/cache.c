/* cache.c - cache maintenance after the kernel writes instructions (exec's
 * text pages, the exception vectors): write the data lines back, then drop
 * the instruction lines, with the R10000's CACHE Hit operations. */
#include "hal.h"

#define CACHE_HIT_WB_D 0x19    /* Hit Writeback, primary data (op 6, cache 1) */
#define CACHE_HIT_INV_I 0x10   /* Hit Invalidate, primary instruction (op 4, cache 0) */

void hal_icache_sync(u64 kva, u64 len) {
  for (u64 a = kva & ~31ull; a < kva + len; a += 32)
    __asm__ volatile("cache %0, 0(%1)" ::"i"(CACHE_HIT_WB_D), "r"(a) : "memory");
  for (u64 a = kva & ~63ull; a < kva + len; a += 64)
    __asm__ volatile("cache %0, 0(%1)" ::"i"(CACHE_HIT_INV_I), "r"(a) : "memory");
}

