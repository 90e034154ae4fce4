// checkpoint_test.cpp - the checkpoint format and the components that save
// themselves without a CPU: RAM (sparse pages), LL/SC reservations, devices
// (a disk command in flight survives the round trip), and corrupt files.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "sim/bus.h"
#include "sim/checkpoint.h"
#include "sim/devices/disk.h"
#include "sim/devices/ipi.h"
#include "sim/event_queue.h"

namespace ds {
namespace {

std::string temp_path(const char* tag) {
  return std::string("/tmp/discosim-ckpt-") + tag + "-" + std::to_string(getpid());
}

TEST(Checkpoint, RamAndReservationsRoundTrip) {
  std::string path = temp_path("ram");
  Bus a;
  a.add_ram(0, 1 << 20);
  const char msg[] = "state to keep";
  ASSERT_TRUE(a.write_bytes(0x12345, msg, sizeof(msg)));
  a.reserve(3, a.ram_page(0x8000) + 0x80);
  {
    CheckpointWriter w(path);
    a.save(w);
    w.finish();
  }
  Bus b;
  b.add_ram(0, 1 << 20);
  ASSERT_TRUE(b.write_bytes(0x40000, "stale", 5));  // must be cleared by restore
  CheckpointReader r(path);
  b.restore(r);
  r.expect_end();
  char got[sizeof(msg)];
  ASSERT_TRUE(b.read_bytes(0x12345, got, sizeof(got)));
  EXPECT_STREQ(got, msg);
  char stale[5];
  ASSERT_TRUE(b.read_bytes(0x40000, stale, 5));
  EXPECT_EQ(std::string(stale, 5), std::string(5, '\0'));
  EXPECT_TRUE(b.page_reserved(b.ram_page(0x8000)));
  int lost = -1;
  b.on_link_lost = [&](unsigned cpu) { lost = static_cast<int>(cpu); };
  b.note_store(b.ram_page(0x8000) + 0x90, 4, 0);  // same 128-byte line
  EXPECT_EQ(lost, 3);
  std::remove(path.c_str());
}

TEST(Checkpoint, SparseRamKeepsTheFileSmall) {
  std::string path = temp_path("sparse");
  Bus a;
  a.add_ram(0, 64 << 20);
  ASSERT_TRUE(a.write_bytes(0x100000, "x", 1));
  {
    CheckpointWriter w(path);
    a.save(w);
    w.finish();
  }
  std::ifstream f(path, std::ios::binary | std::ios::ate);
  EXPECT_LT(static_cast<long>(f.tellg()), 8192);  // one page, not 64 MiB
  std::remove(path.c_str());
}

TEST(Checkpoint, DiskCommandInFlightCompletesAfterRestore) {
  std::string img = temp_path("img"), path = temp_path("disk");
  {
    std::ofstream o(img, std::ios::binary);
    for (int k = 0; k < 4 * 512; ++k) o.put(static_cast<char>(k * 3));
  }
  Bus bus;
  bus.add_ram(0, 1 << 16);
  EventQueue ev;
  Cycle now{100};
  bool irq = false;
  DiskController d({{img, false}}, DiskTiming{Latency{50}, Latency{1}}, bus, ev, now, [&](bool l) { irq = l; });
  for (auto [reg, v] : {std::pair{DiskController::kTarget, 0ull}, {DiskController::kSector, 1ull},
                        {DiskController::kCount, 1ull}, {DiskController::kDmaAddr, 0x200ull}})
    ASSERT_TRUE(d.write({reg, 8, 0}, v));
  ASSERT_TRUE(d.write({DiskController::kCommand, 8, 0}, DiskController::kRead));
  {
    CheckpointWriter w(path);
    d.save(w);
    w.finish();
  }
  // A fresh controller, as in a new simulator process, picks the command up.
  Bus bus2;
  bus2.add_ram(0, 1 << 16);
  EventQueue ev2;
  Cycle now2{100};
  bool irq2 = false;
  DiskController d2({{img, false}}, DiskTiming{Latency{50}, Latency{1}}, bus2, ev2, now2, [&](bool l) { irq2 = l; });
  CheckpointReader r(path);
  d2.restore(r);
  now2.value = 150;
  ev2.run_until(now2);
  EXPECT_FALSE(irq2);  // due at 151
  now2.value = 151;
  ev2.run_until(now2);
  EXPECT_TRUE(irq2);
  u8 b = 0;
  ASSERT_TRUE(bus2.read_bytes(0x200 + 7, &b, 1));
  EXPECT_EQ(b, static_cast<u8>((512 + 7) * 3));
  (void)irq;
  std::remove(img.c_str());
  std::remove(path.c_str());
}

TEST(Checkpoint, CorruptOrForeignFilesGiveOneLineErrors) {
  std::string path = temp_path("bad");
  {
    std::ofstream o(path);
    o << "not a checkpoint at all";
  }
  try {
    CheckpointReader r(path);
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), path + ": not a discosim checkpoint");
  }
  {
    CheckpointWriter w(path);
    w.section("cpu");
    w.finish();
  }
  CheckpointReader r(path);
  try {
    r.section("bus");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), path + ": corrupt checkpoint (expected section 'bus', found 'cpu')");
  }
  EXPECT_THROW(r.u64v(), std::runtime_error);  // truncated
  std::remove(path.c_str());
}

}  // namespace
}  // namespace ds
