// debug_host.h - what the gdb stub needs of whatever runs the CPUs: the
// full machine (`run`, `resume`, `guest`) or the user-mode process (`user`).
#pragma once
#include "sim/bus.h"
#include "sim/mips/cpu.h"

namespace ds::debug {

class DebugHost {
 public:
  virtual ~DebugHost() = default;
  virtual unsigned cpus() = 0;
  virtual mips::Cpu& cpu(unsigned i) = 0;
  virtual Bus& memory() = 0;            // physical memory (`monitor phys`)
  virtual void end_run(int status) = 0;  // gdb's kill
};

// The adapter for anything with num_cpus(), cpu(i), bus() and request_exit(code)
// (the Machine).
template <class M>
class DebugHostOf final : public DebugHost {
 public:
  explicit DebugHostOf(M& m) : m_(m) {}
  unsigned cpus() override { return m_.num_cpus(); }
  mips::Cpu& cpu(unsigned i) override { return m_.cpu(i); }
  Bus& memory() override { return m_.bus(); }
  void end_run(int status) override { m_.request_exit(status); }

 private:
  M& m_;
};

}  // namespace ds::debug
