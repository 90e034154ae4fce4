/* platform_discosim.c - the runtime's platform hooks on the discosim board:
 * console output through the UART, exit through the sim-control device
 * (addresses from sim/memmap.h, reached uncached through kseg1). */
#include "rt.h"

#define KSEG1(pa) (0xFFFFFFFFA0000000ull | (pa))
#define UART_BASE KSEG1(0x1F001000ull)
#define UART_THR 0
#define UART_LSR 5
#define UART_LSR_THRE 0x20
#define SIMCTL_BASE KSEG1(0x1F000000ull)
#define SIMCTL_EXIT 0x00

void rt_putc(char c) {
  volatile uint8_t *uart = (volatile uint8_t *)UART_BASE;
  while (!(uart[UART_LSR] & UART_LSR_THRE)) {
  }
  uart[UART_THR] = (uint8_t)c;
}

void rt_exit(int code) {
  volatile uint64_t *exit_reg = (volatile uint64_t *)(SIMCTL_BASE + SIMCTL_EXIT);
  for (;;) *exit_reg = (uint64_t)code;
}
