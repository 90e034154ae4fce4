/* cp0.h - the R10000's CP0 as the monitor uses it (the real one) and as it
 * emulates it (the virtual one): register numbers, Status/Cause/EntryLo
 * fields, ExcCodes, and one inline per real CP0 instruction.  Names follow
 * the R10000 User's Manual, chapter 14.  Test guests include it too. */
#ifndef MON_CP0_H
#define MON_CP0_H

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
#define CP0_LLADDR 17
#define CP0_XCONTEXT 20
#define CP0_ERROREPC 30

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

#define CAUSE_EXC_SHIFT 2
#define CAUSE_EXCCODE(c) (((c) >> 2) & 0x1F)
#define CAUSE_IP_SHIFT 8
#define CAUSE_IP(n) (1u << (8 + (n)))
#define CAUSE_IP_MASK 0xFF00u
#define CAUSE_CE(c) (((c) >> 28) & 3)
#define CAUSE_CE_SHIFT 28
#define CAUSE_BD 0x80000000u

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

#define ENTRYLO_G 0x1
#define ENTRYLO_V 0x2
#define ENTRYLO_D 0x4
#define ENTRYLO_C_SHIFT 3
#define ENTRYLO_C_MASK (7ull << 3)
#define ENTRYLO_CACHED (3ull << ENTRYLO_C_SHIFT)
#define ENTRYLO_PFN_SHIFT 6
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
