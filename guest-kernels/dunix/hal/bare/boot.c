/* boot.c - what the bare HAL learns at power-on: the boot arguments the
 * board's loader left at BOOTARGS_PA (argc/argv/envp in a0-a2, docs/board.md),
 * and physical memory from cpu-control's NUM_NODES and NODE_MEM. */
#include "board.h"
#include "hal.h"
#include "lib.h"

int boot_argc;
char **boot_argv, **boot_envp;
extern char __kernel_end[];  /* hal/kernel.ld */

/* CPU 0, before anything else.  The argument block lives below the kernel
 * image, which the page allocator never hands out, so the pointers stay good. */
void hal_early_init(long argc, u64 argv, u64 envp) {
  boot_argc = (int)argc;
  boot_argv = (char **)(uintptr_t)argv;
  boot_envp = (char **)(uintptr_t)envp;
  if (argv == 0) {   /* a loader without boot arguments */
    static char *none[1] = {0};
    boot_argc = 0;
    boot_argv = boot_envp = none;
  }
}

unsigned hal_num_nodes(void) { return (unsigned)reg_read64(CPUCTL_BASE, CPUCTL_NUM_NODES); }

/* RAM offsets map to physical addresses around the I/O window (docs/board.md):
 * offsets below IO_BASE are physical as they are; the rest sit 16 MiB higher. */
#define IO_HOLE_SIZE 0x01000000ull
static void add_region(struct mem_region *out, unsigned *n, unsigned max, paddr_t s, paddr_t e, unsigned node) {
  if (s < e && *n < max) out[(*n)++] = (struct mem_region){s, e, node};
}

unsigned hal_mem_regions(struct mem_region *out, unsigned max) {
  u64 per_node = reg_read64(CPUCTL_BASE, CPUCTL_NODE_MEM);
  unsigned nodes = hal_num_nodes(), n = 0;
  paddr_t kend = ROUNDUP(V2P(__kernel_end), PAGE_SIZE);
  for (unsigned node = 0; node < nodes; node++) {
    u64 s = node * per_node, e = s + per_node;   /* RAM offsets */
    if (node == 0) s = kend;
    if (s < IO_BASE) {
      add_region(out, &n, max, s, MIN(e, IO_BASE), node);
      s = IO_BASE;
    }
    if (e > s) add_region(out, &n, max, s + IO_HOLE_SIZE, e + IO_HOLE_SIZE, node);
  }
  return n;
}
