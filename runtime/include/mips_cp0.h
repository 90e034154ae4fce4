/* mips_cp0.h - R10000 coprocessor 0 as the MIPS R10000 User's Manual and the
 * MIPS IV ISA define it: register numbers and Status, Cause, EntryHi/EntryLo
 * and exception-code fields.  One definition for the software that runs in
 * kernel or supervisor mode on the board: the Disco monitor
 * (monitor/include/cp0.h) and dunix's two HALs (hal/bare/cp0.h,
 * hal/disco/cp0.h), which add their own accessors and the fields they use
 * differently.  Macros only. */
#ifndef DISCOSIM_MIPS_CP0_H
#define DISCOSIM_MIPS_CP0_H

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
#define CAUSE_EXCCODE(c) (((c) >> 2) & 0x1F)
#define CAUSE_CE(c) (((c) >> 28) & 3)
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
#define ENTRYLO_C_SHIFT 3
#define ENTRYLO_PFN_SHIFT 6

#endif
