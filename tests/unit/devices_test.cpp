// devices_test.cpp - board devices on their own: the disk controller's DMA,
// errors, latency and interrupt; the IPI unit; node clocks; event order.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "sim/bus.h"
#include "sim/devices/disk.h"
#include "sim/devices/ipi.h"
#include "sim/devices/node_clock.h"
#include "sim/event_queue.h"

namespace ds {
namespace {

// A temporary disk image of `sectors` sectors; byte k holds (k * 7 + seed).
struct TempImage {
  std::string path;
  TempImage(u64 sectors, u8 seed, u64 extra_bytes = 0) {
    char tmpl[] = "/tmp/discosim-disk-XXXXXX";
    int fd = mkstemp(tmpl);
    path = tmpl;
    std::vector<u8> data(sectors * 512 + extra_bytes);
    for (size_t k = 0; k < data.size(); ++k) data[k] = static_cast<u8>(k * 7 + seed);
    EXPECT_EQ(write(fd, data.data(), data.size()), static_cast<ssize_t>(data.size()));
    close(fd);
  }
  ~TempImage() { std::remove(path.c_str()); }
  std::vector<u8> contents() const {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
};

struct DiskRig {
  Bus bus;
  EventQueue events;
  Cycle now;
  bool irq = false;
  int irq_edges = 0;
  std::unique_ptr<DiskController> disk;

  explicit DiskRig(const std::vector<DiskImage>& images) {
    bus.add_ram(0, 1 << 20);
    disk = std::make_unique<DiskController>(images, DiskTiming{Latency{1000}, Latency{10}}, bus, events, now,
                                            [this](bool level) {
                                              irq_edges += level && !irq;
                                              irq = level;
                                            });
  }
  void reg(u64 off, u64 v) { ASSERT_TRUE(disk->write({off, 8, 0}, v)); }
  u64 reg(u64 off) {
    u64 v = 0;
    EXPECT_TRUE(disk->read({off, 8, 0}, v));
    return v;
  }
  void command(u64 cmd, u64 target, u64 sector, u64 count, u64 dma) {
    reg(DiskController::kTarget, target);
    reg(DiskController::kSector, sector);
    reg(DiskController::kCount, count);
    reg(DiskController::kDmaAddr, dma);
    reg(DiskController::kCommand, cmd);
  }
  void advance(u64 cycles) {
    now.value += cycles;
    events.run_until(now);
  }
  u64 error() { return reg(DiskController::kStatus) >> 8; }
};

TEST(Disk, ReadCompletesOnlyAfterItsLatencyThenInterrupts) {
  TempImage img(16, 3);
  DiskRig r({{img.path, false}});
  EXPECT_EQ(r.reg(DiskController::kCapacity), 16u);
  r.command(DiskController::kRead, 0, 2, 3, 0x8000);
  EXPECT_EQ(r.reg(DiskController::kStatus), DiskController::kBusy);
  r.advance(1000 + 3 * 10 - 1);  // one cycle short of the modelled latency
  EXPECT_EQ(r.reg(DiskController::kStatus), DiskController::kBusy);
  EXPECT_FALSE(r.irq);
  r.advance(1);
  EXPECT_EQ(r.reg(DiskController::kStatus), DiskController::kDone);
  EXPECT_TRUE(r.irq);
  std::vector<u8> got(3 * 512);
  ASSERT_TRUE(r.bus.read_bytes(0x8000, got.data(), got.size()));
  std::vector<u8> file = img.contents();
  EXPECT_TRUE(std::equal(got.begin(), got.end(), file.begin() + 2 * 512));
  r.reg(DiskController::kAck, 1);
  EXPECT_FALSE(r.irq);
  EXPECT_EQ(r.reg(DiskController::kStatus), 0u);
}

TEST(Disk, WriteReachesTheHostFileBeforeCompletionIsVisible) {
  TempImage img(8, 0);
  DiskRig r({{img.path, true}});
  std::vector<u8> data(512, 0xAB);
  ASSERT_TRUE(r.bus.write_bytes(0x100, data.data(), data.size()));
  r.command(DiskController::kWrite, 0, 5, 1, 0x100);
  EXPECT_NE(img.contents()[5 * 512], 0xAB);  // not before the latency
  r.advance(2000);
  EXPECT_EQ(r.reg(DiskController::kStatus), DiskController::kDone);
  std::vector<u8> file = img.contents();
  for (int k = 0; k < 512; ++k) ASSERT_EQ(file[5 * 512 + k], 0xAB);
  EXPECT_EQ(file[4 * 512 + 511], static_cast<u8>((4 * 512 + 511) * 7));  // neighbours untouched
}

TEST(Disk, RejectsBadCommandsWithAnErrorStatusNotACrash) {
  TempImage ro(4, 1), rw(4, 2);
  DiskRig r({{ro.path, false}, {rw.path, true}});
  r.command(DiskController::kWrite, 0, 0, 1, 0);
  EXPECT_EQ(r.error(), DiskController::kReadOnly);
  r.command(DiskController::kRead, 2, 0, 1, 0);
  EXPECT_EQ(r.error(), DiskController::kNoDisk);
  r.command(DiskController::kRead, 1, 3, 2, 0);
  EXPECT_EQ(r.error(), DiskController::kOutOfRange);
  r.command(DiskController::kRead, 1, 0, 0, 0);
  EXPECT_EQ(r.error(), DiskController::kBadCommand);
  r.command(9, 1, 0, 1, 0);
  EXPECT_EQ(r.error(), DiskController::kBadCommand);
  r.command(DiskController::kRead, 1, 0, 2, (1 << 20) - 512);  // buffer runs past RAM
  r.advance(5000);
  EXPECT_EQ(r.error(), DiskController::kDmaFault);
  EXPECT_TRUE(r.reg(DiskController::kStatus) & DiskController::kError);
  r.command(DiskController::kRead, 1, 0, 1, 0);
  r.command(DiskController::kRead, 1, 0, 1, 0);  // while busy
  EXPECT_EQ(r.error(), DiskController::kWasBusy);
  EXPECT_TRUE(r.reg(DiskController::kStatus) & DiskController::kBusy);  // first still runs
  u64 v;
  EXPECT_FALSE(r.disk->read({0x300, 8, 0}, v));  // no such register
}

TEST(Disk, MalformedImagesAreRefusedWithTheirName) {
  TempImage odd(2, 0, 100);
  try {
    DiskRig r({{odd.path, false}});
    FAIL() << "accepted an image of 1124 bytes";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), odd.path + ": disk image size must be a non-zero multiple of 512 bytes");
  }
  EXPECT_THROW(DiskRig({{"/nonexistent/disk.img", false}}), std::runtime_error);
}

TEST(Ipi, SendRaisesTheTargetsLineAndOnlyTheTargetClearsIt) {
  std::vector<bool> level(3, false);
  std::vector<IrqLine> lines;
  for (unsigned c = 0; c < 3; ++c) lines.push_back([&level, c](bool l) { level[c] = l; });
  IpiUnit ipi(lines);
  ASSERT_TRUE(ipi.write({IpiUnit::kSend, 8, 0}, 2));
  EXPECT_EQ(level, (std::vector<bool>{false, false, true}));
  u64 v;
  ASSERT_TRUE(ipi.read({IpiUnit::kPending, 8, 2}, v));
  EXPECT_EQ(v, 1u);
  ASSERT_TRUE(ipi.read({IpiUnit::kPending, 8, 1}, v));
  EXPECT_EQ(v, 0u);
  ASSERT_TRUE(ipi.write({IpiUnit::kClear, 8, 1}, 0));  // CPU 1 clears only its own
  EXPECT_TRUE(level[2]);
  ASSERT_TRUE(ipi.write({IpiUnit::kClear, 8, 2}, 0));
  EXPECT_FALSE(level[2]);
  EXPECT_FALSE(ipi.write({IpiUnit::kSend, 8, 0}, 3));  // no CPU 3: bus error
  ASSERT_TRUE(ipi.read({IpiUnit::kSent, 8, 0}, v));
  EXPECT_EQ(v, 1u);
}

TEST(NodeClock, CountsSimulatedTimeNotHostTime) {
  Cycle now{0};
  NodeClock clk(3, now, 200);
  u64 v;
  now.value = 2000;  // 2000 cycles at 200 MHz = 10 us
  ASSERT_TRUE(clk.read({NodeClock::kNowNs, 8, 0}, v));
  EXPECT_EQ(v, 10000u);
  ASSERT_TRUE(clk.read({NodeClock::kNode, 8, 0}, v));
  EXPECT_EQ(v, 3u);
  EXPECT_FALSE(clk.write({NodeClock::kNowNs, 8, 0}, 5));
}

TEST(EventQueue, SameCycleEventsFireInSchedulingOrder) {
  EventQueue q;
  std::string order;
  q.schedule(Cycle{5}, [&] { order += 'b'; });
  q.schedule(Cycle{3}, [&] { order += 'a'; });
  q.schedule(Cycle{5}, [&] { order += 'c'; });
  EXPECT_EQ(q.run_until(Cycle{4}), 1u);
  EXPECT_EQ(q.run_until(Cycle{5}), 2u);
  EXPECT_EQ(order, "abc");
  EXPECT_TRUE(q.empty());
}

}  // namespace
}  // namespace ds
