/* layout.h - the monitor's memory map, in one place: the machine as the
 * monitor sees it (kernel mode), and the address space a virtual machine's
 * guest sees (supervisor and user mode).  Every other file uses these names.
 *
 *   MACHINE (physical, board rules of docs/board.md; the monitor owns it all)
 *   0x00_0000_0000 +------------------------------+
 *                  | monitor exception vectors    |  0x080 XTLB refill, 0x180 general
 *   0x00_0000_8000 | boot arguments (board)       |  read once at boot
 *   0x00_0010_0000 | monitor image                |  linked in ckseg0 (monitor.ld)
 *   __monitor_end  +------------------------------+
 *                  | machine pages, node 0        |  pmem.c: per-node bump + free list;
 *                  | machine pages, node 1 ...    |  vCPU/VM structures, pmaps, stacks,
 *                  |  (I/O window 0x1F00_0000 -   |  PDAs and every VM's memory all
 *                  |   0x1FFF_FFFF skipped)       |  come from here
 *   ram_top        +------------------------------+
 *
 *   MONITOR VIRTUAL (kernel mode, KX = 1)
 *   0xFFFF_FFFF_FFFF_A000  PDA: this CPU's private data, wired TLB entry 0,
 *                          reached as PDA_OFF+x($zero) with no free register
 *   0xFFFF_FFFF_8000_0000  ckseg0: vectors, boot arguments, the monitor image
 *   0x9800_0000_0000_0000  xkphys cached: every machine page (MA2KV)
 *   0x9000_0000_0000_0000  xkphys uncached: the devices (IO_KV)
 *
 *   GUEST VIRTUAL (disco_guest.h is the guest-facing copy of this part)
 *   0xFFFF_FFFF_E000_0000  ckseg3: kernel only, never given to a guest
 *   0xFFFF_FFFF_C000_0000  cksseg: GUEST_KSEG = gpa 0 .. 512 MiB, filled by the
 *                          monitor's refill handler straight from the pmap
 *                          (the guest's "kseg0": vectors, kernel image)
 *   0x4000_0100_0000_0000  xsseg above the window: mapped by the guest's TLB
 *   0x4000_0000_0000_0000  xsseg: GUEST_XPHYS = gpa 0 .. 2^40, filled from the pmap
 *                          (the guest's "xkphys", including its I/O window)
 *   0x0000_0000_0000_0000  xuseg: mapped by the guest's (virtual) TLB
 *
 *   GUEST PHYSICAL (per VM: pmap[gpn] -> machine page, vm.h)
 *   0x0000_0000  vectors page (0x000 refill, 0x080 XTLB refill, 0x180 general)
 *   0x0000_8000  the guest's boot arguments (argc/argv/envp as the board's)
 *   0x0010_0000  the guest kernel image (ELF PT_LOAD segments)
 *   ...          RAM up to the VM's mem= size (at most GPA_IO_BASE)
 *   0x1F00_0000  guest I/O window: never mapped; sim-control IDLE/EXIT stores
 *                there are emulated, every other access is a bus error
 */
#ifndef MON_LAYOUT_H
#define MON_LAYOUT_H

#define PAGE_SHIFT 12
#define PAGE_SIZE 4096ull

#define KSEG0_BASE 0xFFFFFFFF80000000ull
#define XKPHYS_CACHED 0x9800000000000000ull
#define XKPHYS_UNCACHED 0x9000000000000000ull
#define PHYS_MASK 0x000000FFFFFFFFFFull      /* 40-bit machine addresses */

#define PDA_VA 0xFFFFFFFFFFFFA000ull
#define PDA_OFF -0x6000                      /* PDA_VA as an offset from $zero */

#define BOOTARGS_PA 0x8000ull
#define MONITOR_LOAD_PA 0x100000ull

/* The board (docs/board.md): RAM skips the I/O window. */
#define IO_BASE 0x1F000000ull
#define IO_HOLE_SIZE 0x01000000ull

/* Guest windows (disco_guest.h repeats them for guests). */
#define GUEST_KSEG 0xFFFFFFFFC0000000ull     /* cksseg: gpa 0 .. 512 MiB */
#define GUEST_KSEG_SIZE 0x20000000ull
#define GUEST_XPHYS 0x4000000000000000ull    /* xsseg: gpa 0 .. 2^40 */
#define GUEST_XPHYS_SIZE 0x10000000000ull
#define GPA_VECTORS 0x0ull
#define GPA_BOOTARGS 0x8000ull
#define GPA_BOOTARGS_SIZE 0x8000ull
#define GPA_KERNEL 0x100000ull
#define GPA_IO_BASE 0x1F000000ull            /* the guest's I/O window */
#define GPA_IO_SIZE 0x01000000ull
#define VM_MEM_MAX GPA_IO_BASE               /* for now, no guest RAM above it */

#ifndef __ASSEMBLER__
#include "types.h"
#define MA2KV(ma) ((void *)(uintptr_t)((u64)(ma) | XKPHYS_CACHED))
#define KV2MA(kv) ((u64)(uintptr_t)(kv) >= KSEG0_BASE ? (u64)(uintptr_t)(kv) - KSEG0_BASE \
                                                      : (u64)(uintptr_t)(kv) & PHYS_MASK)
#define IO_KV(pa) ((volatile void *)(uintptr_t)((u64)(pa) | XKPHYS_UNCACHED))
#endif

#endif
