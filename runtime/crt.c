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
