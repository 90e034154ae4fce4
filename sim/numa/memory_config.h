// memory_config.h - the [memory] section of a machine description: cache
// geometry, miss latencies and occupancies of the ccNUMA memory system.
// Parameters and their meaning: docs/memory-system.md.
//
//   [memory]
//   model = "numa"                # or "uma": every miss costs local_ns
//   local_ns = 300                # minimum miss latency, home = requester's node
//   remote_ns = 900               # minimum miss latency, another node involved
//   dirty_extra_ns = 300          # third hop: line dirty in another CPU's cache
//   invalidate_extra_ns = 200     # write waits for invalidation acknowledgements
//   controller_occupancy_ns = 50  # memory/directory controller busy per request
//   invalidate_occupancy_ns = 10  # ... plus this per invalidation it sends
//   network_occupancy_ns = 20     # network interface busy per message
//   l1_hit_cycles = 0             # stall on an L1 hit (beyond the pipeline)
//   l2_hit_cycles = 10            # stall on an L1 miss that hits the L2
//   uncached_ns = 300             # an uncached reference (device, kseg1)
//   l1i_size = "32K"   l1i_ways = 2   l1i_line = 64
//   l1d_size = "32K"   l1d_ways = 2   l1d_line = 32
//   l2_size  = "1M"    l2_ways  = 2   l2_line  = 128
//
// Unknown keys are errors, as in the rest of the configuration.
#pragma once
#include <string>
#include <toml++/toml.h>

#include "sim/numa/cache.h"
#include "sim/types.h"

namespace ds::numa {

enum class MemoryModel : u8 { Numa, Uma };

struct MemoryConfig {
  MemoryModel model = MemoryModel::Numa;
  u64 local_ns = 300;
  u64 remote_ns = 900;
  u64 dirty_extra_ns = 300;
  u64 invalidate_extra_ns = 200;
  u64 controller_occupancy_ns = 50;
  u64 invalidate_occupancy_ns = 10;
  u64 network_occupancy_ns = 20;
  u64 l1_hit_cycles = 0;
  u64 l2_hit_cycles = 10;
  u64 uncached_ns = 300;  // used by the CPU's timing model (sim/mips/timing.h)
  CacheGeometry l1i{32 << 10, 2, 64};
  CacheGeometry l1d{32 << 10, 2, 32};
  CacheGeometry l2{1 << 20, 2, 128};
};

// Reads [memory] (section may be null: all defaults).  Throws
// std::runtime_error("name: reason") on an unknown key, a bad value or an
// impossible geometry (see validate()).
MemoryConfig parse_memory_config(const toml::table* section, const std::string& name);

// Throws std::runtime_error("name: reason") unless every cache is a power of
// two in size, ways and line (line >= 8, size >= ways * line) and both L1
// lines are no larger than the L2 line (inclusion needs it).
void validate(const MemoryConfig& c, const std::string& name);

// ns -> CPU cycles at clock_mhz, rounded up (a latency is never shortened).
constexpr u64 ns_to_cycles(u64 ns, u64 clock_mhz) { return (ns * clock_mhz + 999) / 1000; }

}  // namespace ds::numa
