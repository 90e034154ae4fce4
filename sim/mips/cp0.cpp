// cp0.cpp - the CP0 registers as objects (one table row each), interrupt
// lines, and the Count/Compare timer.
#include "sim/mips/cp0.h"

namespace ds::mips {

// One CP0 register: what MTC0 may change, its reset value, whether DMFC0
// sees 64 bits, an optional computed read (side-effect free) and an optional
// hook run after every write.
struct Cp0::RegDesc {
  const char* name = nullptr;  // nullptr: reserved (reads 0, ignores writes)
  u64 writable = 0;
  u64 reset = 0;
  bool wide = false;
  u64 (Cp0::*get)() const = nullptr;
  void (Cp0::*hook)() = nullptr;
};

namespace {

constexpr u64 k32 = 0xFFFF'FFFFull;
constexpr u64 kAll = ~u64{0};
// Status: bits 23, 24 and 27 (RP) are reserved on the R10000.
constexpr u64 kStatusWritable = 0xF67F'FFFFull;
// Context: PTEBase 63:23 (BadVPN2 22:4 is written by exceptions only).
constexpr u64 kContextWritable = ~u64{0x7F'FFFF};
// XContext: PTEBase 63:37 (R 36:35 and BadVPN2 34:4 from exceptions).
constexpr u64 kXContextWritable = ~((u64{1} << 37) - 1);
// PRId: implementation 0x09 (R10000), revision 0.0.
constexpr u64 kPrid = 0x0900;
// Config: K0 (2:0) is the only writable field; it resets to 3 (cacheable
// noncoherent).  The boot-mode fields read as zero (not modelled).
constexpr u64 kConfigReset = 3;

}  // namespace

const std::array<Cp0::RegDesc, 32>& Cp0::table() {
  static const std::array<RegDesc, 32> t = [] {
    std::array<RegDesc, 32> r{};
    r[reg::Index] = {.name = "Index", .writable = 0x3F};
    r[reg::Random] = {.name = "Random", .get = &Cp0::random_value};
    r[reg::EntryLo0] = {.name = "EntryLo0", .writable = entrylo::kWritable, .wide = true};
    r[reg::EntryLo1] = {.name = "EntryLo1", .writable = entrylo::kWritable, .wide = true};
    r[reg::Context] = {.name = "Context", .writable = kContextWritable, .wide = true};
    r[reg::PageMask] = {.name = "PageMask", .writable = kPageMaskWritable};
    r[reg::Wired] = {.name = "Wired", .writable = 0x3F, .hook = &Cp0::on_wired};
    r[reg::BadVAddr] = {.name = "BadVAddr", .wide = true};
    r[reg::Count] = {.name = "Count", .writable = k32, .get = &Cp0::count_value, .hook = &Cp0::on_count};
    r[reg::EntryHi] = {.name = "EntryHi", .writable = entryhi::kWritable, .wide = true, .hook = &Cp0::on_entryhi};
    r[reg::Compare] = {.name = "Compare", .writable = k32, .hook = &Cp0::on_compare};
    r[reg::Status] = {.name = "Status", .writable = kStatusWritable, .reset = status::BEV | status::ERL,
                  .hook = &Cp0::on_status};
    r[reg::Cause] = {.name = "Cause", .writable = cause::IP_SW, .get = &Cp0::cause_value, .hook = &Cp0::on_cause};
    r[reg::EPC] = {.name = "EPC", .writable = kAll, .wide = true};
    r[reg::PRId] = {.name = "PRId", .reset = kPrid};
    r[reg::Config] = {.name = "Config", .writable = 7, .reset = kConfigReset};
    r[reg::LLAddr] = {.name = "LLAddr", .get = &Cp0::lladdr_value};
    r[reg::WatchLo] = {.name = "WatchLo", .writable = k32};
    r[reg::WatchHi] = {.name = "WatchHi", .writable = k32};
    r[reg::XContext] = {.name = "XContext", .writable = kXContextWritable, .wide = true};
    r[reg::FrameMask] = {.name = "FrameMask", .writable = k32};
    r[reg::Diagnostic] = {.name = "Diagnostic", .writable = k32};
    r[reg::PerfCount] = {.name = "PerfCount", .writable = k32};
    r[reg::ECC] = {.name = "ECC", .writable = k32};
    r[reg::CacheErr] = {.name = "CacheErr"};
    r[reg::TagLo] = {.name = "TagLo", .writable = k32};
    r[reg::TagHi] = {.name = "TagHi", .writable = k32};
    r[reg::ErrorEPC] = {.name = "ErrorEPC", .writable = kAll, .wide = true};
    return r;
  }();
  return t;
}

Cp0::Cp0(std::function<void(const char*)> halt) : halt_(std::move(halt)) {}

void Cp0::attach(Cpu& cpu) {
  cpu_ = &cpu;
  cpu.cp0 = this;
  reset();
}

// Cold reset (R10000 manual 17.1): Status gets BEV=1 and ERL=1 (kernel mode,
// interrupts off); Random 63; Wired 0; the timer line is low.  Fields the
// manual leaves undefined start at zero.  The TLB is not touched.
void Cp0::reset() {
  for (unsigned i = 0; i < 32; ++i) r_[i] = table()[i].reset;
  hw_irq_ = 0;
  timer_ip_ = false;
  count_base_ = 0;
  count_cycle_ = cpu_->cycle();
  random_cycle_ = cpu_->cycle();
  context_key_ = ~u64{0};
  schedule_timer();
  update_mode();
  update_interrupts();
}

const char* Cp0::reg_name(unsigned reg) {
  const char* n = reg < 32 ? table()[reg].name : nullptr;
  return n ? n : "reserved";
}

bool Cp0::is_wide(unsigned reg) { return reg < 32 && table()[reg].wide; }

u64 Cp0::read(unsigned reg) const {
  const RegDesc& d = table()[reg & 31];
  if (!d.name) return 0;
  if (d.get) ++cpu_->nondet_reads;  // Count, Random, Cause, LLAddr: computed from time or inputs
  return d.get ? (this->*d.get)() : r_[reg & 31];
}

void Cp0::write(unsigned reg, u64 value) {
  const RegDesc& d = table()[reg & 31];
  if (!d.name) return;
  u64& v = r_[reg & 31];
  v = (v & ~d.writable) | (value & d.writable);
  if (d.hook) (this->*d.hook)();
}

// ---- computed reads -----------------------------------------------------------

// Random counts down from 63 to Wired once per cycle, then wraps to 63.
u64 Cp0::random_value() const {
  u64 wired = r_[reg::Wired] & 0x3F;
  u64 span = 64 - wired;
  return 63 - (cpu_->cycle() - random_cycle_) % span;
}

// Count runs at half the pipeline clock.
// LLAddr holds physical address bits 35:4 of the most recent LL (the R4400
// layout the R10000 keeps); read-only here.
u64 Cp0::lladdr_value() const { return (cpu_->ll_pa >> 4) & k32; }

u64 Cp0::count_value() const { return (count_base_ + (cpu_->cycle() - count_cycle_) / 2) & k32; }

u64 Cp0::cause_value() const {
  u64 ip = (r_[reg::Cause] & cause::IP_SW) | (hw_irq_ << cause::kIpShift);
  if (timer_ip_) ip |= u64{1} << (cause::kIpShift + kTimerIrq);
  return (r_[reg::Cause] & ~cause::IP) | ip;
}

// ---- hooks ---------------------------------------------------------------------

// Writing Wired resets Random to its upper bound.
void Cp0::on_wired() { random_cycle_ = cpu_->cycle(); }

void Cp0::on_count() {
  count_base_ = r_[reg::Count] & k32;
  count_cycle_ = cpu_->cycle();
  schedule_timer();
}

// Writing Compare acknowledges the timer interrupt and arms the next match.
void Cp0::on_compare() {
  timer_ip_ = false;
  schedule_timer();
  update_interrupts();
}

void Cp0::on_status() {
  update_mode();
  update_interrupts();
}

void Cp0::on_cause() { update_interrupts(); }

void Cp0::on_entryhi() { update_mode(); }

// ---- interrupts and the timer --------------------------------------------------

void Cp0::set_irq(unsigned irq, bool level) {
  if (follower_) return;  // a lockstep checker's inputs come from follow()
  u64 bit = u64{1} << (irq & 7);
  hw_irq_ = level ? hw_irq_ | bit : hw_irq_ & ~bit;
  update_interrupts();
}

void Cp0::update_interrupts() {
  u64 pending = cause_value() & r_[reg::Status] & status::IM;
  u64 st = r_[reg::Status];
  bool take = pending && (st & status::IE) && !(st & (status::EXL | status::ERL));
  if (follower_) take = take && follow_take_;
  cpu_->set_interrupt_pending(take);
  if (pending && cpu_->idling()) cpu_->wake();
}

// Sets the CPU's deadline to the first cycle at which Count equals Compare
// (a full 2^32 Count period ahead if they are equal now).
void Cp0::schedule_timer() {
  if (follower_) {  // a lockstep checker's timer is the main CPU's
    cpu_->deadline = ~u64{0};
    return;
  }
  u64 now = cpu_->cycle();
  u64 delta = (r_[reg::Compare] - count_value()) & k32;
  if (delta == 0) delta = u64{1} << 32;
  u64 ticks_so_far = (now - count_cycle_) / 2;
  cpu_->deadline = count_cycle_ + 2 * (ticks_so_far + delta);
  cpu_->yield();
}

// Count has just reached Compare: raise IP7 and arm the next period.
void Cp0::at_deadline(Cpu&) {
  if (follower_) return;
  timer_ip_ = true;
  schedule_timer();
  update_interrupts();
}

}  // namespace ds::mips

namespace ds::mips {

void Cp0::make_follower() {
  follower_ = true;
  schedule_timer();
}

void Cp0::follow(const Cp0& main, bool take_interrupt) {
  hw_irq_ = main.hw_irq_;
  timer_ip_ = main.timer_ip_;
  follow_take_ = take_interrupt;
  update_interrupts();
}

}  // namespace ds::mips
