// numa_config_test.cpp - the [memory] section: defaults, every key, and
// one-line errors for unknown keys, bad values and impossible geometry.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "sim/numa/memory_config.h"

namespace ds::numa {
namespace {

MemoryConfig parse(const std::string& text) {
  toml::table root = toml::parse(text);
  return parse_memory_config(root["memory"].as_table(), "test.toml");
}

std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(MemoryConfig, MissingSectionGivesThePaperDefaults) {
  MemoryConfig c = parse("");
  EXPECT_EQ(c.model, MemoryModel::Numa);
  EXPECT_EQ(c.local_ns, 300u);
  EXPECT_EQ(c.remote_ns, 900u);
  EXPECT_EQ(c.l1i.size_bytes, 32u << 10);
  EXPECT_EQ(c.l1i.line_bytes, 64u);
  EXPECT_EQ(c.l1d.line_bytes, 32u);
  EXPECT_EQ(c.l2.size_bytes, 1u << 20);
  EXPECT_EQ(c.l2.ways, 2u);
  EXPECT_EQ(c.l2.line_bytes, 128u);
}

TEST(MemoryConfig, EveryKeyIsRead) {
  MemoryConfig c = parse(R"([memory]
model = "uma"
local_ns = 100
remote_ns = 400
dirty_extra_ns = 50
invalidate_extra_ns = 60
controller_occupancy_ns = 70
invalidate_occupancy_ns = 5
network_occupancy_ns = 8
l1_hit_cycles = 1
l2_hit_cycles = 12
l1i_size = "16K"
l1i_ways = 4
l1i_line = 32
l1d_size = 8192
l1d_ways = 1
l1d_line = 16
l2_size = "2M"
l2_ways = 8
l2_line = 64
)");
  EXPECT_EQ(c.model, MemoryModel::Uma);
  EXPECT_EQ(c.local_ns, 100u);
  EXPECT_EQ(c.remote_ns, 400u);
  EXPECT_EQ(c.dirty_extra_ns, 50u);
  EXPECT_EQ(c.invalidate_extra_ns, 60u);
  EXPECT_EQ(c.controller_occupancy_ns, 70u);
  EXPECT_EQ(c.invalidate_occupancy_ns, 5u);
  EXPECT_EQ(c.network_occupancy_ns, 8u);
  EXPECT_EQ(c.l1_hit_cycles, 1u);
  EXPECT_EQ(c.l2_hit_cycles, 12u);
  EXPECT_EQ(c.l1i.size_bytes, 16u << 10);
  EXPECT_EQ(c.l1i.ways, 4u);
  EXPECT_EQ(c.l1i.line_bytes, 32u);
  EXPECT_EQ(c.l1d.size_bytes, 8192u);
  EXPECT_EQ(c.l1d.ways, 1u);
  EXPECT_EQ(c.l1d.line_bytes, 16u);
  EXPECT_EQ(c.l2.size_bytes, 2u << 20);
  EXPECT_EQ(c.l2.ways, 8u);
  EXPECT_EQ(c.l2.line_bytes, 64u);
}

TEST(MemoryConfig, ErrorsAreOneLineAndNameTheProblem) {
  EXPECT_EQ(error_of("[memory]\nlocal_nss = 3\n"), "test.toml: unknown key 'local_nss' in [memory]");
  EXPECT_EQ(error_of("[memory]\nmodel = \"coma\"\n"), "test.toml: [memory] 'model' must be \"numa\" or \"uma\"");
  EXPECT_EQ(error_of("[memory]\nremote_ns = -1\n"), "test.toml: [memory] 'remote_ns' must be a non-negative integer");
  EXPECT_EQ(error_of("[memory]\nl2_ways = 3\n"), "test.toml: [memory] l2: size, ways and line must be powers of two");
  EXPECT_EQ(error_of("[memory]\nl1d_size = \"32X\"\n"),
            "test.toml: [memory] 'l1d_size': malformed size '32X' (suffix must be K, M or G)");
  EXPECT_EQ(error_of("[memory]\nl1i_line = 256\n"),
            "test.toml: [memory] L1 lines must not be larger than the L2 line (inclusion)");
  EXPECT_EQ(error_of("[memory]\nl1d_size = 32\nl1d_ways = 2\n"),
            "test.toml: [memory] l1d: size smaller than ways * line");
  EXPECT_EQ(error_of("[memory]\nl1d_line = 0\n"), "test.toml: [memory] l1d: size, ways and line must be powers of two");
  for (const char* bad : {"[memory]\nl2_size = \"4G\"\n", "[memory]\nlocal_ns = 5000000000\n",
                          "[memory]\nl2_line = 8192\nl1i_line = 64\n"})
    EXPECT_NE(error_of(bad), "(no error)") << bad;
}

TEST(MemoryConfig, NanosecondsBecomeCyclesRoundedUp) {
  EXPECT_EQ(ns_to_cycles(300, 200), 60u);
  EXPECT_EQ(ns_to_cycles(900, 200), 180u);
  EXPECT_EQ(ns_to_cycles(300, 133), 40u);  // 39.9 -> 40
  EXPECT_EQ(ns_to_cycles(0, 200), 0u);
}

}  // namespace
}  // namespace ds::numa
