/* board.h - the discosim board's devices, as documented in docs/board.md:
 * physical addresses, register offsets and interrupt lines.  Only the bare
 * HAL's drivers include this. */
#ifndef DUNIX_BOARD_H
#define DUNIX_BOARD_H

#include "layout.h"
#include "types.h"

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
#define CLOCK_MHZ 0x10

/* Interrupt lines (Cause.IP bits) */
#define IRQ_DISK 2
#define IRQ_IPI 3
#define IRQ_UART 4
#define IRQ_TIMER 7

static inline u64 reg_read64(u64 base, u64 off) { return *(volatile u64 *)IO_VA(base + off); }
static inline void reg_write64(u64 base, u64 off, u64 v) { *(volatile u64 *)IO_VA(base + off) = v; }
static inline u8 reg_read8(u64 base, u64 off) { return *(volatile u8 *)IO_VA(base + off); }
static inline void reg_write8(u64 base, u64 off, u8 v) { *(volatile u8 *)IO_VA(base + off) = v; }

#endif
