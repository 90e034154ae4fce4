// gdb_registers.h - the CPU's registers as gdb's 64-bit MIPS target sees
// them, and the target description that tells gdb-multiarch so.
//
// The 'g' packet carries, in the target's byte order, 8 bytes each:
//   0-31 r0..r31   32 status   33 lo   34 hi   35 badvaddr   36 cause
//   37 pc          38-69 f0..f31 (raw bits)     70 fcsr      71 fir
// (gdb's own numbering for MIPS: features org.gnu.gdb.mips.cpu, .cp0, .fpu).
// The other CP0 registers and the TLB are `monitor cp0` / `monitor tlb`.
#pragma once
#include <string>

#include "sim/mips/cpu.h"

namespace ds::debug {

constexpr unsigned kNumGdbRegs = 72;

const std::string& target_xml();
std::string gdb_registers(const mips::Cpu& c);
std::string gdb_register(const mips::Cpu& c, unsigned n);  // "E01" for no such register
// Writes GPRs, HI/LO, PC, FPRs and FCSR; CP0 registers are read-only here
// (their writes have side effects the debugger should not trigger).
bool set_gdb_register(mips::Cpu& c, unsigned n, const std::string& hex);

}  // namespace ds::debug
