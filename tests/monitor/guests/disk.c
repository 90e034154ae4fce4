/* disk.c - the console and disk monitor calls: reads and writes of the
 * VM's own data disk (pattern: every 8-byte word = (sector << 16 | word) ^
 * seed, seed from the boot word seed=HEX), buffers across page boundaries,
 * and every request the monitor must refuse: a buffer outside the VM's
 * memory, unaligned, a disk the VM does not own, sectors past the end. */
#include "guest.h"

static unsigned long seed;
static unsigned long want(unsigned long s, unsigned w) { return ((s << 16) | w) ^ seed; }

static int pattern_ok(unsigned long gpa, unsigned long first, unsigned long count) {
  volatile unsigned long *p = (volatile unsigned long *)DG_XPHYS_P2V(gpa);
  for (unsigned long s = 0; s < count; s++)
    for (unsigned w = 0; w < 64; w++)
      if (p[s * 64 + w] != want(first + s, w)) return 0;
  return 1;
}

static unsigned long hex(const char *s) {
  unsigned long v = 0;
  for (; *s; s++) v = v * 16 + (unsigned long)(*s <= '9' ? *s - '0' : (*s | 32) - 'a' + 10);
  return v;
}

long gmain(long argc, char **argv) {
  for (long i = 1; i < argc; i++)
    if (!memcmp(argv[i], "seed=", 5)) seed = hex(argv[i] + 5);
  long mem = mcall(MC_INFO, MCI_MEM_SIZE, 0, 0, 0);
  checkx(mcall(MC_INFO, MCI_NUM_DISKS, 0, 0, 0), 1, "one disk of its own");
  checkx(mcall(MC_INFO, MCI_DISK_SECTORS, 0, 0, 0), 64, "its size in sectors");
  checkx(mcall(MC_DISK_READ, 0, 3, 8, 0x400000), 0, "read 8 sectors");
  check(pattern_ok(0x400000, 3, 8), "... with the disk's contents");
  checkx(mcall(MC_DISK_READ, 0, 10, 16, 0x401800), 0, "read 16 sectors across a page boundary");
  check(pattern_ok(0x401800, 10, 16), "... with the disk's contents");
  volatile unsigned long *w = (volatile unsigned long *)DG_XPHYS_P2V(0x410000);
  for (unsigned i = 0; i < 8 * 64; i++) w[i] = 0xabcd0000ul + i;
  checkx(mcall(MC_DISK_WRITE, 0, 40, 8, 0x410000), 0, "write 8 sectors");
  checkx(mcall(MC_DISK_READ, 0, 40, 8, 0x420000), 0, "read them back");
  int same = 1;
  for (unsigned i = 0; i < 8 * 64; i++) same &= *(volatile unsigned long *)DG_XPHYS_P2V(0x420000 + 8 * i) == 0xabcd0000ul + i;
  check(same, "... unchanged");
  checkx(mcall(MC_DISK_READ, 0, 0, 2, mem - 512), (unsigned long)MCE_FAULT, "DMA running past the VM's memory: refused");
  checkx(mcall(MC_DISK_READ, 0, 0, 1, 0x7F000000), (unsigned long)MCE_FAULT, "DMA outside the VM's memory: refused");
  checkx(mcall(MC_DISK_READ, 0, 0, 1, -512l), (unsigned long)MCE_FAULT, "DMA at a wrapping address: refused");
  checkx(mcall(MC_DISK_READ, 0, 0, 1, 0x400100), (unsigned long)MCE_INVAL, "unaligned buffer: refused");
  checkx(mcall(MC_DISK_READ, 1, 0, 1, 0x400000), (unsigned long)MCE_NODEV, "a disk it does not own: refused");
  checkx(mcall(MC_DISK_WRITE, 7, 0, 1, 0x400000), (unsigned long)MCE_NODEV, "writing a disk it does not own: refused");
  checkx(mcall(MC_DISK_READ, 0, 60, 8, 0x400000), (unsigned long)MCE_INVAL, "sectors past the end: refused");
  checkx(mcall(MC_DISK_READ, 0, 0, 0, 0x400000), (unsigned long)MCE_INVAL, "zero sectors: refused");
  checkx(mcall(MC_GETC, 0, 0, 0, 0), (unsigned long)MCE_AGAIN, "no console input");
  static const char msg[] = "console write: one call for the whole line\n";
  unsigned long mgpa = 0x430FF0;   /* across a page boundary */
  memcpy((void *)DG_XPHYS_P2V(mgpa), msg, sizeof msg - 1);
  checkx(mcall(MC_CONSOLE_WRITE, mgpa, sizeof msg - 1, 0, 0), sizeof msg - 1, "MC_CONSOLE_WRITE returns its length");
  checkx(mcall(MC_CONSOLE_WRITE, mem - 4, 8, 0, 0), (unsigned long)MCE_FAULT, "console write past its memory: refused");
  checkx(mcall(99, 0, 0, 0, 0), (unsigned long)MCE_NOSYS, "an unknown monitor call");
  checkx(mcall(-1, 0, 0, 0, 0), (unsigned long)MCE_NOSYS, "a negative monitor call");
  checkx(mcall(MC_INFO, 77, 0, 0, 0), (unsigned long)MCE_INVAL, "an unknown MC_INFO");
  return failures();
}
