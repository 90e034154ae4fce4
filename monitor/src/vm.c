/* vm.c - virtual machines: creation from the boot words (memory, vCPUs,
 * disks, the kernel, its boot arguments), the pmap, the console line, and
 * halting.  The pmap has one u64 per guest page: 0 until the page is first
 * touched, then the EntryLo of a machine page allocated on the node of the
 * CPU that touched it (PFN | cacheable | D | V; refill.S adds G for the
 * windows, vtlb.c merges the guest's D and G for mapped pages). */
#include "board.h"
#include "cp0.h"
#include "disco_guest.h"
#include "mon.h"
#include "vm.h"

void vcpu_init(struct vcpu *v, struct vm *vm, unsigned id);
void sched_make_runnable(struct vcpu *v);

u64 pmap_entry(struct vm *vm, u64 gpn) {
  if (gpn >= vm->npages) return 0;
  u64 e = vm->pmap[gpn];
  if (e) return e;
  spin_lock(&vm->lock);
  if (!(e = vm->pmap[gpn])) {
    u64 ma = pmem_alloc(this_node());
    if (!ma) panic("out of machine memory for vm%u", vm->id);
    *memmap(ma) = (struct memmap_entry){(u16)vm->id, MM_GUEST, (u32)gpn};
    e = (ma >> PAGE_SHIFT) << ENTRYLO_PFN_SHIFT | ENTRYLO_CACHED | ENTRYLO_D | ENTRYLO_V;
    __atomic_store_n(&vm->pmap[gpn], e, __ATOMIC_RELEASE);
  }
  spin_unlock(&vm->lock);
  return e;
}

void tlb_flush_all(void);

/* Called before every entry into the guest (trap.c) and while waiting in
 * pmap_take_back: a page of the VM was taken back since this vCPU last
 * looked, so nothing it cached may still point at it. */
void tlb_gen_check(struct vcpu *v) {
  u64 gen = v->vm->tlb_gen;
  if (v->seen_gen == gen) return;
  tlb_flush_all();
  memset(v->l2tlb, 0, L2TLB_SIZE * sizeof *v->l2tlb);
  __atomic_store_n(&v->seen_gen, gen, __ATOMIC_RELEASE);
}

/* The memory hints (MC_ZERO_PAGE, MC_FREE_PAGE): the guest page loses its
 * machine page, which goes back to the allocator once no vCPU of the VM
 * can reach it - a TLB shootdown without backmaps: the VM's generation is
 * bumped, every CPU running one of its vCPUs is sent an IPI, and each vCPU
 * flushes its real TLB and L2TLB before it next enters the guest.  The
 * next touch of the page allocates a fresh zeroed one. */
void pmap_take_back(struct vcpu *v, u64 gpn) {
  struct vm *vm = v->vm;
  spin_lock(&vm->lock);
  u64 e = gpn < vm->npages ? vm->pmap[gpn] : 0;
  if (e) {
    vm->pmap[gpn] = 0;
    __atomic_fetch_add(&vm->tlb_gen, 1, __ATOMIC_SEQ_CST);
  }
  u64 gen = vm->tlb_gen;
  spin_unlock(&vm->lock);
  if (!e) return;
  for (unsigned i = 0; i < vm->nvcpus; i++) {
    struct vcpu *o = vm->vcpus[i];
    int cpu = o->on_cpu;
    if (o != v && cpu >= 0 && (unsigned)cpu != this_cpu()) reg_write64(IPI_BASE, IPI_SEND, (u64)cpu);
  }
  for (unsigned i = 0; i < vm->nvcpus; i++) {
    struct vcpu *o = vm->vcpus[i];
    while (o != v && o->on_cpu >= 0 && (i64)(o->seen_gen - gen) < 0) tlb_gen_check(v);  /* theirs, or ours */
  }
  tlb_gen_check(v);
  pmem_free((e & ENTRYLO_PFN_MASK) >> ENTRYLO_PFN_SHIFT << PAGE_SHIFT);
  vm->pages_returned++;
}

bool gpa_to_ma(struct vm *vm, u64 gpa, u64 *ma) {
  u64 e = pmap_entry(vm, gpa >> PAGE_SHIFT);
  if (!e) return false;
  *ma = ((e & ENTRYLO_PFN_MASK) >> ENTRYLO_PFN_SHIFT << PAGE_SHIFT) | (gpa & (PAGE_SIZE - 1));
  return true;
}

/* The guest's argc/argv/envp block at GPA_BOOTARGS, laid out as the
 * board's: pointers (DG_KSEG addresses), a NULL, an empty envp, strings. */
static int write_bootargs(struct vm *vm, long *argc) {
  u64 ma;
  if (!gpa_to_ma(vm, GPA_BOOTARGS, &ma)) return -1;
  u64 *ptrs = MA2KV(ma);             /* the block is in one page (first 4 KiB) */
  char *strs = (char *)(ptrs + 64), *base = (char *)ptrs;
  const char *words[62];
  unsigned n = 0;
  words[n++] = "kernel";
  for (char *s = vm->args; *s && n < 61;) {
    while (*s == ' ') *s++ = 0;
    if (!*s) break;
    words[n++] = s;
    while (*s && *s != ' ') s++;
  }
  for (unsigned i = 0; i < n; i++) {
    u64 len = strlen(words[i]) + 1;
    if (strs + len > base + PAGE_SIZE) return -1;
    memcpy(strs, words[i], len);
    ptrs[i] = DG_KSEG + GPA_BOOTARGS + (u64)(strs - base);
    strs += len;
  }
  ptrs[n] = 0;       /* argv ends */
  ptrs[n + 1] = 0;   /* envp: empty */
  *argc = n;
  return 0;
}

static void disks_check(void) {
  for (unsigned a = 0; a < num_vms; a++)
    for (unsigned i = 0; i < vms[a]->ndisks; i++) {
      unsigned d = vms[a]->disks[i];
      if (d >= disk_count()) panic("vm%u: no disk %u on the board", a, d);
      for (unsigned b = 0; b <= a; b++)
        for (unsigned j = 0; j < vms[b]->ndisks; j++)
          if (vms[b]->disks[j] == d && (b != a || j < i))
            panic("disk %u given to vm%u and vm%u: a disk belongs to one VM", d, b, a);
    }
}

void vm_create_all(void) {
  disks_check();
  for (unsigned i = 0; i < num_vms; i++) {
    struct vm *vm = vms[i];
    long argc;
    vm->npages = vm->mem_bytes / PAGE_SIZE;
    vm->pmap = kalloc(vm->npages * sizeof(u64));
    for (unsigned c = 0; c < vm->nvcpus; c++) {
      vm->vcpus[c] = kalloc(sizeof(struct vcpu));
      vcpu_init(vm->vcpus[c], vm, c);
    }
    if (elf_load(vm) || write_bootargs(vm, &argc)) {
      vm_halt(vm, 255, "cannot load its kernel");
      continue;
    }
    struct vcpu *v = vm->vcpus[0];
    v->pc = vm->entry;
    v->regs[4] = (u64)argc;
    v->regs[5] = DG_KSEG + GPA_BOOTARGS;
    v->regs[6] = DG_KSEG + GPA_BOOTARGS + 8 * ((u64)argc + 1);
    if (!mon_quiet) printf("disco: vm%u: %u vCPU%s, %lu MiB, kernel from disk %d, entry %lx\n", vm->id, vm->nvcpus,
           vm->nvcpus > 1 ? "s" : "", (unsigned long)(vm->mem_bytes >> 20), vm->kernel_disk,
           (unsigned long)vm->entry);
    sched_make_runnable(v);
  }
}

/* A line gets its "[vmN] " prefix once, at its start: a line longer than
 * the buffer goes out in pieces, and only the first is prefixed (other VMs'
 * lines may then fall between the pieces). */
static void flush_line(struct vm *vm) {
  console_lock();
  if (num_vms > 1 && !vm->mid_line) rt_printf("[vm%u] ", vm->id);
  for (unsigned i = 0; i < vm->line_len; i++) rt_putc(vm->line[i]);
  console_unlock();
  vm->mid_line = vm->line_len && vm->line[vm->line_len - 1] != '\n';
  vm->line_len = 0;
}

/* Guest console output, a line at a time so VMs do not interleave. */
void vm_putc(struct vm *vm, char c) {
  spin_lock(&vm->lock);
  vm->line[vm->line_len++] = c;
  if (c == '\n' || vm->line_len == sizeof vm->line) flush_line(vm);
  spin_unlock(&vm->lock);
}

/* Ends the VM (once): its vCPUs stop at their next exit (sched.c). */
void vm_halt(struct vm *vm, int status, const char *why) {
  if (__atomic_exchange_n(&vm->halted, 1, __ATOMIC_ACQ_REL)) return;
  vm->status = status;
  spin_lock(&vm->lock);
  if (vm->line_len) flush_line(vm);
  spin_unlock(&vm->lock);
  if (why)
    printf("disco: vm%u killed: %s\n", vm->id, why);
  else
    if (!mon_quiet) printf("disco: vm%u halted, status %d\n", vm->id, status);
}
