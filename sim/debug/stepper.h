// stepper.h - running a CPU's quantum one instruction slot at a time for the
// tools that look at every instruction: the trace writer and the gdb stub.
//
// The machine hands a quantum to the Stepper instead of Cpu::run only when
// one of them is on (sim/quantum_hook.h), so a run without them
// executes the untouched fast loop.  Cpu::step runs exactly the slots
// Cpu::run would, in the same order, so a traced or debugged run ends with
// the statistics of a plain one; while a quantum has nothing to look at
// (outside the trace window, no breakpoint, not stepping) it still runs at
// full speed through Cpu::run.
#pragma once
#include "sim/debug/commit_record.h"
#include "sim/quantum_hook.h"

namespace ds::debug {

class Tracer;
class GdbTarget;

class Stepper final : public QuantumHook {
 public:
  // Either may be null.
  Stepper(Tracer* tracer, GdbTarget* gdb) : tracer_(tracer), gdb_(gdb) {}
  void run_quantum(mips::Cpu& c, u64 quantum) override;

 private:
  Tracer* tracer_;
  GdbTarget* gdb_;
  RecordProbe probe_;
};

}  // namespace ds::debug
