// progress.cpp - formatting the progress line.
#include "sim/progress.h"

#include <unistd.h>

#include <fmt/format.h>

namespace ds {

Progress::Progress(std::FILE* out, Mode mode)
    : out_(out), enabled_(mode == Mode::On || (mode == Mode::Auto && isatty(fileno(out)))) {}

void Progress::update(u64 sim_ns, u64 instructions, u64 limit) {
  if (!enabled_) return;
  Clock::time_point now = Clock::now();
  if (!started_) {  // measure speed from the first call: a resumed run starts mid-way
    started_ = true;
    start_ = last_ = now;
    start_insns_ = instructions;
    return;
  }
  if (now - last_ < std::chrono::milliseconds(500)) return;
  last_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  double mips = secs > 0 ? static_cast<double>(instructions - start_insns_) / secs / 1e6 : 0;
  std::string line = fmt::format("discosim: {:.3f} ms simulated, {} instructions, {:.0f} MIPS", sim_ns / 1e6,
                                 instructions, mips);
  if (limit && instructions < limit && mips > 0) {
    double left = static_cast<double>(limit - instructions) / (mips * 1e6);
    line += fmt::format(", {:.0f}% of the limit, ETA {:.0f} s", 100.0 * static_cast<double>(instructions) /
                                                                   static_cast<double>(limit), left);
  }
  std::fprintf(out_, "\r%-100s", line.c_str());
  std::fflush(out_);
  printed_ = true;
}

void Progress::finish() {
  if (printed_) std::fputc('\n', out_);
  printed_ = false;
}

}  // namespace ds
