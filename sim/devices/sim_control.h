// sim_control.h - the simulation-control device: how software talks to the
// simulator itself (end the run, print, mark measured phases, dump stats).
//
// Register map (offsets in the window; 64-bit registers, any access size):
//
//   offset  name         access  meaning
//   0x00    EXIT         W       end the simulation; the value is the exit code
//   0x08    PUTC         W       write the low byte to the host's stdout
//   0x10    PHASE_BEGIN  W       begin measured phase <value>
//   0x18    PHASE_END    W       end measured phase <value>
//   0x20    DUMP_STATS   W       write the statistics gathered so far
//   0x28    NUM_CPUS     R       number of CPUs on the board
//   0x30    INSNS        R       instructions retired by all CPUs so far
//   0x38    IDLE         W       the writing CPU idles until an interrupt line
//                                it has unmasked (Cause.IP & Status.IM) is up;
//                                cycles (and Count) pass meanwhile.  The
//                                R10000 has no WAIT instruction; this is the
//                                idle signal a monitor or kernel gives.
#pragma once
#include <cstdio>

#include "sim/device.h"

namespace ds {

class SimControl final : public Device {
 public:
  enum Reg : u64 {
    kExit = 0x00,
    kPutc = 0x08,
    kPhaseBegin = 0x10,
    kPhaseEnd = 0x18,
    kDumpStats = 0x20,
    kNumCpus = 0x28,
    kInsns = 0x30,
    kIdle = 0x38,
  };

  // What the device asks of the machine.
  class Host {
   public:
    virtual ~Host() = default;
    virtual void request_exit(int code) = 0;
    virtual void phase_begin(u64 id) = 0;
    virtual void phase_end(u64 id) = 0;
    virtual void dump_stats() = 0;
    virtual unsigned num_cpus() const = 0;
    virtual u64 total_insns() const = 0;
    virtual void idle(unsigned cpu) = 0;
  };

  SimControl(Host& host, std::FILE* out) : host_(host), out_(out) {}
  const char* name() const override { return "sim-control"; }
  bool read(const MmioAccess& a, u64& value) override;
  bool write(const MmioAccess& a, u64 value) override;

 private:
  Host& host_;
  std::FILE* out_;
};

}  // namespace ds
