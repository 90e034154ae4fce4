/* lib.h - kernel library: console output, panic, assertions, strings.
 * String and memory functions come from the project's freestanding runtime
 * (runtime/include/rt.h); printk/panic are the kernel's own (kern/printk.c). */
#ifndef DUNIX_LIB_H
#define DUNIX_LIB_H

#include <stdarg.h>

#include "rt.h"
#include "types.h"

/* Formatted output to the console (same conversions as rt_printf).  Safe in
 * any context, including interrupt handlers and with locks held. */
int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "dunix: panic: <message>" and ends the run with status
 * PANIC_EXIT_STATUS (hal_exit).  Never returns. */
__attribute__((noreturn)) void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define PANIC_EXIT_STATUS 250
/* The boot option "quiet": informational messages are not printed. */
extern bool kernel_quiet;

#define kassert(cond)                                                           \
  do {                                                                          \
    if (!(cond)) panic("assertion failed: %s (%s:%d)", #cond, __FILE__, __LINE__); \
  } while (0)

int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
size_t strlcpy(char *dst, const char *src, size_t size);
size_t strnlen(const char *s, size_t max);

#endif
