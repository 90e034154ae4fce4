/* disco_guest.h - what a guest kernel must know to run on the Disco monitor:
 * where its memory and vectors are, how it starts, and which CPU state is
 * virtual.  The dunix Disco port includes this (and mcall.h) instead of the
 * bare board's headers.  The monitor's own map is layout.h.
 *
 * Guest virtual addresses (the guest kernel runs in SUPERVISOR mode, with
 * 64-bit addressing; its programs in user mode):
 *
 *   0xFFFF_FFFF_C000_0000 +------------------------------+  DG_KSEG (cksseg)
 *                         | gpa 0 .. 512 MiB, "unmapped":|  the guest's kseg0:
 *                         |  +0x000 refill vector        |  link the kernel here
 *                         |  +0x080 XTLB refill vector   |  (DG_KERNEL_VA), copy the
 *                         |  +0x180 general vector       |  vectors to DG_KSEG + 0x0
 *                         |  +0x8000 boot arguments      |
 *                         |  +0x10_0000 kernel image     |
 *   0x4000_0100_0000_0000 +------------------------------+
 *                         | gpa 0 .. 2^40, "unmapped"    |  DG_XPHYS (xsseg): the
 *   0x4000_0000_0000_0000 +------------------------------+  guest's xkphys
 *                         | xuseg: mapped through the    |
 *                         | guest's TLB (64 entries)     |
 *   0x0000_0000_0000_0000 +------------------------------+
 *
 * Both windows behave like unmapped segments: the guest's TLB is not
 * consulted there, and the monitor fills the real TLB from the VM's pmap
 * (4 KB pages).  Everything else a supervisor may address (xuseg, xsseg
 * above the window) is mapped by the guest's own TLB entries.
 *
 * Start: vCPU 0 begins at the ELF entry in (virtual) kernel mode with
 * Status = KX|SX|UX (EXL, ERL, BEV, IE clear), a0 = argc, a1 = argv,
 * a2 = envp (DG_KSEG addresses of a block at gpa 0x8000 laid out as the
 * board's, docs/board.md), sp = 0.  Other vCPUs start through
 * MC_VCPU_START.  Exceptions go to DG_KSEG + 0x000/0x080/0x180 (Status.BEV
 * must stay 0: a vCPU taking an exception with BEV set is stopped).
 *
 * Devices: none by registers, except the idle signal - a store to
 * sim-control IDLE at DG_XPHYS + DG_IO_BASE + 0x38 deschedules the vCPU
 * until an interrupt is pending for it (Cause.IP & Status.IM, as on the
 * board) - and sim-control EXIT (+0x00), which halts the VM.  Any other
 * access to the I/O window is a bus error.  Console, disks, time of day
 * and IPIs are monitor calls (mcall.h).
 *
 * The privileged-register page (the paper's change 3): while the vCPU is in
 * kernel mode, guest VA DG_REGPAGE (0x7000, so `ld t0, DG_REG(12)($zero)`
 * reads Status without a register) holds its virtual CP0, one 64-bit word
 * per register number, the very words MFC0/MTC0 work on.  Loads and stores
 * there do not trap.  Read any register but Random (computed); Cause's IP
 * bits and Count are as of the last entry into the guest (a guest's trap
 * handler, entered through the monitor, reads a fresh Count for free).  Write only
 * registers without side effects - Status (IE, EXL, KSU, IM: a newly
 * enabled pending interrupt is taken at the next exit, at the latest the
 * end of the time slice), EPC, ErrorEPC, EntryLo0/1, PageMask, Index,
 * Wired, Context, XContext; use MTC0 for EntryHi (the ASID), Count,
 * Compare and Cause.  In user mode the page is not there (0x6000-0x7FFF is
 * ordinary user space); in kernel mode 0x6000-0x6FFF is a bus error.
 * The page's second half, DG_PDA (0x7800, 2 KiB), is the guest's own:
 * per vCPU, never read or written by the monitor - where a kernel keeps
 * what its refill handler and trap entry need without a free register
 * (dunix's PDA), as `ld k1, DG_PDA+8($zero)`.
 *
 * Virtual interrupts: IP7 the Count/Compare timer, IP3 an IPI from another
 * vCPU of the VM (cleared by MC_IPI_CLEAR), IP2 unused (disk requests
 * complete inside their monitor call), IP0/IP1 software.
 */
#ifndef DISCO_GUEST_H
#define DISCO_GUEST_H

#define DG_KSEG 0xFFFFFFFFC0000000ull
#define DG_KSEG_SIZE 0x20000000ull
#define DG_XPHYS 0x4000000000000000ull
#define DG_XPHYS_SIZE 0x10000000000ull
#define DG_VEC_REFILL (DG_KSEG + 0x000)
#define DG_VEC_XREFILL (DG_KSEG + 0x080)
#define DG_VEC_GENERAL (DG_KSEG + 0x180)
#define DG_BOOTARGS (DG_KSEG + 0x8000)
#define DG_KERNEL_VA (DG_KSEG + 0x100000)    /* link address of a guest kernel */
#define DG_IO_BASE 0x1F000000ull             /* guest-physical I/O window */
#define DG_SIMCTL_EXIT 0x00
#define DG_SIMCTL_IDLE 0x38
#define DG_IDLE_VA (DG_XPHYS + DG_IO_BASE + DG_SIMCTL_IDLE)
#define DG_EXIT_VA (DG_XPHYS + DG_IO_BASE + DG_SIMCTL_EXIT)

#define DG_REGPAGE 0x7000ull
#define DG_REG(n) (DG_REGPAGE + 8 * (n))      /* a CP0 register's word, from $zero */
#define DG_REGPAGE_PAIR 0x6000ull             /* the even/odd pair it sits in */
#define DG_PDA (DG_REGPAGE + 0x800)           /* 2 KiB per vCPU for the guest's own use */
#define DG_PDA_SIZE 0x800

#define DG_KSEG_P2V(gpa) (DG_KSEG + (unsigned long long)(gpa))
#define DG_XPHYS_P2V(gpa) (DG_XPHYS + (unsigned long long)(gpa))

#endif
