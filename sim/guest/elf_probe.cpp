// elf_probe.cpp - the checks `discosim guest` makes on PROGRAM before it
// builds anything, read from the ELF header and program headers (libelf's
// gelf_* accessors cover both byte orders).
//
// A Linux program and a bare-metal image are both static ET_EXEC MIPS files;
// what tells them apart is where they start: a Linux program's entry point is
// a user address (xuseg: below 2^63), a bare-metal image's is in kseg0/kseg1
// or xkphys (the board's loader starts CPU 0 there in kernel mode).
#include "sim/guest/elf_probe.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdexcept>

#include <fmt/format.h>

namespace ds::guest {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& why) {
  throw std::runtime_error(path + ": " + why);
}

struct ElfFile {
  int fd = -1;
  Elf* elf = nullptr;
  ~ElfFile() {
    if (elf) elf_end(elf);
    if (fd >= 0) close(fd);
  }
};

// EF_MIPS_ARCH (e_flags bits 31:28) to the machine's ISA level.  MIPS32/64
// Release 1 programs use instructions the R10000 lacks (CLZ, MUL, ...) that
// the machine accepts only at the "r2" level, so Release 1 maps there too.
// Release 6 re-encodes much of the ISA: no level of this machine runs it.
mips::IsaLevel isa_of(const std::string& path, u32 e_flags) {
  switch (e_flags & EF_MIPS_ARCH) {
    case EF_MIPS_ARCH_1:
    case EF_MIPS_ARCH_2:
    case EF_MIPS_ARCH_3:
    case EF_MIPS_ARCH_4:
    case EF_MIPS_ARCH_5: return mips::IsaLevel::Mips4;
    case EF_MIPS_ARCH_32:
    case EF_MIPS_ARCH_64:
    case EF_MIPS_ARCH_32R2:
    case EF_MIPS_ARCH_64R2: return mips::IsaLevel::Mips64R2;
    default:
      fail(path, fmt::format("MIPS architecture 0x{:x} in e_flags is not supported (the machine runs MIPS IV "
                             "and MIPS64 Release 2, not Release 6)", (e_flags & EF_MIPS_ARCH) >> 28));
  }
}

}  // namespace

ProgramInfo probe_program(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) fail(path, "no such file");
  if (!S_ISREG(st.st_mode)) fail(path, "not a regular file");
  if (elf_version(EV_CURRENT) == EV_NONE) fail(path, "libelf initialisation failed");
  ElfFile f;
  f.fd = open(path.c_str(), O_RDONLY);
  if (f.fd < 0) fail(path, "cannot open file");
  f.elf = elf_begin(f.fd, ELF_C_READ, nullptr);
  if (!f.elf || elf_kind(f.elf) != ELF_K_ELF) fail(path, "not an ELF file");
  GElf_Ehdr eh;
  if (!gelf_getehdr(f.elf, &eh)) fail(path, "malformed ELF header");
  if (eh.e_machine != EM_MIPS || gelf_getclass(f.elf) != ELFCLASS64)
    fail(path, "not a 64-bit MIPS program (a Linux n64 MIPS executable is needed)");
  size_t phnum = 0;
  if (elf_getphdrnum(f.elf, &phnum) != 0) fail(path, "malformed program headers");
  for (size_t i = 0; i < phnum; ++i) {
    GElf_Phdr ph;
    if (!gelf_getphdr(f.elf, static_cast<int>(i), &ph)) fail(path, "malformed program headers");
    if (ph.p_type == PT_INTERP)
      fail(path, "dynamically linked programs need --sysroot, which is not supported yet");
  }
  if (eh.e_type != ET_EXEC) fail(path, "not a static executable (ET_EXEC; position-independent programs are not supported)");
  constexpr u64 kUserTop = 0x8000'0000'0000'0000ull;  // xuseg and below; kseg0 is 0xffff_ffff_8000_0000
  if (eh.e_entry >= kUserTop)
    fail(path, fmt::format("not a Linux program: its entry point 0x{:x} is a kernel address (a bare-metal "
                           "image? boot it with `discosim run`)", eh.e_entry));

  ProgramInfo info;
  info.big_endian = eh.e_ident[EI_DATA] == ELFDATA2MSB;
  info.isa = isa_of(path, eh.e_flags);
  info.entry = eh.e_entry;
  return info;
}

}  // namespace ds::guest
