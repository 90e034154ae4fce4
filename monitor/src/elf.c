/* elf.c - loading a VM's kernel: the ELF64 (big-endian MIPS) file on the
 * VM's kernel disk, a raw image of the file.  Each PT_LOAD segment is copied
 * into guest-physical memory at the gpa its address names through one of
 * the guest's windows (DG_KSEG or DG_XPHYS, disco_guest.h); the rest of
 * the segment (bss) stays zero, as every fresh guest page is. */
#include "disco_guest.h"
#include "mon.h"
#include "vm.h"

#define SCRATCH_PAGES 32

struct ehdr {
  u8 ident[16];
  u16 type, machine;
  u32 version;
  u64 entry, phoff, shoff;
  u32 flags;
  u16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct phdr { u32 type, flags; u64 offset, vaddr, paddr, filesz, memsz, align; };
#define PT_LOAD 1

static u8 *scratch;

/* len bytes at byte offset off of disk d, into dst (monitor memory). */
static int disk_read_bytes(unsigned d, u64 off, u64 len, void *dst) {
  u64 chunk = SCRATCH_PAGES * PAGE_SIZE;
  while (len) {
    u64 sector = off / 512, skip = off % 512;
    u64 n = MIN(len, chunk - skip);
    if (disk_rw(d, sector, (u32)((skip + n + 511) / 512), KV2MA(scratch), false)) return -1;
    memcpy(dst, scratch + skip, n);
    dst = (u8 *)dst + n, off += n, len -= n;
  }
  return 0;
}

static bool va_to_gpa(u64 va, u64 *gpa) {
  if (va >= DG_KSEG && va - DG_KSEG < DG_KSEG_SIZE) return *gpa = va - DG_KSEG, true;
  if (va >= DG_XPHYS && va - DG_XPHYS < DG_XPHYS_SIZE) return *gpa = va - DG_XPHYS, true;
  return false;
}

/* Copies a segment's file bytes into the VM: one disk command per
 * scratch-buffer full, then page by page into guest memory. */
static int load_segment(struct vm *vm, unsigned d, const struct phdr *ph, u64 gpa) {
  u64 chunk = SCRATCH_PAGES * PAGE_SIZE - 512;
  for (u64 done = 0; done < ph->filesz;) {
    u64 off = ph->offset + done, skip = off % 512, n = MIN(chunk, ph->filesz - done);
    if (disk_rw(d, off / 512, (u32)((skip + n + 511) / 512), KV2MA(scratch), false)) return -1;
    for (u64 k = 0; k < n;) {
      u64 ma, m = MIN(PAGE_SIZE - ((gpa + done + k) & (PAGE_SIZE - 1)), n - k);
      if (!gpa_to_ma(vm, gpa + done + k, &ma)) return -1;
      memcpy(MA2KV(ma), scratch + skip + k, m);
      k += m;
    }
    done += n;
  }
  return 0;
}

int elf_load(struct vm *vm) {
  if (!scratch) scratch = kalloc(SCRATCH_PAGES * PAGE_SIZE);
  unsigned d = (unsigned)vm->kernel_disk;
  if (vm->kernel_disk < 0 || d >= disk_count()) return printf("disco: vm%u: no kernel disk\n", vm->id), -1;
  struct ehdr eh;
  if (disk_read_bytes(d, 0, sizeof eh, &eh) || memcmp(eh.ident, "\177ELF\2\2", 6) || eh.machine != 8 ||
      eh.phentsize != sizeof(struct phdr))
    return printf("disco: vm%u: disk %u holds no big-endian ELF64 MIPS file\n", vm->id, d), -1;
  for (unsigned i = 0; i < eh.phnum; i++) {
    struct phdr ph;
    u64 gpa;
    if (disk_read_bytes(d, eh.phoff + i * sizeof ph, sizeof ph, &ph)) return -1;
    if (ph.type != PT_LOAD) continue;
    if (!va_to_gpa(ph.vaddr, &gpa) || gpa + ph.memsz > vm->mem_bytes || gpa < GPA_BOOTARGS + GPA_BOOTARGS_SIZE ||
        ph.filesz > ph.memsz)
      return printf("disco: vm%u: segment at %lx is outside the guest's memory windows\n", vm->id,
                    (unsigned long)ph.vaddr), -1;
    if (load_segment(vm, d, &ph, gpa)) return printf("disco: vm%u: cannot read the kernel\n", vm->id), -1;
  }
  vm->entry = eh.entry;
  return 0;
}
