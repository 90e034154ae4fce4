// tlb.h - the R10000 joint TLB (JTLB): 64 fully associative entries, each
// mapping an even/odd pair of virtual pages of one size from 4 KB to 16 MB.
//
// An entry holds the four CP0 registers a TLBWI writes (R10000 manual ch. 14,
// R4000 manual ch. 4):
//
//   PageMask  bits 24:13  MASK  (1 = ignore this VPN2 bit; sizes 4K..16M)
//   EntryHi   63:62 R (region), 43:13 VPN2, 7:0 ASID
//   EntryLo   63:62 UC, 33:6 PFN (PA 39:12), 5:3 C, 2 D, 1 V, 0 G
//
// A virtual address matches when its region and VPN2 equal the entry's
// outside the PageMask bits, and the entry is global or its ASID equals
// EntryHi.ASID.  The page-size bit just below VPN2 picks EntryLo0 (even page)
// or EntryLo1 (odd page).
#pragma once
#include <array>
#include <optional>

#include "sim/types.h"

namespace ds::mips {

namespace entrylo {
constexpr u64 G = 1, V = 2, D = 4;
constexpr unsigned kCShift = 3;                   // cache algorithm, 3 bits
constexpr unsigned kPfnShift = 6;                 // PFN in 33:6 = PA 39:12
constexpr u64 kPfnMask = 0x3'FFFF'FFC0ull;        // bits 33:6
constexpr u64 kUcMask = 0xC000'0000'0000'0000ull;  // uncached attribute
constexpr u64 kWritable = kUcMask | kPfnMask | 0x3F;
}  // namespace entrylo

namespace entryhi {
constexpr u64 kAsidMask = 0xFF;
constexpr u64 kRMask = 0xC000'0000'0000'0000ull;
constexpr u64 kVpn2Mask = 0x0000'0FFF'FFFF'E000ull;  // VA 43:13
constexpr u64 kWritable = kRMask | kVpn2Mask | kAsidMask;
}  // namespace entryhi

constexpr u64 kPageMaskWritable = 0x01FF'E000;  // PageMask MASK, bits 24:13

struct TlbEntry {
  u64 page_mask = 0;  // PageMask as written
  u64 hi = 0;         // EntryHi: R | VPN2 | ASID
  std::array<u64, 2> lo{};  // EntryLo0/1 as written (G of both kept as written)
  bool global() const { return lo[0] & lo[1] & entrylo::G; }
};

// Result of translating through a matching entry.
struct TlbHit {
  unsigned index;  // which entry matched
  u64 lo;          // the EntryLo of the even or odd page
  u64 pa;          // physical address
};

class Jtlb {
 public:
  static constexpr unsigned kEntries = 64;

  // Entries start out matching nothing that a program could produce with an
  // ASID of its own: every entry is zero (VPN2 0, ASID 0, not global, invalid),
  // as software must initialise the TLB anyway.
  Jtlb();

  const TlbEntry& entry(unsigned index) const { return entry_[index]; }
  // Replaces entry `index` (TLBWI, TLBWR, a checkpoint restore) and keeps the
  // lookup index below in step with it.
  void write(unsigned index, const TlbEntry& e);

  // The index of the entry matching `va` for `asid`, if any (TLBP and
  // translation).  With several matches the lowest index wins; the R10000's
  // behaviour for that case is undefined (see docs/privileged.md).
  std::optional<unsigned> probe(u64 va, u8 asid) const;

  // Translates `va` through entry `index` (which must match it).
  TlbHit select(unsigned index, u64 va) const;

 private:
  // A lookup index that gives probe() the same answer as a scan of all 64
  // entries in index order, without the scan.  Entries of 4 KB pages
  // (PageMask 0) compare every VPN2 bit, so one that matches `va` has the
  // same VPN2 bits 20:13 as `va`: it is filed in bucket VPN2 & 255.  Entries
  // of larger pages (or a mask with holes) are all in `wide_`.  The
  // candidates for `va` are bucket(va) | wide_, a superset of the matching
  // entries; they are tried lowest index first, so the lowest matching index
  // wins, as in the scan, whatever duplicates or overlaps software wrote.
  static constexpr unsigned kBuckets = 256;
  static unsigned bucket(u64 va) { return (va >> 13) & (kBuckets - 1); }
  // Per entry, what the scan would compute: the EntryHi bits compared
  // (region and the VPN2 bits the mask does not ignore), EntryHi under that
  // mask, and the ASID (~0 for a global entry, which matches any).
  struct Match {
    u64 mask;
    u64 value;
    u32 asid;
  };
  std::array<TlbEntry, kEntries> entry_{};
  std::array<Match, kEntries> match_{};
  std::array<u64, kBuckets> narrow_{};  // bit i: entry i has 4 KB pages and is in this bucket
  u64 wide_ = 0;                        // bit i: entry i has larger pages
};

}  // namespace ds::mips
