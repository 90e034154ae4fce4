/* stats.c - exit statistics: per VM, the exits of all its vCPUs by kind
 * with their cycles, monitor calls by number, and the refills the
 * assembly handler served on each CPU (printed with mon.stats=1). */
#include "cp0.h"
#include "mon.h"
#include "vm.h"

static const char *const kind_names[EX_KINDS] = {
  [EX_INTERRUPT] = "interrupt",     [EX_TLB_PMAP] = "tlb-window",   [EX_TLB_VTLB] = "tlb-from-vtlb",
  [EX_TLB_REFLECT] = "tlb-reflect", [EX_TLB_FAULT] = "tlb-bus-error", [EX_CP0] = "cp0-move",
  [EX_TLB_WRITE] = "tlb-write",     [EX_TLB_OTHER] = "tlbp-tlbr",   [EX_ERET] = "eret",
  [EX_CACHE] = "cache",             [EX_MCALL] = "mcall",           [EX_IDLE] = "idle",
  [EX_DEVICE] = "device",           [EX_REFLECT] = "reflect",       [EX_FATAL] = "fatal",
};

void vm_print_stats(struct vm *vm) {
  struct exit_stat sum[EX_KINDS] = {0};
  u64 mc[MC_COUNT] = {0}, user = 0, super = 0, monitor = 0, fused = 0;
  for (unsigned c = 0; c < vm->nvcpus; c++) {
    struct vcpu *v = vm->vcpus[c];
    user += v->user_cycles, super += v->super_cycles, fused += v->fused_erets;
    for (unsigned k = 0; k < EX_KINDS; k++) monitor += v->exits[k].cycles;
    for (unsigned k = 0; k < EX_KINDS; k++) sum[k].count += v->exits[k].count, sum[k].cycles += v->exits[k].cycles;
    for (unsigned k = 0; k < MC_COUNT; k++) mc[k] += v->mcalls[k];
  }
  console_lock();
  rt_printf("disco: vm%u exits:", vm->id);
  for (unsigned k = 0; k < EX_KINDS; k++)
    if (sum[k].count)
      rt_printf(" %s=%lu/%lu", kind_names[k], (unsigned long)sum[k].count, (unsigned long)sum[k].cycles);
  if (fused) rt_printf(" (ERETs fused with the TLB write before them: %lu)", (unsigned long)fused);
  rt_printf("\ndisco: vm%u mcalls:", vm->id);
  for (unsigned k = 0; k < MC_COUNT; k++)
    if (mc[k]) rt_printf(" %u=%lu", k, (unsigned long)mc[k]);
  rt_printf("\ndisco: vm%u pages by node:", vm->id);
  for (unsigned n = 0; n < pmem_num_nodes() && n < 64; n++) {
    u64 pages = 0;
    for (u64 g = 0; g < vm->npages; g++)
      if (vm->pmap[g] && pmem_node_of((vm->pmap[g] & ENTRYLO_PFN_MASK) >> ENTRYLO_PFN_SHIFT << PAGE_SHIFT) == n) pages++;
    rt_printf(" %lu", (unsigned long)pages);
  }
  rt_printf("\ndisco: vm%u cycles %lu: user %lu supervisor %lu monitor %lu; pages returned %lu\n", vm->id,
            (unsigned long)vm->used_cycles, (unsigned long)user, (unsigned long)super, (unsigned long)monitor,
            (unsigned long)vm->pages_returned);
  console_unlock();
}

/* The refills refill.S served without entering C, over all CPUs. */
void print_refill_stats(void) {
  extern struct pda *cpu_pda[64];
  u64 win = 0, l2 = 0;
  for (unsigned c = 0; c < num_cpus; c++) win += cpu_pda[c]->win_fills, l2 += cpu_pda[c]->l2_hits;
  extern u64 idle_cycles[64];
  u64 idle = 0;
  for (unsigned c = 0; c < num_cpus; c++) idle += idle_cycles[c];
  printf("disco: refills in assembly: window %lu l2tlb %lu; idle cycles %lu\n", (unsigned long)win, (unsigned long)l2,
         (unsigned long)idle);
}
