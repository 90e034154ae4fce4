// fpu_diff.cpp - differential test of the FPU against QEMU: runs one
// generated FP edge-case program (gen_fpu_vectors.py) under qemu-mips64 and
// under the simulator's CPU, and compares the records both write to stdout.
//
// The simulator side is a deliberately tiny Linux user mode (this test must
// not depend on the full user-mode runner): identity-mapped RAM, and the two
// syscalls the program makes, write (5001) and exit_group (5058).
//
// usage: fpu-diff PROGRAM.elf PROGRAM.ops QEMU_BINARY QEMU_CPU
// Exit status 0 when every record matches; otherwise the first mismatches
// (decoded) and a count per instruction go to stderr.
#include <cstdio>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "sim/bus.h"
#include "sim/elf_loader.h"
#include "sim/mips/cpu.h"

namespace {

using namespace ds;
using namespace ds::mips;

constexpr u64 kRamSize = u64{512} << 20;  // the program links at 256 MiB
constexpr u64 kMaxInsns = 200'000'000;

// Linux n64 user mode reduced to what the generated program needs.
class MiniProcess : public CpuOwner {
 public:
  std::string out;
  std::string error;
  bool exited = false;

  bool translate(Cpu& cpu, u64 va, Access access, Translation& t) override {
    if (va >= kRamSize) {
      cpu.raise(access == Access::Store ? Exc::AdES : Exc::AdEL, va);
      return false;
    }
    t.pa = va;
    return true;
  }

  void take_exception(Cpu& cpu) override {
    if (cpu.exc.code != Exc::Sys) {
      error = fmt::format("unexpected exception {} at pc {:#x}", exc_name(cpu.exc.code), cpu.cur_pc);
      return cpu.stop();
    }
    u64 nr = cpu.gpr[2];
    if (nr == 5058) {  // exit_group
      exited = true;
      return cpu.stop();
    }
    if (nr != 5001) {
      error = fmt::format("unexpected syscall {}", nr);
      return cpu.stop();
    }
    u64 len = cpu.gpr[6];
    std::string buf(len, '\0');
    if (cpu.gpr[4] != 1 || !cpu.bus().read_bytes(cpu.gpr[5], buf.data(), len)) {
      error = "bad write() arguments";
      return cpu.stop();
    }
    out += buf;
    cpu.gpr[2] = len, cpu.gpr[7] = 0;
  }
};

std::string run_simulator(const std::string& elf_path) {
  ElfImage img = load_elf(elf_path);
  Bus bus;
  bus.add_ram(0, kRamSize);
  for (const ElfSegment& s : img.segments)
    if (!bus.write_bytes(s.vaddr, s.bytes.data(), s.bytes.size()))
      throw std::runtime_error("segment outside the test's RAM");
  DecodeCache dcache;
  MiniProcess proc;
  Cpu cpu(0, bus, dcache, proc, img.big_endian);
  cpu.forbidden = kGateCp0 | kGateR2;  // MIPS IV user mode, FPU usable, FR=1
  cpu.set_pc(img.entry);
  u64 done = 0;
  while (!cpu.stopped() && done < kMaxInsns) done += cpu.run(1'000'000);
  if (!proc.error.empty()) throw std::runtime_error("simulator: " + proc.error);
  if (!proc.exited) throw std::runtime_error("simulator: program did not exit");
  return proc.out;
}

std::string run_qemu(const std::string& qemu, const std::string& cpu, const std::string& elf) {
  std::string cmd = fmt::format("'{}' -cpu {} '{}'", qemu, cpu, elf);
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) throw std::runtime_error("cannot start " + cmd);
  std::string out;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  if (pclose(p) != 0) throw std::runtime_error("qemu failed: " + cmd);
  return out;
}

struct Record {
  u64 result, a, b, c;
  u32 fcsr_in, fcsr_out, op;
};

Record record_at(const std::string& s, size_t i) {
  const u8* p = reinterpret_cast<const u8*>(s.data()) + 48 * i;
  return {load_guest<u64>(p, true),      load_guest<u64>(p + 8, true),  load_guest<u64>(p + 16, true),
          load_guest<u64>(p + 24, true), load_guest<u32>(p + 32, true), load_guest<u32>(p + 36, true),
          load_guest<u32>(p + 40, true)};
}

int compare(const std::string& qemu, const std::string& sim, const std::vector<std::string>& ops) {
  if (qemu.size() != sim.size() || qemu.size() % 48) {
    fmt::print(stderr, "output sizes differ: qemu {} bytes, simulator {} bytes\n", qemu.size(), sim.size());
    return 1;
  }
  size_t n = qemu.size() / 48, bad = 0;
  std::map<std::string, size_t> per_op;
  for (size_t i = 0; i < n; ++i) {
    Record q = record_at(qemu, i), s = record_at(sim, i);
    if (q.result == s.result && q.fcsr_out == s.fcsr_out) continue;
    const std::string& name = q.op < ops.size() ? ops[q.op] : "?";
    ++per_op[name];
    if (++bad <= 30)
      fmt::print(stderr, "{:<12} a={:016x} b={:016x} c={:016x} fcsr={:08x}: qemu {:016x} fcsr {:08x}, sim {:016x} fcsr {:08x}\n",
                 name, q.a, q.b, q.c, q.fcsr_in, q.result, q.fcsr_out, s.result, s.fcsr_out);
  }
  for (auto& [name, count] : per_op) fmt::print(stderr, "  {}: {} mismatches\n", name, count);
  fmt::print("{} records compared, {} mismatches\n", n, bad);
  return bad ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    fmt::print(stderr, "usage: fpu-diff PROGRAM.elf PROGRAM.ops QEMU_BINARY QEMU_CPU\n");
    return 2;
  }
  try {
    std::vector<std::string> ops;
    std::ifstream f(argv[2]);
    for (std::string line; std::getline(f, line);) ops.push_back(line);
    std::string sim = run_simulator(argv[1]);
    std::string qemu = run_qemu(argv[3], argv[4], argv[1]);
    return compare(qemu, sim, ops);
  } catch (const std::exception& e) {
    fmt::print(stderr, "fpu-diff: {}\n", e.what());
    return 2;
  }
}
