// decode_cache.cpp - filling decoded slots from the instruction table.
#include "sim/mips/decode_cache.h"

#include "sim/mips/cpu.h"

namespace ds::mips {

namespace {
// The semantic function of every word no table row matches.
void exec_reserved(Cpu& c, Insn) { c.raise(Exc::RI); }
}  // namespace

void decode_into(DecodedSlot& s, u32 raw) {
  const InsnDesc* d = decode(raw);
  s.raw = raw;
  s.fn = d ? d->exec : exec_reserved;
  s.flags = d ? d->flags | (row_id(d) + 1) << kRowIdShift : 0;
}

DecodedPage::DecodedPage() {
  DecodedSlot zero;
  decode_into(zero, 0);
  slot.fill(zero);
}

DecodedPage* DecodeCache::page(const u8* host_page) {
  auto& p = pages_[host_page];
  if (!p) p = std::make_unique<DecodedPage>();
  return p.get();
}

}  // namespace ds::mips
