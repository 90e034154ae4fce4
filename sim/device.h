// device.h - what every memory-mapped device implements.
//
// A device sees only offsets inside its own window; it never knows where the
// board placed it (sim/memmap.h does).  Accesses are 1, 2, 4 or 8 bytes,
// naturally aligned; values are plain integers (the bus handles byte order).
// Each access names the CPU that made it, as a bus transaction carries its
// requester (kNoCpu for the simulator itself, e.g. a loader or a debugger).
// A device that rejects an access returns false and the CPU takes a bus error.
#pragma once
#include <functional>
#include <string>

#include "sim/checkpoint.h"
#include "sim/types.h"

namespace ds {

struct MmioAccess {
  u64 offset;     // inside the device's window
  unsigned size;  // 1, 2, 4 or 8 bytes
  unsigned cpu;   // requesting CPU, or kNoCpu
};
constexpr unsigned kNoCpu = ~0u;

// An interrupt line as a device sees it: raise (true) or lower (false).
// The board decides which CPU and which Cause.IP bit it reaches.
using IrqLine = std::function<void(bool level)>;

class Device {
 public:
  virtual ~Device() = default;
  virtual const char* name() const = 0;
  virtual bool read(const MmioAccess& a, u64& value) = 0;
  virtual bool write(const MmioAccess& a, u64 value) = 0;
  // Checkpoints: a device with state writes it all and reads it back in the
  // same order; a stateless device keeps these defaults.
  virtual void save(CheckpointWriter&) const {}
  virtual void restore(CheckpointReader&) {}
};

}  // namespace ds
