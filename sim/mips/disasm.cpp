// disasm.cpp - turns a table row's operand letters into objdump's text
// (the syntax choice is explained in disasm.h).
//
// Operand letters (the `args` column of isa_*.cpp):
//   d s t   GPR in the rd / rs / rt field        b   GPR in rs, as a base register
//   z       literal "zero" (objdump's first operand of div/divu/ddiv/ddivu)
//   U       GPR in rd, which should equal rt (CLZ/CLO/DCLZ/DCLO); objdump
//           prints the non-zero one if the other is $zero, and "rd or rt"
//           when both are non-zero and differ
//   <       shift amount / bit position (sa)     >   sa + 32
//   E       size = rd + 1 (EXT/DEXT/DEXTU)       F   size = rd + 33 (DEXTM)
//   I       size = rd + 1 - sa (INS/DINS/DINSU)  J   size = rd + 33 - sa (DINSM)
//           (printed as 32-bit unsigned, so an encoding with msb < lsb
//           shows objdump's 0xfffffff...)
//   j       signed 16-bit immediate (decimal)    i   unsigned 16-bit immediate (hex)
//   u       LUI immediate (hex)                  o   signed 16-bit offset (decimal)
//   p       PC-relative branch target            a   26-bit jump target
//   B       SYSCALL code, 20 bits (omitted when 0)
//   c       BREAK code: "hi" or "hi,lo" from bits 25:16 and 15:6 (omitted when 0)
//   q       trap code, bits 15:6 (omitted when 0)
//   1       SYNC stype (omitted when 0)
//   k       PREF/CACHE hint in the rt field (hex) h   PREFX hint in the fs field (hex)
//   K       hardware register in rd (RDHWR)
//   S T D R FPR in fs / ft / fd / fr             x   GPR in the ft field (COP1X index)
//   N       FPU condition code in bits 20:18     M   FPU condition code in bits 10:8
//           (as the first operand, $fcc0 is omitted: "bc1t 0x..", "c.eq.d $f0,$f2")
//   G       CP0 register in rd, with its select   C   FPU control register in fs
// Any other character (',', '(', ')') prints as itself.
#include "sim/mips/disasm.h"

#include <cstring>

#include <fmt/format.h>

namespace ds::mips {

namespace {

// Where objdump -M no-aliases still prints something other than the row's
// own mnemonic and operands.  Checked in order; the first entry whose row
// name matches and whose condition holds wins.
struct Spelling {
  const char* row;
  bool (*when)(Insn, IsaLevel);
  const char* name;  // nullptr: objdump does not know this word (.word)
  const char* args;
};

bool always(Insn, IsaLevel) { return true; }
bool rs_zero(Insn i, IsaLevel) { return i.rs() == 0; }

constexpr Spelling kSpellings[] = {
    // JALR with the implied return register $31 drops it.
    {"jalr", [](Insn i, IsaLevel) { return i.rd() == 31; }, "jalr", "s"},
    // Subtracting from $zero is printed as negation even without aliases.
    {"sub", rs_zero, "neg", "d,t"},
    {"subu", rs_zero, "negu", "d,t"},
    {"dsub", rs_zero, "dneg", "d,t"},
    {"dsubu", rs_zero, "dnegu", "d,t"},
    // binutils spells the Release 2 rotates with the older NEC names.
    {"rotr", always, "ror", "d,t,<"},
    {"rotrv", always, "rorv", "d,t,s"},
    {"drotr", always, "dror", "d,t,<"},
    {"drotr32", always, "dror32", "d,t,<"},
    {"drotrv", always, "drorv", "d,t,s"},
    // ORI from $zero is binutils' "dli" (its "li" spelling is the alias).
    {"ori", rs_zero, "dli", "t,i"},
    // The assembler spells all doubleword extract/insert forms dext/dins and
    // picks the encoding from the position and size; objdump does the same.
    {"dextm", always, "dext", "t,s,<,F"},
    {"dextu", always, "dext", "t,s,>,E"},
    {"dinsm", always, "dins", "t,s,<,J"},
    {"dinsu", always, "dins", "t,s,>,I"},
    // SYNC's stype field is a MIPS32 addition; for MIPS IV objdump only
    // knows the all-zero SYNC and the R5900's "sync.p" (stype 16), and
    // prints the rest as data.  The R10000 executes any stype as SYNC.
    {"sync", [](Insn i, IsaLevel isa) { return isa == IsaLevel::Mips4 && i.sa() == 16; }, "sync.p", ""},
    {"sync", [](Insn i, IsaLevel isa) { return isa == IsaLevel::Mips4 && i.sa() != 0; }, nullptr,
     nullptr},
};

std::string word(u32 raw) { return fmt::format(".word\t0x{:x}", raw); }
std::string hex(u64 v) { return fmt::format("0x{:x}", v); }

// A branch or jump target: "0x..." without symbols, "... <sym+0x..>" with.
std::string target(u64 v, const DisasmOptions& opt) {
  if (opt.elf32) v &= 0xffffffffu;
  if (!opt.symbolize) return hex(v);
  std::string sym = opt.symbolize(v);
  return sym.empty() ? hex(v) : fmt::format("{:x} {}", v, sym);
}

// The destination of CLZ-style rows, which the encoding repeats in rd and rt.
std::string rd_and_rt(Insn i) {
  if (i.rd() == i.rt() || i.rt() == 0) return gpr_name(i.rd());
  if (i.rd() == 0) return gpr_name(i.rt());
  return fmt::format("{} or {}", gpr_name(i.rd()), gpr_name(i.rt()));
}

std::string break_code(Insn i) {
  unsigned hi = (i.raw >> 16) & 0x3ff, lo = (i.raw >> 6) & 0x3ff;
  if (lo) return fmt::format("0x{:x},0x{:x}", hi, lo);
  return hi ? hex(hi) : std::string();
}

// The text of one operand letter; empty for an omitted optional operand.
std::string operand(char letter, Insn i, u64 pc, const DisasmOptions& opt) {
  switch (letter) {
    case 'd': return gpr_name(i.rd());
    case 's': case 'b': return gpr_name(i.rs());
    case 't': return gpr_name(i.rt());
    case 'x': return gpr_name(i.index_reg());
    case 'z': return "zero";
    case 'U': return rd_and_rt(i);
    case '<': return hex(i.sa());
    case '>': return hex(i.sa() + 32);
    case 'E': return hex(i.rd() + 1);
    case 'F': return hex(i.rd() + 33);
    case 'I': return hex(static_cast<u32>(i.rd() + 1 - i.sa()));
    case 'J': return hex(static_cast<u32>(i.rd() + 33 - i.sa()));
    case 'j': case 'o': return fmt::format("{}", static_cast<i64>(i.imm_sext()));
    case 'i': case 'u': return hex(i.imm_zext());
    case 'p': return target(pc + 4 + (i.imm_sext() << 2), opt);
    case 'a': return target(((pc + 4) & ~u64{0x0fffffff}) | (u64{i.target26()} << 2), opt);
    case 'B': return i.code20() ? hex(i.code20()) : std::string();
    case 'c': return break_code(i);
    case 'q': return i.code10() ? hex(i.code10()) : std::string();
    case '1': return i.sa() ? hex(i.sa()) : std::string();
    case 'k': return hex(i.rt());
    case 'h': return hex(i.fs());
    case 'K': return hwr_name(i.rd());
    case 'S': return fmt::format("$f{}", i.fs());
    case 'T': return fmt::format("$f{}", i.ft());
    case 'D': return fmt::format("$f{}", i.fd());
    case 'R': return fmt::format("$f{}", i.fr());
    case 'N': return fmt::format("$fcc{}", i.bc_cc());
    case 'M': return fmt::format("$fcc{}", i.c_cc());
    case 'G': return cp0_name(i.rd(), i.sel(), opt.isa);
    case 'C': return fcr_name(i.fs(), opt.isa);
    default: return std::string(1, letter);
  }
}

// objdump leaves out a condition code of 0 when it is the first operand
// (BC1T/BC1F and C.cond.fmt), but prints it elsewhere (MOVF/MOVT).
bool omitted_first_cc(char letter, Insn i) {
  return (letter == 'N' && i.bc_cc() == 0) || (letter == 'M' && i.c_cc() == 0);
}

}  // namespace

bool is_operand_letter(char c) {
  // Every case of operand() above, and nothing else.
  static constexpr char kLetters[] = "dsbtxzU<>EFIJjoiupaBcq1khKSTDRNMGC";
  return c != '\0' && std::strchr(kLetters, c) != nullptr;
}

std::string disassemble(u32 raw, u64 pc, const DisasmOptions& opt) {
  const InsnDesc* d = decode(raw);
  if (!d) return word(raw);
  if (opt.isa == IsaLevel::Mips4 && (d->flags & kGateR2)) return word(raw);
  Insn i{raw};

  const char* name = d->name;
  const char* args = d->args;
  for (const Spelling& s : kSpellings) {
    if (std::strcmp(s.row, d->name) != 0 || !s.when(i, opt.isa)) continue;
    if (!s.name) return word(raw);
    name = s.name, args = s.args;
    break;
  }

  if (*args && omitted_first_cc(args[0], i)) args += args[1] == ',' ? 2 : 1;
  std::string ops;
  for (const char* a = args; *a; ++a) ops += operand(*a, i, pc, opt);
  // Trailing separators left by omitted optional operands.
  while (!ops.empty() && ops.back() == ',') ops.pop_back();
  return ops.empty() ? std::string(name) : fmt::format("{}\t{}", name, ops);
}

}  // namespace ds::mips
