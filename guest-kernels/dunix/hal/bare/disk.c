/* disk.c - the bare board's disk controller (docs/board.md): one command at a
 * time, by DMA, completion on IP2 (to CPU 0).
 *
 * disk_rw() queues behind the running command, programs the controller,
 * and sleeps until disk_intr() sees DONE or ERROR.  Before the scheduler runs
 * (no current task) it polls instead.  Lock order: disk.lock only. */
#include "board.h"
#include "disk.h"
#include "hal.h"
#include "lib.h"
#include "linux_n64.h"
#include "spinlock.h"
#include "wait.h"

static struct {
  struct spinlock lock;
  bool busy;          /* a command is in flight */
  bool done;          /* ... and has finished */
  u64 status;         /* its STATUS register at completion */
  unsigned max_sectors;
} disk = {.lock = SPINLOCK_INIT("disk")};

unsigned disk_count(void) { return (unsigned)reg_read64(DISK_BASE, DISK_NUM_DISKS); }
u64 disk_capacity(unsigned d) { return d < disk_count() ? reg_read64(DISK_BASE, DISK_CAPACITY(d)) : 0; }

void disk_intr(void) {
  u64 st = reg_read64(DISK_BASE, DISK_STATUS);
  if (!(st & (DISK_ST_DONE | DISK_ST_ERROR))) return;
  reg_write64(DISK_BASE, DISK_ACK, 1);
  spin_lock(&disk.lock);
  disk.status = st;
  disk.done = true;
  wakeup(&disk.done);
  spin_unlock(&disk.lock);
}

/* One command of at most max_sectors; disk.lock held, the controller ours. */
static int one_command(unsigned d, u64 sector, u32 count, paddr_t pa, bool write) {
  reg_write64(DISK_BASE, DISK_TARGET, d);
  reg_write64(DISK_BASE, DISK_SECTOR, sector);
  reg_write64(DISK_BASE, DISK_COUNT, count);
  reg_write64(DISK_BASE, DISK_DMA_ADDR, pa);
  disk.done = false;
  reg_write64(DISK_BASE, DISK_COMMAND, write ? DISK_CMD_WRITE : DISK_CMD_READ);
  if (!hal_current()) {  /* early boot: poll */
    u64 st;
    while (!((st = reg_read64(DISK_BASE, DISK_STATUS)) & (DISK_ST_DONE | DISK_ST_ERROR))) {
    }
    reg_write64(DISK_BASE, DISK_ACK, 1);
    disk.status = st;
    disk.done = true;
  }
  while (!disk.done) sleep(&disk.done, &disk.lock);
  if (disk.status & DISK_ST_ERROR) {
    printk("disk%u: %s of %u sectors at %lu failed: controller error %lu\n", d, write ? "write" : "read",
           count, (unsigned long)sector, (unsigned long)((disk.status >> 8) & 0xFF));
    return -LINUX_EIO;
  }
  return 0;
}

int disk_rw(unsigned d, u64 sector, u32 count, paddr_t pa, bool write) {
  spin_lock(&disk.lock);
  if (!disk.max_sectors) disk.max_sectors = (unsigned)reg_read64(DISK_BASE, DISK_MAX_SECTORS);
  while (disk.busy) sleep(&disk.busy, &disk.lock);
  disk.busy = true;
  int r = 0;
  while (count && r == 0) {
    u32 n = MIN(count, disk.max_sectors);
    r = one_command(d, sector, n, pa, write);
    sector += n, count -= n, pa += (u64)n * SECTOR_SIZE;
  }
  disk.busy = false;
  wakeup(&disk.busy);
  spin_unlock(&disk.lock);
  return r;
}
