// trace.cpp - filtering and writing commit records (trace.h).
#include "sim/debug/trace.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace ds::debug {

namespace {

// A number in C syntax (decimal, 0x hex); throws with `what` on junk.
u64 number(const std::string& s, const std::string& what) {
  if (s.empty()) throw std::runtime_error(what);
  errno = 0;
  char* end = nullptr;
  unsigned long long v = std::strtoull(s.c_str(), &end, 0);
  if (*end || errno || s[0] == '-') throw std::runtime_error(what);
  return v;
}

std::pair<u64, u64> pair_of(const std::string& s, const std::string& what) {
  auto colon = s.find(':');
  if (colon == std::string::npos) throw std::runtime_error(what);
  return {number(s.substr(0, colon), what), number(s.substr(colon + 1), what)};
}

}  // namespace

void parse_trace_mode(const std::string& s, TraceOptions& o) {
  if (s == "k" || s == "kernel") o.mode = 'k';
  else if (s == "s" || s == "supervisor") o.mode = 's';
  else if (s == "u" || s == "user") o.mode = 'u';
  else throw std::runtime_error("--trace-mode wants kernel, supervisor or user (k, s, u), not '" + s + "'");
}

void parse_trace_range(const std::string& s, TraceOptions& o) {
  std::string what = "--trace-range wants LO:HI (addresses, LO < HI), not '" + s + "'";
  auto [lo, hi] = pair_of(s, what);
  if (lo >= hi) throw std::runtime_error(what);
  o.lo = lo, o.hi = hi;
}

void parse_trace_window(const std::string& s, TraceOptions& o) {
  std::string what = "--trace-window wants FIRST:COUNT (instruction counts, COUNT > 0), not '" + s + "'";
  auto [first, count] = pair_of(s, what);
  if (count == 0) throw std::runtime_error(what);
  o.first = first, o.count = count;
}

std::unique_ptr<Tracer> make_tracer(const std::string& file, std::optional<unsigned> cpu, const std::string& mode,
                                    const std::string& range, const std::string& window) {
  if (file.empty()) {
    if (cpu || !mode.empty() || !range.empty() || !window.empty())
      throw std::runtime_error("--trace-cpu, --trace-mode, --trace-range and --trace-window need --trace FILE");
    return nullptr;
  }
  TraceOptions t;
  t.file = file;
  t.cpu = cpu;
  if (!mode.empty()) parse_trace_mode(mode, t);
  if (!range.empty()) parse_trace_range(range, t);
  if (!window.empty()) parse_trace_window(window, t);
  return std::make_unique<Tracer>(t);
}

Tracer::Tracer(const TraceOptions& o) : o_(o), out_(std::fopen(o.file.c_str(), "w")) {
  if (!out_) throw std::runtime_error(fmt::format("{}: cannot write trace file ({})", o.file, std::strerror(errno)));
}

Tracer::~Tracer() { std::fclose(out_); }

bool Tracer::may_record(unsigned cpu, u64 slots) const {
  if (o_.cpu && *o_.cpu != cpu) return false;
  if (slot_ + slots <= o_.first) return false;
  return !finished();
}

void Tracer::after(const RecordProbe& probe, mips::Cpu& c) {
  std::optional<CommitRecord> r = probe.record(c);
  if (!r) return;
  u64 n = slot_++;
  if (n < o_.first || (o_.count != ~u64{0} && n >= o_.first + o_.count)) return;
  if (o_.cpu && *o_.cpu != c.id) return;
  if (o_.mode && *o_.mode != r->mode) return;
  if (r->pc < o_.lo || r->pc >= o_.hi) return;
  std::string line = format_record(*r);
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), out_);
}

}  // namespace ds::debug
