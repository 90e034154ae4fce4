/* cpu.c (Disco) - per-CPU set-up of a virtual CPU: the exception vectors at
 * guest-physical 0 (reached through cksseg), Status, the TLB, the PDA (its
 * page number in the virtual Context register, pda.h); starting the other
 * virtual CPUs with MC_VCPU_START; and the per-CPU accessors of hal.h. */
#include "cp0.h"
#include "hal.h"
#include "kalloc.h"
#include "lib.h"
#include "mcall.h"
#include "pda.h"

extern char vec_xtlb_refill[], vec_xtlb_refill_end[], vec_general[], vec_general_end[];
extern char secondary_entry[];

#define BOOT_STATUS (ST_KX | ST_SX | ST_UX | ST_CU1 | ST_FR)
#define KERNEL_IM (ST_IM(7) | ST_IM(3))   /* the virtual timer and IPIs */

u64 hal_counter_ns_mult;
void tlb_flush_machine(void);

unsigned hal_num_cpus(void) { return (unsigned)mcall(MC_INFO, MCI_NUM_VCPUS, 0, 0, 0); }
unsigned hal_cpu_node(void) { return 0; }

static void install_vectors(void) {
  char *base = (char *)KSEG0_BASE;
  kassert(vec_general_end - vec_general <= 0x80);
  memcpy(base + 0x000, vec_general, (size_t)(vec_general_end - vec_general));
  memcpy(base + 0x080, vec_xtlb_refill, (size_t)(vec_xtlb_refill_end - vec_xtlb_refill));
  memcpy(base + 0x180, vec_general, (size_t)(vec_general_end - vec_general));
}

static void tlb_invalidate_entry(unsigned i) {
  write_entryhi(KSEG0_BASE + (u64)i * 0x2000);   /* in the window: never matched */
  write_entrylo0(0);
  write_entrylo1(0);
  write_index(i);
  tlbwi();
}

static struct pda boot_pda __attribute__((aligned(PAGE_SIZE)));
static struct pda *start_pda[64];

static void cpu_init(unsigned cpu, struct pda *pda) {
  __asm__ volatile("mtc0 %0, $12" ::"r"(BOOT_STATUS) : "memory");   /* emulated: live at once */
  u64 mhz = (u64)mcall(MC_INFO, MCI_CLOCK_MHZ, 0, 0, 0);
  hal_counter_ns_mult = (2000ull << 32) / (mhz ? mhz : 200);
  if (cpu == 0) install_vectors();
  write_pagemask(0);
  write_wired(0);
  for (unsigned i = 0; i < 64; i++) tlb_invalidate_entry(i);
  tlb_flush_machine();
  /* The PDA: its page number in Context's PTEBase field (pda.h). */
  *(volatile u64 *)(uintptr_t)DG_REG(CP0_CONTEXT) = (V2P(pda) >> PAGE_SHIFT) << CONTEXT_PTEBASE_SHIFT;
  write_entryhi(0);
  PDA->cpuid = cpu;
  write_status(BOOT_STATUS | KERNEL_IM);
  write_compare(read_count() - 1);
}

void hal_cpu_init(unsigned cpu) { cpu_init(cpu, cpu == 0 ? &boot_pda : start_pda[cpu]); }

/* The monitor's L2TLB caches this vCPU's translations beyond its TLB; a
 * flush of the TLB (a new ASID generation) flushes it too.  Calling it at
 * all (cpu_init does) tells the monitor dunix manages its TLB by TLBP, new
 * ASIDs and such flushes, so the L2TLB may keep what TLBWR evicts. */
void tlb_flush_machine(void) { mcall(MC_TLB_FLUSH, 0, 0, 0, 0); }

/* ---- starting CPUs ------------------------------------------------------- */
static void (*start_fn[64])(unsigned);

void secondary_main(void) {
  unsigned cpu = (unsigned)mcall(MC_INFO, MCI_VCPU_ID, 0, 0, 0);
  hal_cpu_init(cpu);
  start_fn[cpu](cpu);
  panic("cpu%u: start function returned", cpu);
}

int hal_start_cpu(unsigned cpu, void (*fn)(unsigned)) {
  if (cpu >= 64) return -1;
  char *stack = page_alloc();
  start_pda[cpu] = page_alloc();
  if (!stack || !start_pda[cpu]) return -1;
  start_fn[cpu] = fn;
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
  return mcall(MC_VCPU_START, cpu, (long)(uintptr_t)secondary_entry, (long)(uintptr_t)(stack + PAGE_SIZE), 0) < 0
             ? -1
             : 0;
}

/* ---- per-CPU data ---------------------------------------------------------- */
void hal_set_this_cpu(struct cpu *c) { PDA->cpu = c; }
void hal_set_current(struct task *t) { PDA->current = t; }
void hal_set_kstack(u64 top) { PDA->kstack_top = top; }

u64 hal_user_status(void) { return BOOT_STATUS | KERNEL_IM | ST_XX | ST_KSU_USER | ST_EXL | ST_IE; }

void hal_context_init(struct context *c, u64 stack_top, void (*fn)(void)) {
  memset(c, 0, sizeof *c);
  c->sp = stack_top;
  c->ra = (u64)(uintptr_t)fn;
}
