/* dma.c - disk DMA is coherent with the caches (docs/memory-system.md): a
 * disk READ (device writes memory) invalidates every cached copy of the
 * buffer, so the next loads miss and see the disk's data; a disk WRITE
 * (device reads memory) makes the dirty owner write the buffer back and
 * keep it Shared, so the next loads hit and the next stores are upgrades.
 * Phases: 1 the READ command, 2 loads of its buffer, 3 the WRITE command,
 * 4 loads and 5 stores of that buffer.  dma_test.py checks them. */
#include "timed.h"

enum { COMMAND = 0x00, TARGET = 0x08, SECTOR = 0x10, COUNT_REG = 0x18, DMA_ADDR = 0x20, STATUS = 0x28,
       ACK = 0x30 };
enum { READ = 1, WRITE = 2, BUSY = 1 };
#define SECTOR_BYTES 512
#define LINES (SECTOR_BYTES / L2_LINE)

/* One disk command, from issue to completion, as measured phase `phase`. */
static uint64_t io(uint64_t phase, uint64_t cmd, uint64_t sector, uint64_t pa) {
  DEV(DISK, TARGET) = 0;
  DEV(DISK, SECTOR) = sector;
  DEV(DISK, COUNT_REG) = 1;
  DEV(DISK, DMA_ADDR) = pa;
  DEV(SIMCTL, 0x10) = phase;
  DEV(DISK, COMMAND) = cmd;
  uint64_t st;
  while ((st = DEV(DISK, STATUS)) & BUSY) {
  }
  DEV(SIMCTL, 0x18) = phase;
  DEV(DISK, ACK) = 1;
  return st;
}

static uint32_t checksum(volatile const uint8_t *p, unsigned n) {
  uint32_t h = 2166136261u;
  for (unsigned k = 0; k < n; ++k) h = (h ^ p[k]) * 16777619u;
  return h;
}

int main(void) {
  uint64_t in = REGION(0), out = REGION(0) + 0x1000;
  volatile uint64_t *b = KSEG0(in), *d = KSEG0(out);

  /* The buffer is cached (clean exclusive) when the disk writes it. */
  for (unsigned k = 0; k < LINES; ++k) (void)b[k * L2_LINE / 8];
  uint64_t st = io(1, READ, 3, in);
  delay(100);
  timed_loads(2, b, LINES, L2_LINE);
  rt_printf("read status %llu sum %08x\n", (unsigned long long)st, checksum((volatile uint8_t *)b, SECTOR_BYTES));

  /* The buffer is dirty in our cache when the disk reads it. */
  for (unsigned k = 0; k < SECTOR_BYTES / 8; ++k) d[k] = 0x0101010101010101ull * (k & 0xFF);
  st = io(3, WRITE, 7, out);
  delay(100);
  timed_loads(4, d, LINES, L2_LINE);
  delay(100);
  timed_stores(5, d, LINES, L2_LINE);
  rt_printf("write status %llu\n", (unsigned long long)st);
  return 0;
}
