/* priv.h - shared helpers of the privileged-architecture test programs:
 * CP0 access, the trap frame trap.S fills, TLB entry writing, user-mode
 * entry, and the ok/not-ok reporting.  Each test program prints one line per
 * check and exits with the number of failed checks, on discosim and on QEMU
 * Malta (-cpu VR5432) alike; where the R10000 and the VR5432 differ the
 * check says so and takes the value its CPU's manual gives (is_r10000()). */
#ifndef PRIV_H
#define PRIV_H
#include <stdint.h>

#include "rt.h"

typedef uint64_t u64;
typedef uint32_t u32;

/* CP0 moves need the register number as an immediate operand, so these
 * four are macros that only place it ("i") into the instruction. */
#define CP0_GET(reg) ({ u64 v_; __asm__ volatile("dmfc0 %0, $%1" : "=r"(v_) : "i"(reg)); v_; })
#define CP0_SET(reg, v) __asm__ volatile("dmtc0 %0, $%1\n\tnop\n\tnop" : : "r"((u64)(v)), "i"(reg) : "memory")
#define CP0_GET32(reg) ({ u64 v_; __asm__ volatile("mfc0 %0, $%1" : "=r"(v_) : "i"(reg)); (u32)v_; })
#define CP0_SET32(reg, v) __asm__ volatile("mtc0 %0, $%1\n\tnop\n\tnop" : : "r"((u64)(v)), "i"(reg) : "memory")

enum { C0_INDEX = 0, C0_RANDOM = 1, C0_ENTRYLO0 = 2, C0_ENTRYLO1 = 3, C0_CONTEXT = 4, C0_PAGEMASK = 5,
       C0_WIRED = 6, C0_BADVADDR = 8, C0_COUNT = 9, C0_ENTRYHI = 10, C0_COMPARE = 11, C0_STATUS = 12,
       C0_CAUSE = 13, C0_EPC = 14, C0_PRID = 15 };

/* Status bits. */
#define ST_IE 0x1u
#define ST_EXL 0x2u
#define ST_ERL 0x4u
#define ST_KSU_SUP 0x8u
#define ST_KSU_USER 0x10u
#define ST_UX 0x20u
#define ST_SX 0x40u
#define ST_KX 0x80u
#define ST_IM(n) (0x100u << (n))
#define ST_BEV 0x400000u
#define ST_FR 0x4000000u
#define ST_CU0 0x10000000u
#define ST_CU1 0x20000000u
#define ST_XX 0x80000000u

/* Exception codes. */
enum { EXC_INT = 0, EXC_MOD = 1, EXC_TLBL = 2, EXC_TLBS = 3, EXC_ADEL = 4, EXC_ADES = 5, EXC_IBE = 6,
       EXC_DBE = 7, EXC_SYS = 8, EXC_BP = 9, EXC_RI = 10, EXC_CPU = 11, EXC_OV = 12, EXC_TR = 13 };

/* What trap.S saves; the handler may change epc, status and r[]. */
struct frame {
  u64 r[32];
  u64 epc, cause, status, badvaddr, vector, entryhi, context, xcontext;
};

/* The last exception taken, and how many so far. */
extern struct frame last;
extern volatile int traps;

static inline unsigned exc_code(const struct frame *f) { return (f->cause >> 2) & 31; }
static inline int exc_bd(const struct frame *f) { return (f->cause >> 31) & 1; }
static inline unsigned exc_ce(const struct frame *f) { return (f->cause >> 28) & 3; }

/* A kernel-mode exception's resolution: return -1 for the default (skip
 * the faulting instruction), 0 to resume at f->epc as set.  Installed per
 * test; cleared by install_vectors(). */
extern int (*trap_hook)(struct frame *f);

/* Copies the vector stubs to 0x8000_0000, clears BEV and ERL, sets CU1|FR
 * (the ABI's FPU registers) and KX (64-bit kernel addressing), and zeroes
 * the TLB with every entry pointing at a distinct unused region. */
void priv_init(void);
int is_r10000(void);
unsigned tlb_entries(void);  /* 64 on the R10000, 48 on the VR5432 */

/* Writes TLB entry `index` (-1: TLBWR) mapping the page pair at `va` of
 * `page_bytes` each to physical pa0/pa1 with the given EntryLo flag bits
 * (D=4, V=2, G=1; cache algorithm 3 is added).  pa = ~0 leaves a page
 * invalid (keeping G, which counts only when set in both halves). */
void tlb_map(int index, u64 va, u64 asid, u64 page_bytes, u64 pa0, u64 pa1, u64 flags);
void tlb_clear(void);

/* Runs trap.S's snippet `fn` (mapped at USER_VA) in the mode `status`
 * selects; returns the snippet's $v0 when it leaves by SYSCALL or by any
 * exception (recorded in `last`). */
extern char user_page[];
u64 run_user(u64 pc, u64 status, u64 a0, u64 a1);
#define USER_VA 0x00400000ull
u64 user_pc(void *snippet);
void map_user_page(void);

/* Kernel-segment physical address of a kseg0 pointer. */
static inline u64 kphys(const void *p) { return (u64)(uintptr_t)p & 0x1FFFFFFFull; }

/* Reporting: one line per check, "ok - name" or "not ok - name: detail". */
void check(int cond, const char *name);
void check_eq(u64 got, u64 want, const char *name);
int failures(void);
/* A check whose expected value only the R10000's manual gives. */
void skip(const char *name, const char *why);

/* Snippet labels (trap.S). */
extern char u_exit[], u_load[], u_store[], u_mfc0[], u_tlbwi[], u_eret[], u_cache[], u_daddu[], u_movn[],
    u_mfc1[], u_break[], u_teq[], u_ov[], u_delay[], u_jump[], u_ri[], u_lwxc1[];

#endif
