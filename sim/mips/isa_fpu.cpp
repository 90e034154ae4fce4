// isa_fpu.cpp - the floating-point (CP1/COP1X) rows of the instruction table.
#include "sim/mips/cpu.h"
#include "sim/mips/isa.h"

namespace ds::mips {

std::span<const InsnDesc> fpu_rows() { return {}; }

}  // namespace ds::mips
