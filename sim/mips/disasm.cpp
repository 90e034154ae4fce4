// disasm.cpp - turns a table row's operand letters into text.
//
// Operand letters (the `args` column of isa_*.cpp):
//   d s t   GPR in the rd / rs / rt field
//   z       literal "zero" (objdump's first operand of div/divu/ddiv/ddivu)
//   <       shift amount / bit position (sa)         >  sa + 32
//   E       size = rd + 1 (EXT/DEXT/DEXTU)           F  size = rd + 33 (DEXTM)
//   I       size = rd + 1 - sa (INS/DINS/DINSU)      J  size = rd + 33 - sa (DINSM)
//   j       signed 16-bit immediate (decimal)        i  unsigned 16-bit immediate (hex)
//   u       LUI immediate (hex)
//   o(b)    signed offset and base register
//   p       PC-relative branch target                a  26-bit jump target
//   B       SYSCALL/BREAK code (omitted when 0)      q  trap code (omitted when 0)
//   1       SYNC stype (omitted when 0)              k  PREF hint (decimal)
//   K       hardware register number, as $n
//   S T D R FPR in fs / ft / fd / fr                 N  FPU condition code in bits 20:18
//   M       FPU condition code in bits 10:8          x  index register (COP1X)
//   G       CP0 register number, as $n               C  FPU control register, as $n
// A comma in `args` prints as a comma; anything else is printed as is.
#include "sim/mips/disasm.h"

#include <fmt/format.h>

#include "sim/mips/isa.h"

namespace ds::mips {

const char* gpr_name(unsigned r) {
  static const char* const names[32] = {"zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
                                        "a4",   "a5", "a6", "a7", "t0", "t1", "t2", "t3",
                                        "s0",   "s1", "s2", "s3", "s4", "s5", "s6", "s7",
                                        "t8",   "t9", "k0", "k1", "gp", "sp", "s8", "ra"};
  return names[r & 31];
}

namespace {

std::string hex(u64 v) { return fmt::format("0x{:x}", v); }

// objdump's spelling of common idioms; returns true when it printed an alias.
bool alias(u32 raw, u64 pc, const InsnDesc& d, std::string& out) {
  Insn i{raw};
  std::string n = d.name;
  u64 target = pc + 4 + (i.imm_sext() << 2);
  if (raw == 0) return out = "nop", true;
  if (n == "sll" && i.rd() == 0 && i.rt() == 0 && i.sa() == 1) return out = "ssnop", true;
  if (n == "sll" && i.rd() == 0 && i.rt() == 0 && i.sa() == 3) return out = "ehb", true;
  if ((n == "or" || n == "daddu" || n == "addu") && i.rt() == 0)
    return out = fmt::format("move\t{},{}", gpr_name(i.rd()), gpr_name(i.rs())), true;
  if (n == "beq" && i.rs() == 0 && i.rt() == 0) return out = fmt::format("b\t{}", hex(target)), true;
  if (n == "beq" && i.rt() == 0) return out = fmt::format("beqz\t{},{}", gpr_name(i.rs()), hex(target)), true;
  if (n == "bne" && i.rt() == 0) return out = fmt::format("bnez\t{},{}", gpr_name(i.rs()), hex(target)), true;
  if (n == "beql" && i.rt() == 0) return out = fmt::format("beqzl\t{},{}", gpr_name(i.rs()), hex(target)), true;
  if (n == "bnel" && i.rt() == 0) return out = fmt::format("bnezl\t{},{}", gpr_name(i.rs()), hex(target)), true;
  if (n == "bgezal" && i.rs() == 0) return out = fmt::format("bal\t{}", hex(target)), true;
  if (n == "jalr" && i.rd() == 31) return out = fmt::format("jalr\t{}", gpr_name(i.rs())), true;
  if ((n == "subu" || n == "dsubu" || n == "sub" || n == "dsub") && i.rs() == 0)
    return out = fmt::format("{}\t{},{}", n == "subu" ? "negu" : n == "dsubu" ? "dnegu" : n == "sub" ? "neg" : "dneg",
                             gpr_name(i.rd()), gpr_name(i.rt())),
           true;
  if (n == "nor" && i.rt() == 0) return out = fmt::format("not\t{},{}", gpr_name(i.rd()), gpr_name(i.rs())), true;
  if ((n == "addiu" || n == "daddiu") && i.rs() == 0)
    return out = fmt::format("li\t{},{}", gpr_name(i.rt()), static_cast<i64>(i.imm_sext())), true;
  if (n == "ori" && i.rs() == 0) return out = fmt::format("li\t{},{}", gpr_name(i.rt()), hex(i.imm_zext())), true;
  return false;
}

}  // namespace

std::string disassemble(u32 raw, u64 pc) {
  const InsnDesc* d = decode(raw);
  if (!d) return fmt::format(".word\t0x{:x}", raw);
  std::string out;
  if (alias(raw, pc, *d, out)) return out;

  Insn i{raw};
  std::string ops;
  for (const char* a = d->args; *a; ++a) {
    switch (*a) {
      case 'd': ops += gpr_name(i.rd()); break;
      case 's': ops += gpr_name(i.rs()); break;
      case 't': ops += gpr_name(i.rt()); break;
      case 'b': ops += gpr_name(i.rs()); break;
      case 'z': ops += "zero"; break;
      case '<': ops += hex(i.sa()); break;
      case '>': ops += hex(i.sa() + 32); break;
      case 'E': ops += hex(i.rd() + 1); break;
      case 'F': ops += hex(i.rd() + 33); break;
      case 'I': ops += hex(i.rd() + 1 - i.sa()); break;
      case 'J': ops += hex(i.rd() + 33 - i.sa()); break;
      case 'j': ops += fmt::format("{}", static_cast<i64>(i.imm_sext())); break;
      case 'i': case 'u': ops += hex(i.imm_zext()); break;
      case 'o': ops += fmt::format("{}", static_cast<i64>(i.imm_sext())); break;
      case 'p': ops += hex(pc + 4 + (i.imm_sext() << 2)); break;
      case 'a': ops += hex(((pc + 4) & ~u64{0x0fffffff}) | (u64{i.target26()} << 2)); break;
      case 'B': if (i.code20()) ops += hex(i.code20()); break;
      case 'q': if (i.code10()) ops += hex(i.code10()); break;
      case '1': if (i.sa()) ops += hex(i.sa()); break;
      case 'k': ops += fmt::format("{}", i.rt()); break;
      case 'K': ops += fmt::format("${}", i.rd()); break;
      case 'S': ops += fmt::format("$f{}", i.fs()); break;
      case 'T': ops += fmt::format("$f{}", i.ft()); break;
      case 'D': ops += fmt::format("$f{}", i.fd()); break;
      case 'R': ops += fmt::format("$f{}", i.fr()); break;
      case 'N': ops += fmt::format("$fcc{}", i.bc_cc()); break;
      case 'M': ops += fmt::format("$fcc{}", i.c_cc()); break;
      case 'x': ops += gpr_name(i.index_reg()); break;
      case 'G': ops += fmt::format("${}", i.rd()); break;
      case 'C': ops += fmt::format("${}", i.fs()); break;
      default: ops += *a; break;
    }
  }
  // Trailing separators left by omitted optional operands.
  while (!ops.empty() && ops.back() == ',') ops.pop_back();
  return ops.empty() ? std::string(d->name) : fmt::format("{}\t{}", d->name, ops);
}

}  // namespace ds::mips
