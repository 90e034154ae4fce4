/* boot.c (Disco) - what the HAL learns when the virtual machine starts: the
 * boot arguments the monitor left at guest-physical 0x8000 (argc/argv/envp
 * in a0-a2, laid out as the board's), and the VM's memory from MC_INFO.  A
 * virtual machine is one node: its memory is the monitor's to place. */
#include "hal.h"
#include "lib.h"
#include "mcall.h"

int boot_argc;
char **boot_argv, **boot_envp;
extern char __kernel_end[];

void hal_early_init(long argc, u64 argv, u64 envp) {
  boot_argc = (int)argc;
  boot_argv = (char **)(uintptr_t)argv;
  boot_envp = (char **)(uintptr_t)envp;
  if (argv == 0) {
    static char *none[1] = {0};
    boot_argc = 0;
    boot_argv = boot_envp = none;
  }
}

unsigned hal_num_nodes(void) { return 1; }

unsigned hal_mem_regions(struct mem_region *out, unsigned max) {
  u64 mem = (u64)mcall(MC_INFO, MCI_MEM_SIZE, 0, 0, 0);
  paddr_t start = ROUNDUP(V2P(__kernel_end), PAGE_SIZE);
  u64 end = MIN(mem, (u64)DG_IO_BASE);   /* guest RAM stays below its I/O window */
  if (max == 0 || start >= end) return 0;
  out[0] = (struct mem_region){start, end, 0};
  return 1;
}
