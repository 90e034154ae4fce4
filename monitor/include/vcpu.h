/* vcpu.h - a virtual CPU: the guest registers saved at every exit (the
 * layout locore.S uses, hence the offsets), its virtual CP0 and virtual TLB,
 * its L2TLB, its scheduling state and its exit statistics.  A vCPU runs on
 * at most one physical CPU at a time; only that CPU touches its registers,
 * CP0 and TLB.  irq_pending and state are changed by other CPUs (atomics,
 * sched_lock). */
#ifndef MON_VCPU_H
#define MON_VCPU_H

#define VC_REGS 0
#define VC_HI 256
#define VC_LO 264
#define VC_PC 272
#define VC_XSTATUS 280
#define VC_XCAUSE 288
#define VC_XEPC 296
#define VC_XBADVADDR 304
#define VC_XCOUNT 312
#define VC_ENTRY_STATUS 320
#define VC_FPR 328
#define VC_FCSR 584
#define VC_REG(n) (VC_REGS + 8 * (n))

#define VTLB_SIZE 64
#define L2TLB_SIZE 512                 /* a power of two (refill.S masks with it) */
#define L2TLB_VALID 0x1000          /* tag bit: EntryHi bits 12:8 read as zero */

#ifndef __ASSEMBLER__
#include "mcall.h"
#include "types.h"

struct vtlb_entry {
  u64 hi, lo0, lo1, mask;       /* as TLBR returns them */
  u64 vmask;                    /* the VA bits that must equal hi's (R and VPN2 above the page) */
  u64 asid;                     /* hi's ASID, or ~0 for a global entry (vtlb.c) */
};
struct l2tlb_entry { u64 tag, lo0, lo1, pad; };  /* tag = EntryHi | L2TLB_VALID */

enum vcpu_state { VS_OFF, VS_RUNNABLE, VS_RUNNING, VS_IDLE, VS_BLOCKED, VS_HALTED };

/* Exit kinds: every exit is counted under one, with its cycles (Count at
 * entry to Count at the ERET back into the guest). */
enum exit_kind {
  EX_INTERRUPT, EX_TLB_PMAP, EX_TLB_VTLB, EX_TLB_REFLECT, EX_TLB_FAULT, EX_CP0, EX_TLB_WRITE,
  EX_TLB_OTHER, EX_ERET, EX_CACHE, EX_MCALL, EX_IDLE, EX_DEVICE, EX_REFLECT, EX_FATAL, EX_KINDS
};
struct exit_stat { u64 count, cycles; };

struct vm;
struct vcpu {
  /* ---- saved by locore.S at every exit, restored by vcpu_enter ---- */
  u64 regs[32];
  u64 hi, lo, pc;
  u64 x_status, x_cause, x_epc, x_badvaddr, x_count;  /* the real exception */
  u64 entry_status;                                    /* real Status for the guest */
  u64 fpr[32];
  u64 fcsr;
  /* ---- virtual CPU state: only the CPU running the vCPU ---- */
  u64 *cp0;                     /* virtual CP0: the privileged-register page (vcp0.c) */
  u64 count_bias;               /* virtual Count - machine cycles / 2 */
  u64 compare_due;              /* machine cycle at which Count reaches Compare */
  struct vtlb_entry tlb[VTLB_SIZE];
  struct l2tlb_entry *l2tlb;
  u64 regpage_lo;               /* EntryLo of the machine page holding cp0[] */
  volatile u64 seen_gen;        /* the VM's tlb_gen its real TLB and L2TLB reflect */
  enum exit_kind kind;          /* what the current exit is counted as */
  bool in_exit;                 /* between an exit and the next entry */
  bool x_refill;                /* the exit came from the refill handler */
  bool fpu_used;
  bool l2_keep;                 /* the guest flushes with MC_TLB_FLUSH: evicted entries stay in the L2TLB */
  const char *why;              /* why a FATAL outcome kills the VM */
  /* ---- shared ---- */
  volatile u32 irq_pending;     /* Cause.IP bits posted by anyone (atomic or) */
  volatile int state;           /* enum vcpu_state, under sched_lock */
  int next_state;               /* what a DESCHEDULE makes it: RUNNABLE, IDLE or BLOCKED */
  volatile int disk_busy;       /* a disk request of its is in flight (disk.c) */
  struct disk_req *disk_req;    /* its one request (mcall.c fills it) */
  volatile int on_cpu;          /* the CPU running it, or -1 */
  int last_cpu;                 /* the CPU it last ran on (affinity), or -1 */
  u64 runnable_since;           /* when it last became RUNNABLE (sched_lock) */
  struct vm *vm;
  unsigned id;                  /* within its VM */
  unsigned gid;                 /* index in sched.c's table */
  u64 slice_start;              /* when its current time slice began */
  u64 charged_at, run_cycles;   /* CPU time: charged up to charged_at */
  u32 entry_count;               /* Count at the last entry into the guest */
  u64 user_cycles, super_cycles; /* guest time, by the real mode it ran in */
  struct exit_stat exits[EX_KINDS];
  u64 mcalls[MC_COUNT];
  u64 fused_erets;              /* ERETs emulated with the TLB write before them */
};
_Static_assert(__builtin_offsetof(struct vcpu, fcsr) == VC_FCSR, "vcpu layout");
_Static_assert(__builtin_offsetof(struct vcpu, entry_status) == VC_ENTRY_STATUS, "vcpu layout");

/* locore.S */
__attribute__((noreturn)) void vcpu_enter(struct vcpu *v);
void fpu_save(struct vcpu *v);
void fpu_restore(struct vcpu *v);
/* Virtual mode: kernel (EXL, ERL or KSU = 0) for the guest kernel. */
static inline bool vcpu_kernel_mode(const struct vcpu *v) {
  u64 st = v->cp0[12];
  return (st & 0x6) || (st & 0x18) == 0;
}
/* ... and the guest's user mode, which runs in real user mode. */
static inline bool vcpu_user_mode(const struct vcpu *v) {
  return !vcpu_kernel_mode(v) && (v->cp0[12] & 0x18) == 0x10;
}
#endif
#endif
