/* console.c - the board's console UART (a 16550 subset, docs/board.md):
 * polled output, interrupt-driven input on IP4 (CPU 0). */
#include "board.h"
#include "hal.h"

void hal_console_putc(char c) { reg_write8(UART_BASE, UART_THR, (u8)c); }
void hal_console_write(const char *buf, u64 len) {
  for (u64 i = 0; i < len; i++) hal_console_putc(buf[i]);
}

void hal_console_rx_enable(void) { reg_write8(UART_BASE, UART_IER, 1); }

/* Takes input bytes while the tty has room; when it has none, receiving
 * stops (IER cleared: the bytes wait in the UART) until the tty calls
 * hal_console_rx_enable() again. */
void uart_intr(void) {
  while (reg_read8(UART_BASE, UART_LSR) & UART_LSR_DR) {
    if (!console_rx_ready()) {
      reg_write8(UART_BASE, UART_IER, 0);
      return;
    }
    console_rx((char)reg_read8(UART_BASE, UART_RBR));
  }
}

__attribute__((noreturn)) void hal_exit(int status) {
  reg_write64(SIMCTL_BASE, SIMCTL_EXIT, (u64)(u32)status);
  for (;;) {
  }
}

void hal_phase(bool begin, u64 id) { reg_write64(SIMCTL_BASE, begin ? SIMCTL_PHASE_BEGIN : SIMCTL_PHASE_END, id); }
