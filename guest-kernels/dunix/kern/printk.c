/* printk.c - kernel console output and panic.  One lock keeps lines from
 * different CPUs whole; panic ends the run through the HAL. */
#include "hal.h"
#include "lib.h"
#include "spinlock.h"

static struct spinlock printk_lock = SPINLOCK_INIT("printk");
bool kernel_quiet;
static volatile int panicking = -1;

/* The runtime's formatted output (runtime/printf.c) ends in rt_putc. */
void rt_putc(char c) { hal_console_putc(c); }
void rt_exit(int code) { hal_exit(code); }

int printk(const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  int n = rt_vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  bool locked = panicking != (int)hal_cpu_id();
  if (locked) spin_lock(&printk_lock);
  for (const char *p = buf; *p; p++) hal_console_putc(*p);
  if (locked) spin_unlock(&printk_lock);
  return n;
}

void panic(const char *fmt, ...) {
  hal_intr_off();
  panicking = (int)hal_cpu_id();
  char buf[256];
  va_list ap;
  va_start(ap, fmt);
  rt_vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  printk("dunix: panic: cpu%u: %s\n", hal_cpu_id(), buf);
  hal_exit(PANIC_EXIT_STATUS);
}
