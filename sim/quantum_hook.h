// quantum_hook.h - the one way for a tool that looks at every instruction
// (the trace writer and the gdb stub, sim/debug/stepper.h) into a run loop:
// the machine (or the user-mode process) hands it each CPU's quantum in
// place of Cpu::run, and it must use exactly the quantum's cycles, as
// Cpu::run does.  Without a hook the run loops are untouched.
#pragma once
#include "sim/types.h"

namespace ds {

namespace mips {
class Cpu;
}

class QuantumHook {
 public:
  virtual ~QuantumHook() = default;
  virtual void run_quantum(mips::Cpu& c, u64 quantum) = 0;
};

}  // namespace ds
