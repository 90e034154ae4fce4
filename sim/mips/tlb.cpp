// tlb.cpp - JTLB matching and page selection (see tlb.h for the layout).
#include "sim/mips/tlb.h"

namespace ds::mips {

namespace {

// The EntryHi bits compared for an entry with this PageMask: region and the
// VPN2 bits the mask does not ignore.
u64 compare_mask(u64 page_mask) { return entryhi::kRMask | (entryhi::kVpn2Mask & ~page_mask); }

}  // namespace

std::optional<unsigned> Jtlb::probe(u64 va, u8 asid) const {
  for (unsigned i = 0; i < kEntries; ++i) {
    const TlbEntry& e = entry[i];
    u64 m = compare_mask(e.page_mask);
    if ((va & m) != (e.hi & m)) continue;
    if (e.global() || (e.hi & entryhi::kAsidMask) == asid) return i;
  }
  return std::nullopt;
}

TlbHit Jtlb::select(unsigned index, u64 va) const {
  const TlbEntry& e = entry[index];
  // Page size in bytes: 4 KB times the pages the mask covers.  The bit just
  // above the in-page offset selects the odd page of the pair.
  u64 page_bytes = (e.page_mask >> 1 | 0xFFF) + 1;
  bool odd = va & page_bytes;
  u64 lo = e.lo[odd];
  u64 frame = ((lo & entrylo::kPfnMask) >> entrylo::kPfnShift) << 12;
  // A large page's PFN has its low bits ignored (they should be zero).
  u64 pa = (frame & ~(page_bytes - 1)) | (va & (page_bytes - 1));
  return TlbHit{index, lo, pa};
}

}  // namespace ds::mips
