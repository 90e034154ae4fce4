/* sys_mem.c - memory system calls: brk, mmap, munmap, mprotect, mremap,
 * madvise, msync, mincore, mlock.  They check arguments as Linux does and
 * hand the work to kern/vm.c. */
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "linux_n64.h"
#include "syscall.h"
#include "task.h"
#include "uaccess.h"
#include "vm.h"

static u32 prot_flags(u64 prot) {
  return (prot & LINUX_PROT_READ ? VMA_READ : 0) | (prot & LINUX_PROT_WRITE ? VMA_WRITE : 0) |
         (prot & LINUX_PROT_EXEC ? VMA_EXEC : 0);
}

/* brk(addr): moves the end of the heap; returns the (possibly unchanged) end. */
SYSCALL(brk) {
  struct vmspace *vm = current->vm;
  u64 want = arg[0];
  if (want < vm->brk_start) return (long)vm->brk;
  u64 old_top = ROUNDUP(vm->brk, PAGE_SIZE), new_top = ROUNDUP(want, PAGE_SIZE);
  if (new_top > old_top) {
    if (new_top > MMAP_TOP || vm_overlaps(vm, old_top, new_top)) return (long)vm->brk;
    if (vm_map(vm, old_top, new_top - old_top, VMA_READ | VMA_WRITE | VMA_ANON, NULL, 0, 0) < 0) return (long)vm->brk;
  } else if (new_top < old_top) {
    vm_unmap(vm, new_top, old_top - new_top);
  }
  vm->brk = want;
  return (long)want;
}

/* mmap(addr, length, prot, flags, fd, offset) */
SYSCALL(mmap) {
  u64 addr = arg[0], len = arg[1], prot = arg[2], flags = arg[3], off = arg[5];
  int fd = (int)arg[4];
  struct vmspace *vm = current->vm;
  if (!len || (off & (PAGE_SIZE - 1))) return -LINUX_EINVAL;
  u64 type = flags & LINUX_MAP_TYPE;
  if (type != LINUX_MAP_SHARED && type != LINUX_MAP_PRIVATE && type != LINUX_MAP_SHARED_VALIDATE) return -LINUX_EINVAL;
  len = ROUNDUP(len, PAGE_SIZE);
  if (!len || len > USER_TOP) return -LINUX_ENOMEM;
  u32 vflags = prot_flags(prot) | (type != LINUX_MAP_PRIVATE ? VMA_SHARED : 0);
  struct file *f = NULL;
  struct inode *ip = NULL;
  if (!(flags & LINUX_MAP_ANONYMOUS)) {
    f = fd_get(fd);
    if (!f) return -LINUX_EBADF;
    if (f->kind != F_INODE || !f->ip || (f->ip->mode & LINUX_S_IFMT) != LINUX_S_IFREG) {
      file_put(f);
      return f->kind == F_CHARDEV ? -LINUX_ENODEV : -LINUX_EACCES;
    }
    u32 acc = f->flags & LINUX_O_ACCMODE;
    if (acc == LINUX_O_WRONLY || ((vflags & VMA_SHARED) && (vflags & VMA_WRITE) && acc != LINUX_O_RDWR)) {
      file_put(f);
      return -LINUX_EACCES;
    }
    ip = f->ip;
  } else {
    vflags |= VMA_ANON;
  }
  long r;
  u64 start;
  if (flags & (LINUX_MAP_FIXED | LINUX_MAP_FIXED_NOREPLACE)) {
    start = addr;
    if ((start & (PAGE_SIZE - 1)) || start + len > USER_TOP || start < USER_MIN) {
      r = -LINUX_EINVAL;
      goto out;
    }
    if ((flags & LINUX_MAP_FIXED_NOREPLACE) && !(flags & LINUX_MAP_FIXED) && vm_overlaps(vm, start, start + len)) {
      r = -LINUX_EEXIST;
      goto out;
    }
  } else {
    start = ROUNDDOWN(addr, PAGE_SIZE);
    if (!start || start < USER_MIN || start + len > MMAP_TOP || vm_overlaps(vm, start, start + len)) {
      sleep_lock(&vm->lock);
      start = vm_find_free(vm, len, vm->mmap_hint);
      sleep_unlock(&vm->lock);
    }
    if (!start) {
      r = -LINUX_ENOMEM;
      goto out;
    }
  }
  r = vm_map(vm, start, len, vflags, ip, off, len);
  if (r == 0) r = (long)start;
out:
  if (f) file_put(f);
  return r;
}

SYSCALL(munmap) {
  if ((arg[0] & (PAGE_SIZE - 1)) || !arg[1]) return -LINUX_EINVAL;
  return vm_unmap(current->vm, arg[0], arg[1]);
}

SYSCALL(mprotect) {
  const u64 known = LINUX_PROT_READ | LINUX_PROT_WRITE | LINUX_PROT_EXEC | LINUX_PROT_SEM | LINUX_PROT_GROWSDOWN |
                    LINUX_PROT_GROWSUP;
  if ((arg[0] & (PAGE_SIZE - 1)) || (arg[2] & ~known)) return -LINUX_EINVAL;
  return vm_protect(current->vm, arg[0], arg[1], prot_flags(arg[2]));
}

/* mremap(old, old_len, new_len, flags, new_addr) */
SYSCALL(mremap) {
  u64 old = arg[0], oldlen = ROUNDUP(arg[1], PAGE_SIZE), newlen = ROUNDUP(arg[2], PAGE_SIZE), flags = arg[3];
  struct vmspace *vm = current->vm;
  if ((old & (PAGE_SIZE - 1)) || !newlen || (flags & ~(u64)(LINUX_MREMAP_MAYMOVE | LINUX_MREMAP_FIXED)))
    return -LINUX_EINVAL;
  if ((flags & LINUX_MREMAP_FIXED)) return -LINUX_EINVAL;   /* not supported */
  if (newlen <= oldlen) {
    if (newlen < oldlen) vm_unmap(vm, old + newlen, oldlen - newlen);
    return (long)old;
  }
  if (vm_grow(vm, old, old + oldlen, newlen - oldlen) == 0) return (long)old;
  if (!(flags & LINUX_MREMAP_MAYMOVE)) return -LINUX_ENOMEM;
  sleep_lock(&vm->lock);
  u64 to = vm_find_free(vm, newlen, vm->mmap_hint);
  sleep_unlock(&vm->lock);
  if (!to) return -LINUX_ENOMEM;
  int r = vm_move(vm, old, oldlen, to, newlen);
  return r < 0 ? r : (long)to;
}

SYSCALL(madvise) {
  if (arg[0] & (PAGE_SIZE - 1)) return -LINUX_EINVAL;
  if (arg[2] == LINUX_MADV_DONTNEED) return vm_discard(current->vm, arg[0], ROUNDUP(arg[0] + arg[1], PAGE_SIZE));
  return 0;   /* advice only */
}

SYSCALL(msync) {
  if (arg[0] & (PAGE_SIZE - 1)) return -LINUX_EINVAL;
  return vm_sync(current->vm, arg[0], ROUNDUP(arg[0] + arg[1], PAGE_SIZE));
}

SYSCALL(mincore) {
  u64 start = arg[0], len = ROUNDUP(arg[1], PAGE_SIZE);
  if (start & (PAGE_SIZE - 1)) return -LINUX_EINVAL;
  for (u64 a = start; a < start + len; a += PAGE_SIZE) {
    u8 one = 1;
    if (!vm_overlaps(current->vm, a, a + PAGE_SIZE)) return -LINUX_ENOMEM;
    if (copy_to_user(arg[2] + (a - start) / PAGE_SIZE, &one, 1) < 0) return -LINUX_EFAULT;
  }
  return 0;
}

SYSCALL(mlock) { (void)arg; return 0; }     /* there is no paging: every page stays */
SYSCALL(munlock) { (void)arg; return 0; }
