// cpu_control.cpp - register behaviour of processor control.
#include "sim/devices/cpu_control.h"

namespace ds {

bool CpuControl::read(const MmioAccess& a, u64& value) {
  if (a.size < 4) return false;
  switch (a.offset) {
    case kCpuId: value = a.cpu; return a.cpu != kNoCpu;
    case kNumCpus: value = host_.num_cpus(); return true;
    case kNodeId: value = a.cpu == kNoCpu ? 0 : host_.node_of(a.cpu); return a.cpu != kNoCpu;
    case kStartPc: value = start_pc_; return true;
    case kStartArg: value = start_arg_; return true;
    case kNumNodes: value = host_.num_nodes(); return true;
    case kNodeMem: value = host_.memory_per_node(); return true;
    case kRunning:
      value = 0;
      for (unsigned c = 0; c < host_.num_cpus() && c < 64; ++c)
        if (host_.cpu_started(c)) value |= u64{1} << c;
      return true;
    default: return false;
  }
}

bool CpuControl::write(const MmioAccess& a, u64 value) {
  if (a.size < 4) return false;
  switch (a.offset) {
    case kStartPc: start_pc_ = value; return true;
    case kStartArg: start_arg_ = value; return true;
    case kStart:
      if (value >= host_.num_cpus() || host_.cpu_started(static_cast<unsigned>(value))) return false;
      host_.start_cpu(static_cast<unsigned>(value), start_pc_, start_arg_);
      return true;
    default: return false;
  }
}

}  // namespace ds
