// trap.cpp - exception entry and return, following the R4000 manual's
// general exception flow (ch. 5) as the R10000 manual (ch. 17) adopts it.
//
// take_exception(), in the manual's order:
//   1. Cause.ExcCode (and Cause.CE for Coprocessor Unusable);
//   2. unless Status.EXL is already set: EPC = the faulting instruction, or
//      the branch before it with Cause.BD = 1 when it sits in a delay slot
//      (Cpu::exception_pc()); with EXL set, EPC and BD are left alone;
//   3. BadVAddr for address and TLB exceptions; for TLB exceptions also
//      Context.BadVPN2, XContext.R/BadVPN2 and EntryHi.R/VPN2 (ASID kept);
//   4. Status.EXL = 1: kernel mode, interrupts off;
//   5. PC = vector: base 0xFFFF_FFFF_8000_0000 (BEV=0) or
//      0xFFFF_FFFF_BFC0_0200 (BEV=1), plus 0x000 for a TLB refill (a miss
//      with EXL=0 in a 32-bit region), 0x080 for an XTLB refill (a miss in a
//      region whose X bit is set: R=0 and UX, R=1 and SX, R=3 and KX), and
//      0x180 for everything else, including misses with EXL=1.
#include <cstdio>

#include "sim/mips/cp0.h"

namespace ds::mips {

namespace {

constexpr u64 kVectorBase = 0xFFFF'FFFF'8000'0000ull;
constexpr u64 kBootVectorBase = 0xFFFF'FFFF'BFC0'0200ull;
constexpr u64 kRefillOffset = 0x000, kXRefillOffset = 0x080, kGeneralOffset = 0x180;

}  // namespace

void Cp0::take_exception(Cpu& cpu) {
  const PendingException& x = cpu.exc;
  u64& st = r_[reg::Status];
  u64& ca = r_[reg::Cause];
  bool exl = st & status::EXL;

  // 1. ExcCode and CE.
  u64 code = static_cast<u64>(x.code);
  u64 ce = x.code == Exc::CpU ? u64{x.cop & 3} : 0;
  ca = (ca & ~(cause::ExcCode | cause::CE)) | code << cause::kExcShift | ce << cause::kCeShift;

  // 2. EPC and BD.
  if (!exl) {
    r_[reg::EPC] = cpu.exception_pc();
    ca = cpu.in_delay ? ca | cause::BD : ca & ~cause::BD;
  }

  // 3. The address registers.
  if (exc_sets_badvaddr(x.code)) r_[reg::BadVAddr] = x.badvaddr;
  if (exc_sets_entryhi(x.code)) {
    u64 va = x.badvaddr;
    u64 vpn2 = va >> 13;
    r_[reg::Context] = (r_[reg::Context] & ~u64{0x7F'FFFF}) | (vpn2 & 0x7'FFFF) << 4;
    r_[reg::XContext] = (r_[reg::XContext] & ~((u64{1} << 37) - 1)) | (va >> 62) << 35 |
                        (vpn2 & 0x7FFF'FFFF) << 4;
    r_[reg::EntryHi] = (va & (entryhi::kRMask | entryhi::kVpn2Mask)) | (r_[reg::EntryHi] & entryhi::kAsidMask);
  }

  // 4. Kernel mode, interrupts off.
  st |= status::EXL;

  // 5. The vector.  Time in the refill handler, from here to its ERET, is
  // the statistics' TLB miss time (a nested exception ends the interval).
  if (in_refill_) tlb_refill_cycles_ += cpu.cycle() - refill_since_;
  in_refill_ = false;
  u64 offset = kGeneralOffset;
  if (x.tlb_refill && !exl) {
    in_refill_ = true;
    refill_since_ = cpu.cycle();
    unsigned region = static_cast<unsigned>(x.badvaddr >> 62);
    bool wide = (region == 0 && (st & status::UX)) || (region == 1 && (st & status::SX)) ||
                (region == 3 && (st & status::KX));
    offset = wide ? kXRefillOffset : kRefillOffset;
    ++(wide ? xrefills : refills);
  }
  u64 vector = ((st & status::BEV) ? kBootVectorBase : kVectorBase) + offset;
  cpu.set_pc(vector);
  update_mode();
  update_interrupts();

  // The vectors are in ckseg0/ckseg1: with no memory behind one there is no
  // handler, and the run stops with a diagnostic instead of looping.
  if (!cpu.bus().ram_page(vector & 0x1FFF'FFFF)) {
    char msg[200];
    std::snprintf(msg, sizeof msg,
                  "cpu%u: unhandled %s exception at pc 0x%016llx (badvaddr 0x%llx): no memory at vector 0x%016llx",
                  cpu.id, exc_name(x.code), static_cast<unsigned long long>(cpu.exception_pc()),
                  static_cast<unsigned long long>(x.badvaddr), static_cast<unsigned long long>(vector));
    halt_(msg);
  }
}

// ERET: return from the error level (ErrorEPC) if ERL is set, else from the
// exception level (EPC); no delay slot; the LL bit is cleared.
void Cp0::eret() {
  if (in_refill_) tlb_refill_cycles_ += cpu_->cycle() + 1 - refill_since_;  // + the ERET itself
  in_refill_ = false;
  u64& st = r_[reg::Status];
  if (st & status::ERL) {
    cpu_->set_pc(r_[reg::ErrorEPC]);
    st &= ~status::ERL;
  } else {
    cpu_->set_pc(r_[reg::EPC]);
    st &= ~status::EXL;
  }
  cpu_->ll_bit = false;
  update_mode();
  update_interrupts();
}

}  // namespace ds::mips
