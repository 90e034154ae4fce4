// elf_loader.cpp - ELF reading through elfutils' libelf (gelf_* accessors
// cover both classes and byte orders).
#include "sim/elf_loader.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <memory>
#include <stdexcept>

namespace ds {

namespace {

struct ElfHandle {
  int fd = -1;
  Elf* elf = nullptr;
  ~ElfHandle() {
    if (elf) elf_end(elf);
    if (fd >= 0) close(fd);
  }
};

[[noreturn]] void fail(const std::string& path, const std::string& why) {
  throw std::runtime_error(path + ": " + why);
}

}  // namespace

bool ElfImage::symbol(const std::string& name, u64& value) const {
  for (const ElfSymbol& s : symbols)
    if (s.name == name) {
      value = s.value;
      return true;
    }
  return false;
}

ElfImage load_elf(const std::string& path) {
  if (elf_version(EV_CURRENT) == EV_NONE) fail(path, "libelf initialisation failed");
  ElfHandle h;
  h.fd = open(path.c_str(), O_RDONLY);
  if (h.fd < 0) fail(path, "cannot open file");
  h.elf = elf_begin(h.fd, ELF_C_READ, nullptr);
  if (!h.elf || elf_kind(h.elf) != ELF_K_ELF) fail(path, "not an ELF file");

  GElf_Ehdr eh;
  if (!gelf_getehdr(h.elf, &eh)) fail(path, "malformed ELF header");
  if (eh.e_machine != EM_MIPS) fail(path, "not a MIPS ELF file");
  if (eh.e_type != ET_EXEC) fail(path, "not an executable (static, non-PIE ELF required)");

  ElfImage img;
  img.path = path;
  img.is64 = gelf_getclass(h.elf) == ELFCLASS64;
  img.big_endian = eh.e_ident[EI_DATA] == ELFDATA2MSB;
  img.entry = img.is64 ? eh.e_entry : sext32(eh.e_entry);
  img.flags = eh.e_flags;
  img.phoff = eh.e_phoff, img.phentsize = eh.e_phentsize, img.phnum = eh.e_phnum;

  size_t file_size = 0;
  char* raw = elf_rawfile(h.elf, &file_size);
  if (!raw) fail(path, "cannot read file contents");

  size_t nph = 0;
  if (elf_getphdrnum(h.elf, &nph) != 0) fail(path, "malformed program header table (file truncated?)");
  for (size_t k = 0; k < nph; ++k) {
    GElf_Phdr ph;
    if (!gelf_getphdr(h.elf, static_cast<int>(k), &ph)) fail(path, "malformed program header (file truncated?)");
    if (ph.p_type != PT_LOAD || ph.p_memsz == 0) continue;
    if (ph.p_filesz > ph.p_memsz) fail(path, "segment file size exceeds memory size");
    if (ph.p_offset > file_size || ph.p_filesz > file_size - ph.p_offset)
      fail(path, "segment extends past end of file (truncated?)");
    ElfSegment seg;
    seg.vaddr = img.is64 ? ph.p_vaddr : sext32(ph.p_vaddr);
    seg.paddr = img.is64 ? ph.p_paddr : sext32(ph.p_paddr);
    seg.memsz = ph.p_memsz;
    seg.bytes.assign(raw + ph.p_offset, raw + ph.p_offset + ph.p_filesz);
    seg.readable = ph.p_flags & PF_R, seg.writable = ph.p_flags & PF_W, seg.executable = ph.p_flags & PF_X;
    img.segments.push_back(std::move(seg));
  }
  if (img.segments.empty()) fail(path, "no loadable segments");

  size_t shstrndx = 0;
  if (elf_getshdrstrndx(h.elf, &shstrndx) != 0) shstrndx = 0;
  for (Elf_Scn* scn = elf_nextscn(h.elf, nullptr); scn; scn = elf_nextscn(h.elf, scn)) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh)) fail(path, "malformed section header");
    if (sh.sh_type == SHT_SYMTAB) {
      Elf_Data* data = elf_getdata(scn, nullptr);
      if (!data || sh.sh_entsize == 0) continue;
      size_t n = sh.sh_size / sh.sh_entsize;
      for (size_t k = 0; k < n; ++k) {
        GElf_Sym sym;
        if (!gelf_getsym(data, static_cast<int>(k), &sym)) break;
        const char* name = elf_strptr(h.elf, sh.sh_link, sym.st_name);
        if (!name || !*name) continue;
        int type = GELF_ST_TYPE(sym.st_info);
        if (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE) continue;
        img.symbols.push_back({name, img.is64 ? sym.st_value : sext32(sym.st_value), sym.st_size,
                               type == STT_FUNC});
      }
    } else if ((sh.sh_flags & SHF_ALLOC) && sh.sh_type == SHT_PROGBITS && sh.sh_size) {
      if (sh.sh_offset > file_size || sh.sh_size > file_size - sh.sh_offset)
        fail(path, "section extends past end of file (truncated?)");
      const char* name = shstrndx ? elf_strptr(h.elf, shstrndx, sh.sh_name) : nullptr;
      img.sections.push_back({name ? name : "", img.is64 ? sh.sh_addr : sext32(sh.sh_addr),
                              std::vector<u8>(raw + sh.sh_offset, raw + sh.sh_offset + sh.sh_size),
                              (sh.sh_flags & SHF_EXECINSTR) != 0});
    }
  }
  return img;
}

}  // namespace ds
