// uart.h - the console: a 16550-compatible UART (transmit side and status),
// registers one byte apart as on the Malta board's ISA COM1, so the same
// polled driver runs here and on QEMU.
//
// Register map (byte offsets; byte accesses):
//
//   offset  name   access  meaning
//   0       THR    W       transmit holding register: byte to the console
//   0       RBR    R       receive buffer: next input byte (0 when empty)
//   1       IER    RW      interrupt enable: bit 0 raises the line while
//                          input waits (the board wires it to IP4)
//   3       LCR    RW      line control (stored; DLAB ignored)
//   5       LSR    R       line status: 0x60 (THRE|TEMT) | DR when input waits
//   others         RW      read as zero, writes ignored
#pragma once
#include <cstdio>
#include <string>

#include "sim/device.h"

namespace ds {

class Uart final : public Device {
 public:
  enum Reg : u64 { kThr = 0, kRbr = 0, kIer = 1, kLcr = 3, kLsr = 5 };
  enum Lsr : u8 { kDataReady = 0x01, kThrEmpty = 0x20, kTxEmpty = 0x40 };

  Uart(std::FILE* out, IrqLine irq) : out_(out), irq_(std::move(irq)) {}
  const char* name() const override { return "uart"; }
  bool read(const MmioAccess& a, u64& value) override;
  bool write(const MmioAccess& a, u64 value) override;
  void save(CheckpointWriter& w) const override;
  void restore(CheckpointReader& r) override;

  // Queues bytes the guest will read from RBR (console input comes from a
  // file given before the run, never from the terminal: runs stay
  // reproducible).
  void feed_input(const std::string& bytes) {
    input_ += bytes;
    update_irq();
  }

 private:
  enum Ier : u8 { kRxInterrupt = 0x01 };
  bool input_waiting() const { return input_pos_ < input_.size(); }
  void update_irq() { irq_((ier_ & kRxInterrupt) && input_waiting()); }

  std::FILE* out_;
  IrqLine irq_;
  std::string input_;
  size_t input_pos_ = 0;
  u8 ier_ = 0, lcr_ = 0;
};

}  // namespace ds
