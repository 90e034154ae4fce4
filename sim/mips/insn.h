// insn.h - one 32-bit MIPS instruction word and its fields, named as in the
// MIPS IV Instruction Set manual.  Semantic code reads fields only through
// these accessors; it never shifts raw bits itself.
#pragma once
#include "sim/types.h"

namespace ds::mips {

struct Insn {
  u32 raw;

  // Integer formats (I-type, R-type, J-type).
  constexpr unsigned opcode() const { return raw >> 26; }
  constexpr unsigned rs() const { return (raw >> 21) & 31; }
  constexpr unsigned rt() const { return (raw >> 16) & 31; }
  constexpr unsigned rd() const { return (raw >> 11) & 31; }
  constexpr unsigned sa() const { return (raw >> 6) & 31; }
  constexpr unsigned funct() const { return raw & 63; }
  constexpr u64 imm_sext() const { return sext16(raw & 0xffff); }
  constexpr u64 imm_zext() const { return raw & 0xffff; }
  constexpr u32 target26() const { return raw & 0x03ffffff; }
  constexpr u32 code20() const { return (raw >> 6) & 0xfffff; }  // SYSCALL, BREAK
  constexpr u32 code10() const { return (raw >> 6) & 0x3ff; }    // TEQ..TNE
  constexpr unsigned sel() const { return raw & 7; }             // MFC0 select

  // Coprocessor 1 formats.
  constexpr unsigned fmt() const { return (raw >> 21) & 31; }
  constexpr unsigned ft() const { return (raw >> 16) & 31; }
  constexpr unsigned fs() const { return (raw >> 11) & 31; }
  constexpr unsigned fd() const { return (raw >> 6) & 31; }
  constexpr unsigned fr() const { return (raw >> 21) & 31; }    // COP1X MADD family
  constexpr unsigned bc_cc() const { return (raw >> 18) & 7; }  // BC1T/F, MOVF/T
  constexpr bool bc_tf() const { return (raw >> 16) & 1; }      // true/false sense
  constexpr bool bc_nd() const { return (raw >> 17) & 1; }      // likely (nullify delay)
  constexpr unsigned c_cc() const { return (raw >> 8) & 7; }    // C.cond.fmt
  constexpr unsigned cond() const { return raw & 15; }          // C.cond.fmt
  constexpr unsigned index_reg() const { return (raw >> 16) & 31; }  // COP1X index
};

}  // namespace ds::mips
