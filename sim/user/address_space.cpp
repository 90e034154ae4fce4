// address_space.cpp - page table, frame pool and user-copy helpers of a
// user-mode process (see address_space.h for the layout).
#include "sim/user/address_space.h"

#include <algorithm>
#include <stdexcept>

namespace ds::user {

AddressSpace::AddressSpace(Bus& bus, u64 pool_base, u64 pool_size)
    : bus_(bus), pool_base_(pool_base), pool_size_(pool_size) {}

// Returns the host bytes of a page, taking a frame from the pool on first use.
// Recycled frames are zeroed here; fresh ones are zero already (mmap).
u8* AddressSpace::host_page(Pte& p) {
  if (p.frame == ~u64{0}) {
    if (!free_frames_.empty()) {
      p.frame = free_frames_.back();
      free_frames_.pop_back();
      std::fill_n(bus_.ram_page(p.frame), kPageSize, u8{0});
    } else {
      if (next_frame_ >= pool_size_) throw std::runtime_error("guest memory exhausted (frame pool full)");
      p.frame = pool_base_ + next_frame_;
      next_frame_ += kPageSize;
    }
  }
  return bus_.ram_page(p.frame);
}

void AddressSpace::release(Pte& p) {
  if (p.frame != ~u64{0}) free_frames_.push_back(p.frame);
  p.frame = ~u64{0};
}

void AddressSpace::map(u64 va, u64 len, u8 prot) {
  for (u64 a = va; a < va + len; a += kPageSize) {
    Pte& p = pages_[a >> kPageShift];
    release(p);
    p.prot = prot;
  }
  ++generation_;
}

void AddressSpace::unmap(u64 va, u64 len) {
  auto it = pages_.lower_bound(va >> kPageShift);
  while (it != pages_.end() && it->first < (va + len) >> kPageShift) {
    release(it->second);
    it = pages_.erase(it);
  }
  ++generation_;
}

bool AddressSpace::protect(u64 va, u64 len, u8 prot) {
  if (!all_mapped(va, len)) return false;
  for (u64 a = va; a < va + len; a += kPageSize) pages_[a >> kPageShift].prot = prot;
  ++generation_;
  return true;
}

bool AddressSpace::any_mapped(u64 va, u64 len) const {
  auto it = pages_.lower_bound(va >> kPageShift);
  return it != pages_.end() && it->first < (va + len + kPageMask) >> kPageShift;
}

bool AddressSpace::all_mapped(u64 va, u64 len) const {
  for (u64 a = va & ~kPageMask; a < va + len; a += kPageSize)
    if (!pages_.count(a >> kPageShift)) return false;
  return true;
}

u64 AddressSpace::find_free(u64 len, u64 below) const {
  u64 hi = below & ~kPageMask;
  while (hi >= len + kPageSize) {  // never hand out page 0
    u64 lo = hi - len;
    auto it = pages_.lower_bound(hi >> kPageShift);
    if (it == pages_.begin()) return lo;
    --it;  // highest mapped page below hi
    if (it->first < (lo >> kPageShift)) return lo;
    hi = it->first << kPageShift;
  }
  return 0;
}

void AddressSpace::move(u64 old_va, u64 new_va, u64 len) {
  for (u64 off = 0; off < len; off += kPageSize) {
    auto it = pages_.find((old_va + off) >> kPageShift);
    if (it == pages_.end()) continue;
    Pte p = it->second;
    pages_.erase(it);
    Pte& dst = pages_[(new_va + off) >> kPageShift];
    release(dst);
    dst = p;
  }
  ++generation_;
}

bool AddressSpace::lookup(u64 va, u8 need, u64& pa) {
  if (va >= kUserTop) return false;
  auto it = pages_.find(va >> kPageShift);
  if (it == pages_.end() || (it->second.prot & need) != need) return false;
  host_page(it->second);
  pa = it->second.frame + (va & kPageMask);
  return true;
}

u8 AddressSpace::prot_at(u64 va) const {
  auto it = pages_.find(va >> kPageShift);
  return it == pages_.end() ? 0 : it->second.prot;
}

bool AddressSpace::copy(u64 va, void* buf, u64 len, u8 need, bool to_guest) {
  u8* b = static_cast<u8*>(buf);
  while (len) {
    u64 pa;
    if (!lookup(va, need, pa)) return false;
    u8* host = bus_.ram_page(pa) + (pa & kPageMask);
    u64 n = std::min(len, kPageSize - (va & kPageMask));
    if (to_guest)
      std::copy_n(b, n, host);
    else
      std::copy_n(host, n, b);
    va += n, b += n, len -= n;
  }
  return true;
}

bool AddressSpace::copy_out(u64 va, const void* src, u64 len) {
  return copy(va, const_cast<void*>(src), len, kWrite, true);
}
bool AddressSpace::copy_in(void* dst, u64 va, u64 len) { return copy(va, dst, len, kRead, false); }
bool AddressSpace::poke(u64 va, const void* src, u64 len) {
  return copy(va, const_cast<void*>(src), len, 0, true);
}

bool AddressSpace::read_string(u64 va, std::string& out, u64 max) {
  out.clear();
  while (out.size() < max) {
    char c;
    if (!copy_in(&c, va++, 1)) return false;
    if (c == 0) return true;
    out.push_back(c);
  }
  return false;
}

}  // namespace ds::user
