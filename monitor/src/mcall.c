/* mcall.c - monitor calls (mcall.h): SYSCALL from the guest's kernel mode,
 * dispatched through one table indexed by the call number in v0.  Each
 * call passes all its arguments in one trap; disk requests name
 * guest-physical buffers, which the monitor checks against the VM's memory
 * and translates page by page to machine addresses. */
#include "board.h"
#include "cp0.h"
#include "disk.h"
#include "mcall.h"
#include "mon.h"
#include "trap.h"
#include "vm.h"

#define A(n) (v->regs[4 + (n)])
#define RET(x) (v->regs[2] = (u64)(i64)(x), RESUME)

static enum outcome mc_putc(struct vcpu *v) {
  vm_putc(v->vm, (char)A(0));
  return RET(0);
}

/* A buffer of console output in one call, from guest-physical memory. */
static enum outcome mc_console_write(struct vcpu *v) {
  u64 gpa = A(0), len = A(1), ma;
  if (len > 4096) return RET(MCE_INVAL);
  if (gpa >= v->vm->mem_bytes || len > v->vm->mem_bytes - gpa) return RET(MCE_FAULT);
  for (u64 i = 0; i < len; i++) {
    if (i == 0 || ((gpa + i) & (PAGE_SIZE - 1)) == 0) gpa_to_ma(v->vm, gpa + i, &ma);
    else ma++;
    vm_putc(v->vm, *(volatile char *)MA2KV(ma));
  }
  return RET(len);
}

/* Console input belongs to vm0 (the board has one UART). */
static enum outcome mc_getc(struct vcpu *v) {
  int c = v->vm->id == 0 ? console_getc() : -1;
  return RET(c < 0 ? MCE_AGAIN : c);
}

static enum outcome mc_halt(struct vcpu *v) {
  vm_halt(v->vm, (int)A(0), 0);
  return DESCHEDULE;
}

static enum outcome mc_info(struct vcpu *v) {
  struct vm *vm = v->vm;
  switch (A(0)) {
    case MCI_VCPU_ID: return RET(v->id);
    case MCI_NUM_VCPUS: return RET(vm->nvcpus);
    case MCI_MEM_SIZE: return RET(vm->mem_bytes);
    case MCI_NUM_DISKS: return RET(vm->ndisks);
    case MCI_DISK_SECTORS: return RET(A(1) < vm->ndisks ? (i64)disk_sectors(vm->disks[A(1)]) : MCE_NODEV);
    case MCI_VM_ID: return RET(vm->id);
    case MCI_CLOCK_MHZ: return RET((i64)reg_read64(NODE_CLOCK_BASE(0), CLOCK_MHZ));
    default: return RET(MCE_INVAL);
  }
}

/* Turns r's runs into one run through the bounce buffer (disk.h); for a
 * write the guest's data is copied in now, for a read it is copied out when
 * the command completes (disk.c: disk_intr). */
static void bounce(struct disk_req *r, u64 count) {
  if (!r->bounce_ma) r->bounce_ma = KV2MA(kalloc(DISK_BOUNCE_SECTORS * 512));
  u8 *buf = MA2KV(r->bounce_ma);
  for (unsigned i = 0; i < r->nruns; i++) {
    r->scatter[i] = r->runs[i];
    if (r->write) memcpy(buf, MA2KV(r->runs[i].ma), (size_t)r->runs[i].count * 512);
    buf += (u64)r->runs[i].count * 512;
  }
  r->nscatter = r->nruns;
  r->runs[0] = (struct disk_run){r->scatter[0].sector, r->bounce_ma, (u32)count, 0};
  r->nruns = 1;
}

/* One request: the buffer must lie in the VM's RAM and be sector-aligned;
 * it is cut into runs of machine-contiguous pages and queued (disk.c); the
 * vCPU is blocked until the last run completes, with the result in v0. */
static enum outcome mc_disk(struct vcpu *v, bool write) {
  struct vm *vm = v->vm;
  u64 disk = A(0), sector = A(1), count = A(2), gpa = A(3);
  if (disk >= vm->ndisks) return RET(MCE_NODEV);
  u64 bytes = count * 512, cap = disk_sectors(vm->disks[disk]);
  if (count == 0 || count > DISK_REQ_MAX_SECTORS || (gpa & 511)) return RET(MCE_INVAL);
  if (gpa >= vm->mem_bytes || bytes > vm->mem_bytes - gpa) return RET(MCE_FAULT);
  if (sector >= cap || count > cap - sector) return RET(MCE_INVAL);
  struct disk_req *r = v->disk_req;
  u64 bounce_ma = r->bounce_ma;
  *r = (struct disk_req){.v = v, .disk = vm->disks[disk], .write = write, .bounce_ma = bounce_ma};
  while (bytes) {
    u64 ma, next_ma, run = MIN(bytes, PAGE_SIZE - (gpa & (PAGE_SIZE - 1)));
    gpa_to_ma(vm, gpa, &ma);
    while (run < bytes && gpa_to_ma(vm, gpa + run, &next_ma) && next_ma == ma + run)
      run += MIN(bytes - run, PAGE_SIZE);
    r->runs[r->nruns++] = (struct disk_run){sector, ma, (u32)(run / 512), 0};
    gpa += run, sector += run / 512, bytes -= run;
  }
  if (r->nruns > 1 && count <= DISK_BOUNCE_SECTORS) bounce(r, count);
  v->next_state = VS_BLOCKED;
  disk_submit(r);
  return DESCHEDULE;
}
static enum outcome mc_disk_read(struct vcpu *v) { return mc_disk(v, false); }
static enum outcome mc_disk_write(struct vcpu *v) { return mc_disk(v, true); }

static enum outcome mc_ipi_send(struct vcpu *v) {
  if (A(0) >= v->vm->nvcpus) return RET(MCE_INVAL);
  post_irq(v->vm->vcpus[A(0)], IRQ_IPI);
  return RET(0);
}

static enum outcome mc_ipi_clear(struct vcpu *v) {
  __atomic_fetch_and(&v->irq_pending, ~CAUSE_IP(IRQ_IPI), __ATOMIC_RELAXED);
  return RET(0);
}

static enum outcome mc_vcpu_start(struct vcpu *v) {
  if (A(0) >= v->vm->nvcpus) return RET(MCE_INVAL);
  struct vcpu *t = v->vm->vcpus[A(0)];
  if (t->state != VS_OFF) return RET(MCE_PERM);
  t->pc = A(1);
  t->regs[4] = A(2);
  sched_make_runnable(t);
  return RET(0);
}

static enum outcome mc_idle(struct vcpu *v) {
  v->regs[2] = 0;
  return vcpu_idle(v);
}

/* The memory hints (vm.c: pmap_take_back). */
static enum outcome mc_page_hint(struct vcpu *v) {
  if (A(0) & (PAGE_SIZE - 1)) return RET(MCE_INVAL);
  if (A(0) >= v->vm->mem_bytes) return RET(MCE_FAULT);
  if (v->vm->disk_inflight) return RET(MCE_AGAIN);   /* a DMA may target it: try again later */
  pmap_take_back(v, A(0) >> PAGE_SHIFT);
  return RET(0);
}

/* Empties the L2TLB; from now on it keeps what the guest's TLBWR evicts (vtlb.c). */
static enum outcome mc_tlb_flush(struct vcpu *v) {
  vtlb_l2_flush(v);
  v->l2_keep = true;
  return RET(0);
}

static const exit_fn mcalls[MC_COUNT] = {
  [MC_PUTC] = mc_putc,           [MC_GETC] = mc_getc,           [MC_HALT] = mc_halt,
  [MC_INFO] = mc_info,           [MC_DISK_READ] = mc_disk_read, [MC_DISK_WRITE] = mc_disk_write,
  [MC_IPI_SEND] = mc_ipi_send,   [MC_IPI_CLEAR] = mc_ipi_clear, [MC_VCPU_START] = mc_vcpu_start,
  [MC_IDLE] = mc_idle,           [MC_ZERO_PAGE] = mc_page_hint, [MC_FREE_PAGE] = mc_page_hint,
  [MC_CONSOLE_WRITE] = mc_console_write, [MC_TLB_FLUSH] = mc_tlb_flush,
};

enum outcome exit_syscall(struct vcpu *v) {
  if (!vcpu_kernel_mode(v)) return REFLECT;   /* the guest's own system call */
  u64 nr = v->regs[2];
  v->kind = EX_MCALL;
  v->pc = resume_pc(v);
  if (nr >= MC_COUNT || !mcalls[nr]) return RET(MCE_NOSYS);
  v->mcalls[nr]++;
  return mcalls[nr](v);
}
