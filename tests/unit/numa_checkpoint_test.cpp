// numa_checkpoint_test.cpp - the memory system's timing state survives a
// checkpoint: a restored copy answers every later access exactly as the
// original does; a checkpoint from another shape or a corrupt one is a
// clear error.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "sim/numa/memory_system.h"

namespace ds::numa {
namespace {

struct TempPath {
  std::string path;
  TempPath() {
    char tmpl[] = "/tmp/discosim-numa-XXXXXX";
    int fd = mkstemp(tmpl);
    close(fd);
    path = tmpl;
  }
  ~TempPath() { std::remove(path.c_str()); }
};

MemoryConfig small() {
  MemoryConfig cfg;
  cfg.l1d = {512, 2, 32};
  cfg.l1i = {512, 2, 64};
  cfg.l2 = {2048, 2, 128};
  return cfg;
}
const Topology kTopo{2, 2, 8192, 200};

// Deterministic traffic: step i of a fixed pseudo-random stream.
struct Traffic {
  u64 x = 7;
  AccessResult step(MemorySystem& m, int i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    return m.access(static_cast<unsigned>((x >> 40) % 4), (x >> 16) % 16384,
                    static_cast<AccessKind>((x >> 8) % 5), Cycle{u64(i) * 3});
  }
};

TEST(NumaCheckpoint, RestoredMemorySystemTimesEveryLaterAccessIdentically) {
  TempPath tmp;
  MemorySystem a(small(), kTopo);
  Traffic ta;
  for (int i = 0; i < 5000; ++i) ta.step(a, i);
  {
    CheckpointWriter w(tmp.path);
    a.save(w);
    w.finish();
  }
  MemorySystem b(small(), kTopo);
  {
    CheckpointReader r(tmp.path);
    b.restore(r);
    r.expect_end();
  }
  Traffic tb = ta;
  for (int i = 5000; i < 10000; ++i) {
    AccessResult ra = ta.step(a, i), rb = tb.step(b, i);
    ASSERT_EQ(ra.stall.cycles, rb.stall.cycles) << i;
    ASSERT_EQ(ra.cause, rb.cause) << i;
  }
  for (unsigned c = 0; c < 4; ++c) {
    EXPECT_EQ(a.stats(c).l2_misses, b.stats(c).l2_misses);
    EXPECT_EQ(a.stats(c).contention_cycles, b.stats(c).contention_cycles);
  }
}

TEST(NumaCheckpoint, CheckpointOfAnotherShapeOrCorruptIsAnError) {
  TempPath tmp;
  MemorySystem a(small(), kTopo);
  a.access(0, 0x100, AccessKind::Store, Cycle{0});
  {
    CheckpointWriter w(tmp.path);
    a.save(w);
    w.finish();
  }
  MemorySystem other(MemoryConfig{}, kTopo);  // larger caches
  {
    CheckpointReader r(tmp.path);
    EXPECT_THROW(other.restore(r), std::runtime_error);
  }
  // Flip every byte of the payload in turn (stride keeps it quick): never a
  // crash; either an error or a well-formed state.
  std::ifstream in(tmp.path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  for (size_t k = bytes.size() / 2; k < bytes.size(); k += 97) {
    std::string bad = bytes;
    bad[k] = static_cast<char>(bad[k] ^ 0x5A);
    {
      std::ofstream out(tmp.path, std::ios::binary | std::ios::trunc);
      out << bad;
    }
    MemorySystem b(small(), kTopo);
    try {
      CheckpointReader r(tmp.path);
      b.restore(r);
    } catch (const std::runtime_error&) {
      continue;
    }
    b.access(1, 0x100, AccessKind::Store, Cycle{10});
  }
}

}  // namespace
}  // namespace ds::numa
