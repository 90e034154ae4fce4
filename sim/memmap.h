// memmap.h - the board's physical address map and interrupt wiring, in one
// place.  Mirrored, with every device's register map, in docs/board.md.
//
//   physical address
//   0x00_0000_0000 +---------------------------------+  RAM offset 0
//                  | RAM, node 0                     |  node n owns RAM
//                  | RAM, node 1                     |  offsets [n * mem_per_node,
//                  |  ...                            |   (n+1) * mem_per_node)
//                  |   (boot arguments at 0x8000)    |
//                  +---------------------------------+  ram_top, if RAM is
//                  |   (no memory: bus error)        |  at most 496 MiB
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
//   0x00_2000_0000 +---------------------------------+  RAM offset 0x1F00_0000
//                  | RAM beyond the first 496 MiB    |  (RAM skips the window:
//                  |  (node boundaries continue in   |   pa = offset + 16 MiB)
//                  |   RAM-offset space)             |
//   ram_top        +---------------------------------+
//                  |   (no memory: bus error)        |
//   0x100_0000_0000 (2^40: no physical address at or above)
//
// RAM is laid out contiguously in *RAM-offset* space and placed at physical
// addresses by ram_offset_to_pa(): the first 496 MiB at the same addresses,
// the rest from 0x2000_0000 on.  A machine of at most 496 MiB therefore has
// all its RAM below the window, where kseg0 (cached) and kseg1 (uncached)
// reach it; those segments see only the first 512 MiB of physical memory,
// so RAM above the window is reached through xkphys (0x9800_0000_0000_0000
// | pa cached, 0x9000_0000_0000_0000 | pa uncached) or the TLB.  The ccNUMA
// memory system (sim/numa/) works in RAM offsets; the board converts at its
// edges with the functions below, which are the layout's only definition.
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
constexpr u64 kIoSize = 0x0100'0000;        // 16 MiB, skipped by RAM
constexpr u64 kIoEnd = kIoBase + kIoSize;   // RAM continues here
constexpr u64 kPhysLimit = u64{1} << 40;    // R10000 physical addresses: 40 bits
constexpr u64 kMaxRamBytes = kPhysLimit - kIoSize;  // largest machine: ram_top = 2^40
constexpr u64 kNotRam = ~u64{0};            // pa_to_ram_offset of the window

// Physical address of RAM offset `off` (any offset below kMaxRamBytes).
constexpr u64 ram_offset_to_pa(u64 off) { return off < kIoBase ? off : off + kIoSize; }
// RAM offset of physical address `pa`, or kNotRam for the I/O window.  Whether
// the offset is inside the machine's RAM is the caller's check (is_ram).
constexpr u64 pa_to_ram_offset(u64 pa) {
  return pa < kIoBase ? pa : pa >= kIoEnd ? pa - kIoSize : kNotRam;
}
// True if `pa` is a byte of a machine with `ram_bytes` of RAM.
constexpr bool is_ram(u64 pa, u64 ram_bytes) { return pa_to_ram_offset(pa) < ram_bytes; }
// The first physical address past the last byte of RAM.
constexpr u64 ram_top(u64 ram_bytes) { return ram_bytes <= kIoBase ? ram_bytes : ram_bytes + kIoSize; }
// The node whose memory holds RAM offset `off` (node n owns
// [n * memory_per_node, (n+1) * memory_per_node)).
constexpr unsigned node_of_ram_offset(u64 off, u64 memory_per_node) {
  return static_cast<unsigned>(off / memory_per_node);
}
// The home node of physical address `pa` (which must be RAM).
constexpr unsigned home_node(u64 pa, u64 memory_per_node) {
  return node_of_ram_offset(pa_to_ram_offset(pa), memory_per_node);
}

// The physical ranges RAM of `ram_bytes` occupies, in RAM-offset order: one
// below the window and, for a machine of more than 496 MiB, one from kIoEnd.
struct RamRange {
  u64 pa;
  u64 size;
};
struct RamRanges {
  RamRange r[2];
  unsigned n;
};
constexpr RamRanges ram_ranges(u64 ram_bytes) {
  if (ram_bytes <= kIoBase) return {{{kRamBase, ram_bytes}, {0, 0}}, 1};
  return {{{kRamBase, kIoBase}, {kIoEnd, ram_bytes - kIoBase}}, 2};
}

// The boot-argument block (docs/board.md, "Boot protocol"): argv and envp
// pointer arrays and their strings, written by the loader before CPU 0
// starts.  Below the 1 MiB where programs load (runtime/kseg0.ld).
constexpr u64 kBootArgsBase = 0x8000;
constexpr u64 kBootArgsSize = 0x8000;

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

// The same windows as a MIPS program in kernel mode sees them: kseg1
// (uncached) and ckseg0 (cached) for the first 512 MiB, xkphys for all.
constexpr u64 kseg1(u64 pa) { return 0xFFFF'FFFF'A000'0000ull | pa; }
constexpr u64 ckseg0(u64 pa) { return 0xFFFF'FFFF'8000'0000ull | pa; }
constexpr u64 xkphys_cached(u64 pa) { return 0x9800'0000'0000'0000ull | pa; }
constexpr u64 xkphys_uncached(u64 pa) { return 0x9000'0000'0000'0000ull | pa; }

}  // namespace ds::memmap
