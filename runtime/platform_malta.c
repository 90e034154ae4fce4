/* platform_malta.c - the runtime's platform hooks on QEMU's Malta board, used
 * to run the same test programs on the reference peer: the ISA COM1 16550 at
 * physical 0x180003f8, and exit through UHI semihosting (sdbbp 1 with t9=1,
 * a0=code; QEMU needs -semihosting and then exits with that code). */
#include "rt.h"

#define UART_BASE 0xFFFFFFFFB80003F8ull
#define UART_THR 0
#define UART_LSR 5
#define UART_LSR_THRE 0x20

void rt_putc(char c) {
  volatile uint8_t *uart = (volatile uint8_t *)UART_BASE;
  while (!(uart[UART_LSR] & UART_LSR_THRE)) {
  }
  uart[UART_THR] = (uint8_t)c;
}

unsigned rt_cpu_id(void) { return 0; }
unsigned rt_num_cpus(void) { return 1; } /* QEMU's Malta starts only one CPU */
int rt_platform_start_cpu(unsigned cpu, uint64_t pc, uint64_t arg) {
  (void)cpu, (void)pc, (void)arg;
  return -1;
}

void rt_exit(int code) {
  register long a0 __asm__("$4") = code;
  register long t9 __asm__("$25") = 1; /* UHI_exit */
  for (;;)
    __asm__ volatile(".set push\n .set mips64\n sdbbp 1\n .set pop" : : "r"(a0), "r"(t9) : "memory");
}
