// uart.cpp - register behaviour of the console UART.
#include "sim/devices/uart.h"

namespace ds {

bool Uart::read(const MmioAccess& a, u64& value) {
  if (a.size != 1) return false;
  switch (a.offset) {
    case kRbr:
      value = input_waiting() ? static_cast<u8>(input_[input_pos_++]) : 0;
      update_irq();
      return true;
    case kIer: value = ier_; return true;
    case kLcr: value = lcr_; return true;
    case kLsr: value = kThrEmpty | kTxEmpty | (input_waiting() ? kDataReady : 0); return true;
    default: value = 0; return true;
  }
}

void Uart::save(CheckpointWriter& w) const {
  w.u64v(ier_);
  w.u64v(lcr_);
  w.str(input_);
  w.u64v(input_pos_);
}

void Uart::restore(CheckpointReader& r) {
  ier_ = static_cast<u8>(r.u64v());
  lcr_ = static_cast<u8>(r.u64v());
  input_ = r.str();
  input_pos_ = r.u64v();
  if (input_pos_ > input_.size()) r.fail("corrupt checkpoint (uart input position)");
  update_irq();
}

bool Uart::write(const MmioAccess& a, u64 value) {
  if (a.size != 1) return false;
  switch (a.offset) {
    case kThr: std::fputc(static_cast<int>(value & 0xff), out_); return true;
    case kIer:
      ier_ = static_cast<u8>(value);
      update_irq();
      return true;
    case kLcr: lcr_ = static_cast<u8>(value); return true;
    default: return true;
  }
}

}  // namespace ds
