/* hello.c - the smallest VM kernel: prints its boot words and its VM's
 * shape, touches every page of its memory through the xsseg window (a sum
 * that depends only on the memory size), and halts with status 0.  The
 * neighbour in the multi-VM and hostile tests: its output must not change. */
#include "guest.h"

long gmain(long argc, char **argv) {
  long mem = mcall(MC_INFO, MCI_MEM_SIZE, 0, 0, 0);
  rt_printf("hello from vm%ld: %ld vCPU(s), %ld MiB, %ld disk(s)\n", mcall(MC_INFO, MCI_VM_ID, 0, 0, 0),
            mcall(MC_INFO, MCI_NUM_VCPUS, 0, 0, 0), mem >> 20, mcall(MC_INFO, MCI_NUM_DISKS, 0, 0, 0));
  for (long i = 0; i < argc; i++) rt_printf("argv[%ld] = %s\n", i, argv[i]);
  unsigned long sum = 0;
  for (unsigned long pa = 2 << 20; pa < (unsigned long)mem; pa += 4096) {
    volatile unsigned long *p = (volatile unsigned long *)DG_XPHYS_P2V(pa);
    if (*p != 0) rt_printf("not ok - page %lx not zeroed\n", pa);
    *p = pa * 3 + 1;
    sum += *p;
  }
  rt_printf("sum %lx over %ld pages\n", sum, (mem - (2 << 20)) >> 12);
  return 0;
}
