/* cpu.c - physical CPUs: per-CPU set-up (the PDA's wired TLB entry, a clean
 * TLB, the monitor's exception vectors) and starting the other CPUs through
 * cpu-control.  Each CPU's PDA and stack come from its own node. */
#include "board.h"
#include "cp0.h"
#include "mon.h"

#define MON_STATUS (ST_KX | ST_SX | ST_UX)
#define STACK_PAGES 4

extern char vec_refill[], vec_refill_end[], vec_general[], vec_general_end[], secondary_entry[];
void sched_loop(void) __attribute__((noreturn));
void time_init(void);

unsigned num_cpus;
static u64 start_pda[64], start_stack[64];
struct pda *cpu_pda[64];   /* every CPU's PDA, for statistics (stats.c) */

/* Every entry but the wired PDA entry invalid, each with its own VPN2 in
 * unmapped ckseg0, so no two entries can match one address.  A vCPU switch
 * calls this (the real TLB holds one vCPU's translations at a time). */
void tlb_flush_all(void) {
  u64 hi = dmfc0(10);
  mtc0(5, 0);
  for (unsigned i = 1; i < 64; i++) {
    dmtc0(10, KSEG0_BASE + (u64)i * 0x2000);
    dmtc0(2, 0);
    dmtc0(3, 0);
    mtc0(0, i);
    tlbwi();
  }
  dmtc0(10, hi);
}

static void sync_icache(u64 kva, u64 len) {
  for (u64 a = kva & ~31ull; a < kva + len; a += 32) __asm__ volatile("cache 0x19, 0(%0)" ::"r"(a) : "memory");
  for (u64 a = kva & ~63ull; a < kva + len; a += 64) __asm__ volatile("cache 0x10, 0(%0)" ::"r"(a) : "memory");
}

static void install_vectors(void) {
  char *base = (char *)KSEG0_BASE;
  if (vec_refill_end - vec_refill > 0x80 || vec_general_end - vec_general > 0x80) panic("vectors too long");
  memcpy(base + 0x000, vec_refill, (size_t)(vec_refill_end - vec_refill));
  memcpy(base + 0x080, vec_refill, (size_t)(vec_refill_end - vec_refill));
  memcpy(base + 0x180, vec_general, (size_t)(vec_general_end - vec_general));
  sync_icache(KSEG0_BASE, 0x200);
}

/* This CPU's TLB, wired PDA entry and PDA fields; interrupts stay off. */
static void cpu_setup(unsigned cpu, u64 pda_ma, u64 stack_top) {
  mtc0(12, MON_STATUS);
  mtc0(6, 1);                             /* Wired = 1: entry 0 is the PDA */
  dmtc0(10, PDA_VA & ~0x1FFFull);
  dmtc0(2, (pda_ma >> PAGE_SHIFT) << ENTRYLO_PFN_SHIFT | ENTRYLO_CACHED | ENTRYLO_D | ENTRYLO_V | ENTRYLO_G);
  dmtc0(3, ENTRYLO_G);
  mtc0(0, 0);
  tlbwi();
  tlb_flush_all();
  dmtc0(10, 0);
  PDA->cpu = cpu;
  PDA->node = reg_read64(CPUCTL_BASE, CPUCTL_NODE_ID);
  PDA->stack_top = stack_top;
  PDA->vcpu = 0;
  PDA->last = 0;
  time_init();
}

static char boot_pda[4096] __attribute__((aligned(4096)));
extern char boot_stack_top[];

void cpu_boot_init(void) {
  num_cpus = (unsigned)reg_read64(CPUCTL_BASE, CPUCTL_NUM_CPUS);
  if (num_cpus > 64) panic("%u CPUs: at most 64", num_cpus);
  cpu_pda[0] = (struct pda *)boot_pda;
  cpu_setup(0, KV2MA(boot_pda), (u64)(uintptr_t)boot_stack_top);
  install_vectors();
}

void secondary_main(void) {
  unsigned cpu = (unsigned)reg_read64(CPUCTL_BASE, CPUCTL_CPU_ID);
  cpu_setup(cpu, start_pda[cpu], start_stack[cpu]);
  sched_loop();
}

/* CPU 0 starts the others once the VMs exist; each gets a PDA page and a
 * stack on its own node (CPUs are numbered node by node). */
void cpu_start_others(void) {
  unsigned per_node = num_cpus / pmem_num_nodes();
  for (unsigned cpu = 1; cpu < num_cpus; cpu++) {
    unsigned node = per_node ? cpu / per_node : 0;
    start_pda[cpu] = pmem_alloc(node);
    u64 stack = pmem_alloc_contig(node, STACK_PAGES);
    if (!start_pda[cpu] || !stack) panic("no memory for cpu%u", cpu);
    start_stack[cpu] = (u64)(uintptr_t)MA2KV(stack) + STACK_PAGES * PAGE_SIZE;
    cpu_pda[cpu] = MA2KV(start_pda[cpu]);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    reg_write64(CPUCTL_BASE, CPUCTL_START_PC, (u64)(uintptr_t)secondary_entry);
    reg_write64(CPUCTL_BASE, CPUCTL_START_ARG, start_stack[cpu]);
    reg_write64(CPUCTL_BASE, CPUCTL_START, cpu);
  }
}
