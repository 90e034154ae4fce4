// cpu_control.h - processor control: which CPU am I, and the boot protocol
// by which CPU 0 starts the others.
//
// Boot protocol: at power-on only CPU 0 runs, from the kernel's entry point.
// Every other CPU is held in reset until software writes START_PC and
// START_ARG and then the CPU's number to START; that CPU then begins at
// START_PC in the reset state with $a0 = START_ARG (and every other register
// zero).  Starting a CPU that already runs, or one that does not exist, is
// refused: the write takes a bus error.
//
// Register map (offsets; 64-bit registers, read or written with ld/sd or lw/sw):
//
//   offset  name       access  meaning
//   0x00    CPU_ID     R       number of the CPU making the access
//   0x08    NUM_CPUS   R       CPUs on the board
//   0x10    NODE_ID    R       node of the CPU making the access
//   0x18    START_PC   RW      start address for the next START
//   0x20    START_ARG  RW      value the started CPU finds in $a0
//   0x28    START      W       start CPU <value>
//   0x30    RUNNING    R       bit n set: CPU n has been started (CPUs 0..63)
//   0x38    NUM_NODES  R       nodes on the board
//   0x40    NODE_MEM   R       bytes of RAM each node owns (the firmware's
//                              memory description: a kernel sizes its page
//                              allocator from NUM_NODES x NODE_MEM)
#pragma once
#include "sim/device.h"

namespace ds {

class CpuControl final : public Device {
 public:
  enum Reg : u64 {
    kCpuId = 0x00,
    kNumCpus = 0x08,
    kNodeId = 0x10,
    kStartPc = 0x18,
    kStartArg = 0x20,
    kStart = 0x28,
    kRunning = 0x30,
    kNumNodes = 0x38,
    kNodeMem = 0x40,
  };

  // What the device asks of the board.
  class Host {
   public:
    virtual ~Host() = default;
    virtual unsigned num_cpus() const = 0;
    virtual unsigned node_of(unsigned cpu) const = 0;
    virtual unsigned num_nodes() const = 0;
    virtual u64 memory_per_node() const = 0;
    virtual bool cpu_started(unsigned cpu) const = 0;
    // Releases `cpu` from reset at `pc` with $a0 = `arg`.
    virtual void start_cpu(unsigned cpu, u64 pc, u64 arg) = 0;
  };

  explicit CpuControl(Host& host) : host_(host) {}
  const char* name() const override { return "cpu-control"; }
  bool read(const MmioAccess& a, u64& value) override;
  bool write(const MmioAccess& a, u64 value) override;
  void save(CheckpointWriter& w) const override {
    w.u64v(start_pc_);
    w.u64v(start_arg_);
  }
  void restore(CheckpointReader& r) override {
    start_pc_ = r.u64v();
    start_arg_ = r.u64v();
  }

 private:
  Host& host_;
  u64 start_pc_ = 0;
  u64 start_arg_ = 0;
};

}  // namespace ds
