/* host_disk.c - disk 0 of the stubbed kernel is a host image file (pread,
 * pwrite).  A "physical address" is a host pointer (stubs/layout.h).
 * Transfers are counted, so a test can see writes being coalesced. */
#include <stdio.h>
#include <unistd.h>

#include "disk.h"
#include "host_stubs.h"
#include "linux_n64.h"

static int disk_fd = -1;
static u64 disk_sectors;
struct disk_stats disk_stats;

void host_disk_open(int fd, u64 bytes) {
  disk_fd = fd;
  disk_sectors = bytes / SECTOR_SIZE;
}
unsigned disk_count(void) { return 1; }
u64 disk_capacity(unsigned disk) { return disk == 0 ? disk_sectors : 0; }
int disk_rw(unsigned disk, u64 sector, u32 count, paddr_t pa, bool write) {
  if (disk != 0 || count == 0 || count > 256 || sector + count > disk_sectors) {
    fprintf(stderr, "disk_rw: bad request disk %u sector %llu count %u\n", disk, (unsigned long long)sector, count);
    return -LINUX_EIO;
  }
  void *p = (void *)(uintptr_t)pa;
  size_t len = (size_t)count * SECTOR_SIZE;
  off_t off = (off_t)(sector * SECTOR_SIZE);
  ssize_t r = write ? pwrite(disk_fd, p, len, off) : pread(disk_fd, p, len, off);
  __atomic_add_fetch(write ? &disk_stats.writes : &disk_stats.reads, 1, __ATOMIC_RELAXED);
  __atomic_add_fetch(write ? &disk_stats.sectors_written : &disk_stats.sectors_read, count, __ATOMIC_RELAXED);
  if (write && count > disk_stats.max_write) disk_stats.max_write = count;
  return r == (ssize_t)len ? 0 : -LINUX_EIO;
}
