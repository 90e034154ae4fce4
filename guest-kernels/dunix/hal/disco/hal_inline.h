/* hal_inline.h (Disco) - the HAL's hottest entry points, inline, on the
 * Disco monitor: interrupt enable is a store to the privileged-register page
 * (no trap), the CPU id and current task come from the PDA (pda.h).
 *
 * The accounting counter differs from the bare HAL's: MFC0 of Count is
 * emulated here (hundreds of cycles), far too dear for every trap, so
 * hal_counter() reads the privileged-register page's Count, which the
 * monitor refreshes at every entry into the guest - and a trap reaches the
 * guest kernel through the monitor, so at trap entry it is current. */
#ifndef DUNIX_HAL_INLINE_H
#define DUNIX_HAL_INLINE_H

#include "cp0.h"
#include "pda.h"

static inline unsigned hal_cpu_id(void) { return (unsigned)PDA->cpuid; }
static inline struct cpu *hal_this_cpu(void) { return PDA->cpu; }
static inline struct task *hal_current(void) { return PDA->current; }
static inline bool hal_intr_get(void) { return read_status() & ST_IE; }
static inline void hal_intr_off(void) { write_status(read_status() & ~ST_IE); }
/* A store to the page takes effect at the vCPU's next exit; when an
 * interrupt is already pending, one emulated MFC0 makes that exit now. */
static inline void hal_intr_on(void) {
  write_status(read_status() | ST_IE);
  if (read_cause() & read_status() & ST_IM_MASK) (void)read_count();
}
static inline void hal_set_tls(u64 tls) { PDA->tls = tls; }

extern u64 hal_counter_ns_mult;
static inline u32 hal_counter(void) { return (u32)VREG(CP0_COUNT); }
static inline u64 hal_counter_ns(u32 delta) { return ((u64)delta * hal_counter_ns_mult) >> 32; }

#endif
