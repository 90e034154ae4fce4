/* platform_discosim.c - the runtime's platform hooks on the discosim board:
 * console output through the UART, exit through the sim-control device
 * (addresses from sim/memmap.h, reached uncached through kseg1). */
#include "rt.h"

#define KSEG1(pa) (0xFFFFFFFFA0000000ull | (pa))
#define UART_BASE KSEG1(0x1F001000ull)
#define UART_THR 0
#define UART_LSR 5
#define UART_LSR_THRE 0x20
#define SIMCTL_BASE KSEG1(0x1F000000ull)
#define SIMCTL_EXIT 0x00
#define CPUCTL_BASE KSEG1(0x1F002000ull)
#define CPUCTL_CPU_ID 0x00
#define CPUCTL_NUM_CPUS 0x08
#define CPUCTL_START_PC 0x18
#define CPUCTL_START_ARG 0x20
#define CPUCTL_START 0x28

static volatile uint64_t *cpuctl(unsigned offset) { return (volatile uint64_t *)(CPUCTL_BASE + offset); }

unsigned rt_cpu_id(void) { return (unsigned)*cpuctl(CPUCTL_CPU_ID); }
unsigned rt_num_cpus(void) { return (unsigned)*cpuctl(CPUCTL_NUM_CPUS); }

int rt_platform_start_cpu(unsigned cpu, uint64_t pc, uint64_t arg) {
  if (cpu >= rt_num_cpus()) return -1;
  *cpuctl(CPUCTL_START_PC) = pc;
  *cpuctl(CPUCTL_START_ARG) = arg;
  *cpuctl(CPUCTL_START) = cpu;
  return 0;
}

void rt_putc(char c) {
  volatile uint8_t *uart = (volatile uint8_t *)UART_BASE;
  while (!(uart[UART_LSR] & UART_LSR_THRE)) {
  }
  uart[UART_THR] = (uint8_t)c;
}

void rt_exit(int code) {
  volatile uint64_t *exit_reg = (volatile uint64_t *)(SIMCTL_BASE + SIMCTL_EXIT);
  for (;;) *exit_reg = (uint64_t)code;
}
