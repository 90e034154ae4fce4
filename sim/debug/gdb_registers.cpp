// gdb_registers.cpp - register packets and the target description
// (gdb_registers.h).
#include "sim/debug/gdb_registers.h"

#include <fmt/format.h>

#include "sim/debug/gdb_server.h"
#include "sim/mips/cp0.h"

namespace ds::debug {

namespace {

constexpr unsigned kStatus = 32, kLo = 33, kHi = 34, kBadVAddr = 35, kCause = 36, kPc = 37, kF0 = 38,
                   kFcsr = 70, kFir = 71;

std::optional<u64> value(const mips::Cpu& c, unsigned n) {
  auto cp0 = [&](unsigned r) { return c.cp0 ? c.cp0->read(r) : 0; };
  if (n < 32) return c.gpr[n];
  if (n >= kF0 && n < kF0 + 32) return c.fpu.fpr[n - kF0];
  switch (n) {
    case kStatus: return cp0(mips::reg::Status);
    case kLo: return c.lo;
    case kHi: return c.hi;
    case kBadVAddr: return cp0(mips::reg::BadVAddr);
    case kCause: return cp0(mips::reg::Cause);
    case kPc: return c.pc;
    case kFcsr: return c.fpu.fcsr;
    case kFir: return c.fpu.fir;
    default: return std::nullopt;
  }
}

std::string encode(const mips::Cpu& c, u64 v) {
  u8 b[8];
  for (unsigned i = 0; i < 8; ++i) b[i] = static_cast<u8>(v >> 8 * (c.big_endian ? 7 - i : i));
  return to_hex(b, 8);
}

}  // namespace

const std::string& target_xml() {
  static const std::string xml = [] {
    std::string s =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target version=\"1.0\">\n"
        "<feature name=\"org.gnu.gdb.mips.cpu\">\n";
    for (unsigned r = 0; r < 32; ++r) s += fmt::format("<reg name=\"r{}\" bitsize=\"64\" regnum=\"{}\"/>\n", r, r);
    s += "<reg name=\"lo\" bitsize=\"64\" regnum=\"33\"/>\n<reg name=\"hi\" bitsize=\"64\" regnum=\"34\"/>\n"
         "<reg name=\"pc\" bitsize=\"64\" regnum=\"37\"/>\n</feature>\n"
         "<feature name=\"org.gnu.gdb.mips.cp0\">\n<reg name=\"status\" bitsize=\"64\" regnum=\"32\"/>\n"
         "<reg name=\"badvaddr\" bitsize=\"64\" regnum=\"35\"/>\n<reg name=\"cause\" bitsize=\"64\" regnum=\"36\"/>\n"
         "</feature>\n<feature name=\"org.gnu.gdb.mips.fpu\">\n";
    for (unsigned r = 0; r < 32; ++r)
      s += fmt::format("<reg name=\"f{}\" bitsize=\"64\" type=\"ieee_double\" regnum=\"{}\"/>\n", r, kF0 + r);
    s += "<reg name=\"fcsr\" bitsize=\"64\" group=\"float\" regnum=\"70\"/>\n"
         "<reg name=\"fir\" bitsize=\"64\" group=\"float\" regnum=\"71\"/>\n</feature>\n</target>\n";
    return s;
  }();
  return xml;
}

std::string gdb_registers(const mips::Cpu& c) {
  std::string s;
  for (unsigned n = 0; n < kNumGdbRegs; ++n) s += encode(c, *value(c, n));
  return s;
}

std::string gdb_register(const mips::Cpu& c, unsigned n) {
  auto v = value(c, n);
  return v ? encode(c, *v) : "E01";
}

bool set_gdb_register(mips::Cpu& c, unsigned n, const std::string& hex) {
  std::string bytes;
  if (!from_hex(hex, bytes) || bytes.size() != 8) return false;
  u64 v = 0;
  for (unsigned i = 0; i < 8; ++i) v |= u64{static_cast<u8>(bytes[i])} << 8 * (c.big_endian ? 7 - i : i);
  if (n == 0) return true;  // $zero stays zero
  if (n < 32) c.gpr[n] = v;
  else if (n >= kF0 && n < kF0 + 32) c.fpu.fpr[n - kF0] = v;
  else if (n == kLo) c.lo = v;
  else if (n == kHi) c.hi = v;
  else if (n == kPc) { if (v != c.pc) c.set_pc(v); }
  else if (n == kFcsr) c.fpu.fcsr = static_cast<u32>(v);
  else return value(c, n) && *value(c, n) == v;  // CP0, FIR: only rewriting the same value is accepted
  return true;
}

}  // namespace ds::debug
