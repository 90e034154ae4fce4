// disasm.h - MIPS disassembly driven by the instruction table's operand
// strings.  The output is, character for character, what
//     mips64-linux-gnuabi64-objdump -d -M no-aliases
// prints for the same word (tests/isa/disasm_vs_objdump.py checks every row).
//
// Why no-aliases: the simulator executes table rows, and its statistics and
// traces are per row.  Plain `objdump -d` prints `move v0,a1` for three
// different rows (or, addu, daddu) whose semantics differ (addu truncates to
// 32 bits and sign-extends; daddu does not), `li` for addiu/daddiu/ori, and
// `b` for `beq zero,zero`.  A student chasing a sign-extension bug must see
// which row ran.  So the disassembler names the row; the few places where
// binutils still prints another spelling even with no-aliases (jalr with
// the implied $ra, neg/negu for sub/subu from $zero, dli for ori from $zero,
// ror/dror for the Release 2 rotates,
// dext/dins for the dextm/dextu/dinsm/dinsu forms) are one small table in
// disasm.cpp, each entry with its reason.
#pragma once
#include <functional>
#include <string>

#include "sim/mips/isa.h"
#include "sim/types.h"

namespace ds::mips {

struct DisasmOptions {
  // The architecture objdump would assume: Mips4 for an R10000 image (CP0
  // registers print as numbers; Release 2 rows are not instructions and
  // print as .word), Mips64R2 for a Release 2 image (named CP0 registers).
  IsaLevel isa = IsaLevel::Mips4;
  // A 32-bit (n32/o32) image: branch and jump targets print as 32 bits.
  bool elf32 = false;
  // Optional: the "<symbol+0x10>" objdump appends to a branch or jump target
  // in an image with symbols (empty string: no symbol).  When set, targets
  // print as objdump prints them then: bare hex, a space, the annotation.
  std::function<std::string(u64 target)> symbolize;
};

// Disassembles `raw` located at `pc`.  Words no row decodes (or that the
// chosen architecture does not have) print as ".word\t0x...".  Branch and
// jump targets print as absolute addresses ("0xffffffff80100010"), as
// objdump prints them for an image without symbols.
std::string disassemble(u32 raw, u64 pc, const DisasmOptions& opt = {});

// True for the letters an `args` string may use (listed in disasm.cpp);
// ',', '(' and ')' are separators.  Lets a test reject a row with a typo.
bool is_operand_letter(char c);

// Register names as objdump prints them for n32/n64 code (disasm_names.cpp).
const char* gpr_name(unsigned r);                            // "zero", "at", ...
std::string cp0_name(unsigned reg, unsigned sel, IsaLevel isa);  // "$12", "c0_status"
std::string fcr_name(unsigned reg, IsaLevel isa);            // FPU control: "c1_fcsr"
std::string hwr_name(unsigned reg);                          // RDHWR: "hwr_cc", "$29"

}  // namespace ds::mips
