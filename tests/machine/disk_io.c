/* disk_io.c - a bare-metal program that drives the disk controller
 * (sim/devices/disk.h) by polling: DMA reads and writes, capacity, and the
 * error status of bad requests.  tests/machine/disk_test.py checks what it
 * prints against the host image files. */
#include "rt.h"

#define DISK ((volatile uint64_t *)0xFFFFFFFFBF004000ull)
#define REG(off) DISK[(off) / 8]
enum { COMMAND = 0x00, TARGET = 0x08, SECTOR = 0x10, COUNT = 0x18, DMA = 0x20, STATUS = 0x28, ACK = 0x30,
       NUM_DISKS = 0x38, CAPACITY = 0x100 };
enum { READ = 1, WRITE = 2, BUSY = 1, DONE = 2, ERROR = 4 };

static uint8_t buf[4 * 512] __attribute__((aligned(64)));

/* Kernel-segment address -> physical, for DMA. */
static uint64_t phys(const void *p) { return (uint64_t)(uintptr_t)p & 0x1FFFFFFFull; }

/* Issues a command, polls until it is no longer busy; returns the status. */
static uint64_t io(uint64_t cmd, uint64_t disk, uint64_t sector, uint64_t count, uint64_t dma) {
  REG(TARGET) = disk;
  REG(SECTOR) = sector;
  REG(COUNT) = count;
  REG(DMA) = dma;
  REG(COMMAND) = cmd;
  uint64_t st;
  unsigned polls = 0;
  while ((st = REG(STATUS)) & BUSY) ++polls;
  REG(ACK) = 1;
  return st;
}

static uint32_t checksum(const uint8_t *p, unsigned n) {
  uint32_t h = 2166136261u;
  for (unsigned k = 0; k < n; ++k) h = (h ^ p[k]) * 16777619u;
  return h;
}

int main(void) {
  unsigned n = (unsigned)REG(NUM_DISKS);
  rt_printf("disks %u\n", n);
  for (unsigned d = 0; d < n; ++d) rt_printf("disk %u sectors %llu\n", d, (unsigned long long)REG(CAPACITY + 8 * d));

  uint64_t st = io(READ, 0, 3, 2, phys(buf));
  rt_printf("read d0 s3 n2 status %llu sum %08x\n", (unsigned long long)st, checksum(buf, 1024));

  for (unsigned k = 0; k < 512; ++k) buf[k] = (uint8_t)(k ^ 0x5a);
  st = io(WRITE, 1, 5, 1, phys(buf));
  rt_printf("write d1 s5 status %llu\n", (unsigned long long)st);
  memset(buf, 0, sizeof buf);
  st = io(READ, 1, 5, 1, phys(buf));
  unsigned same = 1;
  for (unsigned k = 0; k < 512; ++k) same &= buf[k] == (uint8_t)(k ^ 0x5a);
  rt_printf("read back status %llu %s\n", (unsigned long long)st, same ? "same" : "DIFFERENT");

  rt_printf("write read-only: error %llu\n", (unsigned long long)(io(WRITE, 0, 0, 1, phys(buf)) >> 8));
  rt_printf("past the end: error %llu\n", (unsigned long long)(io(READ, 1, 1000000, 1, phys(buf)) >> 8));
  rt_printf("dma outside RAM: error %llu\n", (unsigned long long)(io(READ, 1, 0, 1, 0x1F000000ull) >> 8));
  rt_printf("no such disk: error %llu\n", (unsigned long long)(io(READ, 7, 0, 1, phys(buf)) >> 8));
  return 0;
}
