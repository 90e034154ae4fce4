// isa_table_test.cpp - the instruction table is well formed: every row's
// match fits its mask, no two rows claim the same encoding, and decoding a
// row's own match word finds that row.
#include <gtest/gtest.h>

#include "sim/mips/isa.h"

namespace ds::mips {
namespace {

TEST(IsaTable, MatchBitsLieInsideMask) {
  for (const InsnDesc* row : isa_table()) EXPECT_EQ(row->match & ~row->mask, 0u) << row->name;
}

TEST(IsaTable, NoTwoRowsOverlap) {
  auto rows = isa_table();
  for (size_t a = 0; a < rows.size(); ++a)
    for (size_t b = a + 1; b < rows.size(); ++b) {
      u32 common = rows[a]->mask & rows[b]->mask;
      bool overlap = (rows[a]->match & common) == (rows[b]->match & common);
      EXPECT_FALSE(overlap) << rows[a]->name << " and " << rows[b]->name << " both match some word";
    }
}

TEST(IsaTable, DecodingEachRowsMatchFindsThatRow) {
  for (const InsnDesc* row : isa_table()) EXPECT_EQ(decode(row->match), row) << row->name;
}

TEST(IsaTable, UnassignedOpcodeIsReserved) {
  EXPECT_EQ(decode(0xec000000u), nullptr);  // primary opcode 0x3b: unused in MIPS IV
}

}  // namespace
}  // namespace ds::mips
