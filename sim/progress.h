// progress.h - the one-line progress report of long runs: simulated time,
// instructions, host speed and, when the run has an instruction limit, how
// far along it is and an estimate of the time left.  Printed on stderr,
// rewritten in place with '\r', at most twice a second; off by default when
// stderr is not a terminal, so logs and tests see no noise.
#pragma once
#include <chrono>
#include <cstdio>

#include "sim/types.h"

namespace ds {

class Progress {
 public:
  enum class Mode { Auto, On, Off };
  Progress(std::FILE* out, Mode mode);

  // Called often (every few hundred rounds); prints when enough host time has
  // passed.  `limit` = 0 means the end is not known.
  void update(u64 sim_ns, u64 instructions, u64 limit);
  // Ends the line if anything was printed.
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  std::FILE* out_;
  bool enabled_;
  bool printed_ = false;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_ = start_;
  u64 start_insns_ = 0;
  bool started_ = false;
};

}  // namespace ds
