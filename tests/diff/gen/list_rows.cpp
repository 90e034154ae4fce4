// list_rows.cpp - prints every row of the instruction table as JSON, so the
// differential-test generator (diffgen.py) always draws from exactly the rows
// the simulator decodes: a row added to isa_*.cpp is generated (or must be
// excluded with a reason) without touching the generator.
//
// Output: a JSON array of {"name", "match", "mask", "args", "flags"} with the
// flags spelled out by name (see sim/mips/isa.h).
#include <cstdio>

#include <nlohmann/json.hpp>

#include "sim/mips/isa.h"

int main() {
  using namespace ds::mips;
  static constexpr struct {
    ds::u32 bit;
    const char* name;
  } kFlagNames[] = {
      {kBranch, "branch"},   {kLikely, "likely"},     {kJump, "jump"},       {kLoad, "load"},
      {kStore, "store"},     {kTrapInsn, "trap"},     {kGateCp0, "cp0"},     {kGateCp1, "cp1"},
      {kGateIsa3, "isa3"},   {kGateIsa4, "isa4"},     {kGateR2, "r2"},       {kGateCp1x, "cp1x"},
      {kGateHwr, "hwr"},
  };
  nlohmann::json rows = nlohmann::json::array();
  for (const InsnDesc* row : isa_table()) {
    nlohmann::json flags = nlohmann::json::array();
    for (const auto& f : kFlagNames)
      if (row->flags & f.bit) flags.push_back(f.name);
    rows.push_back({{"name", row->name}, {"match", row->match}, {"mask", row->mask},
                    {"args", row->args}, {"flags", flags}});
  }
  std::puts(rows.dump(1).c_str());
  return 0;
}
