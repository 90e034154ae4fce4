/* cache.c (Disco) - instruction-cache maintenance on the Disco monitor.
 * A CACHE instruction from supervisor mode traps and is emulated, and a
 * page's sync is 192 of them; the monitor keeps the caches of the machine
 * pages it maps coherent itself, so the guest issues none. */
#include "hal.h"

void hal_icache_sync(u64 kva, u64 len) {
  (void)kva, (void)len;
}
