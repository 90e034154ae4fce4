// isa_cop0.cpp - the CP0 rows of the instruction table: moves to and from
// CP0 registers, the TLB instructions, ERET and CACHE (MIPS IV manual; R10000
// manual ch. 14).  Every row carries kGateCp0, so outside kernel mode with
// Status.CU0 clear they raise Coprocessor Unusable (CE=0) before running; the
// bodies only forward to the Cp0 (cp0.h), where the register semantics live.
// The 64-bit moves also carry kGateIsa3 (Reserved Instruction in 32-bit user
// and supervisor mode).
#include <array>

#include "sim/mips/cp0.h"
#include "sim/mips/isa.h"

namespace ds::mips {

namespace {

constexpr u32 kMove = 0xFFE0'07FF;  // rs selects the move; bits 10:0 zero
constexpr u32 kExact = 0xFFFF'FFFF;

constexpr std::array kRows = {
    InsnDesc{.name = "mfc0", .match = 0x4000'0000, .mask = kMove, .args = "t,G", .flags = kGateCp0,
             .exec = [](Cpu& c, Insn i) { c.gpr[i.rt()] = sext32(c.cp0->read(i.rd())); }},
    InsnDesc{.name = "dmfc0", .match = 0x4020'0000, .mask = kMove, .args = "t,G", .flags = kGateCp0 | kGateIsa3,
             .exec = [](Cpu& c, Insn i) {
               u64 v = c.cp0->read(i.rd());
               c.gpr[i.rt()] = Cp0::is_wide(i.rd()) ? v : sext32(v);
             }},
    InsnDesc{.name = "mtc0", .match = 0x4080'0000, .mask = kMove, .args = "t,G", .flags = kGateCp0,
             .exec = [](Cpu& c, Insn i) { c.cp0->write(i.rd(), sext32(c.gpr[i.rt()])); }},
    InsnDesc{.name = "dmtc0", .match = 0x40A0'0000, .mask = kMove, .args = "t,G", .flags = kGateCp0 | kGateIsa3,
             .exec = [](Cpu& c, Insn i) { c.cp0->write(i.rd(), c.gpr[i.rt()]); }},
    InsnDesc{.name = "tlbr", .match = 0x4200'0001, .mask = kExact, .args = "", .flags = kGateCp0,
             .exec = [](Cpu& c, Insn) { c.cp0->tlbr(); }},
    InsnDesc{.name = "tlbwi", .match = 0x4200'0002, .mask = kExact, .args = "", .flags = kGateCp0,
             .exec = [](Cpu& c, Insn) { c.cp0->tlbwi(); }},
    InsnDesc{.name = "tlbwr", .match = 0x4200'0006, .mask = kExact, .args = "", .flags = kGateCp0,
             .exec = [](Cpu& c, Insn) { c.cp0->tlbwr(); }},
    InsnDesc{.name = "tlbp", .match = 0x4200'0008, .mask = kExact, .args = "", .flags = kGateCp0,
             .exec = [](Cpu& c, Insn) { c.cp0->tlbp(); }},
    InsnDesc{.name = "eret", .match = 0x4200'0018, .mask = kExact, .args = "", .flags = kGateCp0,
             .exec = [](Cpu& c, Insn) { c.cp0->eret(); }},
    // Cache operations change the modelled caches in timing mode (cpu.cpp);
    // they have no architectural effect (the functional model is coherent).
    InsnDesc{.name = "cache", .match = 0xBC00'0000, .mask = 0xFC00'0000, .args = "k,o(b)", .flags = kGateCp0,
             .exec = [](Cpu& c, Insn i) { c.cache_op(i.rt(), c.gpr[i.rs()] + i.imm_sext()); }},
};

}  // namespace

std::span<const InsnDesc> cop0_rows() { return kRows; }

}  // namespace ds::mips
