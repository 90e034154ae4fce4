// cpu_rig.h - a CPU on 64 KiB of identity-mapped RAM that stops at the first
// exception: the harness for single-instruction unit tests.
#pragma once
#include <initializer_list>

#include "sim/bus.h"
#include "sim/mips/cpu.h"

namespace ds::mips {

class CpuRig : public CpuOwner {
 public:
  static constexpr u64 kCode = 0x1000, kData = 0x8000;
  Bus bus;
  DecodeCache dcache;
  Cpu cpu{0, bus, dcache, *this, true};
  int exceptions = 0;

  CpuRig() {
    bus.add_ram(0, 0x10000);
    cpu.forbidden = kGateCp0;
  }

  bool translate(Cpu& c, u64 va, Access a, Translation& t) override {
    if (va >= 0x10000) return c.raise(a == Access::Store ? Exc::AdES : Exc::AdEL, va), false;
    t.pa = va;
    return true;
  }
  void take_exception(Cpu& c) override {
    ++exceptions;
    c.stop();
  }

  // Runs `code` from kCode until it ends or traps; returns the ExcCode taken
  // (or -1 for none).
  int run(std::initializer_list<u32> code) {
    u64 a = kCode;
    for (u32 w : code) {
      store_guest<u32>(bus.ram_page(a) + (a & kPageMask), w, true);
      a += 4;
    }
    cpu.set_pc(kCode);
    cpu.resume();
    exceptions = 0;
    while (!cpu.stopped() && cpu.pc < a) cpu.run(1);
    return exceptions ? static_cast<int>(cpu.exc.code) : -1;
  }
  void poke64(u64 pa, u64 v) { store_guest<u64>(bus.ram_page(pa) + (pa & kPageMask), v, true); }
  u64 peek64(u64 pa) { return load_guest<u64>(bus.ram_page(pa) + (pa & kPageMask), true); }
};

}  // namespace ds::mips
