/* disk.c - the monitor's driver for the board's disk controller
 * (docs/board.md), used two ways:
 *
 *   disk_rw()      polls, for the monitor's own reads at boot (kernels);
 *   disk_submit()  queues a guest's request - runs of machine-contiguous
 *                  sectors mcall.c has checked and translated - and returns
 *                  at once; the vCPU is BLOCKED, its physical CPU runs
 *                  others.  Each command's completion raises IP2 at CPU 0,
 *                  which the monitor unmasks there: disk_intr() starts the
 *                  next command and, when a request is done, puts its
 *                  result in the vCPU's v0 and makes it runnable.
 *
 * A request scattered in machine memory but small enough goes through the
 * vCPU's bounce buffer (disk.h) in one command; disk_intr() copies a read
 * out of it before the vCPU runs again.
 *
 * For the guest the call is synchronous (one trap per request, paper
 * 4.2.4).  Lock order: disk_lock, then sched_lock (vcpu_unblock). */
#include "board.h"
#include "cp0.h"
#include "disk.h"
#include "mcall.h"
#include "mon.h"
#include "trap.h"
#include "vm.h"

static spinlock_t disk_lock;
static unsigned max_sectors;
static struct disk_req *head, *tail;   /* the queue; head is on the controller */
static bool busy;

unsigned disk_count(void) { return (unsigned)reg_read64(DISK_BASE, DISK_NUM_DISKS); }
u64 disk_sectors(unsigned d) { return d < disk_count() ? reg_read64(DISK_BASE, DISK_CAPACITY(d)) : 0; }

static void command(unsigned d, u64 sector, u32 count, u64 ma, bool write) {
  if (!max_sectors) max_sectors = (unsigned)reg_read64(DISK_BASE, DISK_MAX_SECTORS);
  reg_write64(DISK_BASE, DISK_TARGET, d);
  reg_write64(DISK_BASE, DISK_SECTOR, sector);
  reg_write64(DISK_BASE, DISK_COUNT, count);
  reg_write64(DISK_BASE, DISK_DMA_ADDR, ma);
  reg_write64(DISK_BASE, DISK_COMMAND, write ? DISK_CMD_WRITE : DISK_CMD_READ);
}

/* Reads or writes count sectors at machine address ma (contiguous), polling.
 * Returns 0, or -(controller error code).  Only while no guest request is queued. */
int disk_rw(unsigned d, u64 sector, u32 count, u64 ma, bool write) {
  int r = 0;
  spin_lock(&disk_lock);
  if (busy) panic("disk_rw while guest requests are in flight");
  while (count && r == 0) {
    if (!max_sectors) max_sectors = (unsigned)reg_read64(DISK_BASE, DISK_MAX_SECTORS);
    u32 n = MIN(count, max_sectors);
    command(d, sector, n, ma, write);
    u64 st;
    while (!((st = reg_read64(DISK_BASE, DISK_STATUS)) & (DISK_ST_DONE | DISK_ST_ERROR))) {
    }
    reg_write64(DISK_BASE, DISK_ACK, 1);
    if (st & DISK_ST_ERROR) r = -(int)((st >> 8) & 0xFF);
    sector += n, count -= n, ma += (u64)n * 512;
  }
  spin_unlock(&disk_lock);
  return r;
}

/* Programs the controller with the head request's next piece; disk_lock held. */
static void start_locked(void) {
  struct disk_req *r = head;
  if (busy || !r) return;
  struct disk_run *run = &r->runs[r->cur];
  r->chunk = MIN(run->count - r->done, max_sectors ? max_sectors : 1);
  command(r->disk, run->sector + r->done, r->chunk, run->ma + (u64)r->done * 512, r->write);
  busy = true;
}

void disk_submit(struct disk_req *r) {
  r->cur = r->done = 0;
  r->next = 0;
  r->v->disk_busy = 1;
  __atomic_fetch_add(&r->v->vm->disk_inflight, 1, __ATOMIC_SEQ_CST);
  spin_lock(&disk_lock);
  if (!max_sectors) max_sectors = (unsigned)reg_read64(DISK_BASE, DISK_MAX_SECTORS);
  if (tail) tail->next = r; else head = r;
  tail = r;
  start_locked();
  spin_unlock(&disk_lock);
}

/* IP2 at CPU 0: the command on the controller finished. */
void disk_intr(void) {
  spin_lock(&disk_lock);
  u64 st = reg_read64(DISK_BASE, DISK_STATUS);
  struct disk_req *r = head;
  if (!busy || !r || !(st & (DISK_ST_DONE | DISK_ST_ERROR))) {
    spin_unlock(&disk_lock);
    return;
  }
  reg_write64(DISK_BASE, DISK_ACK, 1);
  busy = false;
  bool finished = true;
  if (st & DISK_ST_ERROR) {
    r->result = MCE_IO;
  } else {
    r->done += r->chunk;
    if (r->done == r->runs[r->cur].count) r->cur++, r->done = 0;
    finished = r->cur == r->nruns;
    r->result = 0;
  }
  if (finished) {
    head = r->next;
    if (!head) tail = 0;
  }
  start_locked();
  spin_unlock(&disk_lock);
  if (finished) {
    if (r->nscatter && !r->write && r->result == 0) {   /* a read through the bounce buffer */
      const u8 *buf = MA2KV(r->bounce_ma);
      for (unsigned i = 0; i < r->nscatter; i++) {
        memcpy(MA2KV(r->scatter[i].ma), buf, (size_t)r->scatter[i].count * 512);
        buf += (u64)r->scatter[i].count * 512;
      }
    }
    r->v->regs[2] = (u64)(i64)r->result;
    __atomic_fetch_sub(&r->v->vm->disk_inflight, 1, __ATOMIC_SEQ_CST);
    vcpu_unblock(r->v);
  }
}
