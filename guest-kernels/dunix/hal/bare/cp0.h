/* cp0.h - the R10000's system control coprocessor, as the HAL uses it:
 * register numbers, Status/Cause fields, and one inline wrapper per
 * instruction (MFC0/DMFC0/MTC0/DMTC0, TLBR/TLBWI/TLBWR/TLBP).  Names follow
 * the MIPS R10000 User's Manual, chapter 14.  Only the HAL includes this. */
#ifndef DUNIX_CP0_H
#define DUNIX_CP0_H

#define CP0_INDEX 0
#define CP0_RANDOM 1
#define CP0_ENTRYLO0 2
#define CP0_ENTRYLO1 3
#define CP0_CONTEXT 4
#define CP0_PAGEMASK 5
#define CP0_WIRED 6
#define CP0_BADVADDR 8
#define CP0_COUNT 9
#define CP0_ENTRYHI 10
#define CP0_COMPARE 11
#define CP0_STATUS 12
#define CP0_CAUSE 13
#define CP0_EPC 14
#define CP0_PRID 15
#define CP0_CONFIG 16
#define CP0_XCONTEXT 20

/* Status */
#define ST_IE 0x1
#define ST_EXL 0x2
#define ST_ERL 0x4
#define ST_KSU_MASK 0x18
#define ST_KSU_SUPER 0x08
#define ST_KSU_USER 0x10
#define ST_UX 0x20
#define ST_SX 0x40
#define ST_KX 0x80
#define ST_IM_SHIFT 8
#define ST_IM(n) (1 << (ST_IM_SHIFT + (n)))
#define ST_IM_MASK 0xFF00
#define ST_BEV 0x00400000
#define ST_FR 0x04000000
#define ST_CU0 0x10000000
#define ST_CU1 0x20000000
#define ST_XX 0x80000000

/* Cause */
#define CAUSE_EXCCODE(c) (((c) >> 2) & 0x1F)
#define CAUSE_IP(c) (((c) >> 8) & 0xFF)
#define CAUSE_CE(c) (((c) >> 28) & 3)
#define CAUSE_BD (1ull << 31)

/* ExcCode values (manual table 17-2) */
#define EXC_INT 0
#define EXC_MOD 1
#define EXC_TLBL 2
#define EXC_TLBS 3
#define EXC_ADEL 4
#define EXC_ADES 5
#define EXC_IBE 6
#define EXC_DBE 7
#define EXC_SYS 8
#define EXC_BP 9
#define EXC_RI 10
#define EXC_CPU 11
#define EXC_OV 12
#define EXC_TR 13
#define EXC_FPE 15
#define EXC_WATCH 23

/* EntryLo: PFN at bit 6, cache attribute at 3, Dirty (writable), Valid,
 * Global.  Bits 61:34 are ignored by the TLB: page-table entries keep the
 * kernel's software bits there (kern/pagetable.h). */
#define ENTRYLO_G 0x1ull
#define ENTRYLO_V 0x2ull
#define ENTRYLO_D 0x4ull
#define ENTRYLO_C_SHIFT 3
#define ENTRYLO_CACHED (3ull << ENTRYLO_C_SHIFT)   /* cacheable noncoherent... coherence is the board's */
#define ENTRYLO_PFN_SHIFT 6

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
