// exception.cpp - names of the exception codes.
#include "sim/mips/exception.h"

#include <array>

namespace ds::mips {

const char* exc_name(unsigned code) {
  static constexpr std::array<const char*, kNumExcCodes> names = {
      "Int",   "Mod",   "TLBL",  "TLBS",  "AdEL",  "AdES",  "IBE",   "DBE",
      "Sys",   "Bp",    "RI",    "CpU",   "Ov",    "Tr",    "Exc14", "FPE",
      "Exc16", "Exc17", "Exc18", "Exc19", "Exc20", "Exc21", "Exc22", "WATCH",
      "Exc24", "Exc25", "Exc26", "Exc27", "Exc28", "Exc29", "Exc30", "Exc31"};
  return code < kNumExcCodes ? names[code] : "Exc?";
}

const char* exc_name(Exc e) { return exc_name(static_cast<unsigned>(e)); }

}  // namespace ds::mips
