// disk.cpp - command validation, DMA and completion of the disk controller.
#include "sim/devices/disk.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdexcept>

namespace ds {

DiskController::DiskController(const std::vector<DiskImage>& images, DiskTiming timing, Bus& bus,
                               EventQueue& events, const Cycle& now, IrqLine irq)
    : timing_(timing), bus_(bus), events_(events), now_(now), irq_(std::move(irq)) {
  for (const DiskImage& img : images) {
    int fd = open(img.path.c_str(), img.writable ? O_RDWR : O_RDONLY);
    if (fd < 0) {
      for (Disk& d : disks_) close(d.fd);
      throw std::runtime_error(img.path + ": cannot open disk image" + (img.writable ? " for writing" : ""));
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size <= 0 || st.st_size % kSectorBytes != 0) {
      close(fd);
      for (Disk& d : disks_) close(d.fd);
      throw std::runtime_error(img.path + ": disk image size must be a non-zero multiple of 512 bytes");
    }
    disks_.push_back({img.path, fd, img.writable, static_cast<u64>(st.st_size) / kSectorBytes});
  }
}

DiskController::~DiskController() {
  for (Disk& d : disks_) close(d.fd);
}

bool DiskController::read(const MmioAccess& a, u64& value) {
  if (a.size < 4) return false;
  switch (a.offset) {
    case kTarget: value = target_; return true;
    case kSector: value = sector_; return true;
    case kCount: value = count_; return true;
    case kDmaAddr: value = dma_; return true;
    case kStatus: value = status_; return true;
    case kNumDisks: value = disks_.size(); return true;
    case kMaxSectorsReg: value = kMaxSectors; return true;
    default:
      if (a.offset >= kCapacity && (a.offset - kCapacity) / 8 < disks_.size() && a.offset % 8 == 0) {
        value = disks_[(a.offset - kCapacity) / 8].sectors;
        return true;
      }
      return false;
  }
}

bool DiskController::write(const MmioAccess& a, u64 value) {
  if (a.size < 4) return false;
  switch (a.offset) {
    case kCommand: start(value); return true;
    case kTarget: target_ = value; return true;
    case kSector: sector_ = value; return true;
    case kCount: count_ = value; return true;
    case kDmaAddr: dma_ = value; return true;
    case kAck:
      status_ &= kBusy;
      irq_(false);
      return true;
    default: return false;
  }
}

// Validates the command now (errors complete at once, as a controller
// rejects a malformed command without touching the medium) and schedules
// the transfer for when the modelled latency has passed.
void DiskController::start(u64 command) {
  if (status_ & kBusy) {
    status_ = kBusy | kError | (kWasBusy << 8);
    irq_(true);
    return;
  }
  u64 error = 0;
  if (command != kRead && command != kWrite) error = kBadCommand;
  else if (count_ == 0 || count_ > kMaxSectors) error = kBadCommand;
  else if (target_ >= disks_.size()) error = kNoDisk;
  else if (sector_ >= disks_[target_].sectors || count_ > disks_[target_].sectors - sector_) error = kOutOfRange;
  else if (command == kWrite && !disks_[target_].writable) error = kReadOnly;
  if (error) return finish(error);

  status_ = kBusy;
  Latency delay{timing_.per_command.cycles + timing_.per_sector.cycles * count_};
  events_.schedule(now_ + delay, [this, command, t = static_cast<unsigned>(target_), s = sector_, n = count_,
                                  d = dma_] { complete(command, t, s, n, d); });
}

void DiskController::complete(u64 command, unsigned target, u64 sector, u64 count, u64 dma) {
  const Disk& disk = disks_[target];
  std::vector<u8> buf(count * kSectorBytes);
  if (!bus_.is_ram(dma, buf.size())) return finish(kDmaFault);
  off_t where = static_cast<off_t>(sector * kSectorBytes);
  if (command == kRead) {
    if (pread(disk.fd, buf.data(), buf.size(), where) != static_cast<ssize_t>(buf.size())) return finish(kHostIo);
    if (!bus_.write_bytes(dma, buf.data(), buf.size())) return finish(kDmaFault);
  } else {
    if (!bus_.read_bytes(dma, buf.data(), buf.size())) return finish(kDmaFault);
    if (pwrite(disk.fd, buf.data(), buf.size(), where) != static_cast<ssize_t>(buf.size()) ||
        fdatasync(disk.fd) != 0)
      return finish(kHostIo);
  }
  finish(0);
}

void DiskController::finish(u64 error) {
  status_ = error ? (kDone | kError | (error << 8)) : kDone;
  irq_(true);
}

}  // namespace ds
