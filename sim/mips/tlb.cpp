// tlb.cpp - JTLB matching and page selection (see tlb.h for the layout).
#include "sim/mips/tlb.h"

namespace ds::mips {

namespace {

// The EntryHi bits compared for an entry with this PageMask: region and the
// VPN2 bits the mask does not ignore.
u64 compare_mask(u64 page_mask) { return entryhi::kRMask | (entryhi::kVpn2Mask & ~page_mask); }

}  // namespace

Jtlb::Jtlb() {
  for (unsigned i = 0; i < kEntries; ++i) write(i, TlbEntry{});
}

void Jtlb::write(unsigned index, const TlbEntry& e) {
  const TlbEntry& old = entry_[index];
  u64 bit = u64{1} << index;
  if (old.page_mask == 0) narrow_[bucket(old.hi)] &= ~bit;
  wide_ &= ~bit;
  entry_[index] = e;
  u64 m = compare_mask(e.page_mask);
  match_[index] = Match{m, e.hi & m, e.global() ? ~u32{0} : static_cast<u32>(e.hi & entryhi::kAsidMask)};
  if (e.page_mask == 0)
    narrow_[bucket(e.hi)] |= bit;
  else
    wide_ |= bit;
}

std::optional<unsigned> Jtlb::probe(u64 va, u8 asid) const {
  for (u64 candidates = narrow_[bucket(va)] | wide_; candidates != 0; candidates &= candidates - 1) {
    unsigned i = static_cast<unsigned>(__builtin_ctzll(candidates));
    const Match& m = match_[i];
    if ((va & m.mask) == m.value && (m.asid == ~u32{0} || m.asid == asid)) return i;
  }
  return std::nullopt;
}

TlbHit Jtlb::select(unsigned index, u64 va) const {
  const TlbEntry& e = entry_[index];
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
