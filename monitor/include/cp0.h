/* cp0.h - the R10000's CP0 as the monitor uses it (the real one) and as it
 * emulates it (the virtual one): register numbers, Status/Cause/EntryLo
 * fields, ExcCodes, and one inline per real CP0 instruction.  Names follow
 * the R10000 User's Manual, chapter 14.  Test guests include it too. */
#ifndef MON_CP0_H
#define MON_CP0_H

#include "mips_cp0.h"   /* registers and fields (runtime/include) */
#define CP0_LLADDR 17
#define CP0_ERROREPC 30

#define CAUSE_EXC_SHIFT 2
#define CAUSE_IP_SHIFT 8
#define CAUSE_IP(n) (1u << (8 + (n)))
#define CAUSE_IP_MASK 0xFF00u
#define CAUSE_CE_SHIFT 28
#define CAUSE_BD 0x80000000u

#define ENTRYLO_G 0x1
#define ENTRYLO_V 0x2
#define ENTRYLO_D 0x4
#define ENTRYLO_C_MASK (7ull << 3)
#define ENTRYLO_CACHED (3ull << ENTRYLO_C_SHIFT)
#define ENTRYLO_PFN_MASK 0x3FFFFFFC0ull       /* bits 33:6: a 40-bit address */
#define ENTRYHI_ASID_MASK 0xFFull
#define ENTRYHI_VPN2_MASK 0xC00000FFFFFFE000ull /* R (63:62) and VPN2 (43:13) */

#define IRQ_DISK 2
#define IRQ_IPI 3
#define IRQ_UART 4
#define IRQ_TIMER 7

#ifndef __ASSEMBLER__
#include "types.h"
#define mfc0(reg) ({ u32 v_; __asm__ volatile("mfc0 %0, $" #reg : "=r"(v_)); v_; })
#define dmfc0(reg) ({ u64 v_; __asm__ volatile("dmfc0 %0, $" #reg : "=r"(v_)); v_; })
#define mtc0(reg, v) __asm__ volatile("mtc0 %0, $" #reg ::"r"((u32)(v)) : "memory")
#define dmtc0(reg, v) __asm__ volatile("dmtc0 %0, $" #reg ::"r"((u64)(v)) : "memory")
static inline void tlbwi(void) { __asm__ volatile("tlbwi" ::: "memory"); }
static inline void tlbwr(void) { __asm__ volatile("tlbwr" ::: "memory"); }
static inline void tlbp(void) { __asm__ volatile("tlbp" ::: "memory"); }
static inline void tlbr(void) { __asm__ volatile("tlbr" ::: "memory"); }
#endif

#endif
