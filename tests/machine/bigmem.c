/* bigmem.c - RAM above the I/O window (sim/memmap.h) on the 8-node x 256 MiB
 * machine of bigmem.toml: 2 GiB of RAM in RAM-offset space, physical
 * [0, 0x1F00_0000) and [0x2000_0000, 0x8100_0000), reached through xkphys.
 *
 * It writes and reads back a pattern at the first, a middle and the last
 * doubleword of every node (node 1 also on both sides of the window), through
 * the cached and the uncached xkphys views; checks that loads from the hole
 * just past the top of RAM and from an unclaimed part of the window take a
 * bus error (DBE); drives the disk's DMA into and out of memory above the
 * window, and onto ranges that leave RAM (error 3); and, with the page miss
 * counters set to Origin's remote-minus-home policy at threshold 1, prints
 * every page that became hot: exactly the pages touched on nodes other than
 * CPU 0's, if the memory system homes high addresses right (only where caches
 * are modelled: the timing model).  bigmem_test.py checks all of it.
 *
 * Prints "ok - ..." / "not ok - ..." per check, "sum ..." for the DMA data
 * and "hot <pa> node <n>" per hot page; exits with the number of failures. */
#include "priv/priv.h"

#define NODES 8
#define PER_NODE (256ull << 20)
#define IO_BASE 0x1F000000ull
#define IO_SIZE 0x01000000ull
#define RAM_TOP 0x81000000ull /* 2 GiB + the 16 MiB window */

#define XK_CACHED(pa) ((volatile u64 *)(0x9800000000000000ull | (pa)))
#define XK_UNCACHED(pa) ((volatile u64 *)(0x9000000000000000ull | (pa)))
#define DEV(pa) (*(volatile u64 *)(0xFFFFFFFFA0000000ull | (pa)))

#define DISK 0x1F004000ull
enum { COMMAND = 0x00, TARGET = 0x08, SECTOR = 0x10, COUNT = 0x18, DMA = 0x20, STATUS = 0x28, ACK = 0x30 };
enum { READ = 1, WRITE = 2, BUSY = 1 };
#define PAGECTR 0x1F005000ull
enum { THRESHOLD = 0x00, POLICY = 0x08, HOT_PAGE = 0x10, HOT_NODE = 0x18, HOT_ACK = 0x20 };

/* The board's one layout rule (sim/memmap.h), restated for the check. */
static u64 offset_to_pa(u64 off) { return off < IO_BASE ? off : off + IO_SIZE; }

static u64 pattern(u64 pa) { return pa * 0x9E3779B97F4A7C15ull ^ 0x5A5AA5A5C3C33C3Cull; }

static void write_read(u64 pa, const char *what) {
  char name[96];
  *XK_CACHED(pa) = pattern(pa);
  rt_snprintf(name, sizeof name, "%s 0x%llx cached", what, (unsigned long long)pa);
  check_eq(*XK_CACHED(pa), pattern(pa), name);
  rt_snprintf(name, sizeof name, "%s 0x%llx uncached", what, (unsigned long long)pa);
  check_eq(*XK_UNCACHED(pa), pattern(pa), name);
  u64 other = (pa & 8) ? pa - 8 : pa + 8; /* its neighbour, written the other way */
  *XK_UNCACHED(other) = ~pattern(pa);
  rt_snprintf(name, sizeof name, "%s 0x%llx neighbour", what, (unsigned long long)pa);
  check_eq(*XK_CACHED(other), ~pattern(pa), name);
}

static void expect_dbe(volatile u64 *p, const char *name) {
  int before = traps;
  (void)*p;
  check(traps == before + 1 && exc_code(&last) == EXC_DBE, name);
}

static u64 io(u64 cmd, u64 sector, u64 count, u64 dma) {
  DEV(DISK + TARGET) = 0;
  DEV(DISK + SECTOR) = sector;
  DEV(DISK + COUNT) = count;
  DEV(DISK + DMA) = dma;
  DEV(DISK + COMMAND) = cmd;
  u64 st;
  while ((st = DEV(DISK + STATUS)) & BUSY) {
  }
  DEV(DISK + ACK) = 1;
  return st;
}

static uint32_t fnv(u64 pa, unsigned n) {
  uint32_t h = 2166136261u;
  for (unsigned k = 0; k < n; ++k) h = (h ^ ((volatile uint8_t *)XK_CACHED(pa))[k]) * 16777619u;
  return h;
}

int main(void) {
  priv_init();
  /* Origin's migration trigger at threshold 1: the first miss from a node
   * other than the page's home makes it hot (docs/memory-system.md). */
  DEV(PAGECTR + POLICY) = 1;
  DEV(PAGECTR + THRESHOLD) = 1;

  for (unsigned n = 0; n < NODES; ++n) {
    u64 first = offset_to_pa(n * PER_NODE), last = offset_to_pa((n + 1) * PER_NODE) - 8;
    rt_printf("node %u 0x%llx..0x%llx\n", n, (unsigned long long)first, (unsigned long long)last);
    /* Node 0's first page holds the exception vectors: test further in. */
    write_read(n ? first : 0x80000, "first");
    write_read(offset_to_pa(n * PER_NODE + PER_NODE / 2 + 0x1230), "middle");
    write_read(last, "last");
  }
  write_read(IO_BASE - 8, "last below the window");
  write_read(IO_BASE + IO_SIZE, "first above the window");
  write_read(RAM_TOP - 8, "top of RAM");

  expect_dbe(XK_UNCACHED(RAM_TOP), "uncached load just past the top of RAM: DBE");
  expect_dbe(XK_CACHED(RAM_TOP), "cached load just past the top of RAM: DBE");
  expect_dbe(XK_CACHED(RAM_TOP + 0x10000000ull), "load far past the top of RAM: DBE");
  expect_dbe(XK_UNCACHED(IO_BASE + 0x800000), "load from an unclaimed part of the window: DBE");

  /* DMA: disk sectors 2..5 into node 6 (above the window); memory above the
   * window out to sector 9; ranges leaving RAM fail with error 3. */
  u64 in = offset_to_pa(6 * PER_NODE + 0x10000), out = RAM_TOP - 512;
  check_eq(io(READ, 2, 4, in), 2, "DMA READ into 0x61010000 (node 6, above the window): DONE");
  rt_printf("sum read 0x%llx %08x\n", (unsigned long long)in, fnv(in, 4 * 512));
  for (unsigned k = 0; k < 512; k += 8) *XK_CACHED(out + k) = pattern(out + k);
  check_eq(io(WRITE, 9, 1, out), 2, "DMA WRITE from the last sector of RAM: DONE");
  check_eq(io(READ, 0, 2, RAM_TOP - 512) >> 8, 3, "DMA past the top of RAM: error 3");
  check_eq(io(READ, 0, 2, IO_BASE - 512) >> 8, 3, "DMA from below into the window: error 3");
  check_eq(io(READ, 0, 1, IO_BASE + IO_SIZE - 512) >> 8, 3, "DMA into the window: error 3");

  for (unsigned k = 0; k < 64 && DEV(PAGECTR + HOT_PAGE) != ~0ull; ++k) {
    rt_printf("hot 0x%llx node %llu\n", (unsigned long long)DEV(PAGECTR + HOT_PAGE),
              (unsigned long long)DEV(PAGECTR + HOT_NODE));
    DEV(PAGECTR + HOT_ACK) = 1;
  }
  return failures();
}
