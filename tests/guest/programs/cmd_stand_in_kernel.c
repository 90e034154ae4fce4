/* stand_in_kernel.c - a bare-metal stand-in for dunix, booted with
 * `discosim guest --kernel` so guest_test.py can check what the command
 * hands the machine without a kernel in between: it prints its boot
 * arguments and environment, the CPUs and disks on the board, and every
 * byte of console input (in hex: the command appends ^D, 0x04).  Then it
 * ends the run like dunix would: if init's last argument is "panic" it
 * prints dunix's panic line and exits 250; "exit=N" exits N; else 0.
 * Entered through tests/machine/bootargs_entry.S (boot_regs). */
#include "rt.h"

extern uint64_t boot_regs[4]; /* $a0 = argc, $a1 = argv, $a2 = envp */

#define KSEG1(pa) (0xFFFFFFFFA0000000ull | (pa))
#define UART ((volatile uint8_t *)KSEG1(0x1F001000ull))
#define UART_RBR 0
#define UART_LSR 5
#define UART_LSR_DR 0x01
#define CPUCTL_NUM_CPUS (*(volatile uint64_t *)KSEG1(0x1F002008ull))
#define DISK_NUM_DISKS (*(volatile uint64_t *)KSEG1(0x1F004038ull))
#define DISK_CAPACITY(n) (*(volatile uint64_t *)KSEG1(0x1F004100ull + 8 * (n)))

static int atoi10(const char *s) {
  int n = 0;
  while (*s >= '0' && *s <= '9') n = n * 10 + (*s++ - '0');
  return n;
}

int main(void) {
  uint64_t argc = boot_regs[0];
  char **argv = (char **)(uintptr_t)boot_regs[1], **envp = (char **)(uintptr_t)boot_regs[2];
  for (uint64_t i = 1; i < argc; ++i) rt_printf("arg %s\n", argv[i]);
  for (unsigned i = 0; envp[i]; ++i) rt_printf("env %s\n", envp[i]);
  rt_printf("cpus %llu\n", (unsigned long long)CPUCTL_NUM_CPUS);
  uint64_t disks = DISK_NUM_DISKS;
  rt_printf("disks %llu\n", (unsigned long long)disks);
  for (uint64_t d = 0; d < disks; ++d)
    rt_printf("disk %llu sectors %llu\n", (unsigned long long)d, (unsigned long long)DISK_CAPACITY(d));
  rt_printf("console");
  while (UART[UART_LSR] & UART_LSR_DR) rt_printf(" %02x", UART[UART_RBR]);
  rt_printf("\n");
  const char *last = argc > 1 ? argv[argc - 1] : "";
  if (!strcmp(last, "panic")) {
    rt_printf("dunix: panic: stand-in kernel asked to panic\n");
    return 250;
  }
  if (strlen(last) > 5 && !memcmp(last, "exit=", 5)) return atoi10(last + 5);
  return 0;
}
