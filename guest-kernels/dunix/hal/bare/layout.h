/* layout.h - the bare kernel's address spaces, in one place.
 *
 *   virtual address (64-bit, n64)
 *   0xFFFF_FFFF_FFFF_A000 +------------------------------+
 *                         | PDA: this CPU's private data |  ckseg3, a wired TLB entry
 *                         | (struct pda, one page)       |  per CPU (entry 0); reached
 *   0xFFFF_FFFF_FFFF_8000 +------------------------------+  as -0x6000($zero)
 *                         |  ...                         |
 *   0xFFFF_FFFF_8000_0000 +------------------------------+  ckseg0 = physical 0..512 MiB
 *                         | exception vectors  (pa 0)    |  0x000 TLB refill
 *                         | boot arguments  (pa 0x8000)  |  0x080 XTLB refill
 *                         | kernel image    (pa 1 MiB)   |  0x180 general exception
 *                         |  ...                         |
 *   0x9800_0000_0000_0000 +------------------------------+  xkphys, cacheable:
 *                         | every byte of physical RAM   |  P2V(pa) = this | pa
 *                         | (40-bit physical addresses)  |  page tables, kernel stacks,
 *                         |                              |  page frames, buffers
 *   0x9000_0000_0000_0000 +------------------------------+  xkphys, uncached: devices
 *                         |  ...                         |
 *   0x0000_0100_0000_0000 +------------------------------+  USER_TOP (2^40)
 *                         | signal trampoline page       |  SIGPAGE (read, execute)
 *                         | guard page                   |
 *   USER_STACK_TOP        | user stack, grows down       |
 *                         |  ...                         |
 *   MMAP_TOP              | mmap area, allocated top-down|
 *                         |  ...                         |
 *                         | program text, data, brk heap |  static n64: 0x1_2000_0000
 *   0x0000_0000_0001_0000 +------------------------------+  nothing below (NULL guard)
 *   0x0000_0000_0000_0000 +------------------------------+
 *
 * The kernel runs in kernel mode: its code and static data in ckseg0 (linked at
 * 0xFFFF_FFFF_8010_0000), everything it allocates reached through xkphys.
 * User programs run in user mode with 64-bit addressing (UX) in xuseg, whose
 * pages the TLB maps through per-process page tables (kern/pagetable.c); the
 * refill handler (hal/locore.S) walks them.  The Disco port moves the kernel
 * into the supervisor segment and changes only this file and the HAL. */
#ifndef DUNIX_LAYOUT_H
#define DUNIX_LAYOUT_H

#define KSEG0_BASE 0xFFFFFFFF80000000ull
#define XKPHYS_CACHED 0x9800000000000000ull
#define XKPHYS_UNCACHED 0x9000000000000000ull
#define PDA_VA 0xFFFFFFFFFFFFA000ull
#define PDA_OFFSET -0x6000              /* PDA_VA as a 16-bit offset from $zero (no parentheses: assembly) */

#define USER_TOP 0x0000010000000000ull  /* 2^40: first address past user space */
#define SIGPAGE_VA (USER_TOP - 0x1000)
#define USER_STACK_TOP (USER_TOP - 0x2000)
#define USER_STACK_MAX (64ull << 20)    /* the stack may grow this far */
#define MMAP_TOP (USER_TOP - (1ull << 30))
#define USER_MIN 0x10000ull             /* lowest address mmap hands out */

#define BOOTARGS_PA 0x8000ull
#define KERNEL_LOAD_PA 0x100000ull

#ifndef __ASSEMBLER__
#include "param.h"
#include "types.h"
/* Physical to kernel virtual and back (only for xkphys addresses). */
#define P2V(pa) ((void *)(uintptr_t)((u64)(pa) | XKPHYS_CACHED))
#define V2P(kva) (kernel_v2p((u64)(uintptr_t)(kva)))
static inline paddr_t kernel_v2p(u64 kva) {
  /* ckseg0 (the kernel image) or xkphys (everything allocated) */
  if (kva >= KSEG0_BASE) return kva - KSEG0_BASE;
  return kva & 0x000000FFFFFFFFFFull;
}
#define IO_VA(pa) ((volatile void *)(uintptr_t)((u64)(pa) | XKPHYS_UNCACHED))
#endif

#endif
