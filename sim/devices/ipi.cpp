// ipi.cpp - register behaviour of the inter-processor interrupt unit.
#include "sim/devices/ipi.h"

namespace ds {

bool IpiUnit::read(const MmioAccess& a, u64& value) {
  if (a.size < 4 || a.cpu >= lines_.size()) return false;
  switch (a.offset) {
    case kPending: value = pending_[a.cpu]; return true;
    case kSent: value = sent_[a.cpu]; return true;
    default: return false;
  }
}

bool IpiUnit::write(const MmioAccess& a, u64 value) {
  if (a.size < 4 || a.cpu >= lines_.size()) return false;
  switch (a.offset) {
    case kSend:
      if (value >= lines_.size()) return false;
      ++sent_[a.cpu];
      pending_[value] = 1;
      lines_[value](true);
      return true;
    case kClear:
      pending_[a.cpu] = 0;
      lines_[a.cpu](false);
      return true;
    default: return false;
  }
}

}  // namespace ds
