// gdb_monitor.cpp - `monitor` commands (qRcmd) of the gdb stub: the CP0
// registers and the TLB gdb's MIPS register set has no room for, physical
// memory, and restricting a breakpoint to one address space.
//
//   monitor cp0                  CP0 registers of the selected CPU
//   monitor tlb                  its 64 TLB entries (valid ones, or all with "tlb all")
//   monitor phys ADDR LEN        hex dump of physical memory (RAM only)
//   monitor asid ADDR N          the breakpoint at ADDR hits only while EntryHi.ASID = N
//   monitor asid ADDR any        ... in every address space again
//   monitor asid                 list the restrictions
#include <sstream>

#include <fmt/format.h>

#include "sim/debug/gdb_target.h"
#include "sim/debug/peek.h"
#include "sim/mips/cp0.h"

namespace ds::debug {

namespace {

constexpr struct {
  const char* name;
  unsigned reg;
} kCp0Regs[] = {
    {"Index", 0},     {"Random", 1},   {"EntryLo0", 2},  {"EntryLo1", 3}, {"Context", 4}, {"PageMask", 5},
    {"Wired", 6},     {"BadVAddr", 8}, {"Count", 9},     {"EntryHi", 10}, {"Compare", 11}, {"Status", 12},
    {"Cause", 13},    {"EPC", 14},     {"PRId", 15},     {"Config", 16},  {"LLAddr", 17}, {"WatchLo", 18},
    {"WatchHi", 19},  {"XContext", 20}, {"ErrorEPC", 30},
};

const char* kHelp =
    "monitor commands (docs/debugging.md):\n"
    "  cp0                CP0 registers of the selected CPU\n"
    "  tlb [all]          its TLB entries (valid ones, or all 64)\n"
    "  phys ADDR LEN      physical memory, hex (RAM only)\n"
    "  asid ADDR N|any    the breakpoint at ADDR hits only in address space N (or any)\n"
    "  asid               list those restrictions\n";

std::string cp0_dump(const mips::Cpu& c) {
  if (!c.cp0) return "no CP0 (user-mode runner)\n";
  std::string s = fmt::format("cpu{} mode {}\n", c.id, mode_letter(c));
  for (const auto& r : kCp0Regs) s += fmt::format("{:<9} {:016x}\n", r.name, c.cp0->read(r.reg));
  return s;
}

std::string tlb_dump(const mips::Cpu& c, bool all) {
  if (!c.cp0) return "no TLB (user-mode runner)\n";
  std::string s = "idx pagemask         entryhi          entrylo0         entrylo1\n";
  const mips::Jtlb& t = c.cp0->tlb();
  for (unsigned i = 0; i < mips::Jtlb::kEntries; ++i) {
    const mips::TlbEntry& e = t.entry(i);
    bool valid = (e.lo[0] | e.lo[1]) & mips::entrylo::V;
    if (!all && !valid) continue;
    s += fmt::format("{:>3} {:016x} {:016x} {:016x} {:016x}{}\n", i, e.page_mask, e.hi, e.lo[0], e.lo[1],
                     e.global() ? " G" : "");
  }
  return s;
}

}  // namespace

std::string GdbTarget::monitor(const std::string& cmd) {
  std::istringstream in(cmd);
  std::string word;
  in >> word;
  mips::Cpu& c = m_.cpu(gthread_);
  if (word == "cp0") return cp0_dump(c);
  if (word == "tlb") {
    std::string all;
    in >> all;
    return tlb_dump(c, all == "all");
  }
  if (word == "phys") {
    std::string a, l;
    in >> a >> l;
    char* e1 = nullptr;
    char* e2 = nullptr;
    u64 addr = std::strtoull(a.c_str(), &e1, 0), len = std::strtoull(l.c_str(), &e2, 0);
    if (a.empty() || l.empty() || *e1 || *e2 || len == 0 || len > 65536)
      return "usage: monitor phys ADDR LEN (LEN 1..65536)\n";
    std::string s;
    for (u64 off = 0; off < len; off += 16) {
      s += fmt::format("{:010x}:", addr + off);
      for (u64 k = off; k < std::min(len, off + 16); ++k) {
        const u8* page = m_.memory().ram_page((addr + k) & ~kPageMask);
        if (!page) return s + fmt::format(" (0x{:x} is not RAM)\n", addr + k);
        s += fmt::format(" {:02x}", page[(addr + k) & kPageMask]);
      }
      s += '\n';
    }
    return s;
  }
  if (word == "asid") {
    std::string a, n;
    in >> a >> n;
    if (a.empty()) {
      std::string s;
      for (auto [addr, asid] : asid_of_) s += fmt::format("0x{:x} asid {}\n", addr, asid);
      return s.empty() ? "no breakpoint is restricted to an address space\n" : s;
    }
    char* e1 = nullptr;
    char* e2 = nullptr;
    u64 addr = std::strtoull(a.c_str(), &e1, 0);
    if (*e1 || n.empty()) return "usage: monitor asid ADDR N|any\n";
    if (n == "any") {
      asid_of_.erase(addr);
      return fmt::format("breakpoint at 0x{:x}: every address space\n", addr);
    }
    unsigned long asid = std::strtoul(n.c_str(), &e2, 0);
    if (*e2 || asid > 255) return "usage: monitor asid ADDR N|any (N 0..255)\n";
    asid_of_[addr] = static_cast<unsigned>(asid);
    return fmt::format("breakpoint at 0x{:x}: address space {} only\n", addr, asid);
  }
  if (word.empty() || word == "help") return kHelp;
  return "unknown monitor command '" + word + "'\n" + kHelp;
}

}  // namespace ds::debug
