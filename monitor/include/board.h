/* board.h - the discosim board's devices as the monitor drives them
 * (docs/board.md): physical addresses, register offsets.  Only the monitor
 * touches real devices; guests see monitor calls. */
#ifndef MON_BOARD_H
#define MON_BOARD_H
#include "layout.h"

#define SIMCTL_BASE (IO_BASE + 0x0000)
#define UART_BASE (IO_BASE + 0x1000)
#define CPUCTL_BASE (IO_BASE + 0x2000)
#define IPI_BASE (IO_BASE + 0x3000)
#define DISK_BASE (IO_BASE + 0x4000)
#define NODE_CLOCK_BASE(n) (IO_BASE + 0x10000 + (u64)(n) * 0x1000)

#define SIMCTL_EXIT 0x00
#define SIMCTL_IDLE 0x38
#define UART_THR 0
#define UART_RBR 0
#define UART_LSR 5
#define UART_LSR_DR 0x01
#define CPUCTL_CPU_ID 0x00
#define CPUCTL_NUM_CPUS 0x08
#define CPUCTL_NODE_ID 0x10
#define CPUCTL_START_PC 0x18
#define CPUCTL_START_ARG 0x20
#define CPUCTL_START 0x28
#define CPUCTL_NUM_NODES 0x38
#define CPUCTL_NODE_MEM 0x40
#define IPI_SEND 0x00
#define IPI_CLEAR 0x08
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
#define DISK_ST_DONE 0x2
#define DISK_ST_ERROR 0x4
#define CLOCK_NOW_CYCLES 0x08
#define CLOCK_MHZ 0x10

#ifndef __ASSEMBLER__
static inline u64 reg_read64(u64 base, u64 off) { return *(volatile u64 *)IO_KV(base + off); }
static inline void reg_write64(u64 base, u64 off, u64 v) { *(volatile u64 *)IO_KV(base + off) = v; }
static inline u8 reg_read8(u64 base, u64 off) { return *(volatile u8 *)IO_KV(base + off); }
static inline void reg_write8(u64 base, u64 off, u8 v) { *(volatile u8 *)IO_KV(base + off) = v; }
#endif
#endif
