// peek.cpp - side-effect-free views of a CPU's memory (peek.h).
#include "sim/debug/peek.h"

#include <cstring>

#include "sim/mips/cp0.h"
#include "sim/mips/tlb.h"

namespace ds::debug {

namespace {

// Bytes per reference of each load/store row, by mnemonic.
unsigned ref_size(const char* name) {
  static constexpr struct {
    const char* name;
    unsigned size;
  } kSizes[] = {
      {"lb", 1},   {"lbu", 1},  {"sb", 1},    {"lh", 2},    {"lhu", 2},   {"sh", 2},    {"lw", 4},
      {"lwu", 4},  {"sw", 4},   {"ll", 4},    {"sc", 4},    {"lwl", 4},   {"lwr", 4},   {"swl", 4},
      {"swr", 4},  {"lwc1", 4}, {"swc1", 4},  {"lwxc1", 4}, {"swxc1", 4}, {"ld", 8},    {"sd", 8},
      {"lld", 8},  {"scd", 8},  {"ldl", 8},   {"ldr", 8},   {"sdl", 8},   {"sdr", 8},   {"ldc1", 8},
      {"sdc1", 8}, {"ldxc1", 8}, {"sdxc1", 8},
  };
  for (const auto& s : kSizes)
    if (std::strcmp(s.name, name) == 0) return s.size;
  return 0;
}

}  // namespace

std::optional<DataRef> data_ref(const std::array<u64, 32>& gpr, u32 raw) {
  const mips::InsnDesc* row = mips::decode(raw);
  if (!row || !(row->flags & (mips::kLoad | mips::kStore))) return std::nullopt;
  unsigned size = ref_size(row->name);
  if (!size) return std::nullopt;
  mips::Insn insn{raw};
  bool indexed = std::strstr(row->args, "x(b)") != nullptr;  // COP1X: base + index (ft field)
  u64 va = gpr[insn.rs()] + (indexed ? gpr[insn.rt()] : static_cast<u64>(insn.imm_sext()));
  const char* n = row->name;
  if (n[2] == 'l' || n[2] == 'r') va &= ~u64{size - 1};  // lwl, sdr, ...: the aligned unit
  return DataRef{va, size, (row->flags & mips::kStore) != 0};
}

std::optional<u64> peek_pa(mips::Cpu& c, u64 va, mips::Access access) {
  mips::Translation t;
  if (!c.translate_quietly(va, access, t)) return std::nullopt;
  return t.pa;
}

namespace {

// Copies between RAM and the host, a page at a time.
template <bool kWrite>
bool copy(mips::Cpu& c, u64 va, u8* buf, u64 len) {
  while (len) {
    auto pa = peek_pa(c, va, kWrite ? mips::Access::Store : mips::Access::Load);
    if (!pa && kWrite) pa = peek_pa(c, va, mips::Access::Load);  // a debugger may write read-only pages
    if (!pa) return false;
    u8* page = c.bus().ram_page(*pa);
    if (!page) return false;
    u64 n = std::min<u64>(len, kPageSize - (*pa & kPageMask));
    if (kWrite)
      std::memcpy(page + (*pa & kPageMask), buf, n);
    else
      std::memcpy(buf, page + (*pa & kPageMask), n);
    va += n, buf += n, len -= n;
  }
  return true;
}

}  // namespace

bool peek(mips::Cpu& c, u64 va, u8* out, u64 len) { return copy<false>(c, va, out, len); }
bool poke(mips::Cpu& c, u64 va, const u8* in, u64 len) { return copy<true>(c, va, const_cast<u8*>(in), len); }

std::optional<u32> peek_insn(mips::Cpu& c, u64 va) {
  u8 b[4];
  if (!peek(c, va, b, 4)) return std::nullopt;
  return c.big_endian ? (u32{b[0]} << 24 | u32{b[1]} << 16 | u32{b[2]} << 8 | b[3])
                      : (u32{b[3]} << 24 | u32{b[2]} << 16 | u32{b[1]} << 8 | b[0]);
}

char mode_letter(const mips::Cpu& c) {
  if (!c.cp0) return 'u';
  switch (c.cp0->mode()) {
    case mips::Mode::Kernel: return 'k';
    case mips::Mode::Supervisor: return 's';
    default: return 'u';
  }
}

unsigned asid(const mips::Cpu& c) {
  return c.cp0 ? static_cast<unsigned>(c.cp0->regs()[mips::reg::EntryHi] & mips::entryhi::kAsidMask) : 0;
}

}  // namespace ds::debug
