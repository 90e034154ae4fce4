// sys_memory.cpp - brk, mmap, munmap, mprotect, madvise and mremap over the
// process's AddressSpace.
//
// Permissions follow MIPS Linux without RI/XI: PROT_WRITE and PROT_EXEC imply
// PROT_READ.  File mappings are copies (MAP_PRIVATE semantics, also for
// MAP_SHARED: a guest's stores never reach the file).  New mappings without
// an address hint go top-down from kMmapBase.
#include <unistd.h>

#include <cerrno>

#include "sim/user/process.h"
#include "sim/user/syscalls.h"

namespace ds::user {

namespace {

u64 page_up(u64 v) { return (v + kPageMask) & ~kPageMask; }

u8 page_prot(u64 prot) {
  u8 r = 0;
  if (prot & kProtRead) r |= kRead;
  if (prot & kProtWrite) r |= kRead | kWrite;
  if (prot & kProtExec) r |= kRead | kExec;
  return r;
}

i64 sys_brk(Process& p, const u64* a) {
  u64 want = a[0];
  if (want < p.brk_start || want >= kMmapBase) return static_cast<i64>(p.brk_cur);
  u64 old_top = page_up(p.brk_cur), new_top = page_up(want);
  if (new_top > old_top) {
    if (new_top - old_top > kMaxMapping) return static_cast<i64>(p.brk_cur);
    if (p.mem().any_mapped(old_top, new_top - old_top)) return static_cast<i64>(p.brk_cur);
    p.mem().map(old_top, new_top - old_top, kRead | kWrite);
  } else if (new_top < old_top) {
    p.mem().unmap(new_top, old_top - new_top);
  }
  p.brk_cur = want;
  return static_cast<i64>(want);
}

i64 sys_mmap(Process& p, const u64* a) {
  u64 addr = a[0], len = page_up(a[1]), prot = a[2], flags = a[3], off = a[5];
  int fd = static_cast<int>(static_cast<i64>(a[4]));
  bool anon = flags & kMapAnonymous;
  if (a[1] == 0 || len == 0 || len > kUserTop || (off & kPageMask)) return -err::kEINVAL;
  if (len > kMaxMapping) return -err::kENOMEM;
  u64 type = flags & kMapType;
  if (type != kMapPrivate && type != kMapShared) return -err::kEINVAL;
  if (flags & (kMapFixed | kMapFixedNoreplace)) {
    if ((addr & kPageMask) || addr + len > kUserTop || addr + len < addr) return -err::kEINVAL;
    if ((flags & kMapFixedNoreplace) && !(flags & kMapFixed) && p.mem().any_mapped(addr, len)) return -err::kEEXIST;
  } else {
    addr &= ~kPageMask;
    if (!addr || addr + len > kUserTop || p.mem().any_mapped(addr, len)) addr = p.mem().find_free(len, kMmapBase);
    if (!addr) return -err::kENOMEM;
  }
  std::vector<u8> data;
  if (!anon) {  // read the file first so that a bad descriptor changes nothing
    data.resize(len);
    i64 n = pread(fd, data.data(), len, static_cast<off_t>(off));
    if (n < 0) return -mips_errno(errno);
    data.resize(static_cast<u64>(n));
  }
  p.mem().map(addr, len, page_prot(prot));
  if (!data.empty()) p.mem().poke(addr, data.data(), data.size());
  return static_cast<i64>(addr);
}

i64 sys_munmap(Process& p, const u64* a) {
  if ((a[0] & kPageMask) || a[1] == 0 || a[0] + a[1] > kUserTop) return -err::kEINVAL;
  p.mem().unmap(a[0], page_up(a[1]));
  return 0;
}

i64 sys_mprotect(Process& p, const u64* a) {
  if (a[0] & kPageMask) return -err::kEINVAL;
  u64 len = page_up(a[1]);
  if (len == 0) return 0;
  return p.mem().protect(a[0], len, page_prot(a[2])) ? 0 : -err::kENOMEM;
}

// MADV_DONTNEED on private memory: the pages read back as zero.
i64 sys_madvise(Process& p, const u64* a) {
  if (a[0] & kPageMask) return -err::kEINVAL;
  if (a[2] == LINUX_MADV_DONTNEED)
    for (u64 va = a[0]; va < a[0] + page_up(a[1]); va += kPageSize)
      if (u8 prot = p.mem().prot_at(va)) p.mem().map(va, kPageSize, prot);
  return 0;
}

i64 sys_mremap(Process& p, const u64* a) {
  u64 old = a[0], old_len = page_up(a[1]), new_len = page_up(a[2]), flags = a[3];
  if ((old & kPageMask) || new_len == 0 || new_len > kUserTop) return -err::kEINVAL;
  if (new_len > kMaxMapping) return -err::kENOMEM;
  if (!p.mem().all_mapped(old, old_len ? old_len : kPageSize)) return -err::kEFAULT;
  u8 prot = p.mem().prot_at(old);
  if (flags & kMremapFixed) {
    u64 dst = a[4];
    if (!(flags & kMremapMaymove) || (dst & kPageMask)) return -err::kEINVAL;
    p.mem().unmap(dst, new_len);
    p.mem().move(old, dst, std::min(old_len, new_len));
    if (new_len > old_len) p.mem().map(dst + old_len, new_len - old_len, prot);
    p.mem().unmap(old, old_len);
    return static_cast<i64>(dst);
  }
  if (new_len <= old_len) {
    p.mem().unmap(old + new_len, old_len - new_len);
    return static_cast<i64>(old);
  }
  if (!p.mem().any_mapped(old + old_len, new_len - old_len) && old + new_len <= kUserTop) {
    p.mem().map(old + old_len, new_len - old_len, prot);
    return static_cast<i64>(old);
  }
  if (!(flags & kMremapMaymove)) return -err::kENOMEM;
  u64 dst = p.mem().find_free(new_len, kMmapBase);
  if (!dst) return -err::kENOMEM;
  p.mem().move(old, dst, old_len);
  p.mem().map(dst + old_len, new_len - old_len, prot);
  return static_cast<i64>(dst);
}

constexpr SyscallDesc kRows[] = {
    {nr::brk, sys_brk},
    {nr::mmap, sys_mmap},
    {nr::munmap, sys_munmap},
    {nr::mprotect, sys_mprotect},
    {nr::madvise, sys_madvise},
    {nr::mremap, sys_mremap},
};

}  // namespace

std::span<const SyscallDesc> memory_syscalls() { return kRows; }

}  // namespace ds::user
