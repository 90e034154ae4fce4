/* hal_inline.h - the HAL's hottest entry points, inline: every spinlock
 * asks which CPU it is on and turns interrupts off and on, and a function
 * call for each would double the cost of a lock.  Part of the HAL boundary
 * (hal.h includes it): the Disco port provides its own versions. */
#ifndef DUNIX_HAL_INLINE_H
#define DUNIX_HAL_INLINE_H

#include "cp0.h"
#include "pda.h"

static inline unsigned hal_cpu_id(void) { return (unsigned)PDA->cpuid; }
static inline struct cpu *hal_this_cpu(void) { return PDA->cpu; }
static inline struct task *hal_current(void) { return PDA->current; }
static inline bool hal_intr_get(void) { return read_status() & ST_IE; }
static inline void hal_intr_off(void) { write_status(read_status() & ~ST_IE); }
static inline void hal_intr_on(void) { write_status(read_status() | ST_IE); }
/* The running task's TLS pointer, which RDHWR $29 returns (locore.S). */
static inline void hal_set_tls(u64 tls) { PDA->tls = tls; }

/* A free-running counter for CPU-time accounting (Count: half the pipeline
 * clock) and its conversion to nanoseconds, as a 32.32 fixed-point factor
 * set by hal_cpu_init, so accounting needs no division. */
extern u64 hal_counter_ns_mult;
static inline u32 hal_counter(void) { return read_count(); }
static inline u64 hal_counter_ns(u32 delta) { return ((u64)delta * hal_counter_ns_mult) >> 32; }

#endif
