/* host_stubs.h - what the test harness adds to the kernel interfaces its
 * stubs implement (host_stubs.c). */
#ifndef HOST_STUBS_H
#define HOST_STUBS_H
#include "types.h"

struct disk_stats {
  u64 reads, writes, sectors_read, sectors_written;
  u32 max_write;  /* largest single write, in sectors */
};
extern struct disk_stats disk_stats;

/* Disk 0 becomes the open image file fd of `bytes` bytes. */
void host_disk_open(int fd, u64 bytes);
#endif
