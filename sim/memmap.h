// memmap.h - the board's physical address map, in one place.
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
//                  |   (free for devices)            |
//   0x00_2000_0000 +---------------------------------+
//
// All RAM must lie below the I/O window, so that kseg0 (cached) and kseg1
// (uncached) reach every byte of it: at most 496 MiB in all.  CPUs, devices
// and tests use only the names below.
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

// The same windows as a MIPS program in kernel mode sees them (kseg1).
constexpr u64 kseg1(u64 pa) { return 0xFFFF'FFFF'A000'0000ull | pa; }

}  // namespace ds::memmap
