/* console.c - the monitor's console: the board's UART, polled, with one
 * lock so lines from different CPUs (and VMs, vm.c) do not interleave;
 * panic; and ending the run through sim-control EXIT. */
#include <stdarg.h>
#include "board.h"
#include "cp0.h"
#include "mon.h"

static spinlock_t console;
static volatile int console_owner = -1;   /* CPU holding it, for panic */

void rt_putc(char c) { reg_write8(UART_BASE, UART_THR, (u8)c); }

void console_lock(void) {
  spin_lock(&console);
  console_owner = (int)this_cpu();
}
void console_unlock(void) {
  console_owner = -1;
  spin_unlock(&console);
}

int mon_printf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  console_lock();
  int n = rt_vprintf(fmt, ap);
  console_unlock();
  va_end(ap);
  return n;
}

int console_getc(void) {
  if (!(reg_read8(UART_BASE, UART_LSR) & UART_LSR_DR)) return -1;
  return reg_read8(UART_BASE, UART_RBR);
}

void machine_exit(int status) {
  reg_write64(SIMCTL_BASE, SIMCTL_EXIT, (u64)status);
  for (;;) {
  }
}

void panic(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  if (console_owner != (int)this_cpu()) console_lock();
  rt_printf("monitor panic (cpu%u): ", this_cpu());
  rt_vprintf(fmt, ap);
  rt_printf("\n");
  va_end(ap);
  machine_exit(99);
}

/* locore.S: an exception in the monitor itself (KSU was 0). */
void monitor_fault(u64 epc, u64 cause, u64 badvaddr) {
  panic("exception %lu in the monitor at pc %lx (badvaddr %lx)", (unsigned long)CAUSE_EXCCODE(cause),
        (unsigned long)epc, (unsigned long)badvaddr);
}
