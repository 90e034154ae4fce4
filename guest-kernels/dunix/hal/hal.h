/* hal.h - the hardware abstraction layer: everything the portable kernel
 * (kern/, fs/) may ask of the machine.  hal/ implements it for the bare
 * discosim board; the Disco port re-implements this file's functions (and
 * layout.h) on the monitor's virtual machine, and nothing else changes.
 *
 * The portable kernel calls in (hal_*); the HAL calls out through the
 * handlers named at the bottom (trap(), the interrupt sinks). */
#ifndef DUNIX_HAL_H
#define DUNIX_HAL_H

#include "layout.h"
#include "trapframe.h"
#include "types.h"

struct cpu;
struct task;

/* ---- boot ---------------------------------------------------------------- */
/* The boot arguments (ARCS style: the board's loader passes argc/argv/envp,
 * docs/board.md); valid after hal_early_init. */
extern int boot_argc;
extern char **boot_argv, **boot_envp;
void hal_early_init(long argc, u64 argv, u64 envp);  /* CPU 0, first thing */
/* Physical memory the kernel may allocate: regions not holding the vectors,
 * the boot arguments or the kernel image. */
struct mem_region { paddr_t start, end; unsigned node; };
unsigned hal_mem_regions(struct mem_region *out, unsigned max);
unsigned hal_num_nodes(void);

/* ---- processors ------------------------------------------------------------ */
unsigned hal_num_cpus(void);        /* CPUs on the board */
unsigned hal_cpu_node(void);        /* this CPU's NUMA node */
/* Starts CPU `cpu` running fn(cpu) on a fresh stack; it arrives with
 * interrupts off and hal_cpu_init done. */
int hal_start_cpu(unsigned cpu, void (*fn)(unsigned));
/* Per-CPU set-up: vectors, Status, the TLB, the PDA, the timer.  CPU 0 calls
 * it first thing (no locks before it); hal_start_cpu does it for the rest. */
void hal_cpu_init(unsigned cpu);
void hal_set_this_cpu(struct cpu *c);

/* ---- interrupts ---------------------------------------------------------- */
/* hal_intr_get(), hal_intr_on(), hal_intr_off(), hal_cpu_id(),
 * hal_this_cpu(), hal_current(): inline, in hal_inline.h. */
/* Waits, interrupts off, until an interrupt is pending (the board's idle
 * signal: the CPU's time counts as idle).  Returns with it still pending;
 * the caller enables interrupts to take it. */
void hal_idle(void);
void hal_ipi_send(unsigned cpu);    /* IP3 on cpu: it calls ipi_intr() */

/* ---- time ---------------------------------------------------------------- */
u64 hal_time_ns(void);              /* simulated nanoseconds since power-on */
void hal_timer_arm(u64 ns_from_now); /* this CPU's next timer_intr() */
void hal_timer_stop(void);          /* no timer interrupts on this CPU until the next arm */

/* ---- console, disks, machine --------------------------------------------- */
void hal_console_putc(char c);      /* polled; safe anywhere */
void hal_console_write(const char *buf, u64 len);  /* the same for len bytes at once */
void hal_console_rx_enable(void);   /* console_rx(c) for each input byte (again, after a pause) */
__attribute__((noreturn)) void hal_exit(int status);  /* ends the run */
void hal_phase(bool begin, u64 id); /* measured phases (statistics) */

/* ---- the MMU ------------------------------------------------------------- */
/* The page tables the refill handler walks for user addresses on this CPU
 * (a pgd kernel address), and the address-space identifier in EntryHi. */
void hal_set_user_space(u64 *pgd, unsigned asid);
unsigned hal_asid_bits(void);       /* 8 on the R10000 */
void hal_tlb_flush_all(void);       /* every non-wired entry */
/* Drops or updates the TLB entry mapping user page va in address space asid. */
void hal_tlb_flush_page(u64 va, unsigned asid);
void hal_tlb_update(u64 va, unsigned asid, u64 pte_even, u64 pte_odd);
void hal_icache_sync(u64 kva, u64 len);  /* instructions were written through kva */

/* ---- tasks --------------------------------------------------------------- */
/* Switches kernel stacks: saves callee-saved registers in *old, resumes new. */
void hal_swtch(struct context *old, struct context *new);
/* Records the kernel stack the next trap from user mode uses. */
void hal_set_kstack(u64 top);
/* A fresh context that starts in fn() on the stack below `stack_top`. */
void hal_context_init(struct context *c, u64 stack_top, void (*fn)(void));
/* Leaves the kernel through tf (restores every register, ERET). */
__attribute__((noreturn)) void hal_trap_return(struct trapframe *tf);
/* The Status a new user task starts with, and the check a trapframe came
 * from user mode. */
u64 hal_user_status(void);
static inline bool hal_tf_from_user(const struct trapframe *tf) { return (tf->status & 0x18) != 0; }  /* KSU */
/* The floating-point unit: 32 64-bit registers + FCSR, saved eagerly at a
 * context switch (the kernel itself never uses floating point). */
struct fpu_state { u64 fpr[32]; u32 fcsr, pad; };
void hal_fpu_save(struct fpu_state *f);
void hal_fpu_restore(const struct fpu_state *f);
/* The resume PC after the instruction that trapped at tf->epc (in a branch
 * delay slot when Cause.BD): emulated instructions call this once. */
int hal_skip_instruction(struct trapframe *tf);

/* ---- per-CPU data ---------------------------------------------------------- */
struct cpu;
struct task;
void hal_set_current(struct task *t);

/* ---- called by the HAL --------------------------------------------------- */
void trap(struct trapframe *tf);    /* kern/trap.c: every exception but refills */
void timer_intr(void);              /* kern/sched.c */
void ipi_intr(void);                /* kern/sched.c */
void console_rx(char c);            /* kern/tty.c, interrupt context */
bool console_rx_ready(void);        /* kern/tty.c: room for another input byte? */
void disk_intr(void);               /* hal/bare/disk.c's completion, interrupt context */

#include "hal_inline.h"

#endif
