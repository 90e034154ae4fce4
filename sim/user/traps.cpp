// traps.cpp - what the Linux kernel does when a user-mode MIPS process takes
// an exception (arch/mips/kernel/traps.c), one case per ExcCode:
//
//   Sys               -> the system call (syscalls.cpp)
//   TLBL/TLBS/Mod     -> kSIGSEGV (MAPERR when unmapped, ACCERR otherwise)
//   AdEL/AdES         -> misaligned access inside user space: emulated, as
//                        Linux does by default (kSIGSEGV if the bytes are
//                        unmapped); misaligned fetch or a kernel address: kSIGBUS
//   IBE/DBE           -> kSIGBUS
//   RI                -> RDHWR $29 (UserLocal) emulated, else kSIGILL
//   CpU               -> kSIGILL
//   Ov                -> kSIGFPE (FPE_INTOVF)
//   Tr/Bp             -> code 6 / 7 (BRK_OVERFLOW / BRK_DIVZERO): kSIGFPE,
//                        anything else kSIGTRAP
//   FPE               -> kSIGFPE
//
// On entry cpu.pc/npc hold the continuation and cpu.cur_pc the instruction
// that trapped; the fault's resume PC is cpu.exception_pc().
#include <cstdio>

#include "sim/user/process.h"
#include "sim/user/syscalls.h"

namespace ds::user {

namespace {

using mips::Exc;
using mips::Insn;

// The Linux trap/break code: BREAK keeps it in bits 25..16 as assemblers
// encode it (do_bp's heuristic), TEQ..TNEI in bits 15..6.
unsigned trap_code(Insn i, Exc e) {
  if (e == Exc::Tr) return i.opcode() == 0 ? i.code10() : 0;
  u32 code = i.code20();
  if (code >= (1u << 10)) code = ((code & 0x3ff) << 10) | (code >> 10);
  return code;
}

bool fetch_word(Process& p, u64 va, u32& raw) {
  u8 b[4];
  if (!p.mem().copy_in(b, va, 4)) return false;
  raw = load_guest<u32>(b, p.big_endian());
  return true;
}

}  // namespace

void Process::take_exception(mips::Cpu& c) {
  const u64 epc = c.exception_pc();
  const Exc e = c.exc.code;
  switch (e) {
    case Exc::Sys:
      do_syscall(*this);
      sync_tlb();
      if (!exited_) deliver_pending(*this);
      return;
    case Exc::TLBL:
    case Exc::TLBS:
    case Exc::Mod:
      deliver_fault(*this, kSIGSEGV, c.exc.tlb_refill ? kSegvMaperr : kSegvAccerr, c.exc.badvaddr);
      return;
    case Exc::AdEL:
    case Exc::AdES:
      deliver_fault(*this, kSIGBUS, kBusAdraln, c.exc.badvaddr);
      return;
    case Exc::IBE:
    case Exc::DBE:
      deliver_fault(*this, kSIGBUS, kBusAdraln, c.exc.badvaddr);
      return;
    case Exc::RI: {
      u32 raw;
      // RDHWR rt, $29: Linux's simulate_rdhwr() for CPUs without Release 2.
      if (fetch_word(*this, c.cur_pc, raw) && (raw & 0xffe0ffff) == 0x7c00e83b) {
        unsigned rt = Insn{raw}.rt();
        if (rt) c.gpr[rt] = c.userlocal;
        return;
      }
      deliver_fault(*this, kSIGILL, kIllIllopc, epc);
      return;
    }
    case Exc::Ov:
      deliver_fault(*this, kSIGFPE, kFpeIntovf, epc);
      return;
    case Exc::Tr:
    case Exc::Bp: {
      u32 raw = 0;
      fetch_word(*this, c.cur_pc, raw);
      unsigned code = trap_code(Insn{raw}, e);
      if (code == LINUX_BRK_OVERFLOW || code == LINUX_BRK_DIVZERO)
        deliver_fault(*this, kSIGFPE, code == LINUX_BRK_DIVZERO ? kFpeIntdiv : kFpeIntovf, epc);
      else
        deliver_fault(*this, kSIGTRAP, kTrapBrkpt, epc);
      return;
    }
    case Exc::FPE:
      deliver_fault(*this, kSIGFPE, 0, epc);
      return;
    default:
      deliver_fault(*this, kSIGILL, kIllIllopc, epc);
      return;
  }
}

}  // namespace ds::user
