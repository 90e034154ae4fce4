// cpu.h - one R10000 processor: architectural state, the fetch/execute loop
// and the memory-access fast path.
//
// Who owns what:
//   * the Cpu holds registers, the pipeline's PC pair and the software TLB;
//   * its CpuOwner translates addresses and takes exceptions (the CP0 model on
//     a machine, the Linux process model in the user-mode runner);
//   * the Bus holds RAM and devices; the DecodeCache holds pre-decoded pages.
//
// Delay slots and the resume PC (the one place they are handled):
//
//     cur_pc   pc      npc                      fetch  |  executing
//     B        B+4     B+8    before the branch  B     |  -
//     B+4      B+8     T      taken branch ran   B+4   |  delay slot (in_delay)
//     T        T+4     T+8    then               T     |  target
//
// The loop advances pc<-npc, npc<-npc+4 *before* executing, so a branch just
// overwrites npc.  A branch-likely that is not taken skips its delay slot by
// advancing pc/npc once more.  An exception in a delay slot reports EPC =
// cur_pc - 4 with Cause.BD set (exception_pc()).
#pragma once
#include <array>
#include <memory>
#include <vector>

#include "sim/bus.h"
#include "sim/checkpoint.h"
#include "sim/mips/decode_cache.h"
#include "sim/mips/exception.h"
#include "sim/mips/isa.h"
#include "sim/mips/timing.h"

namespace ds::mips {

class Cpu;
class Cp0;

enum class Access : u8 { Fetch, Load, Store };

struct Translation {
  u64 pa = 0;
  bool cacheable = true;  // may the software TLB remember this page?
  bool uncached = false;  // the cache attribute says uncached (kseg1, C=2, ...)
};

class CpuOwner {
 public:
  virtual ~CpuOwner() = default;
  // Translates `va`; on failure reports the exception with cpu.raise() and
  // returns false.  Called only on a software-TLB miss.
  virtual bool translate(Cpu& cpu, u64 va, Access access, Translation& out) = 0;
  // Takes the exception the last instruction reported (cpu.exc).  On entry
  // cpu.pc/npc hold the continuation, cpu.cur_pc the faulting instruction.
  virtual void take_exception(Cpu& cpu) = 0;
  // Called by run() when cpu.cycle() reaches cpu.deadline (the CP0 timer);
  // the owner sets the next deadline.
  virtual void at_deadline(Cpu& cpu) { (void)cpu; }
};

// The floating-point unit's architectural state (semantics in isa_fpu.cpp).
struct FpuState {
  std::array<u64, 32> fpr{};  // raw register bits
  u32 fcsr = 0;               // control/status: RM, flags, enables, cause, FS, cc
  u32 fir = 0x0900;           // implementation/revision (read by CFC1 $0): R10000, rev 0
  bool fr = true;             // Status.FR: 32 64-bit registers (false: 16 pairs)
};

class Cpu {
 public:
  Cpu(unsigned id, Bus& bus, DecodeCache& dcache, CpuOwner& owner, bool big_endian);

  // ---- architectural state -------------------------------------------------
  std::array<u64, 32> gpr{};
  u64 hi = 0, lo = 0;
  u64 pc = 0, npc = 4;  // next instruction to fetch, and the one after it
  FpuState fpu;
  bool ll_bit = false;  // LL/SC link
  u64 ll_pa = 0;        // physical address of the last LL (LLAddr)
  const u8* ll_line = nullptr;  // host address of the linked line (Bus::kLinkLineBytes)
  u64 userlocal = 0;    // Release 2 UserLocal, read by RDHWR $29 (user runner)

  // ---- the instruction being executed ------------------------------------
  u64 cur_pc = 0;           // its address
  bool in_delay = false;    // it sits in a branch delay slot
  bool next_in_delay = false;
  PendingException exc;     // what it reported

  // ---- configuration -------------------------------------------------------
  const unsigned id;
  const bool big_endian;
  u32 forbidden = kGateCp0;  // gates closed in the current mode (see isa.h)
  Cp0* cp0 = nullptr;        // system coprocessor (null in the user-mode runner)

  // ---- statistics ----------------------------------------------------------
  // Instruction mix: when non-empty (count_mix()), executions per table row
  // (index row_id + 1; 0 = reserved instructions).  The loop is compiled
  // with and without the count, so a run without it pays nothing.
  std::vector<u64> mix;
  void count_mix() { mix.assign(isa_table().size() + 1, 0); }
  u64 insns = 0;                                  // retired instructions
  std::array<u64, kNumExcCodes> exc_counts{};     // exceptions taken, by ExcCode
  u64 exceptions = 0;                             // exceptions and interrupts taken
  u64 idle_cycles = 0;                            // cycles spent idle (waiting for an interrupt)
  u64 stall_cycles = 0;                           // timing mode: cycles the pipeline stalled

  // ---- time ----------------------------------------------------------------
  // The CPU's clock: one cycle per instruction slot, whether the instruction
  // retired or trapped, plus idle cycles, plus (timing mode) stall cycles.
  // Exact at every instruction boundary (CP0 derives Count and Random from it).
  u64 cycle() const { return insns + exceptions + idle_cycles + stall_cycles; }

  // ---- the timing model ------------------------------------------------------
  // Null: the functional model (one cycle per instruction).  Otherwise every
  // fetch and data reference goes through the cache model (timing.h).  The
  // owner of the CpuTiming sets this between runs (set_timing).
  CpuTiming* timing() const { return timing_; }
  void set_timing(CpuTiming* t) {
    timing_ = t;
    flush_soft_tlb();  // uncached pages are remembered only without timing
    yield();           // run_slice() continues in the loop of the other model
  }
  // The CACHE instruction (op = bits 20:16, va = base + offset): changes the
  // modelled caches in timing mode; a no-op in the functional model, which
  // has no caches.  Never raises an exception (docs/timing.md).
  void cache_op(unsigned op, u64 va);
  // Translates `va` as `access` would in the current mode, without any
  // effect on the CPU: no exception is reported, nothing is counted or
  // cached (CACHE Hit operations, the debugger and traces use it).
  bool translate_quietly(u64 va, Access access, Translation& out);
  // run() calls owner().at_deadline() when cycle() reaches this value;
  // whoever lowers it mid-run calls yield() so the loop re-reads it.
  u64 deadline = ~u64{0};
  void yield() { pending_ |= kYield; }

  // ---- interrupts and idling -----------------------------------------------
  // The owner sets this when an enabled interrupt is pending; run() takes it
  // (owner().take_exception with Exc::Int) before the next instruction.
  void set_interrupt_pending(bool on) { on ? pending_ |= kInterrupt : pending_ &= ~kInterrupt; }
  // Halts instruction execution (cycles still pass) until wake().
  void idle() { pending_ |= kIdle; }
  void wake() { pending_ &= ~kIdle; }
  bool idling() const { return pending_ & kIdle; }

  // Runs up to `max` instructions; returns how many were executed.  Stops
  // early when stop() is called (by a device or the owner).
  // A stall may carry the CPU past `max`; the excess is taken off the next
  // call, so over many calls a CPU runs exactly the cycles it is given.
  u64 run(u64 max);
  u64 overrun() const { return overrun_; }
  void set_overrun(u64 cycles) { overrun_ = cycles; }
  // Executes exactly one slot (an instruction, an interrupt, or one idle
  // cycle) and returns the cycles it took; 0 if the CPU is stopped.  The
  // lockstep checker (sim/lockstep.h) drives CPUs with it.
  u64 step();
  // Reads whose value comes from outside the CPU's program - device
  // registers, Count, Random, Cause - counted so the lockstep checker knows
  // when to copy a result rather than compare it.
  u64 nondet_reads = 0;
  void stop() { pending_ |= kStop; }
  bool stopped() const { return pending_ & kStop; }
  void resume() { pending_ &= ~kStop; }
  // Sets PC and NPC for a fresh start at `addr` (no delay slot).
  void set_pc(u64 addr) { pc = addr, npc = addr + 4, next_in_delay = false; }

  // ---- used by instruction semantics ---------------------------------------
  void raise(Exc code, u64 badvaddr = 0, unsigned cop = 0) {
    exc.code = code, exc.badvaddr = badvaddr, exc.cop = cop, exc.tlb_refill = false;
    pending_ |= kException;
  }
  bool exception_raised() const { return pending_ & kException; }
  // EPC and Cause.BD for the instruction being executed.
  u64 exception_pc() const { return in_delay ? cur_pc - 4 : cur_pc; }

  void branch(bool taken, u64 target) {
    next_in_delay = true;
    if (taken) npc = target;
  }
  void branch_likely(bool taken, u64 target) {
    if (taken) {
      next_in_delay = true;
      npc = target;
    } else {  // nullify the delay slot
      pc = npc, npc += 4;
    }
  }

  template <typename T>
  bool load(u64 va, T& out);
  template <typename T>
  bool store(u64 va, T value);

  // The software TLB has one set of entries per operating mode (kernel,
  // supervisor, user), so a trap into the kernel and the return to a less
  // privileged mode switch sets instead of flushing: a trap-and-emulate
  // monitor does that on every privileged instruction of its guest.
  // The owner selects the set of the mode it enters (mode: 0 kernel,
  // 1 supervisor, 2 user), drops every entry of every set when the context
  // (ASID, address-space bits) changes, and drops the pages of a mapping it
  // removes with forget_pages.
  //
  // None of these ends the run slice: they ask the loop to forget the code
  // page it remembers (refetch()), which it does before the next instruction.
  void select_soft_tlb(unsigned mode) {
    SoftTlb* set = &stlb_[mode];
    if (set != cur_) cur_ = set, refetch();
  }
  void flush_soft_tlb();
  // Drops the entries of every set that could hold a page of
  // [va, va + bytes) (by index, whatever their tag: conservative).  Only
  // entries that were filled since the last flush are touched (the sets'
  // `filled` bitmaps), and the loop refetches only if the code page it
  // remembers is one of the pages.
  void forget_pages(u64 va, u64 bytes);
  // Forgets write software-TLB entries that point into one host page, so the
  // next store to it takes the slow path (used for LL/SC reservations).
  void drop_write_page(const u8* host_page);

  // LL/SC across CPUs.  set_link() follows a successful LL at `va`;
  // clear_link() follows SC (and ERET) and releases any bus reservation.
  // While a CPU is descheduled between LL and SC the machine turns its link
  // into a Bus reservation, which another CPU's store to the line breaks.
  void set_link(u64 va);
  void clear_link();

  Bus& bus() { return bus_; }
  CpuOwner& owner() { return owner_; }

  // Checkpoints (cpu_checkpoint.cpp): architectural state, run state and
  // statistics, and the CP0 behind it; taken only between quanta.
  void save(CheckpointWriter& w) const;
  void restore(CheckpointReader& r);

 private:
  enum : u32 { kException = 1, kStop = 2, kInterrupt = 4, kYield = 8, kIdle = 16, kRefetch = 32 };
  // The run loop forgets the code page it remembers before the next
  // instruction (a translation it was found through may have changed).
  void refetch() { pending_ |= kRefetch; }

  struct SoftTlbEntry {
    u64 tag = ~u64{0};  // virtual page address; ~0 never matches
    u8* host = nullptr;
    DecodedPage* code = nullptr;  // fetch entries only
  };
  static constexpr unsigned kSoftTlbBits = 8;
  static constexpr unsigned kSoftTlbSize = 1u << kSoftTlbBits;
  static unsigned stlb_index(u64 va) { return (va >> kPageShift) & (kSoftTlbSize - 1); }
  // Read pages pushed out of `read` wait in `read_victim`, indexed by a hash
  // that separates pages whose `read` index collides (buffers a multiple of 1 MiB
  // apart, as memcmp of two aligned buffers reads them).
  static unsigned victim_index(u64 va) {
    return ((va >> kPageShift) ^ (va >> (kPageShift + kSoftTlbBits))) & (kSoftTlbSize - 1);
  }
  void fill_read_entry(u64 va, u8* host);

  bool fetch_slow(u64 va, SoftTlbEntry& e, bool& uncached);
  bool access_slow(u64 va, unsigned size, Access access, u64& value);
  // What load()/store() do when their inline fast path cannot: a timed hit
  // (timing_->data, then the access) or access_slow.
  struct SlowLoad {
    u64 value;
    bool ok;
  };
  [[gnu::noinline]] SlowLoad load_slow(u64 va, unsigned size);
  [[gnu::noinline]] bool store_slow(u64 va, unsigned size, u64 value);
  void gate_closed(u32 flags);
  u64 run_slice(u64 max);
  template <bool kBigEndian, bool kCountMix, bool kTiming>
  u64 run_slice_as(u64 max);
  // Instructions that end a run (run_straight): CP0 instructions, which may
  // change the mode, the translation or the pc.  Tested on the slot's flags.
  static constexpr u32 kEndsRun = kGateCp0;
  template <bool kBigEndian, bool kCountMix, bool kTiming>
  bool run_straight(const DecodedSlot& first, u32 raw, unsigned off, const u8* page_host, DecodedSlot* page_slots,
                    u64 page_mem, u64& done, u64 max, u64 stall_base);
  void take_interrupt();

  Bus& bus_;
  DecodeCache& dcache_;
  CpuOwner& owner_;
  u32 pending_ = 0;
  CpuTiming* timing_ = nullptr;
  u64 overrun_ = 0;  // cycles a stall ran past the end of the last run()
  using SoftTlbBits = std::array<u64, kSoftTlbSize / 64>;
  struct SoftTlb {
    std::array<SoftTlbEntry, kSoftTlbSize> read, write, fetch;
    std::array<SoftTlbEntry, kSoftTlbSize> read_victim;
    // Bit i set: read[i], write[i] or fetch[i] (filled) / read_victim[i]
    // (victims) may hold a page; clear: all of them are empty.  Set on every
    // fill, so forget_pages() need not touch (and miss in the host cache on)
    // entries that cannot hold anything.
    SoftTlbBits filled{}, victims{};
  };
  static bool test_bit(const SoftTlbBits& b, unsigned i) { return b[i >> 6] >> (i & 63) & 1; }
  static void set_bit(SoftTlbBits& b, unsigned i) { b[i >> 6] |= u64{1} << (i & 63); }
  static void clear_bit(SoftTlbBits& b, unsigned i) { b[i >> 6] &= ~(u64{1} << (i & 63)); }
  // The virtual page of the code page the run loop remembers (~0: none).
  u64 fetch_page_ = ~u64{0};
  std::array<SoftTlb, 3> stlb_{};  // by mode: kernel, supervisor, user
  SoftTlb* cur_ = &stlb_[0];
};

// The fast paths below do no call, so the semantic bodies they are inlined
// into need no stack frame: a hit in the functional model is a tag compare,
// a test of timing_ and the access.  Everything else - a miss, and every
// access in the timing model, which times it (timing_->data) before it is
// made - goes to one out-of-line function, whose result comes back in
// registers.
template <typename T>
inline bool Cpu::load(u64 va, T& out) {
  const SoftTlbEntry& e = cur_->read[stlb_index(va)];
  // The tag compare keeps the address bits below the access size, so a
  // misaligned address misses and access_slow raises AdEL.
  if (DS_LIKELY(e.tag == (va & ~(kPageMask & ~u64{sizeof(T) - 1})) && timing_ == nullptr)) {
    out = load_guest<T>(e.host + (va & kPageMask), big_endian);
    return true;
  }
  SlowLoad r = load_slow(va, sizeof(T));
  if (r.ok) out = static_cast<T>(r.value);  // a failed load leaves `out` alone
  return r.ok;
}

template <typename T>
inline bool Cpu::store(u64 va, T value) {
  const SoftTlbEntry& e = cur_->write[stlb_index(va)];
  // As in load(): a misaligned address misses and access_slow raises AdES.
  if (DS_LIKELY(e.tag == (va & ~(kPageMask & ~u64{sizeof(T) - 1})) && timing_ == nullptr)) {
    store_guest<T>(e.host + (va & kPageMask), value, big_endian);
    return true;
  }
  return store_slow(va, sizeof(T), static_cast<u64>(value));
}

}  // namespace ds::mips
