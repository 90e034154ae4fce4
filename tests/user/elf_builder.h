// elf_builder.h - writes a minimal static ELF64 MIPS executable (one PT_LOAD
// segment holding the given instruction words) for the user-runner tests, so
// they do not depend on a cross compiler.
#pragma once
#include <cstdio>
#include <string>
#include <vector>

#include "sim/types.h"

namespace ds::test {

struct TinyElf {
  bool big_endian = true;
  u64 vaddr = 0x120000000;
  std::vector<u32> code;           // instructions, placed right after the headers
  bool add_interp = false;         // add a PT_INTERP header (a "dynamic" program)
  bool elf32 = false;              // write an ELF32 (o32-style) header instead

  static constexpr u64 kHeaders = 64 + 2 * 56;  // ELF header + room for two program headers
  u64 entry() const { return vaddr + kHeaders; }

  // Writes the file; returns false on an I/O error.
  bool write(const std::string& path) const {
    std::vector<u8> f(kHeaders + 4 * code.size(), 0);
    auto put = [&](u64 off, u64 v, unsigned n) {
      for (unsigned k = 0; k < n; ++k) f[off + (big_endian ? n - 1 - k : k)] = static_cast<u8>(v >> (8 * k));
    };
    const u8 ident[] = {0x7f, 'E', 'L', 'F', static_cast<u8>(elf32 ? 1 : 2), static_cast<u8>(big_endian ? 2 : 1), 1};
    for (unsigned k = 0; k < sizeof ident; ++k) f[k] = ident[k];
    unsigned phnum = add_interp ? 2 : 1;
    if (elf32) {  // just enough of an ELF32 header for the loader to classify it
      put(16, 2, 2), put(18, 8, 2), put(20, 1, 4), put(24, entry(), 4), put(28, 52, 4);
      put(40, 52, 2), put(42, 32, 2), put(44, 0, 2);
    } else {
      put(16, 2, 2), put(18, 8, 2), put(20, 1, 4), put(24, entry(), 8), put(32, 64, 8);
      put(52, 64, 2), put(54, 56, 2), put(56, phnum, 2), put(58, 64, 2);
      u64 ph = 64;
      put(ph + 0, 1, 4), put(ph + 4, 5, 4), put(ph + 8, 0, 8), put(ph + 16, vaddr, 8), put(ph + 24, vaddr, 8);
      put(ph + 32, f.size(), 8), put(ph + 40, f.size(), 8), put(ph + 48, 0x10000, 8);
      if (add_interp) {
        ph += 56;
        put(ph + 0, 3, 4), put(ph + 4, 4, 4), put(ph + 8, 0, 8), put(ph + 16, vaddr, 8), put(ph + 24, vaddr, 8);
        put(ph + 32, 1, 8), put(ph + 40, 1, 8), put(ph + 48, 1, 8);
      }
    }
    for (size_t i = 0; i < code.size(); ++i) put(kHeaders + 4 * i, code[i], 4);
    std::FILE* out = std::fopen(path.c_str(), "wb");
    if (!out) return false;
    bool ok = std::fwrite(f.data(), 1, f.size(), out) == f.size();
    return std::fclose(out) == 0 && ok;
  }
};

// Instruction encoders for the few instructions the tests need.
inline u32 addiu(unsigned rt, unsigned rs, i16 imm) { return 0x24000000u | rs << 21 | rt << 16 | static_cast<u16>(imm); }
inline u32 daddiu(unsigned rt, unsigned rs, i16 imm) { return 0x64000000u | rs << 21 | rt << 16 | static_cast<u16>(imm); }
inline u32 lui(unsigned rt, u16 imm) { return 0x3c000000u | rt << 16 | imm; }
inline u32 ori(unsigned rt, unsigned rs, u16 imm) { return 0x34000000u | rs << 21 | rt << 16 | imm; }
inline u32 dsll32(unsigned rd, unsigned rt, unsigned sa) { return 0x0000003cu | rt << 16 | rd << 11 | sa << 6; }
inline u32 lw(unsigned rt, unsigned base, i16 off) { return 0x8c000000u | base << 21 | rt << 16 | static_cast<u16>(off); }
inline u32 sw(unsigned rt, unsigned base, i16 off) { return 0xac000000u | base << 21 | rt << 16 | static_cast<u16>(off); }
constexpr u32 kSyscall = 0x0000000c;
constexpr u32 kNop = 0;

}  // namespace ds::test
