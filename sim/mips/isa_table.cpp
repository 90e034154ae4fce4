// isa_table.cpp - gathers the rows of every isa_*.cpp file into the one table
// and builds the decoder index from it.
//
// The index buckets rows by primary opcode (bits 31:26); within a bucket the
// most specific row (most mask bits) is tried first.  Decoding happens once
// per instruction word per page (decode_cache.h), so a short scan is fine.
#include <algorithm>
#include <array>
#include <unordered_map>
#include <vector>

#include "sim/mips/isa.h"

namespace ds::mips {

namespace {

struct Index {
  std::vector<const InsnDesc*> all;
  std::array<std::vector<const InsnDesc*>, 64> by_opcode;

  std::unordered_map<const InsnDesc*, unsigned> id;

  Index() {
    for (auto part : {integer_rows(), fpu_rows(), cop0_rows()})
      for (const InsnDesc& row : part) {
        id[&row] = static_cast<unsigned>(all.size());
        all.push_back(&row);
      }
    for (const InsnDesc* row : all) {
      unsigned op = row->match >> 26;
      by_opcode[op].push_back(row);
    }
    for (auto& bucket : by_opcode)
      std::stable_sort(bucket.begin(), bucket.end(), [](const InsnDesc* a, const InsnDesc* b) {
        return std::popcount(a->mask) > std::popcount(b->mask);
      });
  }
};

const Index& index() {
  static const Index idx;
  return idx;
}

}  // namespace

std::span<const InsnDesc* const> isa_table() { return index().all; }

unsigned row_id(const InsnDesc* row) { return index().id.at(row); }

const InsnDesc* decode(u32 raw) {
  for (const InsnDesc* row : index().by_opcode[raw >> 26])
    if ((raw & row->mask) == row->match) return row;
  return nullptr;
}

}  // namespace ds::mips
