// commit_record.cpp - taking and printing commit records (commit_record.h).
#include "sim/debug/commit_record.h"

#include <algorithm>

#include <fmt/format.h>

#include "sim/mips/cp0.h"
#include "sim/mips/disasm.h"

namespace ds::debug {

std::string format_record(const CommitRecord& r) {
  std::string s = fmt::format("cpu{} cycle={} {} {:016x}:", r.cpu, r.cycle, r.mode, r.pc);
  if (r.interrupt)
    s += " interrupt";
  else if (r.raw)
  {
    std::string text = mips::disassemble(*r.raw, r.pc);
    std::replace(text.begin(), text.end(), '\t', ' ');  // objdump's tab after the mnemonic
    s += fmt::format(" {:08x}  {}", *r.raw, text);
  }
  else
    s += " (no instruction)";
  for (const auto& w : r.writes) s += fmt::format(" | {}={:x}", w.name, w.value);
  if (r.mem) {
    s += fmt::format(" | {}{} va={:x}", r.mem->ref.store ? "st" : "ld", r.mem->ref.size, r.mem->ref.va);
    if (r.mem->pa) s += fmt::format(" pa={:x}", *r.mem->pa);
    if (r.mem->value) s += fmt::format(" ={:x}", *r.mem->value);
  }
  if (r.exc) s += fmt::format(" | exc {} -> {:x}", mips::exc_name(r.exc->code), r.exc->handler);
  return s;
}

void RecordProbe::before(const mips::Cpu& c) {
  gpr_ = c.gpr;
  fpr_ = c.fpu.fpr;
  hi_ = c.hi, lo_ = c.lo, fcsr_ = c.fpu.fcsr;
  insns_ = c.insns, exceptions_ = c.exceptions, cycle_ = c.cycle();
  mode_ = mode_letter(c);
}

std::optional<CommitRecord> RecordProbe::record(mips::Cpu& c) const {
  bool retired = c.insns != insns_, trapped = c.exceptions != exceptions_;
  if (!retired && !trapped) return std::nullopt;  // idle, or stopped
  CommitRecord r;
  r.cpu = c.id;
  r.cycle = cycle_;
  r.mode = mode_;
  r.pc = c.cur_pc;
  bool interrupt = trapped && !retired && c.exc.code == mips::Exc::Int;  // instructions never raise Int
  r.interrupt = interrupt;
  if (!interrupt) r.raw = peek_insn(c, c.cur_pc);
  for (unsigned i = 1; i < 32; ++i)
    if (c.gpr[i] != gpr_[i]) r.writes.push_back({mips::gpr_name(i), c.gpr[i]});
  if (c.hi != hi_) r.writes.push_back({"hi", c.hi});
  if (c.lo != lo_) r.writes.push_back({"lo", c.lo});
  for (unsigned i = 0; i < 32; ++i)
    if (c.fpu.fpr[i] != fpr_[i]) r.writes.push_back({fmt::format("f{}", i), c.fpu.fpr[i]});
  if (c.fpu.fcsr != fcsr_) r.writes.push_back({"fcsr", c.fpu.fcsr});
  if (r.raw) {
    if (auto ref = data_ref(gpr_, *r.raw)) {
      CommitRecord::MemRef m{*ref, std::nullopt, std::nullopt};
      if (!trapped) {
        m.pa = peek_pa(c, ref->va, ref->store ? mips::Access::Store : mips::Access::Load);
        u8 b[8];
        if (m.pa && c.bus().ram_page(*m.pa) && peek(c, ref->va, b, ref->size)) {
          u64 v = 0;
          for (unsigned i = 0; i < ref->size; ++i)
            v |= u64{b[i]} << 8 * (c.big_endian ? ref->size - 1 - i : i);
          m.value = v;
        }
      }
      r.mem = m;
    }
  }
  if (trapped) r.exc = CommitRecord::Taken{static_cast<unsigned>(c.exc.code), c.pc};
  return r;
}

}  // namespace ds::debug
