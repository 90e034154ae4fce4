// boot_args.h - the boot-argument block the loader writes before CPU 0
// starts (docs/board.md, "Boot protocol"), as SGI's PROM handed IRIX
// argc/argv/envp.  At physical memmap::kBootArgsBase, at most kBootArgsSize:
//
//   base + 0              argv[0] .. argv[argc-1], then 0     (8 bytes each)
//   base + 8*(argc+1)     envp[0] .. envp[envc-1], then 0     (8 bytes each)
//   base + 8*(argc+envc+2) the strings, each NUL-terminated: argv's in
//                         order, then envp's; no padding
//
// Pointers are ckseg0 addresses (0xFFFF_FFFF_8000_0000 | pa), 64 bits in the
// machine's byte order.  CPU 0 starts with $a0 = argc, $a1 = the address of
// argv[0], $a2 = the address of envp[0] (both ckseg0).
#pragma once
#include <string>
#include <vector>

#include "sim/types.h"

namespace ds {

struct BootBlock {
  std::vector<u8> bytes;  // to be written at memmap::kBootArgsBase
  u64 argc = 0;
  u64 argv = 0;  // ckseg0 addresses for $a1, $a2
  u64 envp = 0;
};

// Bytes the block for these arguments needs.
u64 boot_block_size(const std::vector<std::string>& argv, const std::vector<std::string>& envp);

// Lays out the block; throws std::runtime_error (one line) if it needs more
// than memmap::kBootArgsSize bytes.
BootBlock build_boot_block(const std::vector<std::string>& argv, const std::vector<std::string>& envp,
                           bool big_endian);

}  // namespace ds
