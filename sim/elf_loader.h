// elf_loader.h - reads a MIPS ELF executable (32- or 64-bit, either byte
// order) with libelf and hands its loadable segments to a callback.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "sim/types.h"

namespace ds {

struct ElfSegment {
  u64 vaddr;
  u64 paddr;
  u64 memsz;
  std::vector<u8> bytes;  // file contents (filesz bytes; the rest is zero)
  bool readable, writable, executable;
};

struct ElfSymbol {
  std::string name;
  u64 value;
  u64 size;
  bool is_function;
};

struct ElfImage {
  std::string path;  // the file it was read from
  bool is64 = false;
  bool big_endian = true;
  u64 entry = 0;
  u32 flags = 0;  // e_flags (ABI, ISA level)
  std::vector<ElfSegment> segments;
  std::vector<ElfSymbol> symbols;
  struct Section {
    std::string name;
    u64 addr;
    std::vector<u8> bytes;
    bool executable;
  };
  std::vector<Section> sections;  // allocated sections with contents
  u64 phoff = 0, phentsize = 0, phnum = 0;  // for the user runner's auxv

  // Looks up a symbol by name; returns false if absent.
  bool symbol(const std::string& name, u64& value) const;
};

// Loads `path`; throws std::runtime_error with a one-line reason on any
// problem (missing file, not ELF, not MIPS, not executable, truncated).
ElfImage load_elf(const std::string& path);

}  // namespace ds
