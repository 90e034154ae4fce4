// elf_probe.h - what `discosim guest` needs to know about a program before it
// builds a machine for it: is it a static Linux n64 MIPS executable, which
// byte order, which ISA level.  Every refusal is one line naming the file.
#pragma once
#include <string>

#include "sim/mips/isa.h"

namespace ds::guest {

struct ProgramInfo {
  bool big_endian = true;                          // EI_DATA
  mips::IsaLevel isa = mips::IsaLevel::Mips4;      // EF_MIPS_ARCH: MIPS64R2 or later -> Mips64R2
  unsigned long long entry = 0;
};

// Checks `path` and returns its byte order and ISA level.  Throws
// std::runtime_error("PATH: reason") when it is missing, not a regular file,
// not ELF, not a 64-bit MIPS executable, freestanding (an entry point outside
// user space: a bare-metal image) or dynamically linked (PT_INTERP).
ProgramInfo probe_program(const std::string& path);

}  // namespace ds::guest
