/* console_echo.c - reads the console UART until no input is left, echoing
 * each byte upper-cased; first checks that enabling the receive interrupt
 * (IER bit 0) raises Cause.IP4 while input waits.  console_test.py feeds it
 * input with --console-input. */
#include "rt.h"

#define UART ((volatile uint8_t *)0xFFFFFFFFBF001000ull)
enum { RBR = 0, IER = 1, LSR = 5, LSR_DR = 0x01 };

static unsigned cause(void) {
  unsigned long v;
  __asm__ volatile("mfc0 %0, $13" : "=r"(v));
  return (unsigned)v;
}

int main(void) {
  unsigned before = cause() & 0x1000;
  UART[IER] = 1;
  unsigned raised = cause() & 0x1000;
  UART[IER] = 0;
  unsigned lowered = cause() & 0x1000;
  rt_printf("IP4 %u/%u/%u\n", before != 0, raised != 0, lowered != 0);
  unsigned n = 0;
  while (UART[LSR] & LSR_DR) {
    char c = (char)UART[RBR];
    rt_putc(c >= 'a' && c <= 'z' ? (char)(c - 32) : c);
    ++n;
  }
  rt_printf("[%u bytes]\n", n);
  return 0;
}
