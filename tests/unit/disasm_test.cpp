// disasm_test.cpp - encoding-level properties of the instruction table and
// the disassembler that need no external tool (the comparison with objdump
// is tests/isa/disasm_vs_objdump.py).
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "sim/mips/decode_cache.h"
#include "sim/mips/disasm.h"
#include "sim/mips/isa.h"

namespace ds::mips {
namespace {

// Every word a row's mask admits decodes to that row, whatever its free
// fields hold (a more specific row must not steal part of its encodings).
TEST(Decode, EveryFillingOfARowsFreeFieldsDecodesToThatRow) {
  std::mt19937 rng(1997);
  for (const InsnDesc* row : isa_table()) {
    u32 free = ~row->mask;
    for (u32 fill : {0u, ~0u})
      EXPECT_EQ(decode(row->match | (fill & free)), row) << row->name;
    for (int k = 0; k < 256; ++k) {
      u32 w = row->match | (static_cast<u32>(rng()) & free);
      ASSERT_EQ(decode(w), row) << row->name << " 0x" << std::hex << w;
    }
  }
}

// The decode cache fills a slot from the same row the decoder finds.
TEST(Decode, DecodeCacheSlotCarriesTheDecodedRowsSemanticsAndFlags) {
  std::mt19937 rng(7);
  for (int k = 0; k < 100000; ++k) {
    u32 w = static_cast<u32>(rng());
    DecodedSlot s{};
    decode_into(s, w);
    EXPECT_EQ(s.raw, w);
    if (const InsnDesc* d = decode(w)) {
      EXPECT_EQ(s.fn, d->exec) << d->name;
      EXPECT_EQ(s.flags & ~(~u32{0} << kRowIdShift), d->flags) << d->name;
      EXPECT_EQ(s.flags >> kRowIdShift, row_id(d) + 1) << d->name;  // the mix counts by it
    } else {
      EXPECT_EQ(s.flags, 0u) << std::hex << w;
    }
  }
}

// A typo in a row's operand string would be printed literally.
TEST(Disasm, EveryRowsOperandStringUsesOnlyKnownLetters) {
  for (const InsnDesc* row : isa_table())
    for (const char* a = row->args; *a; ++a)
      EXPECT_TRUE(is_operand_letter(*a) || *a == ',' || *a == '(' || *a == ')')
          << row->name << ": unknown operand letter '" << *a << "' in \"" << row->args << '"';
}

// Release 2 rows are not R10000 instructions: a MIPS IV listing shows them
// as data, a Release 2 listing as instructions.
TEST(Disasm, ReleaseTwoRowsAreDataInAMips4ListingAndInstructionsInAnR2One) {
  DisasmOptions mips4, r2;
  mips4.isa = IsaLevel::Mips4, r2.isa = IsaLevel::Mips64R2;
  for (const InsnDesc* row : isa_table()) {
    std::string at4 = disassemble(row->match, 0, mips4), atr2 = disassemble(row->match, 0, r2);
    EXPECT_NE(atr2.rfind(".word", 0), 0u) << row->name;
    if (row->flags & kGateR2)
      EXPECT_EQ(at4.rfind(".word", 0), 0u) << row->name << ": " << at4;
    else
      EXPECT_NE(at4.rfind(".word", 0), 0u) << row->name;
  }
}

// Branch targets count from the delay slot (MIPS IV manual, BEQ: "the
// 16-bit offset, shifted left two bits and sign-extended, is added to the
// address of the instruction following the branch").
TEST(Disasm, BranchTargetIsRelativeToTheDelaySlot) {
  EXPECT_EQ(disassemble(0x1000ffff, 0xffffffff80001000), "beq\tzero,zero,0xffffffff80001000");
  EXPECT_EQ(disassemble(0x10000000, 0xffffffff80001000), "beq\tzero,zero,0xffffffff80001004");
}

// J/JAL replace the low 28 bits of the *delay slot's* address: a jump in the
// last word of a 256 MB region lands in the next region.
TEST(Disasm, JumpInTheLastWordOfARegionUsesTheDelaySlotsRegion) {
  EXPECT_EQ(disassemble(0x08000000, 0xffffffff8ffffffc), "j\t0xffffffff90000000");
  EXPECT_EQ(disassemble(0x0c000001, 0xffffffff8ffffff8), "jal\t0xffffffff80000004");
}

// In a 32-bit (n32) image objdump prints 32-bit target addresses.
TEST(Disasm, Elf32TargetsPrintAsThirtyTwoBits) {
  DisasmOptions n32;
  n32.elf32 = true;
  EXPECT_EQ(disassemble(0x10000000, 0xffffffff80001000, n32), "beq\tzero,zero,0x80001004");
}

TEST(Disasm, UndecodableWordPrintsAsData) {
  EXPECT_EQ(disassemble(0xec000000u, 0), ".word\t0xec000000");
}

}  // namespace
}  // namespace ds::mips
