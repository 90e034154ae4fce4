// mmu.cpp - operating modes, the address segments and translation through
// the JTLB, and the TLB instructions (R10000 manual ch. 16, R4000 manual ch. 4).
//
// The virtual address space, as translate() walks it (64-bit addresses; the
// 32-bit segments are the sign-extended compatibility windows at the top):
//
//   0x0000_0000_0000_0000  kuseg     2 GB mapped   every mode (ERL=1: unmapped,
//                                                  uncached, kernel only)
//   0x0000_0000_8000_0000  xuseg     to 16 TB      mapped, needs UX
//   0x4000_0000_0000_0000  xsseg     16 TB mapped  supervisor/kernel, needs SX
//   0x8000_0000_0000_0000  xkphys    unmapped      kernel, needs KX; PA = VA 39:0,
//                                                  VA 58:40 must be zero
//   0xC000_0000_0000_0000  xkseg     16 TB mapped  kernel, needs KX
//   0xFFFF_FFFF_8000_0000  ckseg0    512 MB unmapped cached    kernel
//   0xFFFF_FFFF_A000_0000  ckseg1    512 MB unmapped uncached  kernel
//   0xFFFF_FFFF_C000_0000  cksseg    512 MB mapped   supervisor/kernel
//   0xFFFF_FFFF_E000_0000  ckseg3    512 MB mapped   kernel
//
// Anything else, or a segment the current mode may not use, is an address
// error (AdEL for loads and fetches, AdES for stores).  The segment rules,
// including which X bit guards each 64-bit segment, follow QEMU's MIPS64
// model where the R10000 manual is silent (docs/privileged.md).
#include "sim/mips/cp0.h"

namespace ds::mips {

namespace {

constexpr u64 kVaBits = 44;  // R10000 virtual address width per region
constexpr u64 kPaMask = (u64{1} << 40) - 1;
constexpr u64 kRegionOffset = 0x3FFF'FFFF'FFFF'FFFFull;  // VA without bits 63:62

}  // namespace

Mode Cp0::mode() const {
  u64 st = r_[reg::Status];
  if (st & (status::EXL | status::ERL)) return Mode::Kernel;
  switch ((st & status::KSU) >> status::kKsuShift) {
    case 0: return Mode::Kernel;
    case 1: return Mode::Supervisor;
    default: return Mode::User;  // 2; 3 is undefined and treated as user
  }
}

void Cp0::charge_mode_time() {
  u64 busy = cpu_->cycle() - cpu_->idle_cycles;
  mode_cycles_[static_cast<unsigned>(acct_mode_)] += busy - acct_since_;
  acct_since_ = busy;
  acct_mode_ = mode();
}

std::array<u64, 3> Cp0::time_by_mode() const {
  std::array<u64, 3> t = mode_cycles_;
  t[static_cast<unsigned>(acct_mode_)] += cpu_->cycle() - cpu_->idle_cycles - acct_since_;
  return t;
}

void Cp0::set_isa(IsaLevel isa) {
  isa_ = isa;
  if (cpu_) update_mode();
}

void Cp0::update_mode() {
  charge_mode_time();
  u64 st = r_[reg::Status];
  Mode m = mode();
  // The ISA level (the machine's `isa` option) opens the Release 2 gate;
  // RDHWR's registers do not exist on the R10000 at either level.
  u32 closed = kGateHwr | (isa_ == IsaLevel::Mips64R2 ? 0u : u32{kGateR2});
  if (m != Mode::Kernel && !(st & status::CU0)) closed |= kGateCp0;
  if (!(st & status::CU1)) closed |= kGateCp1 | kGateCp1x;
  if (m == Mode::User && !(st & status::XX)) closed |= kGateIsa4 | kGateCp1x;
  if ((m == Mode::User && !(st & status::UX)) || (m == Mode::Supervisor && !(st & status::SX)))
    closed |= kGateIsa3;
  cpu_->forbidden = closed;
  cpu_->fpu.fr = st & status::FR;

  // The software TLB remembers translations made under one context (ASID,
  // ERL and the X bits), in one set per mode: a change of context drops
  // them all, a change of mode only selects the mode's set (cpu.h).
  u64 key = (st & (status::ERL | status::UX | status::SX | status::KX)) |
            (r_[reg::EntryHi] & entryhi::kAsidMask) << 8;
  if (key != context_key_) {
    cpu_->flush_soft_tlb();
    context_key_ = key;
  }
  cpu_->select_soft_tlb(static_cast<unsigned>(m));
}

bool Cp0::translate(Cpu& cpu, u64 va, Access access, Translation& out) {
  u64 st = r_[reg::Status];
  Mode m = mode();
  bool kernel = m == Mode::Kernel;
  bool super = kernel || m == Mode::Supervisor;
  bool store = access == Access::Store;
  auto address_error = [&] {
    cpu.raise(store ? Exc::AdES : Exc::AdEL, va);
    return false;
  };
  // Cache attributes (R10000 manual 16.x): 2 is uncached, 7 uncached
  // accelerated; everything else is cached (the timing model times them).
  auto unmapped = [&](u64 pa, unsigned attr) {
    out.pa = pa;
    out.uncached = attr == 2 || attr == 7;
    return true;
  };
  auto mapped = [&] {
    auto index = tlb_.probe(va, static_cast<u8>(r_[reg::EntryHi] & entryhi::kAsidMask));
    if (!index) {
      cpu.raise(store ? Exc::TLBS : Exc::TLBL, va);
      cpu.exc.tlb_refill = true;
      return false;
    }
    TlbHit hit = tlb_.select(*index, va);
    if (!(hit.lo & entrylo::V)) {
      cpu.raise(store ? Exc::TLBS : Exc::TLBL, va);
      return false;
    }
    if (store && !(hit.lo & entrylo::D)) {
      cpu.raise(Exc::Mod, va);
      return false;
    }
    out.pa = hit.pa;
    unsigned attr = (hit.lo >> 3) & 7;  // EntryLo C
    out.uncached = attr == 2 || attr == 7;
    return true;
  };

  if (va <= 0x7FFF'FFFF) {  // kuseg
    if (st & status::ERL) return unmapped(va, 2);
    return mapped();
  }
  if (va < 0x4000'0000'0000'0000ull) {  // xuseg
    if (!(st & status::UX) || (st & status::ERL) || va >> kVaBits) return address_error();
    return mapped();
  }
  if (va < 0x8000'0000'0000'0000ull) {  // xsseg
    if (!super || !(st & status::SX) || (va & kRegionOffset) >> kVaBits) return address_error();
    return mapped();
  }
  if (va < 0xC000'0000'0000'0000ull) {  // xkphys
    if (!kernel || !(st & status::KX) || (va & 0x07FF'FFFF'FFFF'FFFFull) > kPaMask) return address_error();
    return unmapped(va & kPaMask, (va >> 59) & 7);
  }
  if (va < 0xFFFF'FFFF'8000'0000ull) {  // xkseg
    if (!kernel || !(st & status::KX) || (va & kRegionOffset) >> kVaBits) return address_error();
    return mapped();
  }
  if (va < 0xFFFF'FFFF'C000'0000ull) {  // ckseg0, ckseg1
    if (!kernel) return address_error();
    bool kseg1 = va >= 0xFFFF'FFFF'A000'0000ull;
    return unmapped(va & 0x1FFF'FFFF, kseg1 ? 2 : r_[reg::Config] & 7);
  }
  if (va < 0xFFFF'FFFF'E000'0000ull) {  // cksseg
    if (!super) return address_error();
    return mapped();
  }
  if (!kernel) return address_error();  // ckseg3
  return mapped();
}

// ---- TLB instructions ----------------------------------------------------------

// TLBR: the entry at Index into PageMask, EntryHi, EntryLo0/1 (G in both).
void Cp0::tlbr() {
  const TlbEntry& e = tlb_.entry(r_[reg::Index] & 63);
  u64 g = e.global() ? entrylo::G : 0;
  r_[reg::PageMask] = e.page_mask;
  r_[reg::EntryHi] = e.hi;
  r_[reg::EntryLo0] = (e.lo[0] & ~entrylo::G) | g;
  r_[reg::EntryLo1] = (e.lo[1] & ~entrylo::G) | g;
  update_mode();  // the ASID may have changed
}

// The software TLB may hold pages of the entry being replaced: they are
// dropped (and those of the new entry's range, in case a stale page of the
// same addresses is left from an earlier mapping).
void Cp0::write_tlb(unsigned index) {
  auto forget = [this](const TlbEntry& t) {
    u64 pair = (t.page_mask | 0x1FFF) + 1;  // both pages of the pair
    if (pair & (pair - 1)) return cpu_->flush_soft_tlb();  // a mask with holes: be safe
    cpu_->forget_pages(t.hi & ~(pair - 1), pair);
  };
  forget(tlb_.entry(index & 63));
  TlbEntry e{.page_mask = r_[reg::PageMask], .hi = r_[reg::EntryHi], .lo = {r_[reg::EntryLo0], r_[reg::EntryLo1]}};
  tlb_.write(index & 63, e);
  forget(e);
}

void Cp0::tlbwi() { write_tlb(static_cast<unsigned>(r_[reg::Index])); }

void Cp0::tlbwr() { write_tlb(static_cast<unsigned>(random_value())); }

// TLBP: Index = the entry matching EntryHi (VPN2, R and ASID), or P set.
void Cp0::tlbp() {
  u64 hi = r_[reg::EntryHi];
  auto index = tlb_.probe(hi, static_cast<u8>(hi & entryhi::kAsidMask));
  r_[reg::Index] = index ? *index : (u64{1} << 31) | (r_[reg::Index] & 0x3F);
}

}  // namespace ds::mips
