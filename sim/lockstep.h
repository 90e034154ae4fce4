// lockstep.h - the lockstep checker: a second machine, always in the
// functional CPU model, that executes every instruction right after the
// main machine does and compares the architectural state, so a difference
// between the timing and the functional model (which must only ever differ
// in *when* things happen) is caught at the first instruction it shows.
//
// The two machines see the same program and the same devices, but time runs
// differently in them, so whatever depends on time is taken from the main
// machine rather than compared:
//   * interrupts: the checker's CPUs ignore their own timer and device lines
//     and take an interrupt exactly when the main CPU took one, with the main
//     CPU's lines (Cp0::follow);
//   * values read from devices, Count, Random, Cause and LLAddr: after such
//     an instruction (Cpu::nondet_reads) the main CPU's registers are copied;
//   * device time: the checker's clock and events are set to the main
//     machine's at every quantum boundary, so a disk transfer lands in both
//     memories at the same boundary.
// Compared after every instruction: PC pair, GPRs, HI/LO, FPRs and FCSR, the
// LL bit, CP0 registers (but Count, Random and Cause.IP), instruction and
// exception counts, the run state; and all of RAM when the run ends.
#pragma once
#include <cstdio>
#include <memory>
#include <string>

#include "sim/config.h"
#include "sim/types.h"

namespace ds {

class Machine;
namespace mips {
class Cpu;
}

class Lockstep {
 public:
  // Builds the checker from the main machine's description (functional,
  // console to nowhere).  Load the same kernel (or restore the same
  // checkpoint) into checker(), then start().
  explicit Lockstep(const MachineConfig& cfg);
  ~Lockstep();
  Machine& checker() { return *checker_; }
  // Makes the checker functional and a follower of main's interrupts (a
  // restored checkpoint may have set either), and attaches it to main.
  void start(Machine& main);

  // Runs main CPU c for one quantum of `quantum` cycles, one instruction at a
  // time, each followed by the checker's same CPU.  Returns false at the
  // first difference (message()).
  bool run_quantum(Machine& main, mips::Cpu& c, u64 quantum);
  // At the end of a round: the checker's time and device events follow.
  void end_round(Machine& main);
  // Compares all of RAM; false (message()) at the first differing byte.
  bool compare_memory(Machine& main);

  // Testing the checker itself: flips the low bit of the checker's byte at
  // physical address pa, so the two machines must be found to differ.
  void inject_memory_fault(u64 pa);

  u64 instructions_checked() const { return checked_; }
  const std::string& message() const { return message_; }
  // After a difference: the commit records (sim/debug/commit_record.h) of
  // the diverging instruction in both models, one line each.
  const std::string& records() const { return records_; }

 private:
  bool compare(const mips::Cpu& main, const mips::Cpu& check);
  std::FILE* null_;
  std::unique_ptr<Machine> checker_;
  u64 checked_ = 0;
  std::string message_;
  std::string records_;
};

}  // namespace ds
