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

// FNV-1a over the image: enough to notice a read-only image that changed.
u64 DiskController::image_checksum(const Disk& d) const {
  u64 h = 0xcbf29ce484222325ull;
  std::vector<u8> buf(1 << 16);
  for (off_t off = 0;; off += static_cast<off_t>(buf.size())) {
    ssize_t n = pread(d.fd, buf.data(), buf.size(), off);
    if (n <= 0) break;
    for (ssize_t k = 0; k < n; ++k) h = (h ^ buf[static_cast<size_t>(k)]) * 0x100000001b3ull;
  }
  return h;
}

void DiskController::save(CheckpointWriter& w) const {
  for (u64 v : {target_, sector_, count_, dma_, status_}) w.u64v(v);
  w.boolean(flight_.active);
  for (u64 v : {flight_.command, flight_.target, flight_.sector, flight_.count, flight_.dma, flight_.due.value})
    w.u64v(v);
  w.u64v(disks_.size());
  for (const Disk& d : disks_) {
    w.u64v(d.sectors);
    w.boolean(d.writable);
    if (!d.writable) {
      w.u64v(image_checksum(d));
      continue;
    }
    std::vector<u8> img(d.sectors * kSectorBytes);
    if (pread(d.fd, img.data(), img.size(), 0) != static_cast<ssize_t>(img.size()))
      throw std::runtime_error(d.path + ": cannot read disk image for the checkpoint");
    w.bytes(img.data(), img.size());
  }
}

void DiskController::restore(CheckpointReader& r) {
  for (u64* v : {&target_, &sector_, &count_, &dma_, &status_}) *v = r.u64v();
  flight_.active = r.boolean();
  for (u64* v : {&flight_.command, &flight_.target, &flight_.sector, &flight_.count, &flight_.dma, &flight_.due.value})
    *v = r.u64v();
  if (r.u64v() != disks_.size()) r.fail("checkpoint has a different number of disks");
  for (Disk& d : disks_) {
    if (r.u64v() != d.sectors || r.boolean() != d.writable) r.fail(d.path + " differs from the checkpoint's disk");
    if (!d.writable) {
      if (r.u64v() != image_checksum(d)) r.fail(d.path + " changed since the checkpoint was taken");
      continue;
    }
    std::vector<u8> img = r.bytes();
    if (img.size() != d.sectors * kSectorBytes || pwrite(d.fd, img.data(), img.size(), 0) != static_cast<ssize_t>(img.size()) ||
        fdatasync(d.fd) != 0)
      r.fail(d.path + ": cannot restore disk image");
  }
  if (flight_.active) {
    if (flight_.target >= disks_.size()) r.fail("corrupt checkpoint (disk command)");
    schedule_completion();
  }
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
  flight_ = {true, command, target_, sector_, count_, dma_, now_ + delay};
  schedule_completion();
}

void DiskController::schedule_completion() {
  events_.schedule(flight_.due, [this] { complete(); });
}

void DiskController::complete() {
  flight_.active = false;
  const Disk& disk = disks_[flight_.target];
  std::vector<u8> buf(flight_.count * kSectorBytes);
  if (!bus_.is_ram(flight_.dma, buf.size())) return finish(kDmaFault);
  off_t where = static_cast<off_t>(flight_.sector * kSectorBytes);
  if (on_dma) on_dma(flight_.dma, buf.size(), flight_.command == kRead);
  if (flight_.command == kRead) {
    if (pread(disk.fd, buf.data(), buf.size(), where) != static_cast<ssize_t>(buf.size())) return finish(kHostIo);
    bus_.write_bytes(flight_.dma, buf.data(), buf.size());
  } else {
    bus_.read_bytes(flight_.dma, buf.data(), buf.size());
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
