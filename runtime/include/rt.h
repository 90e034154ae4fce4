/* rt.h - the shared freestanding runtime for MIPS code built by this project
 * (tests, the monitor, guest kernels, demos): string functions, a small
 * formatted print, and the two platform hooks every program needs.
 *
 * The platform (the discosim board, or QEMU's Malta for cross-checks) is
 * chosen at link time: platform_discosim.c or platform_malta.c. */
#ifndef DISCOSIM_RT_H
#define DISCOSIM_RT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

/* Formatted output: %d %i %u %x %X %o %c %s %p %%, flags '-' and '0', a
 * width, and the length modifiers l, ll, z.  Returns the characters written. */
int rt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int rt_vprintf(const char *fmt, va_list ap);
int rt_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
void rt_puts(const char *s); /* no newline added */

/* Platform hooks. */
void rt_putc(char c);
__attribute__((noreturn)) void rt_exit(int code);

/* Multiprocessor support (sim/devices/cpu_control.h on discosim; a single
 * CPU on Malta).  rt_start_cpu releases CPU `cpu` from reset: it sets its
 * stack pointer to `stack_top` and calls fn(cpu); if fn returns, that CPU
 * spins forever.  Returns 0, or -1 if the CPU cannot be started. */
unsigned rt_cpu_id(void);
unsigned rt_num_cpus(void);
int rt_start_cpu(unsigned cpu, void (*fn)(unsigned cpu), void *stack_top);
/* The platform half of rt_start_cpu: release `cpu` at `pc` with $a0 = arg. */
int rt_platform_start_cpu(unsigned cpu, uint64_t pc, uint64_t arg);

/* The program's entry point, called by start.S after .bss and constructors. */
int main(void);

#ifdef __cplusplus
}
#endif

#endif
