/* cp0.h - the R10000's system control coprocessor, as the HAL uses it:
 * register numbers, Status/Cause fields, and one inline wrapper per
 * instruction (MFC0/DMFC0/MTC0/DMTC0, TLBR/TLBWI/TLBWR/TLBP).  Names follow
 * the MIPS R10000 User's Manual, chapter 14.  Only the HAL includes this. */
#ifndef DUNIX_CP0_H
#define DUNIX_CP0_H

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

#define mfc0(reg) ({ u32 v_; __asm__ volatile("mfc0 %0, $" #reg : "=r"(v_)); v_; })
#define dmfc0(reg) ({ u64 v_; __asm__ volatile("dmfc0 %0, $" #reg : "=r"(v_)); v_; })
#define mtc0(reg, v) __asm__ volatile("mtc0 %0, $" #reg ::"r"((u32)(v)) : "memory")
#define dmtc0(reg, v) __asm__ volatile("dmtc0 %0, $" #reg ::"r"((u64)(v)) : "memory")
#define CP0_STR(x) #x
#define CP0_XSTR(x) CP0_STR(x)

static inline u32 read_status(void) { u32 v; __asm__ volatile("mfc0 %0, $12" : "=r"(v)); return v; }
static inline void write_status(u32 v) { __asm__ volatile("mtc0 %0, $12" ::"r"(v) : "memory"); }
static inline u32 read_cause(void) { u32 v; __asm__ volatile("mfc0 %0, $13" : "=r"(v)); return v; }
static inline void write_cause(u32 v) { __asm__ volatile("mtc0 %0, $13" ::"r"(v) : "memory"); }
static inline u32 read_count(void) { u32 v; __asm__ volatile("mfc0 %0, $9" : "=r"(v)); return v; }
static inline void write_compare(u32 v) { __asm__ volatile("mtc0 %0, $11" ::"r"(v) : "memory"); }
static inline u64 read_entryhi(void) { u64 v; __asm__ volatile("dmfc0 %0, $10" : "=r"(v)); return v; }
static inline void write_entryhi(u64 v) { __asm__ volatile("dmtc0 %0, $10" ::"r"(v) : "memory"); }
static inline void write_entrylo0(u64 v) { __asm__ volatile("dmtc0 %0, $2" ::"r"(v) : "memory"); }
static inline void write_entrylo1(u64 v) { __asm__ volatile("dmtc0 %0, $3" ::"r"(v) : "memory"); }
static inline void write_pagemask(u32 v) { __asm__ volatile("mtc0 %0, $5" ::"r"(v) : "memory"); }
static inline void write_index(u32 v) { __asm__ volatile("mtc0 %0, $0" ::"r"(v) : "memory"); }
static inline i32 read_index(void) { i32 v; __asm__ volatile("mfc0 %0, $0" : "=r"(v)); return v; }
static inline void write_wired(u32 v) { __asm__ volatile("mtc0 %0, $6" ::"r"(v) : "memory"); }
static inline void tlbwi(void) { __asm__ volatile("tlbwi" ::: "memory"); }
static inline void tlbwr(void) { __asm__ volatile("tlbwr" ::: "memory"); }
static inline void tlbp(void) { __asm__ volatile("tlbp" ::: "memory"); }
#endif

#endif
