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
  std::array<TlbEntry, kEntries> entry{};

  // The index of the entry matching `va` for `asid`, if any (TLBP and
  // translation).  With several matches the lowest index wins; the R10000's
  // behaviour for that case is undefined (see docs/privileged.md).
  std::optional<unsigned> probe(u64 va, u8 asid) const;

  // Translates `va` through entry `index` (which must match it).
  TlbHit select(unsigned index, u64 va) const;
};

}  // namespace ds::mips
