/* ktime.c - the kernel's clocks.  Time is simulated time only: the board's
 * counter (hal_time_ns) for intervals, and a fixed epoch for the wall clock,
 * so that two runs of the same workload see the same dates and the same
 * elapsed times. */
#include "hal.h"
#include "ktime.h"

/* 2026-01-01 00:00:00 UTC: the wall-clock time at which every run boots. */
#define DUNIX_BOOT_EPOCH 1767225600ull

u64 ktime_ns(void) { return hal_time_ns(); }

u64 ktime_epoch(void) { return DUNIX_BOOT_EPOCH; }
