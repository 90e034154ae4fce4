/* mcall.h - monitor calls, shared by the monitor and its guests.
 *
 * A guest kernel calls the monitor with SYSCALL while its virtual CPU is in
 * (virtual) kernel mode: v0 = the call number, arguments in a0..a3, the
 * result in v0 (>= 0, or a negative MCE_ error); no other register changes
 * and the guest resumes after the SYSCALL (delay slots allowed).  A SYSCALL
 * from the guest's user mode is the guest's own system call and goes to its
 * general vector as usual.  Each device request is one call (paper 4.2.4);
 * a disk call blocks only the calling vCPU until the transfer is done, at
 * most 1024 sectors per call.
 *
 *   nr  name            a0      a1      a2      a3     returns
 *    1  MC_PUTC         char                           0
 *    2  MC_GETC                                        byte, or MCE_AGAIN
 *    3  MC_HALT         status                         (does not return)
 *    4  MC_INFO         what    arg                    see MCI_*
 *    5  MC_DISK_READ    disk    sector  count   gpa    0 (count sectors of 512 bytes)
 *    6  MC_DISK_WRITE   disk    sector  count   gpa    0
 *    7  MC_IPI_SEND     vcpu                           0: raises IP3 on that vCPU
 *    8  MC_IPI_CLEAR                                   0: lowers this vCPU's IP3
 *    9  MC_VCPU_START   vcpu    pc      arg            0: vCPU starts at pc, a0 = arg
 *   10  MC_IDLE                                        0, once an interrupt is pending
 *   11  MC_ZERO_PAGE    gpa                            0: the page at gpa reads as zeros
 *                                                      (MCE_AGAIN while the VM has disk I/O in flight)
 *                                                      (the monitor hands out zeroed pages anyway)
 *   12  MC_FREE_PAGE    gpa                            0: the guest freed the page; the monitor
 *                                                      takes its machine page back (zeros later)
 *   13  MC_CONSOLE_WRITE gpa    len                    len: len bytes of console output (at most 4096)
 *   14  MC_TLB_FLUSH                                   0: this vCPU's L2TLB is emptied.  A guest
 *                                                      that calls it once has said it flushes
 *                                                      through it: from then on the L2TLB keeps
 *                                                      translations the guest's TLBWR evicts (the
 *                                                      paper's "much bigger TLB"; vtlb.c)
 */
#ifndef DISCO_MCALL_H
#define DISCO_MCALL_H

#define MC_PUTC 1
#define MC_GETC 2
#define MC_HALT 3
#define MC_INFO 4
#define MC_DISK_READ 5
#define MC_DISK_WRITE 6
#define MC_IPI_SEND 7
#define MC_IPI_CLEAR 8
#define MC_VCPU_START 9
#define MC_IDLE 10
#define MC_ZERO_PAGE 11
#define MC_FREE_PAGE 12
#define MC_CONSOLE_WRITE 13
#define MC_TLB_FLUSH 14
#define MC_COUNT 15          /* one past the last call */

/* MC_INFO what= */
#define MCI_VCPU_ID 0
#define MCI_NUM_VCPUS 1
#define MCI_MEM_SIZE 2        /* bytes of guest-physical RAM from gpa 0 */
#define MCI_NUM_DISKS 3
#define MCI_DISK_SECTORS 4    /* arg = disk */
#define MCI_VM_ID 5
#define MCI_CLOCK_MHZ 6       /* the machine's clock; Count runs at half of it */

/* Errors */
#define MCE_PERM (-1)
#define MCE_IO (-5)
#define MCE_AGAIN (-11)
#define MCE_FAULT (-14)       /* a buffer outside the VM's memory */
#define MCE_NODEV (-19)
#define MCE_INVAL (-22)
#define MCE_NOSYS (-38)

#ifndef __ASSEMBLER__
static inline long mcall(long nr, long a0, long a1, long a2, long a3) {
  register long v0 __asm__("$2") = nr;
  register long r4 __asm__("$4") = a0, r5 __asm__("$5") = a1, r6 __asm__("$6") = a2, r7 __asm__("$7") = a3;
  __asm__ volatile("syscall" : "+r"(v0) : "r"(r4), "r"(r5), "r"(r6), "r"(r7) : "memory");
  return v0;
}
#endif

#endif
