// uart.cpp - register behaviour of the console UART.
#include "sim/devices/uart.h"

namespace ds {

bool Uart::read(u64 offset, unsigned size, u64& value) {
  if (size != 1) return false;
  switch (offset) {
    case kRbr:
      value = input_pos_ < input_.size() ? static_cast<u8>(input_[input_pos_++]) : 0;
      return true;
    case kIer: value = ier_; return true;
    case kLcr: value = lcr_; return true;
    case kLsr: value = kThrEmpty | kTxEmpty | (input_pos_ < input_.size() ? kDataReady : 0); return true;
    default: value = 0; return true;
  }
}

bool Uart::write(u64 offset, unsigned size, u64 value) {
  if (size != 1) return false;
  switch (offset) {
    case kThr: std::fputc(static_cast<int>(value & 0xff), out_); return true;
    case kIer: ier_ = static_cast<u8>(value); return true;
    case kLcr: lcr_ = static_cast<u8>(value); return true;
    default: return true;
  }
}

}  // namespace ds
