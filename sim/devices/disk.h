// disk.h - a SCSI-like disk controller: several disks of 512-byte sectors,
// backed by host image files, moving data by DMA to and from physical
// memory and raising its interrupt line when a command completes after a
// modelled latency.
//
// Register map (offsets; 64-bit registers):
//
//   offset       name        access  meaning
//   0x00         COMMAND     W       1 READ (disk -> memory), 2 WRITE (memory -> disk);
//                                    starts the command described by the registers below
//   0x08         TARGET      RW      disk number
//   0x10         SECTOR      RW      first sector (LBA)
//   0x18         COUNT       RW      number of sectors (1..MAX_SECTORS)
//   0x20         DMA_ADDR    RW      physical address of the memory buffer
//   0x28         STATUS      R       bit 0 BUSY, bit 1 DONE, bit 2 ERROR; bits 15:8 error code
//   0x30         ACK         W       any value: clear DONE/ERROR, lower the interrupt
//   0x38         NUM_DISKS   R       disks attached
//   0x40         MAX_SECTORS R       largest COUNT accepted
//   0x100+8n     CAPACITY[n] R       sectors on disk n
//
// Error codes: 1 no such disk, 2 sectors out of range, 3 DMA outside RAM,
// 4 disk is read-only, 5 host I/O error, 6 bad command or count, 7 busy.
// A command issued while BUSY is refused with code 7 and does not disturb
// the one in progress.  Completion order is: data moved (and, for writes,
// flushed to the host file with fdatasync), then STATUS = DONE, then the
// interrupt rises - so a write the guest saw complete survives the
// simulator being killed.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "sim/bus.h"
#include "sim/device.h"
#include "sim/event_queue.h"

namespace ds {

struct DiskImage {
  std::string path;
  bool writable = false;
};

struct DiskTiming {
  Latency per_command{20000};  // seek + rotation + controller overhead
  Latency per_sector{500};     // transfer of one 512-byte sector
};

class DiskController final : public Device {
 public:
  static constexpr u64 kSectorBytes = 512;
  static constexpr u64 kMaxSectors = 256;
  enum Reg : u64 {
    kCommand = 0x00,
    kTarget = 0x08,
    kSector = 0x10,
    kCount = 0x18,
    kDmaAddr = 0x20,
    kStatus = 0x28,
    kAck = 0x30,
    kNumDisks = 0x38,
    kMaxSectorsReg = 0x40,
    kCapacity = 0x100,
  };
  enum Command : u64 { kRead = 1, kWrite = 2 };
  enum Status : u64 { kBusy = 1, kDone = 2, kError = 4 };
  enum Error : u64 {
    kNoDisk = 1,
    kOutOfRange = 2,
    kDmaFault = 3,
    kReadOnly = 4,
    kHostIo = 5,
    kBadCommand = 6,
    kWasBusy = 7,
  };

  // Opens every image (read-only unless writable); throws
  // std::runtime_error("path: reason") for a missing image or one whose size
  // is not a whole number of sectors.
  DiskController(const std::vector<DiskImage>& images, DiskTiming timing, Bus& bus, EventQueue& events,
                 const Cycle& now, IrqLine irq);
  ~DiskController() override;
  DiskController(const DiskController&) = delete;
  DiskController& operator=(const DiskController&) = delete;

  const char* name() const override { return "disk"; }
  bool read(const MmioAccess& a, u64& value) override;
  bool write(const MmioAccess& a, u64 value) override;
  // Saves registers, the command in flight and the contents of writable
  // images; restore writes those contents back to the image files and
  // refuses read-only images that changed since the checkpoint.
  void save(CheckpointWriter& w) const override;
  void restore(CheckpointReader& r) override;

  u64 capacity(unsigned disk) const { return disks_[disk].sectors; }

  // Called for every completed transfer, before memory changes (to_memory:
  // a disk read, the device writes RAM), so the machine keeps the modelled
  // caches coherent with DMA (numa::MemorySystem::dma_write / dma_read).
  std::function<void(u64 pa, u64 len, bool to_memory)> on_dma;

 private:
  struct Disk {
    std::string path;
    int fd;
    bool writable;
    u64 sectors;
  };
  // The command being carried out, kept as data so a checkpoint can hold it.
  struct InFlight {
    bool active = false;
    u64 command = 0, target = 0, sector = 0, count = 0, dma = 0;
    Cycle due;
  };
  void start(u64 command);
  void schedule_completion();
  void complete();
  void finish(u64 error);
  u64 image_checksum(const Disk& d) const;

  std::vector<Disk> disks_;
  DiskTiming timing_;
  Bus& bus_;
  EventQueue& events_;
  const Cycle& now_;
  IrqLine irq_;
  u64 target_ = 0, sector_ = 0, count_ = 0, dma_ = 0;
  u64 status_ = 0;
  InFlight flight_;
};

}  // namespace ds
