// sim_control.cpp - register behaviour of the simulation-control device.
#include "sim/devices/sim_control.h"

namespace ds {

bool SimControl::read(const MmioAccess& a, u64& value) {
  switch (a.offset & ~u64{7}) {
    case kNumCpus: value = host_.num_cpus(); return true;
    case kInsns: value = host_.total_insns(); return true;
    default: value = 0; return true;  // write-only registers read as zero
  }
}

bool SimControl::write(const MmioAccess& a, u64 value) {
  switch (a.offset & ~u64{7}) {
    case kExit: host_.request_exit(static_cast<int>(value & 0xff)); return true;
    case kPutc: std::fputc(static_cast<int>(value & 0xff), out_); return true;
    case kPhaseBegin: host_.phase_begin(value); return true;
    case kPhaseEnd: host_.phase_end(value); return true;
    case kDumpStats: host_.dump_stats(); return true;
    case kIdle:
      if (a.cpu == kNoCpu) return false;
      host_.idle(a.cpu);
      return true;
    default: return false;  // bus error: no such register
  }
}

}  // namespace ds
