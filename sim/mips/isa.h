// isa.h - the instruction table's row type and the decoder built from it.
//
// Every R10000 instruction is one InsnDesc row (isa_integer.cpp, isa_fpu.cpp,
// and, with the privileged architecture, isa_cop0.cpp): mnemonic, match/mask, operand layout for the disassembler,
// flags, and a short semantic function.  Decoder, disassembler and
// per-mnemonic statistics all come from these rows; no opcode is listed twice
// (tests/unit/isa_table_test.cpp fails if two rows overlap).
#pragma once
#include <span>

#include "sim/mips/insn.h"

namespace ds::mips {

class Cpu;
using ExecFn = void (*)(Cpu&, Insn);

// Properties the execution loop and the disassembler need without running the
// instruction.  The *gate* flags name who may execute the instruction: the CPU
// keeps a mask of gates that are closed in its current mode (Cpu::forbidden)
// and raises the exception the manual prescribes when a closed gate is hit.
enum InsnFlag : u32 {
  kBranch = 1u << 0,      // conditional branch, has a delay slot
  kLikely = 1u << 1,      // branch-likely: delay slot nullified if not taken
  kJump = 1u << 2,        // unconditional jump, has a delay slot
  kLoad = 1u << 3,        // reads memory
  kStore = 1u << 4,       // writes memory
  kTrapInsn = 1u << 5,    // may raise Trap / Syscall / Breakpoint
  // gates
  kGateCp0 = 1u << 8,     // CP0 instruction: kernel mode, or CU0=1
  kGateCp1 = 1u << 9,     // FPU instruction: CU1=1
  kGateIsa3 = 1u << 10,   // MIPS III 64-bit op: user needs UX, supervisor SX
  kGateIsa4 = 1u << 11,   // MIPS IV addition: user mode needs XX (or CU3)
  kGateR2 = 1u << 12,     // MIPS64 Release 2: only when the ISA level allows
  kGateCp1x = 1u << 13,   // COP1X (MIPS IV FPU indexed/madd): CU1 and XX
  kGateHwr = 1u << 14,    // RDHWR's hardware registers: never on the full machine
                          // (the R10000 has none; kernels emulate RDHWR in their
                          // RI handler), provided by the user-mode runner
};
// Bits 31:16 of a decoded slot's flags hold its row id + 1 (0: reserved
// instruction), so counting the mix needs no lookup.
constexpr unsigned kRowIdShift = 16;
constexpr u32 kGateMask = kGateCp0 | kGateCp1 | kGateIsa3 | kGateIsa4 | kGateR2 | kGateCp1x | kGateHwr;

enum class IsaLevel : u8 {
  Mips4,     // the R10000 (the machine's default, strict differential tests)
  Mips64R2,  // also accepts the Release 2 additions (user-mode runner; the
             // machine with [machine] isa = "r2")
};

struct InsnDesc {
  const char* name;  // the manual's mnemonic (disasm.cpp applies binutils' few
                     // spellings that differ, e.g. ror for rotr)
  u32 match;         // (raw & mask) == match selects this row
  u32 mask;
  const char* args;  // operand layout, one letter per operand (disasm.cpp)
  u32 flags;         // InsnFlag bits
  ExecFn exec;       // semantics; reports exceptions via Cpu::raise()
};

// Each file of rows exposes its part of the one table.
std::span<const InsnDesc> integer_rows();
std::span<const InsnDesc> fpu_rows();
std::span<const InsnDesc> cop0_rows();

// All rows, in a stable order.  A row's position is its id: statistics
// (the instruction mix) count by it.
std::span<const InsnDesc* const> isa_table();

// The row matching `raw`, or nullptr (Reserved Instruction).
const InsnDesc* decode(u32 raw);

// The position of `row` in isa_table().
unsigned row_id(const InsnDesc* row);

}  // namespace ds::mips
