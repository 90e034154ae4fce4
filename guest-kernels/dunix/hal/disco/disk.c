/* disk.c (Disco) - the virtual disks: each request is one monitor call that
 * passes every argument at once (the paper's section 4.2.4); the monitor
 * translates the guest-physical DMA address and completes the transfer
 * before the call returns, so there is no interrupt and no queue here. */
#include "disk.h"
#include "hal.h"
#include "lib.h"
#include "linux_n64.h"
#include "mcall.h"

unsigned disk_count(void) { return (unsigned)mcall(MC_INFO, MCI_NUM_DISKS, 0, 0, 0); }

u64 disk_capacity(unsigned d) {
  long r = mcall(MC_INFO, MCI_DISK_SECTORS, d, 0, 0);
  return r < 0 ? 0 : (u64)r;
}

int disk_rw(unsigned d, u64 sector, u32 count, paddr_t pa, bool write) {
  long r = mcall(write ? MC_DISK_WRITE : MC_DISK_READ, d, (long)sector, count, (long)pa);
  if (r < 0) {
    printk("disk%u: %s of %u sectors at %lu failed: monitor error %ld\n", d, write ? "write" : "read", count,
           (unsigned long)sector, r);
    return -LINUX_EIO;
  }
  return 0;
}

void disk_intr(void) {}
