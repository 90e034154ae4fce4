// decode_cache.h - pre-decoded instructions, one array per physical page.
//
// Each slot remembers the raw word it was decoded from.  Fetch compares that
// word with memory on every execution, so stores, DMA and other CPUs can
// change code at will: a changed word is simply decoded again.  No
// invalidation protocol is needed, at the price of one extra load per
// instruction from a line the fetch just touched.
#pragma once
#include <array>
#include <memory>
#include <unordered_map>

#include "sim/mips/insn.h"
#include "sim/mips/isa.h"

namespace ds::mips {

// 16 bytes, so the fetch loop finds a slot with one shift.  The table row is
// not kept: whoever needs it (disassembly, statistics) calls decode(raw).
struct DecodedSlot {
  ExecFn fn;
  u32 raw;
  u32 flags;
};
static_assert(sizeof(DecodedSlot) == 16);

struct DecodedPage {
  DecodedPage();
  std::array<DecodedSlot, 1024> slot;
};

// Fills `s` for `raw` (exec_reserved when no row matches).
void decode_into(DecodedSlot& s, u32 raw);

class DecodeCache {
 public:
  // The decoded page for the RAM page starting at `host_page`.
  DecodedPage* page(const u8* host_page);

 private:
  std::unordered_map<const u8*, std::unique_ptr<DecodedPage>> pages_;
};

}  // namespace ds::mips
