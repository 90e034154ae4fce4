// stepper.cpp - one quantum, slot by slot, for the trace and the debugger
// (stepper.h).
#include "sim/debug/stepper.h"

#include "sim/debug/gdb_target.h"
#include "sim/debug/trace.h"

namespace ds::debug {

void Stepper::run_quantum(mips::Cpu& c, u64 quantum) {
  bool trace = tracer_ && tracer_->may_record(c.id, quantum);
  bool debug = gdb_ && gdb_->watching(c);
  if (!trace && !debug) {  // nothing to see in this quantum: full speed
    u64 slots = c.insns + c.exceptions;
    c.run(quantum);
    if (tracer_) tracer_->skip(c.insns + c.exceptions - slots);
    return;
  }
  // As Cpu::run: a stall that ran past the last quantum is taken off this one.
  u64 done = c.overrun();
  while (done < quantum && !c.stopped()) {
    if (debug && !gdb_->before(c)) break;  // the debugger ended the run
    if (tracer_) probe_.before(c);
    done += c.step();
    if (tracer_) tracer_->after(probe_, c);
    if (debug) gdb_->after(c);
  }
  c.set_overrun(done > quantum ? done - quantum : 0);
}

}  // namespace ds::debug
