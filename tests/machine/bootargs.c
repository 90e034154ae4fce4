/* bootargs.c - prints what the loader handed it (docs/board.md, "Boot
 * protocol"): argc, the argv and envp addresses, every argv and envp string
 * with its address, and the OR of all other registers at entry
 * (bootargs_entry.S).  bootargs_test.py checks the block's layout and
 * contents against the configuration and command line. */
#include "rt.h"

extern uint64_t boot_regs[4]; /* $a0, $a1, $a2, OR of the rest */

int main(void) {
  uint64_t argc = boot_regs[0];
  char **argv = (char **)(uintptr_t)boot_regs[1], **envp = (char **)(uintptr_t)boot_regs[2];
  rt_printf("argc %llu argv 0x%llx envp 0x%llx others 0x%llx\n", (unsigned long long)argc,
            (unsigned long long)boot_regs[1], (unsigned long long)boot_regs[2], (unsigned long long)boot_regs[3]);
  for (uint64_t i = 0; i < argc && i < 1024; ++i)
    rt_printf("argv[%llu] 0x%llx \"%s\"\n", (unsigned long long)i, (unsigned long long)(uintptr_t)argv[i], argv[i]);
  rt_printf("argv[argc] 0x%llx\n", (unsigned long long)(uintptr_t)argv[argc]);
  unsigned n = 0;
  for (; envp[n] && n < 1024; ++n)
    rt_printf("envp[%u] 0x%llx \"%s\"\n", n, (unsigned long long)(uintptr_t)envp[n], envp[n]);
  rt_printf("envc %u\n", n);
  return 0;
}
