/* cpu.c - per-CPU set-up on the bare board: exception vectors, Status, the
 * PDA's wired TLB entry; starting the other CPUs through cpu-control; and
 * the per-CPU accessors of hal.h. */
#include "board.h"
#include "cp0.h"
#include "hal.h"
#include "kalloc.h"
#include "lib.h"
#include "pda.h"

extern char vec_xtlb_refill[], vec_xtlb_refill_end[], vec_general[], vec_general_end[];
extern char secondary_entry[];

#define BOOT_STATUS (ST_KX | ST_SX | ST_UX | ST_CU1 | ST_FR)
#define KERNEL_IM (ST_IM(IRQ_TIMER) | ST_IM(IRQ_IPI) | ST_IM(IRQ_DISK) | ST_IM(IRQ_UART))

/* hal_cpu_id() reads the CPU's number from its PDA (hal_inline.h): one
 * cached load once hal_cpu_init has run, where cpu-control's CPU_ID register
 * is an uncached device read. */
unsigned hal_num_cpus(void) { return (unsigned)reg_read64(CPUCTL_BASE, CPUCTL_NUM_CPUS); }
unsigned hal_cpu_node(void) { return (unsigned)reg_read64(CPUCTL_BASE, CPUCTL_NODE_ID); }

static void install_vectors(void) {
  char *base = (char *)KSEG0_BASE;
  kassert(vec_general_end - vec_general <= 0x80);
  memcpy(base + 0x000, vec_general, (size_t)(vec_general_end - vec_general));
  memcpy(base + 0x080, vec_xtlb_refill, (size_t)(vec_xtlb_refill_end - vec_xtlb_refill));
  memcpy(base + 0x180, vec_general, (size_t)(vec_general_end - vec_general));
  kassert(vec_xtlb_refill_end - vec_xtlb_refill <= 0x80);
  hal_icache_sync(KSEG0_BASE, 0x200);
}

/* Every TLB entry invalid, each with its own VPN2 in unmapped ckseg0 so no
 * two entries ever match the same address. */
static void tlb_invalidate_entry(unsigned i) {
  write_entryhi(KSEG0_BASE + (u64)i * 0x2000);
  write_entrylo0(0);
  write_entrylo1(0);
  write_index(i);
  tlbwi();
}

/* CPU 0's PDA is static: it is needed before the page allocator exists. */
static struct pda boot_pda __attribute__((aligned(PAGE_SIZE)));
static struct pda *start_pda[64];

static void cpu_init(unsigned cpu, struct pda *pda) {
  write_status(BOOT_STATUS);  /* interrupts off, BEV and ERL clear */
  if (cpu == 0) install_vectors();
  write_pagemask(0);
  for (unsigned i = 0; i < 64; i++) tlb_invalidate_entry(i);
  /* Wired entry 0: this CPU's PDA page at PDA_VA (an even page, global). */
  write_wired(1);
  write_entryhi(PDA_VA & ~0x1FFFull);
  write_entrylo0((V2P(pda) >> PAGE_SHIFT) << ENTRYLO_PFN_SHIFT | ENTRYLO_CACHED | ENTRYLO_D | ENTRYLO_V | ENTRYLO_G);
  write_entrylo1(ENTRYLO_G);
  write_index(0);
  tlbwi();
  write_entryhi(0);
  PDA->cpuid = cpu;
  write_status(BOOT_STATUS | KERNEL_IM);
  write_compare(read_count() - 1);  /* timer quiet until hal_timer_arm */
}

u64 hal_counter_ns_mult;

void hal_cpu_init(unsigned cpu) {

  u64 mhz = reg_read64(NODE_CLOCK_BASE(0), CLOCK_MHZ);
  hal_counter_ns_mult = (2000ull << 32) / (mhz ? mhz : 200);   /* Count = clock / 2 */ cpu_init(cpu, cpu == 0 ? &boot_pda : start_pda[cpu]); }

/* ---- starting CPUs ------------------------------------------------------- */
static void (*start_fn[64])(unsigned);

void secondary_main(void) {
  unsigned cpu = (unsigned)reg_read64(CPUCTL_BASE, CPUCTL_CPU_ID);
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
  reg_write64(CPUCTL_BASE, CPUCTL_START_PC, (u64)(uintptr_t)secondary_entry);
  reg_write64(CPUCTL_BASE, CPUCTL_START_ARG, (u64)(uintptr_t)(stack + PAGE_SIZE));
  reg_write64(CPUCTL_BASE, CPUCTL_START, cpu);
  return 0;
}

/* ---- per-CPU data ---------------------------------------------------------- */
void hal_set_this_cpu(struct cpu *c) { PDA->cpu = c; }
void hal_set_current(struct task *t) { PDA->current = t; }
void hal_set_kstack(u64 top) { PDA->kstack_top = top; }

u64 hal_user_status(void) {
  return BOOT_STATUS | KERNEL_IM | ST_XX | ST_KSU_USER | ST_EXL | ST_IE;
}

void hal_context_init(struct context *c, u64 stack_top, void (*fn)(void)) {
  memset(c, 0, sizeof *c);
  c->sp = stack_top;
  c->ra = (u64)(uintptr_t)fn;
}

/* A TLB flush leaves nothing else behind on the bare board. */
void tlb_flush_machine(void) {}
