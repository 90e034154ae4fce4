// event_queue.h - typed simulated time and the machine's event queue.
//
// Cycle is a point in simulated time, Latency a distance; mixing them up is
// a compile error.  One cycle is one CPU clock (MachineConfig::clock_mhz).
// Events at the same cycle fire in the order they were scheduled, so a run
// is deterministic whatever the host does.
#pragma once
#include <functional>
#include <queue>
#include <vector>

#include "sim/types.h"

namespace ds {

struct Latency {
  u64 cycles = 0;
};

struct Cycle {
  u64 value = 0;
  friend Cycle operator+(Cycle t, Latency d) { return {t.value + d.cycles}; }
  friend auto operator<=>(Cycle, Cycle) = default;
};

class EventQueue {
 public:
  using Action = std::function<void()>;

  // Runs `action` once simulated time reaches `when`.
  void schedule(Cycle when, Action action) { heap_.push({when, next_seq_++, std::move(action)}); }

  // Fires, in order, every event due at or before `now`; returns how many.
  // An action may schedule further events (they fire too if already due).
  unsigned run_until(Cycle now) {
    unsigned n = 0;
    while (!heap_.empty() && heap_.top().when <= now) {
      Action a = heap_.top().action;
      heap_.pop();
      a();
      ++n;
    }
    return n;
  }

  bool empty() const { return heap_.empty(); }
  Cycle next() const { return heap_.empty() ? Cycle{~u64{0}} : heap_.top().when; }

 private:
  struct Event {
    Cycle when;
    u64 seq;
    Action action;
    bool operator>(const Event& o) const { return when != o.when ? when > o.when : seq > o.seq; }
  };
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> heap_;
  u64 next_seq_ = 0;
};

}  // namespace ds
