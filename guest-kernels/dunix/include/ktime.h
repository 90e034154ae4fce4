/* ktime.h - simulated time.  The kernel never sees host time. */
#ifndef DUNIX_KTIME_H
#define DUNIX_KTIME_H

#include "types.h"

u64 ktime_ns(void);      /* nanoseconds since the machine started */
u64 ktime_epoch(void);   /* seconds since 1970 at boot (fixed: runs are reproducible) */
/* Wall-clock seconds now, for file timestamps. */
static inline u64 ktime_wall_sec(void) { return ktime_epoch() + ktime_ns() / 1000000000ull; }

#endif
