/* layout.h (Disco) - the guest kernel's address spaces when it runs on the
 * Disco monitor: the same user space as the bare kernel, but the kernel
 * itself in the supervisor segments the monitor provides (disco_guest.h).
 *
 *   virtual address (64-bit, n64; the kernel runs in supervisor mode)
 *   0xFFFF_FFFF_C000_0000 +------------------------------+  cksseg = guest-physical
 *                         | exception vectors  (gpa 0)   |  0..512 MiB, filled by the
 *                         | boot arguments  (gpa 0x8000) |  monitor from its pmap:
 *                         | kernel image    (gpa 1 MiB)  |  the kernel is linked at
 *                         |  ...                         |  0xFFFF_FFFF_C010_0000
 *   0x4000_0100_0000_0000 +------------------------------+
 *                         | every byte of guest-physical |  xsseg window: P2V(pa) =
 *                         | RAM (page tables, stacks,    |  0x4000_0000_0000_0000 | pa;
 *                         | page frames, buffers, PDAs)  |  its I/O window only for
 *   0x4000_0000_0000_0000 +------------------------------+  sim-control IDLE/EXIT
 *                         |  ...                         |
 *   0x0000_0100_0000_0000 +------------------------------+  USER_TOP (2^40)
 *                         | (user space exactly as the   |
 *                         |  bare kernel's: hal/layout.h)|
 *   0x0000_0000_0001_0000 +------------------------------+  USER_MIN
 *   0x0000_0000_0000_7000   privileged-register page (kernel mode only: DG_REG)
 *
 * Compared with hal/layout.h only the kernel's half changes - the paper's
 * "KSEG0 relocation" - and the PDA, which moves out of ckseg3 (pda.h). */
#ifndef DUNIX_LAYOUT_H
#define DUNIX_LAYOUT_H

#include "disco_guest.h"

#define KSEG0_BASE DG_KSEG                 /* the guest's "kseg0": cksseg */
#define XKPHYS_CACHED DG_XPHYS             /* the guest's "xkphys" */
#define XKPHYS_UNCACHED DG_XPHYS           /* (the monitor decides caching) */

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
  /* cksseg (the kernel image) or the xsseg window (everything allocated) */
  if (kva >= KSEG0_BASE) return kva - KSEG0_BASE;
  return kva & 0x000000FFFFFFFFFFull;
}
#define IO_VA(pa) ((volatile void *)(uintptr_t)((u64)(pa) | XKPHYS_UNCACHED))
#endif

#endif
