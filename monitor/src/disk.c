/* disk.c - the monitor's driver for the board's disk controller
 * (docs/board.md): one command at a time under one lock, DMA to machine
 * addresses, completion by polling STATUS (the monitor keeps IP2 masked).
 * Guests never see the controller: their requests arrive as monitor calls
 * (mcall.c), already translated to machine addresses. */
#include "board.h"
#include "mon.h"
#include "vm.h"

static spinlock_t disk_lock;
static unsigned max_sectors;

unsigned disk_count(void) { return (unsigned)reg_read64(DISK_BASE, DISK_NUM_DISKS); }
u64 disk_sectors(unsigned d) { return d < disk_count() ? reg_read64(DISK_BASE, DISK_CAPACITY(d)) : 0; }

/* Reads or writes count sectors at machine address ma (contiguous).
 * Returns 0, or -(controller error code). */
int disk_rw(unsigned d, u64 sector, u32 count, u64 ma, bool write) {
  int r = 0;
  spin_lock(&disk_lock);
  if (!max_sectors) max_sectors = (unsigned)reg_read64(DISK_BASE, DISK_MAX_SECTORS);
  while (count && r == 0) {
    u32 n = MIN(count, max_sectors);
    reg_write64(DISK_BASE, DISK_TARGET, d);
    reg_write64(DISK_BASE, DISK_SECTOR, sector);
    reg_write64(DISK_BASE, DISK_COUNT, n);
    reg_write64(DISK_BASE, DISK_DMA_ADDR, ma);
    reg_write64(DISK_BASE, DISK_COMMAND, write ? DISK_CMD_WRITE : DISK_CMD_READ);
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
