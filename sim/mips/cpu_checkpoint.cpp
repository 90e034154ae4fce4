// cpu_checkpoint.cpp - saving and restoring one CPU.  The software TLBs and
// the decode cache are caches of other state, so they are not saved: they
// refill after a restore.
#include "sim/mips/cp0.h"
#include "sim/mips/cpu.h"

namespace ds::mips {

void Cpu::save(CheckpointWriter& w) const {
  w.array(gpr);
  for (u64 v : {hi, lo, pc, npc, cur_pc, userlocal, ll_pa, deadline}) w.u64v(v);
  w.boolean(next_in_delay);
  w.boolean(ll_bit);
  w.u64v(ll_line ? bus_.host_to_pa(ll_line) : ~u64{0});
  w.array(fpu.fpr);
  w.u64v(fpu.fcsr);
  w.u64v(fpu.fir);
  w.boolean(fpu.fr);
  w.u64v(forbidden);
  w.boolean(stopped());
  w.boolean(idling());
  for (u64 v : {insns, exceptions, idle_cycles, stall_cycles, overrun_}) w.u64v(v);
  w.array(exc_counts);
  w.boolean(cp0 != nullptr);
  if (cp0) cp0->save(w);
}

void Cpu::restore(CheckpointReader& r) {
  r.array(gpr);
  for (u64* v : {&hi, &lo, &pc, &npc, &cur_pc, &userlocal, &ll_pa, &deadline}) *v = r.u64v();
  next_in_delay = r.boolean();
  ll_bit = r.boolean();
  u64 line_pa = r.u64v();
  ll_line = nullptr;
  if (line_pa != ~u64{0}) {
    u8* page = bus_.ram_page(line_pa);
    if (!page) r.fail("corrupt checkpoint (LL line outside RAM)");
    ll_line = page + (line_pa & kPageMask);
  }
  r.array(fpu.fpr);
  fpu.fcsr = static_cast<u32>(r.u64v());
  fpu.fir = static_cast<u32>(r.u64v());
  fpu.fr = r.boolean();
  forbidden = static_cast<u32>(r.u64v());
  pending_ = 0;
  if (r.boolean()) stop();
  if (r.boolean()) idle();
  for (u64* v : {&insns, &exceptions, &idle_cycles, &stall_cycles, &overrun_}) *v = r.u64v();
  r.array(exc_counts);
  if (r.boolean() != (cp0 != nullptr)) r.fail("checkpoint is of a different kind of machine");
  flush_soft_tlb();
  if (cp0) cp0->restore(r);
}

}  // namespace ds::mips
