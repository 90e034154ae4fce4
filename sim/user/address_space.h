// address_space.h - a Linux process's virtual memory: 4 KiB pages with r/w/x
// permissions, backed by frames from a Bus RAM region used as a frame pool.
//
//   0x0000_0000_0000 .. kUserTop   user virtual addresses (MIPS64 TASK_SIZE,
//                                  40 bits on the R10000's xuseg)
//   program segments at their ELF addresses, brk heap after the last one,
//   mmap areas allocated top-down below kMmapBase, the stack below kStackTop,
//   the signal-return trampoline page at kSigTrampoline.
//
// Pages are created by map() with a permission and get a frame lazily on
// their first access, so large anonymous mappings cost nothing until touched.
// Every change that can invalidate a translation bumps generation(); the
// owner of the CPU then flushes its software TLB.
#pragma once
#include <string>
#include <map>
#include <vector>

#include "sim/bus.h"
#include "sim/types.h"

namespace ds::user {

constexpr u64 kUserTop = u64{1} << 40;
constexpr u64 kStackTop = u64{0x7fff} << 24;           // 0x7f_ff00_0000
constexpr u64 kStackSize = u64{8} << 20;               // RLIMIT_STACK default
constexpr u64 kMmapBase = kStackTop - kStackSize - (u64{1} << 28);
constexpr u64 kSigTrampoline = kStackTop + kPageSize;  // one page above the stack
// Largest single mapping (mmap, mremap, brk step): the page table holds every
// page of a mapping, so this bounds its size; larger requests get ENOMEM.
constexpr u64 kMaxMapping = u64{4} << 30;

enum PageProt : u8 { kRead = 1, kWrite = 2, kExec = 4 };

class AddressSpace {
 public:
  // Frames come from Bus RAM at [pool_base, pool_base + pool_size).
  AddressSpace(Bus& bus, u64 pool_base, u64 pool_size);

  // Maps [va, va+len) (page aligned) as fresh zero pages with `prot`,
  // replacing whatever was there.
  void map(u64 va, u64 len, u8 prot);
  // Removes every page in [va, va+len); unmapped pages are ignored.
  void unmap(u64 va, u64 len);
  // Changes the permission of [va, va+len); false if a page is not mapped.
  bool protect(u64 va, u64 len, u8 prot);
  // True if any / every page of [va, va+len) is mapped.
  bool any_mapped(u64 va, u64 len) const;
  bool all_mapped(u64 va, u64 len) const;
  // The highest page-aligned address a with [a, a+len) free and
  // a + len <= below; 0 if none.
  u64 find_free(u64 len, u64 below) const;
  // Moves the pages of [old_va, old_va+len) to new_va (both page aligned,
  // ranges disjoint), keeping their frames and permissions.
  void move(u64 old_va, u64 new_va, u64 len);

  // The physical address for `va` if the page is mapped with all of `need`;
  // allocates the frame on first use.  need == 0 only checks presence.
  bool lookup(u64 va, u8 need, u64& pa);
  // The permission of the page holding `va` (0 if unmapped).
  u8 prot_at(u64 va) const;

  // Kernel-style copies (copy_to_user / copy_from_user): false if any byte is
  // not mapped with the needed permission (the caller returns EFAULT).
  bool copy_out(u64 va, const void* src, u64 len);
  bool copy_in(void* dst, u64 va, u64 len);
  // Like copy_out but ignores write protection (the loader fills text pages).
  bool poke(u64 va, const void* src, u64 len);
  // Reads a NUL-terminated string of at most `max` bytes.
  bool read_string(u64 va, std::string& out, u64 max = 4096);

  u64 generation() const { return generation_; }
  u64 frames_in_use() const { return next_frame_ / kPageSize - free_frames_.size(); }

 private:
  struct Pte {
    u64 frame = ~u64{0};  // physical address, or ~0 until first touched
    u8 prot = 0;
  };
  u8* host_page(Pte& p);
  bool copy(u64 va, void* buf, u64 len, u8 need, bool to_guest);
  void release(Pte& p);

  Bus& bus_;
  u64 pool_base_, pool_size_;
  u64 next_frame_ = 0;  // bump pointer (offset into the pool)
  std::vector<u64> free_frames_;
  std::map<u64, Pte> pages_;  // by virtual page number (ordered: find_free walks it)
  u64 generation_ = 0;
};

}  // namespace ds::user
