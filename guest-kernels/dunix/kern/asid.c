/* asid.c - address-space identifiers and TLB shootdown.
 *
 * The TLB tags entries with an 8-bit ASID, so switching address spaces needs
 * no flush.  ASIDs are handed out per CPU, with a generation count above the
 * 8 bits: when a CPU runs out, it flushes its TLB and starts a new
 * generation, and every address space's ASID from an older one is stale.
 * ASID 0 is never given out: it is the "no user space" ASID.
 *
 * Shootdown: after the kernel removes or restricts mappings of an address
 * space, CPUs that run it now are sent an IPI and give it a fresh ASID;
 * CPUs that do not just forget its ASID, so they take a fresh one next time. */
#include "hal.h"
#include "lib.h"
#include "task.h"
#include "vm.h"

static u64 asid_last[NCPU];          /* generation << 8 | last ASID, per CPU */
static struct spinlock active_lock = SPINLOCK_INIT("asid");
static volatile u64 shoot_req[NCPU], shoot_ack[NCPU];
static u64 empty_pgd[1024] __attribute__((aligned(PAGE_SIZE)));

#define ASID_MASK 0xFFull

/* A valid ASID for vm on this CPU (active_lock held). */
static unsigned asid_get(struct vmspace *vm, unsigned cpu) {
  u64 a = vm->asid[cpu];
  if (!asid_last[cpu]) asid_last[cpu] = 1ull << 8;
  if (a && (a >> 8) == (asid_last[cpu] >> 8)) return (unsigned)(a & ASID_MASK);
  a = ++asid_last[cpu];
  if ((a & ASID_MASK) == 0) {     /* a new generation */
    hal_tlb_flush_all();
    a = ++asid_last[cpu];
  }
  vm->asid[cpu] = a;
  return (unsigned)(a & ASID_MASK);
}

void vm_activate(struct vmspace *vm) {
  unsigned cpu = hal_cpu_id();
  spin_lock(&active_lock);
  vm->cpus_active |= 1ull << cpu;
  unsigned asid = asid_get(vm, cpu);
  spin_unlock(&active_lock);
  hal_set_user_space(vm->pgd, asid);
}

void vm_deactivate(struct vmspace *vm) {
  unsigned cpu = hal_cpu_id();
  spin_lock(&active_lock);
  vm->cpus_active &= ~(1ull << cpu);
  spin_unlock(&active_lock);
  hal_set_user_space(empty_pgd, 0);
}

/* The IPI side: whatever address space this CPU runs gets a fresh ASID. */
void vm_ipi(void) {
  unsigned cpu = hal_cpu_id();
  u64 req = shoot_req[cpu];
  if (req == shoot_ack[cpu]) return;
  struct task *t = current;
  if (t && t->vm && (t->vm->cpus_active & (1ull << cpu))) {
    spin_lock(&active_lock);
    t->vm->asid[cpu] = 0;
    unsigned asid = asid_get(t->vm, cpu);
    spin_unlock(&active_lock);
    hal_set_user_space(t->vm->pgd, asid);
  }
  __atomic_store_n(&shoot_ack[cpu], req, __ATOMIC_RELEASE);
}

/* Removes vm's stale entries from every CPU; va = ~0 for all of them.  Call
 * with no spinlock held: it waits for the other CPUs with interrupts on. */
static void shootdown(struct vmspace *vm, u64 va) {
  unsigned me = hal_cpu_id();
  u64 targets = 0;
  u64 want[NCPU];
  spin_lock(&active_lock);
  for (unsigned c = 0; c < ncpus; c++) {
    if (c == me) continue;
    if (vm->cpus_active & (1ull << c)) targets |= 1ull << c;
    else vm->asid[c] = 0;
  }
  bool here = vm->cpus_active & (1ull << me);
  if (here && va == ~0ull) {
    vm->asid[me] = 0;
    unsigned asid = asid_get(vm, me);
    hal_set_user_space(vm->pgd, asid);
  } else if (here) {
    hal_tlb_flush_page(va, (unsigned)(vm->asid[me] & ASID_MASK));
  } else {
    vm->asid[me] = 0;
  }
  spin_unlock(&active_lock);
  for (unsigned c = 0; c < ncpus; c++) {
    if (!(targets & (1ull << c))) continue;
    want[c] = __atomic_add_fetch(&shoot_req[c], 1, __ATOMIC_ACQ_REL);
    hal_ipi_send(c);
  }
  for (unsigned c = 0; c < ncpus; c++) {
    if (!(targets & (1ull << c))) continue;
    while ((i64)(__atomic_load_n(&shoot_ack[c], __ATOMIC_ACQUIRE) - want[c]) < 0) {
      if (!hal_intr_get()) vm_ipi();  /* answer others' requests while waiting */
    }
  }
}

void vm_tlb_flush_page(struct vmspace *vm, u64 va) { shootdown(vm, va); }
void vm_tlb_flush_all(struct vmspace *vm) { shootdown(vm, ~0ull); }
