// loader.cpp - execve() for the user-mode runner: checks that the ELF can run
// here, maps its PT_LOAD segments, and builds the initial stack the way the
// Linux kernel does (fs/binfmt_elf.c: create_elf_tables):
//
//   kStackTop ->  0                      end marker
//                 execfn string          (kAT_EXECFN)
//                 envp strings, argv strings
//                 "mips64"               (kAT_PLATFORM)
//                 16 random bytes        (kAT_RANDOM)
//                 -- 16-byte alignment --
//                 auxv pairs ... kAT_NULL
//                 NULL, envp[n-1] .. envp[0]
//                 NULL, argv[argc-1] .. argv[0]
//   sp ->         argc
//
// Registers start at zero except sp and pc (the MIPS ELF_PLAT_INIT).
#include <gelf.h>
#include <libelf.h>
#include <fcntl.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <stdexcept>

#include "sim/user/process.h"

namespace ds::user {

namespace {

constexpr u32 kEfMipsAbi2 = 0x20;  // e_flags: n32

struct ProgramHeaders {
  std::vector<GElf_Phdr> ph;
};

// Reads the program headers again (ElfImage keeps only PT_LOAD contents).
ProgramHeaders read_program_headers(const std::string& path) {
  ProgramHeaders out;
  int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0) throw std::runtime_error(path + ": cannot open file");
  Elf* e = elf_begin(fd, ELF_C_READ, nullptr);
  size_t n = 0;
  if (e && elf_getphdrnum(e, &n) == 0)
    for (size_t k = 0; k < n; ++k) {
      GElf_Phdr p;
      if (gelf_getphdr(e, static_cast<int>(k), &p)) out.ph.push_back(p);
    }
  if (e) elf_end(e);
  close(fd);
  return out;
}

u8 segment_prot(const ElfSegment& s) {
  return (s.readable ? kRead : 0) | (s.writable ? kWrite : 0) | (s.executable ? kExec : 0);
}

// Builds the stack image top-down, in guest byte order.
class StackBuilder {
 public:
  StackBuilder(AddressSpace& mem, u64 top, bool be) : mem_(mem), sp_(top), be_(be) {}
  u64 push_bytes(const void* p, u64 n) {
    sp_ -= n;
    mem_.poke(sp_, p, n);
    return sp_;
  }
  u64 push_string(const std::string& s) { return push_bytes(s.c_str(), s.size() + 1); }
  void align(u64 a) { sp_ &= ~(a - 1); }
  void put_word(u64 va, u64 v) {
    u8 b[8];
    store_guest<u64>(b, v, be_);
    mem_.poke(va, b, 8);
  }
  u64 sp() const { return sp_; }
  void set_sp(u64 sp) { sp_ = sp; }

 private:
  AddressSpace& mem_;
  u64 sp_;
  bool be_;
};

}  // namespace

std::vector<std::string> deterministic_env() { return {"PATH=/usr/bin:/bin", "HOME=/", "LC_ALL=C"}; }

void Process::load(const ElfImage& img) {
  const std::string& path = opt_.path;
  if (!img.is64) {
    throw std::runtime_error(path + ((img.flags & kEfMipsAbi2) ? ": n32 programs are not supported (n64 only)"
                                                              : ": 32-bit (o32) programs are not supported (n64 only)"));
  }
  ProgramHeaders ph = read_program_headers(path);
  bool exec_stack = false;
  u64 phdr_va = 0;
  for (const GElf_Phdr& p : ph.ph) {
    if (p.p_type == PT_INTERP) throw std::runtime_error(path + ": dynamically linked programs are not supported (link with -static)");
    if (p.p_type == PT_DYNAMIC) throw std::runtime_error(path + ": dynamically linked programs are not supported (link with -static)");
    if (p.p_type == PT_GNU_STACK) exec_stack = p.p_flags & PF_X;
    if (p.p_type == PT_PHDR) phdr_va = p.p_vaddr;
  }
  if (!phdr_va)
    for (const GElf_Phdr& p : ph.ph)
      if (p.p_type == PT_LOAD && img.phoff >= p.p_offset && img.phoff < p.p_offset + p.p_filesz)
        phdr_va = p.p_vaddr + (img.phoff - p.p_offset);

  // Segments, with the permissions the program headers ask for.
  u64 end = 0;
  for (const ElfSegment& s : img.segments) {
    if (s.vaddr >= kUserTop || s.memsz > kUserTop - s.vaddr)
      throw std::runtime_error(path + ": segment outside the user address space");
    u64 lo = s.vaddr & ~kPageMask, hi = (s.vaddr + s.memsz + kPageMask) & ~kPageMask;
    // Pages shared by two segments get the union of their permissions.
    u8 prot = segment_prot(s);
    for (u64 a = lo; a < hi; a += kPageSize) {
      u8 old = mem_.prot_at(a);
      if (old) mem_.protect(a, kPageSize, old | prot);
      else mem_.map(a, kPageSize, prot);
    }
    mem_.poke(s.vaddr, s.bytes.data(), s.bytes.size());
    end = std::max(end, hi);
  }
  brk_start = brk_cur = end;

  // The stack: 8 MiB reserved, executable only if PT_GNU_STACK asks for it.
  mem_.map(kStackTop - kStackSize, kStackSize, kRead | kWrite | (exec_stack ? kExec : 0));

  // The signal-return trampoline: li v0, rt_sigreturn; syscall.
  mem_.map(kSigTrampoline, kPageSize, kRead | kExec);
  u8 tramp[8];
  store_guest<u32>(tramp, 0x24020000u | static_cast<u32>(nr::rt_sigreturn), img.big_endian);
  store_guest<u32>(tramp + 4, 0x0000000cu, img.big_endian);
  mem_.poke(kSigTrampoline, tramp, sizeof tramp);

  char* abs = realpath(path.c_str(), nullptr);
  exe_abspath = abs ? abs : path;
  std::free(abs);

  StackBuilder sb(mem_, kStackTop, img.big_endian);
  sb.push_bytes("\0\0\0\0\0\0\0\0", 8);
  u64 execfn = sb.push_string(path);
  std::vector<u64> envp, argv;
  for (auto it = opt_.envp.rbegin(); it != opt_.envp.rend(); ++it) envp.insert(envp.begin(), sb.push_string(*it));
  for (auto it = opt_.argv.rbegin(); it != opt_.argv.rend(); ++it) argv.insert(argv.begin(), sb.push_string(*it));
  u64 platform = sb.push_string("mips64");
  sb.align(16);
  u8 rnd[16];
  random_bytes(rnd, sizeof rnd);
  u64 random = sb.push_bytes(rnd, sizeof rnd);

  const std::pair<u64, u64> auxv[] = {
      {kAT_HWCAP, 0},          {kAT_PAGESZ, kPageSize},     {kAT_CLKTCK, LINUX_CLK_TCK},
      {kAT_PHDR, phdr_va},     {kAT_PHENT, img.phentsize},  {kAT_PHNUM, img.phnum},
      {kAT_BASE, 0},           {kAT_FLAGS, 0},              {kAT_ENTRY, img.entry},
      {kAT_UID, kGuestUid},    {kAT_EUID, kGuestUid},       {kAT_GID, kGuestGid},
      {kAT_EGID, kGuestGid},   {kAT_SECURE, 0},             {kAT_RANDOM, random},
      {kAT_HWCAP2, 0},         {kAT_EXECFN, execfn},        {kAT_PLATFORM, platform},
      {kAT_NULL, 0},
  };
  u64 words = 1 + argv.size() + 1 + envp.size() + 1 + 2 * std::size(auxv);
  sb.set_sp((sb.sp() - 8 * words) & ~u64{15});
  u64 sp = sb.sp(), w = sp;
  sb.put_word(w, argv.size()), w += 8;
  for (u64 a : argv) sb.put_word(w, a), w += 8;
  sb.put_word(w, 0), w += 8;
  for (u64 e : envp) sb.put_word(w, e), w += 8;
  sb.put_word(w, 0), w += 8;
  for (auto [tag, val] : auxv) sb.put_word(w, tag), sb.put_word(w + 8, val), w += 16;

  cpu_->gpr.fill(0);
  cpu_->gpr[29] = sp;
  cpu_->set_pc(img.entry);
}

}  // namespace ds::user
