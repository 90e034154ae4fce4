// cp0.h - the R10000 system control coprocessor (CP0): its registers, the
// JTLB, address translation, exception entry and interrupts.  One Cp0 per
// CPU; it is that CPU's CpuOwner on the full machine.
//
// Files:  cp0.cpp       registers as objects (the table), interrupts, timer
//         mmu.cpp       segments and address translation (translate())
//         trap.cpp      exception entry (take_exception()), ERET
//         tlb.h/.cpp    the 64-entry JTLB
//         isa_cop0.cpp  the CP0 instructions (MFC0 ... ERET, CACHE)
//
// Registers (R10000 manual ch. 14).  Each is an object described by one row
// of the table in cp0.cpp: read() has no side effects; write() keeps the
// writable bits and then runs the register's named hook.  Registers marked
// "storage" keep what software writes but their semantics are not modelled.
//
//   0 Index     1 Random    2 EntryLo0  3 EntryLo1  4 Context   5 PageMask
//   6 Wired     8 BadVAddr  9 Count    10 EntryHi  11 Compare  12 Status
//  13 Cause    14 EPC      15 PRId     16 Config   17 LLAddr   18 WatchLo*
//  19 WatchHi* 20 XContext 21 FrameMask* 22 Diagnostic* 25 PerfCount*
//  26 ECC*     27 CacheErr* 28 TagLo*  29 TagHi*   30 ErrorEPC   (* storage)
//
// Time: the functional model runs one instruction per cycle (Cpu::cycle());
// Count increments every other cycle, as on the R10000 (PClk/2), and Random
// decrements every cycle.  Both are computed from the cycle count when read.
#pragma once
#include <array>
#include <functional>

#include "sim/mips/cpu.h"
#include "sim/mips/tlb.h"

namespace ds::mips {

// CP0 register numbers (the rd field of MFC0/MTC0).
namespace reg {
enum : unsigned {
  Index = 0, Random = 1, EntryLo0 = 2, EntryLo1 = 3, Context = 4, PageMask = 5,
  Wired = 6, BadVAddr = 8, Count = 9, EntryHi = 10, Compare = 11, Status = 12,
  Cause = 13, EPC = 14, PRId = 15, Config = 16, LLAddr = 17, WatchLo = 18,
  WatchHi = 19, XContext = 20, FrameMask = 21, Diagnostic = 22, PerfCount = 25,
  ECC = 26, CacheErr = 27, TagLo = 28, TagHi = 29, ErrorEPC = 30,
};
}  // namespace reg

// Status register fields (R10000 manual 14.10).
namespace status {
constexpr u64 IE = 1u << 0, EXL = 1u << 1, ERL = 1u << 2;
constexpr unsigned kKsuShift = 3;
constexpr u64 KSU = 3u << kKsuShift;
constexpr u64 UX = 1u << 5, SX = 1u << 6, KX = 1u << 7;
constexpr unsigned kImShift = 8;
constexpr u64 IM = 0xFFu << kImShift;
constexpr u64 DE = 1u << 16, CE = 1u << 17, CH = 1u << 18, NMI = 1u << 19, SR = 1u << 20,
              TS = 1u << 21, BEV = 1u << 22, RE = 1u << 25, FR = 1u << 26, RP = 1u << 27,
              CU0 = 1u << 28, CU1 = 1u << 29, CU2 = 1u << 30, XX = 1u << 31;
}  // namespace status

// Cause register fields (R10000 manual 14.11).
namespace cause {
constexpr unsigned kExcShift = 2;
constexpr u64 ExcCode = 0x1Fu << kExcShift;
constexpr unsigned kIpShift = 8;
constexpr u64 IP = 0xFFu << kIpShift;
constexpr u64 IP_SW = 0x3u << kIpShift;  // IP1:0, the software interrupts
constexpr unsigned kCeShift = 28;
constexpr u64 CE = 3u << kCeShift;
constexpr u64 BD = 1u << 31;
}  // namespace cause

// Interrupt lines on Cause.IP: 0-1 software, 2-6 devices, 7 timer.
constexpr unsigned kTimerIrq = 7;

// Privilege level of the running code.
enum class Mode : u8 { Kernel, Supervisor, User };

class Cp0 final : public CpuOwner {
 public:
  // `halt` is called with a one-line reason when the CPU cannot continue
  // (an exception vector with no memory behind it).
  explicit Cp0(std::function<void(const char*)> halt);
  // Connects the CPU this coprocessor belongs to and applies the reset state.
  void attach(Cpu& cpu);
  // Cold reset of the registers (the TLB keeps its contents).
  void reset();

  // ---- registers (cp0.cpp) ------------------------------------------------
  // MFC0/DMFC0 view of register `reg` (64 bits; MFC0 sign-extends the low 32).
  u64 read(unsigned reg) const;
  // MTC0/DMTC0: keeps the writable bits, then runs the register's hook.
  void write(unsigned reg, u64 value);
  static const char* reg_name(unsigned reg);
  // True for registers DMFC0 returns in full (the rest are 32-bit).
  static bool is_wide(unsigned reg);

  // Raw register storage, for the exception and TLB code (no hooks run).
  u64& raw(unsigned reg) { return r_[reg]; }
  u64 status() const { return r_[reg::Status]; }

  // ---- interrupts (cp0.cpp) -----------------------------------------------
  // Raises or lowers hardware interrupt line `irq` (2..7) - what the board
  // wires devices to.  Level-triggered: the line stays up until lowered.
  void set_irq(unsigned irq, bool level);
  // Re-evaluates Cause.IP & Status.IM: tells the CPU whether an interrupt is
  // to be taken and wakes it from idle.  Called by every hook that can change
  // the answer.
  void update_interrupts();

  // Checkpoints (cp0_checkpoint.cpp): registers, JTLB, interrupt lines and
  // timer state.  restore() re-derives the CPU's mode gates and interrupts.
  void save(CheckpointWriter& w) const;
  void restore(CheckpointReader& r);

  // Time by mode, SimOS style: busy cycles (idle excluded) spent in kernel,
  // supervisor and user mode, indexed by Mode.  Charged at every mode change
  // (update_mode), so the hot loop pays nothing; the open interval is added
  // when read.
  std::array<u64, 3> time_by_mode() const;

  // ---- modes and translation (mmu.cpp) ------------------------------------
  Mode mode() const;
  // Recomputes Cpu::forbidden and Cpu::fpu.fr from Status, and flushes the
  // CPU's software TLB when the translation context (mode, ERL, UX/SX/KX or
  // ASID) changed.  Called by the Status/EntryHi hooks, exception entry, ERET.
  void update_mode();
  // The instruction set this CPU admits (the machine's `isa` option):
  // Mips64R2 opens the Release 2 gate in every mode.  Re-derives the gates.
  void set_isa(IsaLevel isa);
  IsaLevel isa() const { return isa_; }
  bool translate(Cpu& cpu, u64 va, Access access, Translation& out) override;

  // ---- TLB instructions (mmu.cpp) -------------------------------------------
  void tlbr();
  void tlbwi();
  void tlbwr();
  void tlbp();
  Jtlb& tlb() { return tlb_; }

  // ---- exceptions (trap.cpp) ------------------------------------------------
  void take_exception(Cpu& cpu) override;
  void eret();
  void at_deadline(Cpu& cpu) override;

  // Statistics: exceptions taken through each vector, and the cycles spent
  // from entering the (X)TLB refill vector to the handler's ERET.
  u64 refills = 0, xrefills = 0;
  u64 tlb_refill_cycles() const { return tlb_refill_cycles_; }

  // Lockstep checking (sim/lockstep.h): a follower ignores its own timer and
  // interrupt lines; follow() gives it the main CPU's lines and lets it take
  // an interrupt only when the main CPU just took one.
  void make_follower();
  void follow(const Cp0& main, bool take_interrupt);
  const std::array<u64, 32>& regs() const { return r_; }

 private:
  struct RegDesc;
  static const std::array<RegDesc, 32>& table();
  void write_tlb(unsigned index);
  void schedule_timer();
  // computed reads
  u64 random_value() const;
  u64 count_value() const;
  u64 lladdr_value() const;
  u64 cause_value() const;
  // hooks
  void on_wired();
  void on_count();
  void on_compare();
  void on_status();
  void on_cause();
  void on_entryhi();

  Cpu* cpu_ = nullptr;
  std::function<void(const char*)> halt_;
  IsaLevel isa_ = IsaLevel::Mips4;
  std::array<u64, 32> r_{};
  Jtlb tlb_;
  u64 hw_irq_ = 0;          // IP7..2 as raised by devices (bit n = line n)
  bool timer_ip_ = false;   // IP7 from Count == Compare
  u64 count_base_ = 0;      // Count at cycle count_cycle_
  u64 count_cycle_ = 0;
  u64 random_cycle_ = 0;    // cycle at which Random was 63
  u64 context_key_ = ~u64{0};  // ERL, UX/SX/KX and ASID the soft TLB was filled under
  // time_by_mode(): cycles charged so far, and the open interval's mode and start
  std::array<u64, 3> mode_cycles_{};
  Mode acct_mode_ = Mode::Kernel;
  u64 acct_since_ = 0;  // busy cycles (cycle() - idle_cycles) at the last mode change
  void charge_mode_time();
  bool follower_ = false, follow_take_ = false;
  bool in_refill_ = false;
  u64 refill_since_ = 0, tlb_refill_cycles_ = 0;
};

}  // namespace ds::mips
