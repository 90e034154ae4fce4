// debug_peek_test.cpp - the debugger's and the trace's view of a CPU
// (sim/debug/peek.h, commit_record.h): every load and store row has a data
// reference of a known size, effective addresses follow the manual (base +
// offset, base + index, the aligned unit of LWL/SDR...), looking at memory
// leaves the CPU's exception state alone, and a record names what changed.
#include <gtest/gtest.h>

#include <memory>

#include "sim/bus.h"
#include "sim/debug/commit_record.h"
#include "sim/debug/peek.h"
#include "sim/mips/cpu.h"
#include "sim/mips/decode_cache.h"

namespace {

using namespace ds;
using namespace ds::mips;

constexpr u32 itype(u32 op, u32 rs, u32 rt, u32 imm) { return op << 26 | rs << 21 | rt << 16 | (imm & 0xffff); }

TEST(DebugPeek, EveryLoadAndStoreRowHasADataReference) {
  std::array<u64, 32> gpr{};
  for (const InsnDesc* row : isa_table()) {
    if (!(row->flags & (kLoad | kStore))) continue;
    auto ref = debug::data_ref(gpr, row->match);
    ASSERT_TRUE(ref.has_value()) << row->name << " has no data reference (add it to peek.cpp's sizes)";
    EXPECT_TRUE(ref->size == 1 || ref->size == 2 || ref->size == 4 || ref->size == 8) << row->name;
    EXPECT_EQ(ref->store, (row->flags & kStore) != 0) << row->name;
  }
}

TEST(DebugPeek, EffectiveAddresses) {
  std::array<u64, 32> gpr{};
  gpr[29] = 0x1000;
  gpr[4] = 0x23;
  auto lw = debug::data_ref(gpr, itype(0x23, 29, 2, 0xfffc));  // lw v0,-4(sp)
  ASSERT_TRUE(lw);
  EXPECT_EQ(lw->va, 0xffcu);
  EXPECT_EQ(lw->size, 4u);
  EXPECT_FALSE(lw->store);
  auto sdl = debug::data_ref(gpr, itype(0x2c, 29, 2, 5));  // sdl v0,5(sp): the doubleword at 0x1000
  ASSERT_TRUE(sdl);
  EXPECT_EQ(sdl->va, 0x1000u);
  EXPECT_EQ(sdl->size, 8u);
  EXPECT_TRUE(sdl->store);
  auto ldxc1 = debug::data_ref(gpr, 0x4c000001u | 29u << 21 | 4u << 16 | 2u << 6);  // ldxc1 $f2,a0(sp)
  ASSERT_TRUE(ldxc1);
  EXPECT_EQ(ldxc1->va, 0x1023u);
  EXPECT_FALSE(debug::data_ref(gpr, itype(0x09, 29, 29, 1)));  // addiu: no reference
}

// Maps nothing above 1 MiB: translation there raises TLBL like a real miss.
class HalfOwner final : public CpuOwner {
 public:
  bool translate(Cpu& cpu, u64 va, Access, Translation& out) override {
    if (va >= (1u << 20)) {
      cpu.raise(Exc::TLBL, va);
      return false;
    }
    out.pa = va;
    return true;
  }
  void take_exception(Cpu& cpu) override { cpu.stop(); }
};

struct Rig {
  Bus bus;
  DecodeCache dcache;
  HalfOwner owner;
  std::unique_ptr<Cpu> cpu;
  Rig() {
    bus.add_ram(0, 1u << 20);
    cpu = std::make_unique<Cpu>(0, bus, dcache, owner, true);
  }
};

TEST(DebugPeek, LookingLeavesTheCpuAlone) {
  Rig r;
  u8 in[3] = {1, 2, 3}, out[3] = {};
  ASSERT_TRUE(debug::poke(*r.cpu, 0xffe, in, 3));  // across a page boundary
  ASSERT_TRUE(debug::peek(*r.cpu, 0xffe, out, 3));
  EXPECT_EQ(out[2], 3);
  EXPECT_FALSE(debug::peek(*r.cpu, (1u << 20) - 1, out, 2));  // the second byte would miss
  EXPECT_FALSE(r.cpu->exception_raised());
  EXPECT_EQ(r.cpu->exc.badvaddr, 0u);
  EXPECT_EQ(r.cpu->exceptions, 0u);
}

TEST(DebugRecord, NamesRegistersMemoryAndAddresses) {
  Rig r;
  r.cpu->set_pc(0x100);
  u8 code[8] = {};
  u32 words[2] = {itype(0x09, 0, 2, 7), itype(0x2b, 0, 2, 0x800)};  // addiu v0,zero,7; sw v0,0x800(zero)
  for (int i = 0; i < 2; ++i)
    for (int b = 0; b < 4; ++b) code[4 * i + b] = static_cast<u8>(words[i] >> (24 - 8 * b));
  ASSERT_TRUE(debug::poke(*r.cpu, 0x100, code, 8));
  debug::RecordProbe probe;
  std::string lines;
  for (int i = 0; i < 2; ++i) {
    probe.before(*r.cpu);
    r.cpu->step();
    auto rec = probe.record(*r.cpu);
    ASSERT_TRUE(rec);
    lines += debug::format_record(*rec) + "\n";
  }
  // No CP0: the user-mode runner's CPU, so the mode is u.
  EXPECT_EQ(lines,
            "cpu0 cycle=0 u 0000000000000100: 24020007  addiu v0,zero,7 | v0=7\n"
            "cpu0 cycle=1 u 0000000000000104: ac020800  sw v0,2048(zero) | st4 va=800 pa=800 =7\n");
}

}  // namespace
