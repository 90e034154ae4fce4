// process.cpp - construction, the run loop, address translation and the end
// of a user-mode process.  Exceptions are taken in traps.cpp, the initial
// image is built in loader.cpp.
#include "sim/user/process.h"

#include <cstdio>
#include <stdexcept>

namespace ds::user {

namespace {
// The frame pool: Bus RAM reserved lazily (MAP_NORESERVE), so its size is
// only an upper bound on the memory a guest may touch.
constexpr u64 kPoolBase = 0;
constexpr u64 kPoolSize = u64{4} << 30;
constexpr u64 kXusegTop = u64{1} << 44;
constexpr u64 kQuantum = u64{1} << 20;  // instructions per Cpu::run call
// Frames are handed out from the bottom of the pool, so the timing model's
// memory covers the first 512 MiB; references beyond it are not timed.
constexpr u64 kTimedBytes = u64{512} << 20;
constexpr u64 kClockMhz = 200;
}  // namespace

Process::Process(const ElfImage& img, const ProcessOptions& opt)
    : opt_(opt), mem_(bus_, kPoolBase, kPoolSize) {
  bus_.add_ram(kPoolBase, kPoolSize);
  cpu_ = std::make_unique<mips::Cpu>(0, bus_, dcache_, *this, img.big_endian);
  // User mode of a 64-bit Linux process: UX and XX set (MIPS III/IV open),
  // CU1 set with FR=1, CP0 closed; Release 2 only if requested.
  cpu_->forbidden = mips::kGateCp0 | (opt.isa_r2 ? 0u : u32{mips::kGateR2});
  cpu_->fpu.fr = true;
  if (opt.timing) {
    memsys_ = std::make_unique<numa::MemorySystem>(numa::MemoryConfig{}, numa::Topology{1, 1, kTimedBytes, kClockMhz});
    timing_ = std::make_unique<mips::CpuTiming>(0, *memsys_, cpu_->stall_cycles, bus_.ram_page(kPoolBase));
    cpu_->set_timing(timing_.get());
  }
  load(img);
  seen_generation_ = mem_.generation();
}

Process::~Process() = default;

int Process::run() {
  while (!exited_) {
    u64 quantum = kQuantum;
    if (opt_.max_insns) {
      if (cpu_->insns >= opt_.max_insns) {
        std::fflush(stdout);
        std::fprintf(stderr, "discosim: %s: instruction limit (%llu) reached at pc 0x%llx\n", opt_.path.c_str(),
                     static_cast<unsigned long long>(opt_.max_insns), static_cast<unsigned long long>(cpu_->pc));
        return 124;
      }
      quantum = std::min(quantum, opt_.max_insns - cpu_->insns);
    }
    if (hook_)
      hook_->run_quantum(*cpu_, quantum);
    else
      cpu_->run(quantum);
  }
  return exit_status_;
}

// Page-table walk on a software-TLB miss.  Unmapped pages raise TLBL/TLBS and
// pages without the permission raise the same codes (Mod for stores to a
// present page); traps.cpp turns both into kSIGSEGV.  Addresses outside the
// user segment (xuseg) raise address errors, as a user-mode R10000 would;
// those between TASK_SIZE and the end of xuseg are simply unmapped.
bool Process::translate(mips::Cpu& cpu, u64 va, mips::Access access, mips::Translation& out) {
  u8 need = access == mips::Access::Fetch ? kExec : access == mips::Access::Store ? kWrite : kRead;
  if (va >= kXusegTop) {  // beyond the R10000's 44-bit xuseg: address error
    cpu.raise(access == mips::Access::Store ? mips::Exc::AdES : mips::Exc::AdEL, va);
    return false;
  }
  u64 pa;
  if (mem_.lookup(va, need, pa)) {
    out.pa = pa & ~kPageMask;
    out.pa |= va & kPageMask;
    out.cacheable = true;
    return true;
  }
  bool present = mem_.prot_at(va) != 0;
  mips::Exc code = access == mips::Access::Store ? (present ? mips::Exc::Mod : mips::Exc::TLBS) : mips::Exc::TLBL;
  cpu.raise(code, va);
  cpu.exc.tlb_refill = !present;
  return false;
}

void Process::sync_tlb() {
  if (mem_.generation() != seen_generation_) {
    cpu_->flush_soft_tlb();
    seen_generation_ = mem_.generation();
  }
}

void Process::exit(int status) {
  exited_ = true;
  exit_status_ = status & 0xff;
  cpu_->stop();
}

void Process::kill_by_signal(int sig, u64 pc) {
  std::fflush(stdout);
  std::fprintf(stderr, "discosim: %s: terminated by signal %d (%s) at pc 0x%llx\n", opt_.path.c_str(), sig,
               signal_name(sig), static_cast<unsigned long long>(pc));
  exited_ = true;
  exit_status_ = 128 + sig;
  cpu_->stop();
}

// splitmix64 from a fixed seed: the same bytes on every run.
void Process::random_bytes(u8* out, u64 len) {
  for (u64 i = 0; i < len; ++i) {
    if (i % 8 == 0) {
      rng_state_ += 0x9e3779b97f4a7c15ull;
    }
    u64 z = rng_state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    out[i] = static_cast<u8>(z >> (8 * (i % 8)));
  }
}

}  // namespace ds::user
