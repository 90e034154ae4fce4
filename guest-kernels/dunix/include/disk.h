/* disk.h - block devices as the portable kernel sees them.  The HAL's disk
 * driver implements them (bare: hal/bare/disk.c on the board's SCSI-like
 * controller, by DMA and the disk interrupt). */
#ifndef DUNIX_DISK_H
#define DUNIX_DISK_H

#include "types.h"

#define SECTOR_SIZE 512

/* Transfers count sectors between disk `disk` and physical memory at pa
 * (contiguous).  Sleeps until the transfer is done: task context only.
 * Returns 0, or -LINUX_EIO (the controller's error is logged). */
int disk_rw(unsigned disk, u64 sector, u32 count, paddr_t pa, bool write);
unsigned disk_count(void);
u64 disk_capacity(unsigned disk);   /* in sectors */

#endif
