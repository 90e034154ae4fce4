// micro_cpu.cpp - Google Benchmark micro-measurements of the interpreter's
// hot paths: the dispatch loop on ALU code, the load/store fast path through
// the software TLB, a user <-> kernel trap round trip through CP0 (what a
// trap-and-emulate monitor does all the time), a TLB refill round trip and
// the JTLB probe (what a guest kernel does on every page it touches), and
// instruction decoding (table search and slot fill).
//
//   build/benchmarks/micro-cpu [--benchmark_filter=Dispatch]
//
// items_per_second is guest instructions per host second (or decodes per
// second for the decode benchmarks).  These are not tests: nothing is
// asserted beyond the loop actually running.
#include <benchmark/benchmark.h>

#include <array>
#include <memory>
#include <vector>

#include "sim/bus.h"
#include "sim/mips/cp0.h"
#include "sim/mips/cpu.h"
#include "sim/mips/decode_cache.h"
#include "sim/mips/isa.h"
#include "sim/mips/tlb.h"

namespace {

using namespace ds;
using namespace ds::mips;

// ---- a few encodings, written out from the MIPS IV manual's formats ----------
constexpr u32 itype(u32 op, u32 rs, u32 rt, u32 imm) { return op << 26 | rs << 21 | rt << 16 | (imm & 0xffff); }
constexpr u32 rtype(u32 rs, u32 rt, u32 rd, u32 sa, u32 funct) {
  return rs << 21 | rt << 16 | rd << 11 | sa << 6 | funct;
}
constexpr u32 addiu(u32 rt, u32 rs, i32 imm) { return itype(9, rs, rt, static_cast<u32>(imm)); }
constexpr u32 daddu(u32 rd, u32 rs, u32 rt) { return rtype(rs, rt, rd, 0, 0x2d); }
constexpr u32 xor_(u32 rd, u32 rs, u32 rt) { return rtype(rs, rt, rd, 0, 0x26); }
constexpr u32 dsll(u32 rd, u32 rt, u32 sa) { return rtype(0, rt, rd, sa, 0x38); }
constexpr u32 bne(u32 rs, u32 rt, i32 off) { return itype(5, rs, rt, static_cast<u32>(off)); }
constexpr u32 ld(u32 rt, u32 base, i32 off) { return itype(0x37, base, rt, static_cast<u32>(off)); }
constexpr u32 sd(u32 rt, u32 base, i32 off) { return itype(0x3f, base, rt, static_cast<u32>(off)); }
constexpr u32 lw(u32 rt, u32 base, i32 off) { return itype(0x23, base, rt, static_cast<u32>(off)); }
constexpr u32 sw(u32 rt, u32 base, i32 off) { return itype(0x2b, base, rt, static_cast<u32>(off)); }
constexpr u32 kNop = 0;

constexpr u64 kCodeVa = 0xFFFF'FFFF'8010'0000ull;  // kseg0, physical 1 MiB
constexpr u64 kDataVa = 0xFFFF'FFFF'8020'0000ull;

// kseg0 only: physical = virtual & 0x1FFFFFFF; anything else is a bug here.
class Kseg0Owner final : public CpuOwner {
 public:
  bool translate(Cpu& cpu, u64 va, Access access, Translation& out) override {
    if (va >> 29 != (kCodeVa >> 29)) {
      cpu.raise(access == Access::Store ? Exc::TLBS : Exc::TLBL, va);
      return false;
    }
    out.pa = va & 0x1FFF'FFFF;
    return true;
  }
  void take_exception(Cpu& cpu) override { cpu.stop(); }
};

// A one-CPU rig running `code` (an endless loop) from kCodeVa.
struct Rig {
  Bus bus;
  DecodeCache dcache;
  Kseg0Owner owner;
  std::unique_ptr<Cpu> cpu;

  explicit Rig(const std::vector<u32>& code) {
    bus.add_ram(0, 8u << 20);
    for (size_t i = 0; i < code.size(); ++i) {
      u8 b[4] = {static_cast<u8>(code[i] >> 24), static_cast<u8>(code[i] >> 16), static_cast<u8>(code[i] >> 8),
                 static_cast<u8>(code[i])};
      bus.write_bytes((kCodeVa & 0x1FFF'FFFF) + 4 * i, b, 4);
    }
    cpu = std::make_unique<Cpu>(0, bus, dcache, owner, true);
    cpu->forbidden = 0;
    cpu->set_pc(kCodeVa);
    cpu->gpr[8] = kDataVa;
  }
};

constexpr u64 kChunk = 1'000'000;  // instructions per benchmark iteration

void run_chunks(benchmark::State& state, Rig& rig) {
  u64 total = 0;
  for (auto _ : state) {
    total += rig.cpu->run(kChunk);
    if (rig.cpu->stopped()) state.SkipWithError("the loop took an exception");
  }
  benchmark::DoNotOptimize(rig.cpu->gpr);
  state.SetItemsProcessed(static_cast<int64_t>(total));
}

// Dispatch: ALU-only loop of 8 instructions (one taken branch, one delay slot).
void BM_DispatchAluLoop(benchmark::State& state) {
  Rig rig({addiu(2, 2, 1), daddu(3, 3, 2), xor_(4, 4, 3), dsll(5, 4, 3), daddu(6, 6, 5), addiu(7, 7, -1),
           bne(7, 0, -7), kNop});
  run_chunks(state, rig);
}
BENCHMARK(BM_DispatchAluLoop);

// Runs (Cpu::run_straight): a 32-instruction basic block, so the per-run
// bookkeeping (pc/npc/cur_pc written at the branch only) is spread thin.
void BM_LongBlock(benchmark::State& state) {
  std::vector<u32> code;
  for (int i = 0; i < 15; ++i) code.push_back(addiu(2, 2, 1)), code.push_back(daddu(3, 3, 2));
  code.push_back(bne(0, 4, -31));  // $4 = 1: not equal to $0, always taken
  code.push_back(kNop);
  Rig rig(code);
  rig.cpu->gpr[4] = 1;
  run_chunks(state, rig);
}
BENCHMARK(BM_LongBlock);

// Load/store fast path: 2 loads and 2 stores in 8 instructions, all hitting
// the software TLB after the first iteration.
void BM_LoadStoreLoop(benchmark::State& state) {
  Rig rig({ld(2, 8, 0), daddu(2, 2, 3), sd(2, 8, 8), lw(4, 8, 16), sw(4, 8, 20), addiu(3, 3, 1), bne(3, 0, -7),
           kNop});
  run_chunks(state, rig);
}
BENCHMARK(BM_LoadStoreLoop);

// Trap round trip: a user-mode loop (mapped through the JTLB) doing SYSCALL,
// and a kernel handler at the general vector that skips it and returns with
// ERET: 8 instruction slots per round trip, two mode changes.
void BM_TrapRoundTrip(benchmark::State& state) {
  constexpr u64 kUserVa = 0x0040'0000, kUserPa = 0x0030'0000, kHandlerPa = 0x180;
  constexpr u32 kSyscall = 0x0000'000c, kEret = 0x4200'0018;
  constexpr u32 kDmfc0EpcK0 = 0x403a'7000, kDmtc0K0Epc = 0x40ba'7000;  // dmfc0/dmtc0 $26, $14
  Bus bus;
  bus.add_ram(0, 8u << 20);
  DecodeCache dcache;
  Cp0 cp0([](const char*) {});
  Cpu cpu(0, bus, dcache, cp0, true);
  cp0.attach(cpu);
  cp0.reset();
  auto put = [&bus](u64 pa, std::vector<u32> words) {
    for (u32 w : words) {
      u8 b[4] = {static_cast<u8>(w >> 24), static_cast<u8>(w >> 16), static_cast<u8>(w >> 8), static_cast<u8>(w)};
      bus.write_bytes(pa, b, 4);
      pa += 4;
    }
  };
  put(kHandlerPa, {kDmfc0EpcK0, itype(0x19, 26, 26, 4) /* daddiu k0, k0, 4 */, kDmtc0K0Epc, kEret});
  put(kUserPa, {kSyscall, addiu(2, 2, 1), itype(4, 0, 0, static_cast<u32>(-3)) /* b loop */, kNop});
  cp0.write(reg::EntryHi, kUserVa);
  cp0.write(reg::EntryLo0, (kUserPa >> 12) << 6 | 3 << 3 | 7);  // cached, D, V, G
  cp0.write(reg::EntryLo1, 1);                                    // G, invalid
  cp0.write(reg::PageMask, 0);
  cp0.write(reg::Index, 0);
  cp0.tlbwi();
  cp0.write(reg::Status, status::KSU & (u64{2} << status::kKsuShift));  // user mode, BEV = ERL = EXL = 0
  cpu.set_pc(kUserVa);
  u64 total = 0;
  for (auto _ : state) {
    total += cpu.run(kChunk);
    if (cpu.stopped()) state.SkipWithError("the CPU stopped");
  }
  if (cpu.gpr[2] == 0) state.SkipWithError("no round trip completed");
  state.SetItemsProcessed(static_cast<int64_t>(total));
}
BENCHMARK(BM_TrapRoundTrip);

// TLB refill round trip, what a guest kernel does on every page of a large
// working set: a user loop loads from 1024 page pairs in turn, so (with 63
// random JTLB slots) almost every load misses the JTLB; the refill handler
// at the refill vector computes EntryLo0/1 from BadVAddr, writes them with
// TLBWR and returns with ERET, and the load is retried.  About 17 slots per
// refill: the exception, 10 handler instructions, the retried load and the
// loop.  What it exercises: exception entry and ERET (two mode switches),
// the JTLB probe (a miss, then a hit), the soft TLB forgetting the replaced
// and the new pair at the TLBWR, and the soft-TLB refill of the retried load.
void BM_TlbRefillRoundTrip(benchmark::State& state) {
  constexpr u64 kUserVa = 0x0040'0000, kUserPa = 0x0030'0000, kDataVa = 0x0100'0000;
  constexpr u32 k0 = 26, kTlbwr = 0x4200'0006, kEret = 0x4200'0018;
  auto mfc0 = [](u32 rt, u32 rd) { return 0x4000'0000u | rt << 16 | rd << 11; };
  auto mtc0 = [](u32 rt, u32 rd) { return 0x4080'0000u | rt << 16 | rd << 11; };
  Bus bus;
  bus.add_ram(0, 8u << 20);
  DecodeCache dcache;
  Cp0 cp0([](const char*) {});
  Cpu cpu(0, bus, dcache, cp0, true);
  cp0.attach(cpu);
  cp0.reset();
  auto put = [&bus](u64 pa, std::vector<u32> words) {
    for (u32 w : words) {
      store_guest<u32>(bus.ram_page(pa) + (pa & kPageMask), w, true);
      pa += 4;
    }
  };
  // Refill handler (vector 0x8000_0000, physical 0): pair n of the data
  // region -> frames 0x100 + 2 (n & 0x1FF) and the one after, cached, D, V, G.
  put(0, {mfc0(k0, reg::BadVAddr), rtype(0, k0, k0, 13, 0x02) /* srl */, itype(0x0C, k0, k0, 0x1FF) /* andi */,
          rtype(0, k0, k0, 7, 0x00) /* sll */, addiu(k0, k0, 0x100 << 6 | 0x1F), mtc0(k0, reg::EntryLo0),
          addiu(k0, k0, 0x40), mtc0(k0, reg::EntryLo1), kTlbwr, kEret});
  // User loop: lw t1, 0(t0); t0 = ((t0 + 8 KiB) & t2) | t3; b loop; nop.
  put(kUserPa, {lw(9, 8, 0), addiu(8, 8, 0x2000), rtype(8, 10, 8, 0, 0x24) /* and */,
                rtype(8, 11, 8, 0, 0x25) /* or */, itype(4, 0, 0, static_cast<u32>(-5)) /* b */, kNop});
  cp0.write(reg::Wired, 1);  // entry 0 maps the user code; TLBWR never replaces it
  cp0.write(reg::EntryHi, kUserVa);
  cp0.write(reg::EntryLo0, (kUserPa >> 12) << 6 | 3 << 3 | 7);
  cp0.write(reg::EntryLo1, 1);
  cp0.write(reg::PageMask, 0);
  cp0.write(reg::Index, 0);
  cp0.tlbwi();
  cp0.write(reg::Status, u64{2} << status::kKsuShift);  // user mode, BEV = ERL = EXL = 0, UX = 0
  cpu.set_pc(kUserVa);
  cpu.gpr[8] = kDataVa, cpu.gpr[10] = 0x7F'E000, cpu.gpr[11] = kDataVa;
  u64 total = 0;
  for (auto _ : state) {
    total += cpu.run(kChunk);
    if (cpu.stopped()) state.SkipWithError("the CPU stopped");
  }
  if (cp0.refills == 0) state.SkipWithError("no refill taken");
  state.counters["refills/s"] = benchmark::Counter(static_cast<double>(cp0.refills), benchmark::Counter::kIsRate);
  state.SetItemsProcessed(static_cast<int64_t>(total));
}
BENCHMARK(BM_TlbRefillRoundTrip);

// The JTLB probe alone: 64 entries of distinct pages (as a kernel fills its
// TLB), probed for addresses half of which match.
void BM_JtlbProbe(benchmark::State& state) {
  Jtlb tlb;
  for (unsigned i = 0; i < Jtlb::kEntries; ++i)
    tlb.write(i, TlbEntry{.page_mask = 0, .hi = (u64{i} * 7 + 3) << 13 | 1, .lo = {2, 2}});
  u64 va = 0;
  unsigned hits = 0;
  for (auto _ : state) {
    va = (va + 0x2000 * 13) & 0x3F'E000;
    hits += tlb.probe(va, 1).has_value();
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_JtlbProbe);

// A mix of raw words that exercise different parts of the table.
std::vector<u32> decode_mix() {
  return {addiu(2, 2, 1), daddu(3, 3, 2), xor_(4, 4, 3), dsll(5, 4, 3), bne(7, 0, -7), ld(2, 8, 0), sd(2, 8, 8),
          lw(4, 8, 16), sw(4, 8, 20), kNop, 0x03e00008 /* jr ra */, 0x0c000000 /* jal */, 0x46000000 /* add.s */,
          0x0000000c /* syscall */, 0x7c000000 /* R2 ext */, 0xfc000000 /* reserved/sd */};
}

// Decode: the table search alone (what a decode-cache miss costs).
void BM_DecodeTableSearch(benchmark::State& state) {
  std::vector<u32> mix = decode_mix();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(decode(mix[i]));
    i = (i + 1) % mix.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecodeTableSearch);

// Decode: filling a decoded slot (search plus the slot stores).
void BM_DecodeIntoSlot(benchmark::State& state) {
  std::vector<u32> mix = decode_mix();
  DecodedSlot slot{};
  size_t i = 0;
  for (auto _ : state) {
    decode_into(slot, mix[i]);
    benchmark::DoNotOptimize(slot);
    i = (i + 1) % mix.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecodeIntoSlot);

}  // namespace

BENCHMARK_MAIN();
