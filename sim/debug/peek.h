// peek.h - looking at a CPU from outside without disturbing it: the
// debugger and the trace writer read and write memory by virtual address
// through a CPU's current mode, TLB and segments, and work out which data
// address an instruction is about to touch, all with no effect on the
// simulation (no exception, no statistics, no cache or soft-TLB state).
#pragma once
#include <optional>
#include <string>

#include "sim/mips/cpu.h"

namespace ds::debug {

// The data reference an instruction makes, computed from the registers
// before it executes (`gpr`: the CPU's registers then; base + offset, or base + index for COP1X).  For
// LWL/LWR/LDL/LDR/SWL/SWR/SDL/SDR the aligned word or doubleword.
struct DataRef {
  u64 va = 0;
  unsigned size = 0;
  bool store = false;
};
std::optional<DataRef> data_ref(const std::array<u64, 32>& gpr, u32 raw);

// The physical address `va` maps to for `access` in `c`'s current mode, or
// nothing (the access would fault).
std::optional<u64> peek_pa(mips::Cpu& c, u64 va, mips::Access access = mips::Access::Load);

// Reads/writes `len` bytes of RAM at virtual address `va` as `c` sees it
// (guest byte order, byte by byte).  Device registers are never touched.
// Return false at the first byte that is not mapped to RAM.
bool peek(mips::Cpu& c, u64 va, u8* out, u64 len);
bool poke(mips::Cpu& c, u64 va, const u8* in, u64 len);
// The instruction word at `va` (guest byte order), if it is in RAM.
std::optional<u32> peek_insn(mips::Cpu& c, u64 va);

// The CPU's operating mode as one letter: k(ernel), s(upervisor), u(ser).
char mode_letter(const mips::Cpu& c);
// The current ASID (EntryHi.ASID); 0 in the user-mode runner.
unsigned asid(const mips::Cpu& c);

}  // namespace ds::debug
