// machine.cpp - building the board from its description and running it.
#include "sim/machine.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "sim/boot_args.h"
#include "sim/lockstep.h"
#include "sim/memmap.h"
#include "sim/mips/cp0.h"

namespace ds {

Machine::Machine(const MachineConfig& cfg, std::FILE* console) : cfg_(cfg), console_(console) {
  // RAM in one host block, placed around the I/O window (sim/memmap.h).
  memmap::RamRanges ram = memmap::ram_ranges(cfg.memory_per_node * cfg.nodes);
  bus_.add_ram(std::span<const memmap::RamRange>(ram.r, ram.n));
  simctl_ = std::make_unique<SimControl>(*this, console_);
  uart_ = std::make_unique<Uart>(console_, irq_line(0, memmap::kIrqUart));
  bus_.add_device(memmap::kSimControlBase, memmap::kSimControlSize, simctl_.get());
  bus_.add_device(memmap::kUartBase, memmap::kUartSize, uart_.get());
  cpuctl_ = std::make_unique<CpuControl>(*this);
  started_.assign(cfg.num_cpus(), false);
  bus_.on_link_lost = [this](unsigned cpu) {
    cpus_[cpu]->ll_bit = false;
    cpus_[cpu]->ll_line = nullptr;
  };
  bus_.add_device(memmap::kCpuControlBase, memmap::kCpuControlSize, cpuctl_.get());
  std::vector<IrqLine> ipi_lines;
  for (unsigned c = 0; c < cfg.num_cpus(); ++c) ipi_lines.push_back(irq_line(c, memmap::kIrqIpi));
  ipi_ = std::make_unique<IpiUnit>(std::move(ipi_lines));
  bus_.add_device(memmap::kIpiBase, memmap::kIpiSize, ipi_.get());
  std::vector<DiskImage> images;
  for (const DiskConfig& d : cfg.disks) images.push_back({d.image, d.writable});
  // 1 MB/s moves one byte per microsecond: a 512-byte sector takes
  // 512 * clock_mhz / mb_per_s cycles.
  DiskTiming timing{Latency{cfg.disk_command_us * cfg.clock_mhz}, Latency{512 * cfg.clock_mhz / cfg.disk_mb_per_s}};
  disk_ = std::make_unique<DiskController>(images, timing, bus_, events_, now_, irq_line(0, memmap::kIrqDisk));
  bus_.add_device(memmap::kDiskBase, memmap::kDiskSize, disk_.get());
  for (unsigned n = 0; n < cfg.nodes; ++n) {
    clocks_.push_back(std::make_unique<NodeClock>(n, now_, cfg.clock_mhz));
    bus_.add_device(memmap::kNodeClockBase + n * memmap::kNodeClockStride, memmap::kNodeClockSize,
                    clocks_.back().get());
  }
  for (unsigned i = 0; i < cfg.num_cpus(); ++i) {
    // Each CPU's owner is its CP0 (sim/mips/cp0.h); a CPU that cannot
    // continue (no handler behind an exception vector) ends the run.
    auto cp0 = std::make_unique<mips::Cp0>([this](const char* why) {
      std::fflush(console_);
      std::fprintf(stderr, "discosim: %s; stopping\n", why);
      request_exit(1);
    });
    cpus_.push_back(std::make_unique<mips::Cpu>(i, bus_, dcache_, *cp0, cfg.big_endian));
    cp0->set_isa(cfg.isa);
    cp0->attach(*cpus_.back());
    owners_.push_back(std::move(cp0));
  }

  // The caches and the ccNUMA memory (sim/numa/), used by the timing model
  // and kept coherent with disk DMA; its page miss counters are a device.
  mem_ = std::make_unique<numa::MemorySystem>(
      cfg.memory, numa::Topology{cfg.nodes, cfg.cpus_per_node, cfg.memory_per_node, cfg.clock_mhz});
  counters_ = std::make_unique<PageCounterDevice>(mem_->page_counters(), irq_line(0, memmap::kIrqHotPage));
  bus_.add_device(memmap::kPageCountersBase, memmap::kPageCountersSize, counters_.get());
  disk_->on_dma = [this](u64 pa, u64 len, bool to_memory) {
    u64 off = memmap::pa_to_ram_offset(pa);  // the disk checked [pa, pa+len) is RAM
    to_memory ? mem_->dma_write(off, len) : mem_->dma_read(off, len);
  };
  const u8* ram_host = bus_.ram_page(memmap::ram_offset_to_pa(0));  // the memory system works in RAM offsets
  for (auto& c : cpus_) timing_.push_back(std::make_unique<mips::CpuTiming>(c->id, *mem_, c->stall_cycles, ram_host));
  set_cpu_model(cfg.cpu_model);
}

void Machine::set_cpu_model(CpuModel m) {
  if (m == CpuModel::Timing && model_ == CpuModel::Functional && total_slots() > 0) switched_at_ = total_insns();
  model_ = m;
  bool on = m == CpuModel::Timing || cfg_.warm_caches;
  for (size_t i = 0; i < cpus_.size(); ++i) {
    timing_[i]->charge = m == CpuModel::Timing;
    cpus_[i]->set_timing(on ? timing_[i].get() : nullptr);  // flushes the soft TLB, which yields
  }
}

void Machine::set_isa(mips::IsaLevel isa) {
  cfg_.isa = isa;
  for (auto& c : cpus_) c->cp0->set_isa(isa);
}

Machine::~Machine() = default;

namespace {

// Where the loader puts a segment: kseg0/kseg1 addresses (sign-extended) and
// xkphys addresses name physical memory directly; so does a plain address
// below 2^40.  Other segments cannot be placed before the MMU is set up.
u64 segment_pa(u64 addr) {
  if (addr >= 0xFFFF'FFFF'8000'0000ull && addr < 0xFFFF'FFFF'C000'0000ull) return addr & 0x1FFF'FFFF;
  if (addr >> 62 == 2 && ((addr >> 40) & 0x7'FFFF) == 0) return addr & (memmap::kPhysLimit - 1);  // xkphys
  if (addr < memmap::kPhysLimit) return addr;
  throw std::runtime_error(fmt::format("segment at 0x{:x} is not at a kseg0, kseg1, xkphys or physical address", addr));
}

}  // namespace

void Machine::load_kernel(const ElfImage& img) {
  if (img.big_endian != cfg_.big_endian)
    throw std::runtime_error(fmt::format("kernel is {}-endian but the machine is {}-endian",
                                         img.big_endian ? "big" : "little", cfg_.big_endian ? "big" : "little"));
  for (const ElfSegment& seg : img.segments) {
    u64 pa = segment_pa(seg.paddr);
    if (pa < memmap::kBootArgsBase + memmap::kBootArgsSize && memmap::kBootArgsBase < pa + seg.memsz)
      throw std::runtime_error(fmt::format("segment at 0x{:x} ({} bytes) overlaps the boot-argument block at "
                                           "physical 0x{:x}-0x{:x} (sim/memmap.h)",
                                           seg.paddr, seg.memsz, memmap::kBootArgsBase,
                                           memmap::kBootArgsBase + memmap::kBootArgsSize - 1));
    if (!bus_.write_bytes(pa, seg.bytes.data(), seg.bytes.size()) ||
        !bus_.zero_bytes(pa + seg.bytes.size(), seg.memsz - seg.bytes.size()))
      throw std::runtime_error(fmt::format("segment at 0x{:x} ({} bytes) does not fit in RAM", seg.paddr, seg.memsz));
  }
  // Boot arguments (sim/boot_args.h), in RAM: a checkpoint holds them, so a
  // resumed run never has them rewritten.
  std::vector<std::string> argv{std::filesystem::path(img.path).filename().string()};
  if (argv[0].empty()) argv[0] = "kernel";
  argv.insert(argv.end(), cfg_.boot_args.begin(), cfg_.boot_args.end());
  BootBlock boot;
  try {
    boot = build_boot_block(argv, cfg_.boot_env, cfg_.big_endian);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(cfg_.source + ": " + e.what());
  }
  if (!bus_.write_bytes(memmap::kBootArgsBase, boot.bytes.data(), boot.bytes.size()))
    throw std::runtime_error(fmt::format("the boot-argument block at 0x{:x} does not fit in RAM", memmap::kBootArgsBase));
  // Boot protocol (sim/devices/cpu_control.h): CPU 0 runs from the entry
  // point with argc, argv, envp; the others stay in reset until CPU 0
  // starts them.
  started_.assign(cpus_.size(), false);
  for (auto& c : cpus_) c->stop();
  start_cpu(0, img.entry, boot.argc);
  cpus_[0]->gpr[5] = boot.argv;  // $a1
  cpus_[0]->gpr[6] = boot.envp;  // $a2
}

void Machine::start_cpu(unsigned cpu, u64 pc, u64 arg) {
  mips::Cpu& c = *cpus_[cpu];
  c.gpr.fill(0);
  c.gpr[4] = arg;  // $a0
  c.cp0->reset();  // R10000 reset state: kernel mode, BEV=1, ERL=1
  c.set_pc(pc);
  started_[cpu] = true;
  c.resume();
}

int Machine::run(u64 pause_at) {
  auto t0 = std::chrono::steady_clock::now();
  u64 limit = cfg_.max_instructions;
  paused_ = false;
  bool diverged = false;  // the lockstep checker found a difference
  for (;;) {
    bool any_running = false;
    for (auto& c : cpus_) {
      if (c->stopped() || !wakeable(*c)) continue;
      any_running = true;
      // (also in the functional model: a phase marker may switch models mid-quantum)
      timing_[c->id]->sync(now_.value + c->overrun(), c->cycle());
      if (hook_) {
        hook_->run_quantum(*c, cfg_.quantum);
      } else if (!lockstep_) {
        c->run(cfg_.quantum);
      } else if (!lockstep_->run_quantum(*this, *c, cfg_.quantum)) {
        diverged = true;
        break;
      }
      if (c->ll_bit && c->ll_line) link_to_reservation(*c);
      if (exit_code_) break;
    }
    if (exit_code_) {
      end_reason_ = diverged ? lockstep_->message() : fmt::format("software exit, code {}", *exit_code_);
      break;
    }
    // One round = one quantum of machine time; then devices catch up.
    now_.value += cfg_.quantum;
    events_.run_until(now_);
    if (lockstep_) lockstep_->end_round(*this);
    if (!any_running && events_.empty()) {
      end_reason_ = "every CPU stopped";
      break;
    }
    if (events_.empty() && all_waiting_forever()) {
      end_reason_ = "every CPU idle with no interrupt that could wake it";
      break;
    }
    if (limit && total_slots() >= limit) {
      end_reason_ = fmt::format("instruction limit ({}) reached", limit);
      exit_code_ = 124;
      break;
    }
    if (model_ == CpuModel::Functional && cfg_.timing_at_instructions && total_slots() >= cfg_.timing_at_instructions)
      set_cpu_model(CpuModel::Timing);
    if (pause_at && total_slots() >= pause_at) {
      paused_ = true;
      break;
    }
    if ((now_.value / cfg_.quantum) % 256 == 0)
      progress_.update(now_.value * 1000 / cfg_.clock_mhz, total_slots(), limit);
  }
  progress_.finish();
  host_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fflush(console_);
  return exit_code_.value_or(0);
}

// A CPU leaves its quantum between LL and SC: from now on every other CPU's
// store to that page takes the slow path, where Bus::note_store checks it.
void Machine::link_to_reservation(mips::Cpu& c) {
  bus_.reserve(c.id, c.ll_line);
  const u8* page = c.ll_line - (reinterpret_cast<uintptr_t>(c.ll_line) & kPageMask);
  for (auto& other : cpus_)
    if (other.get() != &c) other->drop_write_page(page);
}

// An idle CPU with every interrupt line masked can never run again.
bool Machine::wakeable(const mips::Cpu& c) const {
  return !c.idling() || (c.cp0->status() & mips::status::IM);
}

// True when no CPU runs and none can be woken: each is stopped or idle with
// its timer masked (device lines need device events, which the caller checks).
bool Machine::all_waiting_forever() const {
  for (const auto& c : cpus_)
    if (!c->stopped() && (!c->idling() || (c->cp0->status() & mips::status::IM & (u64{1} << (8 + mips::kTimerIrq)))))
      return false;
  return true;
}

void Machine::idle(unsigned cpu) {
  if (cpu >= cpus_.size()) return;
  cpus_[cpu]->idle();
  cpus_[cpu]->cp0->update_interrupts();  // an interrupt already pending wakes it at once
}

IrqLine Machine::irq_line(unsigned cpu, unsigned irq) {
  return [this, cpu, irq](bool level) { cpus_[cpu]->cp0->set_irq(irq, level); };
}

void Machine::count_instruction_mix() {
  for (auto& c : cpus_) c->count_mix();
}

void Machine::save_checkpoint(const std::string& path) const {
  CheckpointWriter w(path);
  w.section("machine");
  for (u64 v : {u64{cfg_.nodes}, u64{cfg_.cpus_per_node}, cfg_.memory_per_node, u64{cfg_.big_endian}, cfg_.quantum})
    w.u64v(v);
  w.u64v(now_.value);
  w.u64v(started_.size());
  for (bool s : started_) w.boolean(s);
  w.u64v(phases_.size());
  for (const PhaseRecord& p : phases_) {
    w.u64v(p.id);
    w.boolean(p.open);
    for (const auto* v : {&p.begin, &p.end}) {
      w.u64v(v->size());
      for (const CpuStats& c : *v) save_cpu_stats(w, c);
    }
  }
  w.u64v(static_cast<u64>(model_));
  w.boolean(switched_at_.has_value());
  w.u64v(switched_at_.value_or(0));
  w.u64v(static_cast<u64>(cfg_.isa));
  w.section("bus");
  bus_.save(w);
  for (const auto& c : cpus_) {
    w.section("cpu");
    c->save(w);
  }
  for (const Device* d : std::initializer_list<const Device*>{simctl_.get(), uart_.get(), cpuctl_.get(), ipi_.get(),
                                                              disk_.get(), counters_.get()}) {
    w.section(d->name());
    d->save(w);
  }
  w.section("memory-system");
  mem_->save(w);
  w.section("cpu-timing");
  for (const auto& t : timing_) t->save(w);
  w.section("end");
  w.finish();
}

void Machine::restore_checkpoint(const std::string& path) {
  CheckpointReader r(path);
  r.section("machine");
  for (u64 v : {u64{cfg_.nodes}, u64{cfg_.cpus_per_node}, cfg_.memory_per_node, u64{cfg_.big_endian}, cfg_.quantum})
    if (r.u64v() != v) r.fail("checkpoint was taken on a machine with a different description");
  now_.value = r.u64v();
  if (r.u64v() != started_.size()) r.fail("checkpoint has a different number of CPUs");
  for (size_t k = 0; k < started_.size(); ++k) started_[k] = r.boolean();
  phases_.resize(r.u64v());
  for (PhaseRecord& p : phases_) {
    p.id = r.u64v();
    p.open = r.boolean();
    for (auto* v : {&p.begin, &p.end}) {
      v->resize(r.u64v());
      if (v->size() > cpus_.size()) r.fail("corrupt checkpoint (phase statistics)");
      for (CpuStats& c : *v) c = restore_cpu_stats(r);
    }
  }
  u64 model = r.u64v();
  if (model > 1) r.fail("corrupt checkpoint (CPU model)");
  bool switched = r.boolean();
  u64 switched_at = r.u64v();
  u64 isa = r.u64v();
  if (isa > static_cast<u64>(mips::IsaLevel::Mips64R2)) r.fail("corrupt checkpoint (ISA level)");
  set_isa(static_cast<mips::IsaLevel>(isa));  // before the CPUs, whose gates depend on it
  r.section("bus");
  bus_.restore(r);
  for (auto& c : cpus_) {
    r.section("cpu");
    c->restore(r);
  }
  for (Device* d :
       std::initializer_list<Device*>{simctl_.get(), uart_.get(), cpuctl_.get(), ipi_.get(), disk_.get(), counters_.get()}) {
    r.section(d->name());
    d->restore(r);
  }
  r.section("memory-system");
  mem_->restore(r);
  set_cpu_model(static_cast<CpuModel>(model));
  switched_at_ = switched ? std::optional<u64>(switched_at) : std::nullopt;
  r.section("cpu-timing");
  for (auto& t : timing_) t->restore(r);
  r.section("end");
  r.expect_end();
}

void Machine::request_exit(int code) {
  if (!exit_code_) exit_code_ = code;
  for (auto& c : cpus_) c->stop();
}

void Machine::phase_begin(u64 id) {
  if (model_ == CpuModel::Functional && cfg_.timing_at_phase == id) set_cpu_model(CpuModel::Timing);
  std::vector<CpuStats> now = cpu_stats();
  phases_.push_back({id, true, now, now});
}

void Machine::phase_end(u64 id) {
  for (auto it = phases_.rbegin(); it != phases_.rend(); ++it)
    if (it->id == id && it->open) {
      it->end = cpu_stats();
      it->open = false;
      return;
    }
}

void Machine::dump_stats() {
  std::fflush(console_);
  std::fputs(stats_table(stats()).c_str(), stderr);
}

// Instruction slots: retired instructions plus those that trapped.  Limits
// count slots, so an exception storm that retires nothing still ends.
u64 Machine::total_slots() const {
  u64 t = 0;
  for (const auto& c : cpus_) t += c->insns + c->exceptions;
  return t;
}

u64 Machine::total_insns() const {
  u64 t = 0;
  for (const auto& c : cpus_) t += c->insns;
  return t;
}

std::vector<CpuStats> Machine::cpu_stats() const {
  std::vector<CpuStats> v;
  for (const auto& c : cpus_) {
    CpuStats s;
    std::array<u64, 3> t = c->cp0->time_by_mode();
    s.id = c->id;
    s.instructions = c->insns;
    s.kernel_cycles = t[0], s.supervisor_cycles = t[1], s.user_cycles = t[2], s.idle_cycles = c->idle_cycles;
    s.exceptions = c->exc_counts;
    s.tlb_refills = c->cp0->refills + c->cp0->xrefills;
    s.tlb_refill_cycles = c->cp0->tlb_refill_cycles();
    s.stalls = timing_[c->id]->stalls;
    s.mem = mem_->stats(c->id);
    v.push_back(s);
  }
  return v;
}

RunStats Machine::stats() const {
  RunStats s;
  s.config = cfg_;
  s.cpus = cpu_stats();
  s.cpu_model = model_;
  s.switched_to_timing_at = switched_at_;
  s.phases = phases_;
  if (!cpus_.empty() && !cpus_[0]->mix.empty()) {
    auto rows = mips::isa_table();
    for (size_t id = 0; id <= rows.size(); ++id) {
      u64 n = 0;
      for (const auto& c : cpus_) n += c->mix[id];
      if (n) s.instruction_mix.emplace_back(id ? rows[id - 1]->name : "(reserved)", n);
    }
    std::stable_sort(s.instruction_mix.begin(), s.instruction_mix.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
  }
  for (PhaseRecord& p : s.phases)
    if (p.open) p.end = s.cpus;
  s.host_seconds = host_seconds_;
  s.exit_code = exit_code_.value_or(0);
  s.end_reason = end_reason_;
  return s;
}

}  // namespace ds
