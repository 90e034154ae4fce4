// memmap.h - the board's physical address map and interrupt wiring, in one
// place.  Mirrored, with every device's register map, in docs/board.md.
//
//   physical address
//   0x00_0000_0000 +---------------------------------+
//                  | RAM, node 0                     |  node n owns
//                  | RAM, node 1                     |  [n * mem_per_node,
//                  |  ...                            |   (n+1) * mem_per_node)
//   ram_top        +---------------------------------+
//                  |   (no memory: bus error)        |
//   0x00_1F00_0000 +---------------------------------+  I/O window, reached
//                  | sim-control        +0x0000      |  uncached through
//                  | console UART       +0x1000      |  kseg1 0xBF00_0000
//                  | cpu-control        +0x2000      |
//                  | IPI unit           +0x3000      |
//                  | disk controller    +0x4000      |
//                  | page miss counters +0x5000      |
//                  |   (free)                        |
//                  | node 0 clock       +0x1_0000    |  node n's clock at
//                  | node 1 clock       +0x1_1000    |  +0x1_0000 + n*0x1000
//                  |  ...                            |
//                  |   (free for devices)            |
//   0x00_2000_0000 +---------------------------------+
//
// All RAM must lie below the I/O window, so that kseg0 (cached) and kseg1
// (uncached) reach every byte of it: at most 496 MiB in all.
//
// Interrupt lines (Cause.IP bits):
//   IP0, IP1  software (Cause writes)      IP4  console UART input -> CPU 0
//   IP2       disk controller -> CPU 0     IP5  hot-page counters -> CPU 0
//   IP3       IPI unit -> each CPU         IP6  free
//   IP7       Count/Compare timer
//
// CPUs, devices and tests use only the names below.
#pragma once
#include "sim/types.h"

namespace ds::memmap {

constexpr u64 kRamBase = 0x0000'0000;
constexpr u64 kIoBase = 0x1F00'0000;        // first byte of the I/O window
constexpr u64 kRamLimit = kIoBase;          // RAM must end at or below this

constexpr u64 kSimControlBase = kIoBase + 0x0000;  // sim/devices/sim_control.h
constexpr u64 kSimControlSize = 0x1000;
constexpr u64 kUartBase = kIoBase + 0x1000;        // sim/devices/uart.h
constexpr u64 kUartSize = 0x1000;
constexpr u64 kCpuControlBase = kIoBase + 0x2000;  // sim/devices/cpu_control.h
constexpr u64 kCpuControlSize = 0x1000;
constexpr u64 kIpiBase = kIoBase + 0x3000;         // sim/devices/ipi.h
constexpr u64 kIpiSize = 0x1000;
constexpr u64 kDiskBase = kIoBase + 0x4000;        // sim/devices/disk.h
constexpr u64 kDiskSize = 0x1000;
constexpr u64 kPageCountersBase = kIoBase + 0x5000;  // sim/devices/page_counters.h
constexpr u64 kPageCountersSize = 0x1000;
constexpr u64 kNodeClockBase = kIoBase + 0x1'0000;  // sim/devices/node_clock.h
constexpr u64 kNodeClockStride = 0x1000;
constexpr u64 kNodeClockSize = 0x1000;

// Interrupt lines, as Cause.IP bit numbers.
constexpr unsigned kIrqDisk = 2;
constexpr unsigned kIrqIpi = 3;
constexpr unsigned kIrqUart = 4;
constexpr unsigned kIrqHotPage = 5;
constexpr unsigned kIrqTimer = 7;

// The same windows as a MIPS program in kernel mode sees them (kseg1).
constexpr u64 kseg1(u64 pa) { return 0xFFFF'FFFF'A000'0000ull | pa; }

}  // namespace ds::memmap
