/* console.c (Disco) - the virtual console, one monitor call per byte
 * (MC_PUTC); input is polled with MC_GETC from CPU 0's timer tick, since the
 * monitor raises no console interrupt.  Also the end of the VM (MC_HALT). */
#include "hal.h"
#include "lib.h"
#include "mcall.h"

void hal_console_putc(char c) { mcall(MC_PUTC, (u8)c, 0, 0, 0); }

/* One monitor call for up to 4 KiB; buf is kernel memory (V2P gives its
 * guest-physical address). */
void hal_console_write(const char *buf, u64 len) {
  while (len) {
    u64 n = MIN(len, 4096ull);
    if (mcall(MC_CONSOLE_WRITE, (long)V2P(buf), (long)n, 0, 0) < 0)
      for (u64 i = 0; i < n; i++) hal_console_putc(buf[i]);
    buf += n, len -= n;
  }
}

static bool rx_on;
void hal_console_rx_enable(void) { rx_on = true; }

/* CPU 0's timer tick: whatever input waits, while the tty has room. */
void console_poll(void) {
  if (!rx_on) return;
  while (console_rx_ready()) {
    long c = mcall(MC_GETC, 0, 0, 0, 0);
    if (c < 0) return;
    console_rx((char)c);
  }
  rx_on = false;   /* the tty is full: it turns receiving back on */
}

__attribute__((noreturn)) void hal_exit(int status) {
  for (;;) mcall(MC_HALT, status, 0, 0, 0);
}

/* Measured phases are the board's sim-control device, which a virtual
 * machine does not have. */
void hal_phase(bool begin, u64 id) { (void)begin, (void)id; }
