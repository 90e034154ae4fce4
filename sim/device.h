// device.h - what every memory-mapped device implements.
//
// A device sees only offsets inside its own window; it never knows where the
// board placed it (sim/memmap.h does).  Accesses are 1, 2, 4 or 8 bytes,
// naturally aligned; values are plain integers (the bus handles byte order).
// A device that rejects an access returns false and the CPU takes a bus error.
#pragma once
#include <string>

#include "sim/types.h"

namespace ds {

class Device {
 public:
  virtual ~Device() = default;
  virtual const char* name() const = 0;
  virtual bool read(u64 offset, unsigned size, u64& value) = 0;
  virtual bool write(u64 offset, unsigned size, u64 value) = 0;
};

}  // namespace ds
