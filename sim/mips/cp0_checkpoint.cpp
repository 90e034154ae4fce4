// cp0_checkpoint.cpp - saving and restoring CP0: registers, the JTLB, the
// interrupt lines and the timer's reference points.
#include "sim/mips/cp0.h"

namespace ds::mips {

void Cp0::save(CheckpointWriter& w) const {
  w.array(r_);
  w.u64v(Jtlb::kEntries);
  for (unsigned i = 0; i < Jtlb::kEntries; ++i) {
    const TlbEntry& e = tlb_.entry(i);
    w.u64v(e.page_mask);
    w.u64v(e.hi);
    w.array(e.lo);
  }
  for (u64 v : {hw_irq_, u64{timer_ip_}, count_base_, count_cycle_, random_cycle_}) w.u64v(v);
  w.array(mode_cycles_);
  w.u64v(static_cast<u64>(acct_mode_));
  w.u64v(acct_since_);
  for (u64 v : {refills, xrefills, u64{in_refill_}, refill_since_, tlb_refill_cycles_}) w.u64v(v);
}

void Cp0::restore(CheckpointReader& r) {
  r.array(r_);
  if (r.u64v() != Jtlb::kEntries) r.fail("checkpoint has a different TLB size");
  for (unsigned i = 0; i < Jtlb::kEntries; ++i) {
    TlbEntry e;
    e.page_mask = r.u64v();
    e.hi = r.u64v();
    r.array(e.lo);
    tlb_.write(i, e);
  }
  hw_irq_ = r.u64v();
  timer_ip_ = r.u64v() != 0;
  count_base_ = r.u64v();
  count_cycle_ = r.u64v();
  random_cycle_ = r.u64v();
  std::array<u64, 3> mode_cycles;
  r.array(mode_cycles);
  u64 acct_mode = r.u64v();
  if (acct_mode > 2) r.fail("corrupt checkpoint (CPU mode)");
  u64 acct_since = r.u64v();
  refills = r.u64v();
  xrefills = r.u64v();
  in_refill_ = r.u64v() != 0;
  refill_since_ = r.u64v();
  tlb_refill_cycles_ = r.u64v();
  context_key_ = ~u64{0};  // force the mode and soft-TLB context to be re-derived
  update_mode();
  update_interrupts();
  // After update_mode, which charges time: the accounting must continue
  // exactly as saved, or the split between charged and open time would
  // differ from the uninterrupted run's.
  mode_cycles_ = mode_cycles;
  acct_mode_ = static_cast<Mode>(acct_mode);
  acct_since_ = acct_since;
}

}  // namespace ds::mips
