/* crt.c - C start-up: clear .bss, run .init_array constructors, call main,
 * exit with its result.  Also the few C++ runtime symbols compilers
 * reference even in freestanding code. */
#include "rt.h"

extern char __bss_start[], __bss_end[];
typedef void (*ctor_fn)(void);
extern ctor_fn __init_array_start[], __init_array_end[];

__attribute__((noreturn)) void rt_start(void) {
  memset(__bss_start, 0, (size_t)(__bss_end - __bss_start));
  for (ctor_fn *f = __init_array_start; f < __init_array_end; ++f) (*f)();
  rt_exit(main());
}

/* Secondary CPUs: CPU 0 records each one's entry function, then releases it
 * at rt_secondary_entry (start.S), which sets the stack and calls
 * rt_secondary_start below. */
#define RT_MAX_CPUS 128
static void (*secondary_fn[RT_MAX_CPUS])(unsigned);
extern char rt_secondary_entry[];

int rt_start_cpu(unsigned cpu, void (*fn)(unsigned), void *stack_top) {
  if (cpu >= RT_MAX_CPUS) return -1;
  secondary_fn[cpu] = fn;
  __atomic_thread_fence(__ATOMIC_SEQ_CST); /* fn visible before the CPU starts */
  return rt_platform_start_cpu(cpu, (uint64_t)(uintptr_t)rt_secondary_entry, (uint64_t)(uintptr_t)stack_top);
}

__attribute__((noreturn)) void rt_secondary_start(void) {
  unsigned me = rt_cpu_id();
  secondary_fn[me](me);
  for (;;) {
  }
}

/* Referenced by virtual destructors and global objects with destructors. */
void *__dso_handle = 0;
int __cxa_atexit(void (*fn)(void *), void *arg, void *dso) {
  (void)fn, (void)arg, (void)dso;
  return 0; /* freestanding programs never run exit-time destructors */
}
__attribute__((noreturn)) void __cxa_pure_virtual(void) {
  rt_puts("rt: pure virtual function called\n");
  rt_exit(134);
}
/* operator delete(void*) and operator delete(void*, unsigned long): there is
 * no heap, so a call means a bug. */
__attribute__((noreturn)) void _ZdlPv(void *p) {
  (void)p;
  rt_puts("rt: operator delete called without a heap\n");
  rt_exit(134);
}
__attribute__((noreturn)) void _ZdlPvm(void *p, unsigned long n) {
  (void)n;
  _ZdlPv(p);
}
