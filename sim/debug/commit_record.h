// commit_record.h - what one instruction did, as one line of text: the
// record `--trace FILE` writes for every retired instruction and the
// lockstep checker prints for the instruction at which two models diverge
// (one definition of the format, docs/debugging.md).
//
//   cpu0 cycle=41 k ffffffff80100024: ffbf0008  sd ra,8(sp) | st8 va=ffffffff8010ffe8 pa=10ffe8 =ffffffff801000f0
//   cpu1 cycle=977 u 0000000120000a10: 0000000c  syscall | exc Sys -> ffffffff80000180
//
// Fields: CPU, the cycle the instruction issued at, the mode it ran in
// (k/s/u), its PC and raw word, objdump's disassembly, then after '|' the
// registers it wrote (name=value, hex), its data reference (ld/st, size,
// virtual and physical address, the value loaded or stored) and the
// exception it took (name and handler PC).  An interrupt taken before an
// instruction is a record of its own ("interrupt").
#pragma once
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "sim/debug/peek.h"

namespace ds::debug {

struct CommitRecord {
  unsigned cpu = 0;
  u64 cycle = 0;
  char mode = 'k';
  u64 pc = 0;
  std::optional<u32> raw;  // the instruction word (none: fetch fault, interrupt)
  bool interrupt = false;  // an interrupt taken at this boundary, no instruction
  struct RegWrite {
    std::string name;
    u64 value;
  };
  std::vector<RegWrite> writes;
  struct MemRef {
    DataRef ref;
    std::optional<u64> pa;
    std::optional<u64> value;  // RAM only (a device register is not read again)
  };
  std::optional<MemRef> mem;
  struct Taken {
    unsigned code;
    u64 handler;
  };
  std::optional<Taken> exc;
};

// The text of a record (one line, no newline).
std::string format_record(const CommitRecord& r);

// Takes a record of one instruction slot: before() just before the CPU
// executes it (a copy of the registers), record() right after.
class RecordProbe {
 public:
  void before(const mips::Cpu& c);
  // What the slot did; nothing if it was an idle cycle or the CPU is stopped.
  std::optional<CommitRecord> record(mips::Cpu& c) const;
  u64 cycle() const { return cycle_; }

 private:
  std::array<u64, 32> gpr_{}, fpr_{};
  u64 hi_ = 0, lo_ = 0, insns_ = 0, exceptions_ = 0, cycle_ = 0;
  u32 fcsr_ = 0;
  char mode_ = 'k';
};

}  // namespace ds::debug
