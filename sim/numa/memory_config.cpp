// memory_config.cpp - parsing and validation of the [memory] section.
#include "sim/numa/memory_config.h"

#include <set>
#include <stdexcept>

#include "sim/config.h"
#include "sim/toml_keys.h"

namespace ds::numa {

namespace {

using toml_keys::fail;

u64 get_uint(const toml::table& t, const char* key, u64 def, const std::string& name) {
  return toml_keys::get_uint(t, key, def, name, "[memory] ");
}

// A size: an integer or a string with a K/M/G suffix.
u64 get_size(const toml::table& t, const char* key, u64 def, const std::string& name) {
  auto node = t.get(key);
  if (!node) return def;
  if (auto str = node->value<std::string>()) {
    try {
      return parse_size(*str);
    } catch (const std::exception& e) {
      fail(name, std::string("[memory] '") + key + "': " + e.what());
    }
  }
  return get_uint(t, key, def, name);
}

void get_cache(const toml::table& t, const std::string& prefix, CacheGeometry& g, const std::string& name) {
  g.size_bytes = get_size(t, (prefix + "_size").c_str(), g.size_bytes, name);
  g.ways = static_cast<unsigned>(get_uint(t, (prefix + "_ways").c_str(), g.ways, name));
  g.line_bytes = static_cast<unsigned>(get_uint(t, (prefix + "_line").c_str(), g.line_bytes, name));
}

void check_cache(const CacheGeometry& g, const std::string& what, const std::string& name) {
  auto pow2 = [](u64 v) { return v != 0 && std::has_single_bit(v); };
  if (!pow2(g.size_bytes) || !pow2(g.ways) || !pow2(g.line_bytes))
    fail(name, "[memory] " + what + ": size, ways and line must be powers of two");
  if (g.line_bytes < 8 || g.line_bytes > 4096) fail(name, "[memory] " + what + ": line must be 8..4096 bytes");
  if (g.size_bytes < u64{g.ways} * g.line_bytes)
    fail(name, "[memory] " + what + ": size smaller than ways * line");
  if (g.size_bytes > (u64{1} << 30)) fail(name, "[memory] " + what + ": size above 1G");
}

}  // namespace

void validate(const MemoryConfig& c, const std::string& name) {
  check_cache(c.l1i, "l1i", name);
  check_cache(c.l1d, "l1d", name);
  check_cache(c.l2, "l2", name);
  if (c.l1i.line_bytes > c.l2.line_bytes || c.l1d.line_bytes > c.l2.line_bytes)
    fail(name, "[memory] L1 lines must not be larger than the L2 line (inclusion)");
  if (c.l2.line_bytes > 4096) fail(name, "[memory] l2_line must not exceed a 4K page");
}

MemoryConfig parse_memory_config(const toml::table* section, const std::string& name) {
  MemoryConfig c;
  if (!section) return c;
  const toml::table& t = *section;
  static const std::set<std::string> allowed = {
      "model", "local_ns", "remote_ns", "dirty_extra_ns", "invalidate_extra_ns", "controller_occupancy_ns",
      "invalidate_occupancy_ns", "network_occupancy_ns", "l1_hit_cycles", "l2_hit_cycles", "uncached_ns", "l1i_size",
      "l1i_ways", "l1i_line", "l1d_size", "l1d_ways", "l1d_line", "l2_size", "l2_ways", "l2_line"};
  toml_keys::check_keys(t, "[memory]", allowed, name);

  if (auto node = t.get("model")) {
    auto m = node->value<std::string>();
    if (m && *m == "numa") c.model = MemoryModel::Numa;
    else if (m && *m == "uma") c.model = MemoryModel::Uma;
    else fail(name, "[memory] 'model' must be \"numa\" or \"uma\"");
  }
  c.local_ns = get_uint(t, "local_ns", c.local_ns, name);
  c.remote_ns = get_uint(t, "remote_ns", c.remote_ns, name);
  c.dirty_extra_ns = get_uint(t, "dirty_extra_ns", c.dirty_extra_ns, name);
  c.invalidate_extra_ns = get_uint(t, "invalidate_extra_ns", c.invalidate_extra_ns, name);
  c.controller_occupancy_ns = get_uint(t, "controller_occupancy_ns", c.controller_occupancy_ns, name);
  c.invalidate_occupancy_ns = get_uint(t, "invalidate_occupancy_ns", c.invalidate_occupancy_ns, name);
  c.network_occupancy_ns = get_uint(t, "network_occupancy_ns", c.network_occupancy_ns, name);
  c.l1_hit_cycles = get_uint(t, "l1_hit_cycles", c.l1_hit_cycles, name);
  c.l2_hit_cycles = get_uint(t, "l2_hit_cycles", c.l2_hit_cycles, name);
  c.uncached_ns = get_uint(t, "uncached_ns", c.uncached_ns, name);
  get_cache(t, "l1i", c.l1i, name);
  get_cache(t, "l1d", c.l1d, name);
  get_cache(t, "l2", c.l2, name);
  for (u64 ns : {c.local_ns, c.remote_ns, c.dirty_extra_ns, c.invalidate_extra_ns, c.controller_occupancy_ns,
                 c.invalidate_occupancy_ns, c.network_occupancy_ns})
    if (ns > 1'000'000'000) fail(name, "[memory] latencies must be below 1 s");
  if (c.l1_hit_cycles > 1'000'000 || c.l2_hit_cycles > 1'000'000) fail(name, "[memory] hit cycles too large");
  validate(c, name);
  return c;
}

}  // namespace ds::numa
