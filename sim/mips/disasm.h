// disasm.h - MIPS disassembly driven by the instruction table's operand
// strings; output follows binutils' objdump (register names, aliases such as
// nop/move/b/beqz), so tests can compare the two line by line.
#pragma once
#include <string>

#include "sim/types.h"

namespace ds::mips {

// Disassembles `raw` located at `pc`.  Unknown words print as ".word 0x...".
std::string disassemble(u32 raw, u64 pc);

// ABI register names as objdump prints them for n64 code ("zero", "at", ...).
const char* gpr_name(unsigned r);

}  // namespace ds::mips
