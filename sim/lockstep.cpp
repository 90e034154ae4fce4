// lockstep.cpp - running the functional checker one instruction behind the
// main machine and comparing (lockstep.h explains what is taken, what is
// compared).
#include "sim/lockstep.h"

#include <fmt/format.h>

#include <cstring>
#include <stdexcept>

#include "sim/debug/commit_record.h"
#include "sim/machine.h"
#include "sim/memmap.h"
#include "sim/mips/cp0.h"

namespace ds {

namespace {

MachineConfig checker_config(MachineConfig cfg) {
  cfg.cpu_model = CpuModel::Functional;
  cfg.timing_at_phase.reset();
  cfg.timing_at_instructions = 0;
  cfg.warm_caches = false;
  cfg.max_instructions = 0;  // the main machine decides when the run ends
  return cfg;
}

}  // namespace

Lockstep::Lockstep(const MachineConfig& cfg) : null_(std::fopen("/dev/null", "w")) {
  if (!null_) throw std::runtime_error("lockstep: cannot open /dev/null");
  checker_ = std::make_unique<Machine>(checker_config(cfg), null_);
}

void Lockstep::start(Machine& main) {
  checker_->set_cpu_model(CpuModel::Functional);
  for (unsigned i = 0; i < checker_->num_cpus(); ++i) checker_->cpu(i).cp0->make_follower();
  main.set_lockstep(this);
}

Lockstep::~Lockstep() {
  checker_.reset();
  std::fclose(null_);
}

bool Lockstep::run_quantum(Machine& main, mips::Cpu& c, u64 quantum) {
  mips::Cpu& k = checker_->cpu(c.id);
  constexpr unsigned kInt = static_cast<unsigned>(mips::Exc::Int);
  u64 done = c.overrun();
  debug::RecordProbe main_probe, check_probe;
  while (done < quantum && !c.stopped()) {
    u64 nondet = c.nondet_reads, ints = c.exc_counts[kInt], slots = c.insns + c.exceptions;
    main_probe.before(c);
    done += c.step();
    k.cp0->follow(*c.cp0, c.exc_counts[kInt] != ints);
    check_probe.before(k);
    k.step();
    if (c.nondet_reads != nondet) {  // a value from outside the program: take the main CPU's
      k.gpr = c.gpr;
      k.hi = c.hi, k.lo = c.lo;
      k.fpu.fpr = c.fpu.fpr;
    }
    if (c.insns + c.exceptions != slots) ++checked_;
    if (!compare(c, k)) {
      auto line = [](const std::optional<debug::CommitRecord>& r) {
        return r ? debug::format_record(*r) : std::string("(no instruction: idle or stopped)");
      };
      records_ = "  main model:         " + line(main_probe.record(c)) + "\n  functional checker: " +
                 line(check_probe.record(k)) + "\n";
      main.request_exit(3);
      return false;
    }
  }
  c.set_overrun(done > quantum ? done - quantum : 0);
  if (k.ll_bit && k.ll_line) checker_->link_to_reservation(k);
  return true;
}

void Lockstep::end_round(Machine& main) {
  checker_->now_ = main.now_;
  checker_->events_.run_until(checker_->now_);
}

bool Lockstep::compare(const mips::Cpu& a, const mips::Cpu& b) {
  auto differ = [&](const std::string& what, u64 x, u64 y) {
    message_ = fmt::format("lockstep: cpu {} diverged after instruction {} (pc 0x{:x}): {} is 0x{:x} in the main "
                           "model, 0x{:x} in the functional checker",
                           a.id, a.insns, a.cur_pc, what, x, y);
    return false;
  };
  if (a.pc != b.pc) return differ("pc", a.pc, b.pc);
  if (a.npc != b.npc) return differ("next pc", a.npc, b.npc);
  for (unsigned r = 0; r < 32; ++r)
    if (a.gpr[r] != b.gpr[r]) return differ(fmt::format("gpr {}", r), a.gpr[r], b.gpr[r]);
  if (a.hi != b.hi) return differ("hi", a.hi, b.hi);
  if (a.lo != b.lo) return differ("lo", a.lo, b.lo);
  for (unsigned r = 0; r < 32; ++r)
    if (a.fpu.fpr[r] != b.fpu.fpr[r]) return differ(fmt::format("fpr {}", r), a.fpu.fpr[r], b.fpu.fpr[r]);
  if (a.fpu.fcsr != b.fpu.fcsr) return differ("fcsr", a.fpu.fcsr, b.fpu.fcsr);
  if (a.ll_bit != b.ll_bit) return differ("LL bit", a.ll_bit, b.ll_bit);
  if (a.insns != b.insns) return differ("instructions retired", a.insns, b.insns);
  if (a.exceptions != b.exceptions) return differ("exceptions taken", a.exceptions, b.exceptions);
  if (a.stopped() != b.stopped()) return differ("stopped", a.stopped(), b.stopped());
  if (a.idling() != b.idling()) return differ("idle", a.idling(), b.idling());
  const auto& ra = a.cp0->regs();
  const auto& rb = b.cp0->regs();
  for (unsigned r = 0; r < 32; ++r) {
    if (r == mips::reg::Count || r == mips::reg::Random) continue;
    u64 mask = r == mips::reg::Cause ? ~u64{mips::cause::IP} : ~u64{0};
    if ((ra[r] & mask) != (rb[r] & mask)) return differ(fmt::format("CP0 register {}", r), ra[r], rb[r]);
  }
  return true;
}

void Lockstep::inject_memory_fault(u64 pa) {
  u8 byte = 0;
  if (!checker_->bus().read_bytes(pa, &byte, 1)) throw std::runtime_error(fmt::format("lockstep: 0x{:x} is not RAM", pa));
  byte ^= 1;
  checker_->bus().write_bytes(pa, &byte, 1);
}

bool Lockstep::compare_memory(Machine& main) {
  u64 size = main.bus().ram_total();
  for (u64 off = 0; off < size; off += kPageSize) {  // by RAM offset: RAM skips the I/O window
    u64 pa = memmap::ram_offset_to_pa(off);
    const u8* x = main.bus().ram_page(pa);
    const u8* y = checker_->bus().ram_page(pa);
    if (std::memcmp(x, y, kPageSize) == 0) continue;
    for (u64 k = 0; k < kPageSize; ++k)
      if (x[k] != y[k]) {
        message_ = fmt::format("lockstep: memory differs at physical 0x{:x}: 0x{:02x} in the main model, 0x{:02x} in "
                               "the functional checker",
                               pa + k, x[k], y[k]);
        return false;
      }
  }
  return true;
}

}  // namespace ds
