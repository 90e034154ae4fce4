// process_test.cpp - the user-mode runner below the CLI: the initial stack and
// auxiliary vector, the syscall convention, faults becoming signals, and the
// address space's page table.
#include <gtest/gtest.h>
#include <unistd.h>

#include <map>
#include <stdexcept>

#include "sim/user/guest_struct.h"
#include "sim/user/process.h"
#include "sim/user/syscalls.h"
#include "tests/user/elf_builder.h"

namespace ds::user {
namespace {

using test::TinyElf;
using test::addiu;
using test::lui;
using test::lw;
using test::ori;
using test::sw;

// Writes `elf` to a temporary file and builds a process for it.
struct Fixture {
  std::string path;
  ProcessOptions opt;
  std::unique_ptr<Process> proc;
  explicit Fixture(const TinyElf& elf, std::vector<std::string> extra_args = {}, bool isa_r2 = true) {
    char tmpl[] = "/tmp/discosim-user-test-XXXXXX";
    int fd = mkstemp(tmpl);
    close(fd);
    path = tmpl;
    if (!elf.write(path)) throw std::runtime_error("cannot write test ELF");
    opt.path = path;
    opt.argv = {path};
    opt.argv.insert(opt.argv.end(), extra_args.begin(), extra_args.end());
    opt.envp = deterministic_env();
    opt.max_insns = 100000;
    opt.isa_r2 = isa_r2;
    proc = std::make_unique<Process>(load_elf(path), opt);
  }
  ~Fixture() { unlink(path.c_str()); }
  u64 word(u64 va) {
    u64 v = 0;
    EXPECT_TRUE(read_u64(*proc, va, v)) << std::hex << va;
    return v;
  }
  std::string str(u64 va) {
    std::string s;
    EXPECT_TRUE(proc->mem().read_string(va, s));
    return s;
  }
};

TinyElf exit_program(i16 status) {
  TinyElf e;
  e.code = {addiu(4, 0, status), addiu(2, 0, 5058), test::kSyscall, test::kNop};
  return e;
}

void check_initial_stack(bool big_endian) {
  TinyElf elf = exit_program(0);
  elf.big_endian = big_endian;
  Fixture f(elf, {"alpha", ""});
  mips::Cpu& c = f.proc->cpu();
  u64 sp = c.gpr[29];
  EXPECT_EQ(sp % 16, 0u);
  EXPECT_EQ(c.pc, elf.entry());
  EXPECT_EQ(f.word(sp), 3u);  // argc
  EXPECT_EQ(f.str(f.word(sp + 8)), f.path);
  EXPECT_EQ(f.str(f.word(sp + 16)), "alpha");
  EXPECT_EQ(f.str(f.word(sp + 24)), "");
  EXPECT_EQ(f.word(sp + 32), 0u);  // argv terminator
  u64 p = sp + 40;
  std::vector<std::string> env;
  for (u64 e; (e = f.word(p)) != 0; p += 8) env.push_back(f.str(e));
  EXPECT_EQ(env, deterministic_env());
  std::map<u64, u64> aux;
  for (p += 8;; p += 16) {
    u64 tag = f.word(p);
    if (tag == kAT_NULL) break;
    aux[tag] = f.word(p + 8);
  }
  EXPECT_EQ(aux[kAT_PAGESZ], 4096u);
  EXPECT_EQ(aux[kAT_ENTRY], elf.entry());
  EXPECT_EQ(aux[kAT_PHNUM], 1u);
  EXPECT_EQ(aux[kAT_PHENT], 56u);
  EXPECT_EQ(aux[kAT_PHDR], elf.vaddr + 64);  // the headers lie in the first PT_LOAD
  EXPECT_EQ(aux[kAT_HWCAP], 0u);
  EXPECT_EQ(aux[kAT_UID], static_cast<u64>(kGuestUid));
  EXPECT_EQ(f.str(aux[kAT_EXECFN]), f.path);
  EXPECT_EQ(f.str(aux[kAT_PLATFORM]), "mips64");
  u8 rnd[16];
  ASSERT_TRUE(f.proc->mem().copy_in(rnd, aux[kAT_RANDOM], 16));
  EXPECT_GT(aux[kAT_RANDOM], sp);
  // The first program-header word is PT_LOAD in the file's byte order.
  u8 ph[4];
  ASSERT_TRUE(f.proc->mem().copy_in(ph, aux[kAT_PHDR], 4));
  EXPECT_EQ(load_guest<u32>(ph, big_endian), 1u);
}

TEST(UserLoader, InitialStackBigEndianHasArgvEnvpAuxvAligned) { check_initial_stack(true); }
TEST(UserLoader, InitialStackLittleEndianHasArgvEnvpAuxvAligned) { check_initial_stack(false); }

TEST(UserLoader, AtRandomIsTheSameOnEveryRun) {
  auto random_bytes = [] {
    Fixture f(exit_program(0));
    u64 p = f.proc->cpu().gpr[29] + 8 * (1 + 1 + 1 + deterministic_env().size() + 1);
    while (f.word(p) != kAT_RANDOM) p += 16;
    std::vector<u8> r(16);
    f.proc->mem().copy_in(r.data(), f.word(p + 8), 16);
    return r;
  };
  EXPECT_EQ(random_bytes(), random_bytes());
}

TEST(UserLoader, DynamicProgramIsRefused) {
  TinyElf elf = exit_program(0);
  elf.add_interp = true;
  try {
    Fixture f(elf);
    FAIL() << "a PT_INTERP program was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("dynamically linked"), std::string::npos) << e.what();
  }
}

TEST(UserSyscall, ExitGroupStatusIsTheRunsResult) {
  Fixture f(exit_program(42));
  EXPECT_EQ(f.proc->run(), 42);
}

TEST(UserSyscall, UnknownNumberFailsWithEnosysAndA3Set) {
  TinyElf e;
  e.code = {addiu(2, 0, 5999), test::kSyscall, addiu(4, 2, 0), addiu(5, 7, 0),  // a0 = errno, a1 = a3
            addiu(2, 0, 5058), test::kSyscall};
  Fixture f(e);
  EXPECT_EQ(f.proc->run(), 89);  // MIPS ENOSYS
  EXPECT_EQ(f.proc->cpu().gpr[5], 1u);
}

TEST(UserSyscall, WriteCopiesGuestBytesToTheHostDescriptor) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  TinyElf e;
  e.vaddr = 0x400000;
  const u64 msg = e.entry() + 4 * 9;  // the word after the code below
  e.code = {addiu(4, 0, static_cast<i16>(fds[1])),
            lui(5, static_cast<u16>(msg >> 16)),
            ori(5, 5, static_cast<u16>(msg)),
            addiu(6, 0, 4),
            addiu(2, 0, 5001),  // write(fd, msg, 4)
            test::kSyscall,
            addiu(4, 2, 0),     // exit status = write's result
            addiu(2, 0, 5058),
            test::kSyscall,
            0x6869210a};        // "hi!\n" (big-endian)
  Fixture f(e);
  EXPECT_EQ(f.proc->run(), 4);
  char buf[8] = {};
  EXPECT_EQ(read(fds[0], buf, sizeof buf), 4);
  EXPECT_STREQ(buf, "hi!\n");
  close(fds[0]), close(fds[1]);
}

TEST(UserSyscall, BrkGrowsIntoZeroedWritableMemoryAndRefusesTheStack) {
  Fixture f(exit_program(0));
  Process& p = *f.proc;
  const SyscallDesc* brk = find_syscall(nr::brk);
  ASSERT_NE(brk, nullptr);
  u64 a[8] = {};
  u64 start = static_cast<u64>(brk->fn(p, a));
  a[0] = start + 3 * kPageSize + 5;
  EXPECT_EQ(static_cast<u64>(brk->fn(p, a)), a[0]);
  u8 z = 0xff;
  EXPECT_TRUE(p.mem().copy_in(&z, start + 3 * kPageSize, 1));
  EXPECT_EQ(z, 0);
  EXPECT_TRUE(p.mem().copy_out(start + kPageSize, "x", 1));
  a[0] = kStackTop - 4096;  // would run into the mmap area and stack
  EXPECT_EQ(static_cast<u64>(brk->fn(p, a)), start + 3 * kPageSize + 5);
}

// ---- faults become signals: status 128 + the MIPS signal number -----------------
int run_fault(std::vector<u32> code) {
  TinyElf e;
  e.vaddr = 0x400000;
  e.code = std::move(code);
  Fixture f(e);
  return f.proc->run();
}

TEST(UserSignals, LoadFromPageZeroIsSigsegv) { EXPECT_EQ(run_fault({lw(2, 0, 16), test::kNop}), 128 + 11); }

TEST(UserSignals, StoreToReadOnlyTextIsSigsegv) {
  EXPECT_EQ(run_fault({lui(3, 0x40), sw(3, 3, 0), test::kNop}), 128 + 11);
}

TEST(UserSignals, MisalignedLoadIsSigbus) { EXPECT_EQ(run_fault({lui(3, 0x40), lw(2, 3, 2), test::kNop}), 128 + 10); }

TEST(UserSignals, BreakIsSigtrap) { EXPECT_EQ(run_fault({0x0000000d, test::kNop}), 128 + 5); }

TEST(UserSignals, DivideByZeroTrapCodeSevenIsSigfpe) {
  EXPECT_EQ(run_fault({0x000001f4 /* teq zero, zero, 7 */, test::kNop}), 128 + 8);
}

TEST(UserSignals, ReservedInstructionIsSigill) {
  EXPECT_EQ(run_fault({0xec000000u /* opcode 59: reserved since MIPS III */, test::kNop}), 128 + 4);
}

TEST(UserSignals, FetchFromUnmappedAddressIsSigsegv) {
  EXPECT_EQ(run_fault({lui(3, 0x10), 0x00600008 /* jr v1 */, test::kNop}), 128 + 11);
}

TEST(UserSignals, ReleaseTwoInstructionIsSigillOnlyUnderIsaMips4) {
  TinyElf e;
  e.vaddr = 0x400000;
  // seb a0, t0 (MIPS32/64 Release 2), then exit_group(a0): t0 is 0x1ff, so a0 = -1 -> status 255.
  e.code = {addiu(8, 0, 0x1ff), 0x7c082420 /* seb a0, t0 */, addiu(2, 0, 5058), test::kSyscall};
  Fixture r2(e, {}, true);
  EXPECT_EQ(r2.proc->run(), 255);
  Fixture mips4(e, {}, false);
  EXPECT_EQ(mips4.proc->run(), 128 + 4);
}

TEST(UserSignals, RdhwrUserLocalIsEmulatedUnderIsaMips4AsLinuxDoes) {
  TinyElf e;
  e.vaddr = 0x400000;
  // set_thread_area(0x1234); rdhwr v1, $29; exit_group(v1 & 0xff) -> 0x34.
  e.code = {ori(4, 0, 0x1234), addiu(2, 0, 5242), test::kSyscall, 0x7c03e83b /* rdhwr v1, $29 */,
            0x30640000u | 0xff /* andi a0, v1, 0xff */, addiu(2, 0, 5058), test::kSyscall};
  Fixture f(e, {}, false);
  EXPECT_EQ(f.proc->run(), 0x34);
}

// ---- the address space ---------------------------------------------------------------
TEST(UserAddressSpace, PagesHonourPermissionsAndRecycledFramesAreZero) {
  Bus bus;
  bus.add_ram(0, 64 * kPageSize);
  AddressSpace as(bus, 0, 64 * kPageSize);
  as.map(0x10000, 2 * kPageSize, kRead | kWrite);
  EXPECT_TRUE(as.copy_out(0x10ffe, "abcd", 4));  // crosses the page boundary
  char back[5] = {};
  EXPECT_TRUE(as.copy_in(back, 0x10ffe, 4));
  EXPECT_STREQ(back, "abcd");
  EXPECT_TRUE(as.protect(0x10000, kPageSize, kRead));
  EXPECT_FALSE(as.copy_out(0x10000, "x", 1));
  EXPECT_TRUE(as.poke(0x10000, "y", 1));
  EXPECT_FALSE(as.protect(0x10000, 3 * kPageSize, kRead));  // third page is not mapped
  u64 before = as.frames_in_use();
  as.unmap(0x10000, 2 * kPageSize);
  EXPECT_EQ(as.frames_in_use(), before - 2);
  EXPECT_FALSE(as.copy_in(back, 0x10000, 1));
  as.map(0x20000, kPageSize, kRead);
  u8 b = 0xff;
  EXPECT_TRUE(as.copy_in(&b, 0x20000, 1));  // a recycled frame, zeroed
  EXPECT_EQ(b, 0);
}

TEST(UserAddressSpace, FindFreeSkipsMappedRangesTopDown) {
  Bus bus;
  bus.add_ram(0, 16 * kPageSize);
  AddressSpace as(bus, 0, 16 * kPageSize);
  as.map(0x9000, kPageSize, kRead);
  EXPECT_EQ(as.find_free(kPageSize, 0xa000), 0x8000u);
  EXPECT_EQ(as.find_free(2 * kPageSize, 0xc000), 0xa000u);
  EXPECT_EQ(as.find_free(2 * kPageSize, 0xb000), 0x7000u);
}

}  // namespace
}  // namespace ds::user
