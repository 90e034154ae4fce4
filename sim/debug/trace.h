// trace.h - `--trace FILE`: one commit record (commit_record.h) per
// instruction slot, filtered by CPU, mode, PC range and a window of
// machine-wide instruction counts (docs/debugging.md).
#pragma once
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "sim/debug/commit_record.h"

namespace ds::debug {

struct TraceOptions {
  std::string file;               // empty: no trace
  std::optional<unsigned> cpu;    // --trace-cpu N
  std::optional<char> mode;       // --trace-mode k|s|u
  u64 lo = 0, hi = ~u64{0};       // --trace-range LO:HI: PCs in [lo, hi)
  u64 first = 0, count = ~u64{0};  // --trace-window FIRST:COUNT
};

// Parses the command line's spellings into `o`; throws std::runtime_error
// with a one-line reason ("--trace-range wants LO:HI, not 'x'").
void parse_trace_mode(const std::string& s, TraceOptions& o);
void parse_trace_range(const std::string& s, TraceOptions& o);
void parse_trace_window(const std::string& s, TraceOptions& o);

class Tracer;
// The trace writer the command line asks for (the options as spelled there;
// empty strings and no cpu: not given), or null without --trace.  Throws
// std::runtime_error with a one-line reason for a filter without --trace,
// a malformed filter, or a file that cannot be written.
std::unique_ptr<Tracer> make_tracer(const std::string& file, std::optional<unsigned> cpu, const std::string& mode,
                                    const std::string& range, const std::string& window);

class Tracer {
 public:
  explicit Tracer(const TraceOptions& o);  // opens the file; throws on failure
  ~Tracer();
  Tracer(const Tracer&) = delete;
  Tracer& operator=(const Tracer&) = delete;

  // The machine-wide number of the next instruction slot (retired or
  // trapped, every CPU, in the machine's deterministic order).
  u64 next_slot() const { return slot_; }
  // Slots that ran without being looked at (CPUs the filter leaves out,
  // quanta before the window) still count.
  void skip(u64 slots) { slot_ += slots; }
  // Whether CPU `cpu` running at most `slots` slots from now can produce a
  // record; if not, it may run at full speed.
  bool may_record(unsigned cpu, u64 slots) const;
  // Whether every record the window allows has been considered.
  bool finished() const { return o_.count != ~u64{0} && slot_ >= o_.first + o_.count; }

  // After one slot of `c` (probe.before() was called before it): counts it
  // and writes its record if the filters let it through.
  void after(const RecordProbe& probe, mips::Cpu& c);

 private:
  TraceOptions o_;
  std::FILE* out_;
  u64 slot_ = 0;
};

}  // namespace ds::debug
