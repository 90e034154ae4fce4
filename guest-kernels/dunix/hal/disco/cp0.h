/* cp0.h (Disco) - the virtual CP0 of a Disco virtual CPU, as the HAL uses
 * it: the same register numbers and fields as the bare HAL's cp0.h, but the
 * accessors of the registers without side effects are ordinary loads and
 * stores to the monitor's privileged-register page (DG_REG(n), from $zero:
 * the paper's change 3), so the hot paths - interrupts on and off, trap
 * entry and exit - never trap.  EntryHi, Count, Compare and the TLB
 * instructions still use MTC0/MFC0/TLB*, which trap and are emulated.  Only
 * the HAL includes this. */
#ifndef DUNIX_CP0_H
#define DUNIX_CP0_H

#include "disco_guest.h"

/* DG_REG(n) for assembly: the assembler takes neither C's ull suffixes nor
 * a parenthesised offset before a base register.  Checked below. */
#define VREG_OFF(n) 0x7000+8*n

#include "mips_cp0.h"   /* registers and fields (runtime/include) */

/* Status */

/* Cause */
#define CAUSE_IP(c) (((c) >> 8) & 0xFF)
#define CAUSE_BD (1ull << 31)

/* ExcCode values (manual table 17-2) */

/* EntryLo: PFN at bit 6, cache attribute at 3, Dirty (writable), Valid,
 * Global.  Bits 61:34 are ignored by the TLB: page-table entries keep the
 * kernel's software bits there (kern/pagetable.h). */
#define ENTRYLO_G 0x1ull
#define ENTRYLO_V 0x2ull
#define ENTRYLO_D 0x4ull
#define ENTRYLO_CACHED (3ull << ENTRYLO_C_SHIFT)   /* cacheable noncoherent... coherence is the board's */

#ifndef __ASSEMBLER__
#include "types.h"

_Static_assert(DG_REG(12) == 0x7000 + 8 * 12, "VREG_OFF is DG_REG");

/* One word of the privileged-register page. */
#define VREG(n) (*(volatile u64 *)(uintptr_t)DG_REG(n))

static inline u32 read_status(void) { return (u32)VREG(CP0_STATUS); }
static inline void write_status(u32 v) { VREG(CP0_STATUS) = (u64)(i64)(i32)v; }
static inline u32 read_cause(void) { return (u32)VREG(CP0_CAUSE); }
/* Cause's IP bits in the page are as of the last entry into the guest; a
 * write (software interrupts) must go through MTC0. */
static inline void write_cause(u32 v) { __asm__ volatile("mtc0 %0, $13" ::"r"(v) : "memory"); }
/* Count is computed: MFC0 (emulated). */
static inline u32 read_count(void) { u32 v; __asm__ volatile("mfc0 %0, $9" : "=r"(v)); return v; }
static inline void write_compare(u32 v) { __asm__ volatile("mtc0 %0, $11" ::"r"(v) : "memory"); }
static inline u64 read_entryhi(void) { return VREG(CP0_ENTRYHI); }
static inline void write_entryhi(u64 v) { __asm__ volatile("dmtc0 %0, $10" ::"r"(v) : "memory"); }
static inline void write_entrylo0(u64 v) { VREG(CP0_ENTRYLO0) = v; }
static inline void write_entrylo1(u64 v) { VREG(CP0_ENTRYLO1) = v; }
static inline void write_pagemask(u32 v) { VREG(CP0_PAGEMASK) = v; }
static inline void write_index(u32 v) { VREG(CP0_INDEX) = v; }
static inline i32 read_index(void) { return (i32)VREG(CP0_INDEX); }
static inline void write_wired(u32 v) { VREG(CP0_WIRED) = v; }
static inline void tlbwi(void) { __asm__ volatile("tlbwi" ::: "memory"); }
static inline void tlbwr(void) { __asm__ volatile("tlbwr" ::: "memory"); }
static inline void tlbp(void) { __asm__ volatile("tlbp" ::: "memory"); }
#endif

#endif
