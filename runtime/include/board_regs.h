/* board_regs.h - the discosim board's devices as docs/board.md documents
 * them: physical addresses and register offsets.  One definition for the
 * software that drives the real devices: the Disco monitor
 * (monitor/include/board.h) and dunix's bare HAL
 * (guest-kernels/dunix/hal/bare/board.h), which add how they reach them.
 * Macros only; the includer provides u64. */
#ifndef DISCOSIM_BOARD_REGS_H
#define DISCOSIM_BOARD_REGS_H

#define IO_BASE 0x1F000000ull
#define SIMCTL_BASE (IO_BASE + 0x0000)
#define UART_BASE (IO_BASE + 0x1000)
#define CPUCTL_BASE (IO_BASE + 0x2000)
#define IPI_BASE (IO_BASE + 0x3000)
#define DISK_BASE (IO_BASE + 0x4000)
#define NODE_CLOCK_BASE(n) (IO_BASE + 0x10000 + (u64)(n) * 0x1000)

/* sim-control */
#define SIMCTL_EXIT 0x00
#define SIMCTL_PHASE_BEGIN 0x10
#define SIMCTL_PHASE_END 0x18
#define SIMCTL_IDLE 0x38
/* console UART: byte registers */
#define UART_THR 0
#define UART_RBR 0
#define UART_IER 1
#define UART_LSR 5
#define UART_LSR_DR 0x01
/* cpu-control */
#define CPUCTL_CPU_ID 0x00
#define CPUCTL_NUM_CPUS 0x08
#define CPUCTL_NODE_ID 0x10
#define CPUCTL_START_PC 0x18
#define CPUCTL_START_ARG 0x20
#define CPUCTL_START 0x28
#define CPUCTL_NUM_NODES 0x38
#define CPUCTL_NODE_MEM 0x40
/* IPI unit */
#define IPI_SEND 0x00
#define IPI_CLEAR 0x08
/* disk controller */
#define DISK_COMMAND 0x00
#define DISK_TARGET 0x08
#define DISK_SECTOR 0x10
#define DISK_COUNT 0x18
#define DISK_DMA_ADDR 0x20
#define DISK_STATUS 0x28
#define DISK_ACK 0x30
#define DISK_NUM_DISKS 0x38
#define DISK_MAX_SECTORS 0x40
#define DISK_CAPACITY(n) (0x100 + 8 * (n))
#define DISK_CMD_READ 1
#define DISK_CMD_WRITE 2
#define DISK_ST_BUSY 0x1
#define DISK_ST_DONE 0x2
#define DISK_ST_ERROR 0x4
/* node clock */
#define CLOCK_NOW_NS 0x00
#define CLOCK_NOW_CYCLES 0x08
#define CLOCK_MHZ 0x10

#endif
