/* board.h - the discosim board's devices, as documented in docs/board.md:
 * the registers (runtime/include/board_regs.h), interrupt lines and access.  Only the bare
 * HAL's drivers include this. */
#ifndef DUNIX_BOARD_H
#define DUNIX_BOARD_H

#include "layout.h"
#include "types.h"
#include "board_regs.h"   /* the registers (runtime/include) */

/* Interrupt lines (Cause.IP bits) */
#define IRQ_DISK 2
#define IRQ_IPI 3
#define IRQ_UART 4
#define IRQ_TIMER 7

static inline u64 reg_read64(u64 base, u64 off) { return *(volatile u64 *)IO_VA(base + off); }
static inline void reg_write64(u64 base, u64 off, u64 v) { *(volatile u64 *)IO_VA(base + off) = v; }
static inline u8 reg_read8(u64 base, u64 off) { return *(volatile u8 *)IO_VA(base + off); }
static inline void reg_write8(u64 base, u64 off, u8 v) { *(volatile u8 *)IO_VA(base + off) = v; }

#endif
