// exception.h - the MIPS exceptions, listed once (R10000 manual ch. 17,
// ExcCode values of the Cause register).  Instructions *report* an exception
// with Cpu::raise(); whoever owns the CPU (the CP0 model in a full machine,
// the Linux process model in the user-mode runner) then takes it.
#pragma once
#include "sim/types.h"

namespace ds::mips {

enum class Exc : u8 {
  Int = 0,     // interrupt
  Mod = 1,     // TLB modified
  TLBL = 2,    // TLB miss/invalid, load or fetch
  TLBS = 3,    // TLB miss/invalid, store
  AdEL = 4,    // address error, load or fetch
  AdES = 5,    // address error, store
  IBE = 6,     // bus error, instruction fetch
  DBE = 7,     // bus error, data
  Sys = 8,     // SYSCALL
  Bp = 9,      // BREAK
  RI = 10,     // reserved instruction
  CpU = 11,    // coprocessor unusable
  Ov = 12,     // integer overflow
  Tr = 13,     // trap (TEQ..TNEI)
  FPE = 15,    // floating-point exception
  WATCH = 23,  // watchpoint
};
constexpr unsigned kNumExcCodes = 32;

// Name as the manuals print it, e.g. "AdEL"; "Exc31" for unused codes.
const char* exc_name(Exc e);
const char* exc_name(unsigned code);

// Which extra registers an exception loads (R10000 manual, table 17-1).
constexpr bool exc_sets_badvaddr(Exc e) {
  return e == Exc::Mod || e == Exc::TLBL || e == Exc::TLBS || e == Exc::AdEL || e == Exc::AdES;
}
constexpr bool exc_sets_entryhi(Exc e) { return e == Exc::Mod || e == Exc::TLBL || e == Exc::TLBS; }

// What an instruction reported; read by the exception taker.
struct PendingException {
  Exc code = Exc::Int;
  u64 badvaddr = 0;   // faulting virtual address (address and TLB exceptions)
  unsigned cop = 0;   // coprocessor number for CpU
  bool tlb_refill = false;  // TLB miss (no matching entry), vs. invalid
};

}  // namespace ds::mips
