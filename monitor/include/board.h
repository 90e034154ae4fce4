/* board.h - the discosim board's devices as the monitor drives them
 * (docs/board.md): physical addresses, register offsets.  Only the monitor
 * touches real devices; guests see monitor calls. */
#ifndef MON_BOARD_H
#define MON_BOARD_H
#include "layout.h"
#include "board_regs.h"   /* the registers (runtime/include) */

#ifndef __ASSEMBLER__
static inline u64 reg_read64(u64 base, u64 off) { return *(volatile u64 *)IO_KV(base + off); }
static inline void reg_write64(u64 base, u64 off, u64 v) { *(volatile u64 *)IO_KV(base + off) = v; }
static inline u8 reg_read8(u64 base, u64 off) { return *(volatile u8 *)IO_KV(base + off); }
static inline void reg_write8(u64 base, u64 off, u8 v) { *(volatile u8 *)IO_KV(base + off) = v; }
#endif
#endif
