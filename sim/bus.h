// bus.h - the physical address space: RAM ranges and device windows.
//
// RAM is host memory reserved with mmap (untouched pages cost nothing) and
// holds guest bytes in guest byte order.  One block of host memory may back
// several physical ranges (the board's RAM on both sides of its I/O window,
// sim/memmap.h), so that the host offset into the block is the RAM offset.  CPUs reach RAM through host
// pointers (Bus::ram_page) and devices through Bus::mmio_read/mmio_write.
#pragma once
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "sim/checkpoint.h"
#include "sim/device.h"
#include "sim/memmap.h"
#include "sim/types.h"

namespace ds {

constexpr unsigned kPageShift = 12;
constexpr u64 kPageSize = u64{1} << kPageShift;
constexpr u64 kPageMask = kPageSize - 1;

class Bus {
 public:
  Bus() = default;
  Bus(const Bus&) = delete;
  Bus& operator=(const Bus&) = delete;
  ~Bus();

  // Adds [base, base+size) of zeroed RAM.  size is a multiple of the page size.
  void add_ram(u64 base, u64 size);
  // Adds zeroed RAM for every range, in one host block: range k starts at
  // the block offset where range k-1 ends.  Ranges are page aligned.
  void add_ram(std::span<const memmap::RamRange> ranges);
  // Places a device at [base, base+size).
  void add_device(u64 base, u64 size, Device* dev);

  // Host pointer to the start of the RAM page holding `pa`, or nullptr.
  u8* ram_page(u64 pa) const {
    for (const Ram& r : ram_)
      if (pa - r.base < r.size) return r.host + ((pa - r.base) & ~kPageMask);
    return nullptr;
  }
  // Routes a device access; false (bus error) if no device claims `pa`.
  bool mmio_read(u64 pa, unsigned size, unsigned cpu, u64& value) const;
  bool mmio_write(u64 pa, unsigned size, unsigned cpu, u64 value) const;

  // Byte-level access for loaders and DMA; false if any byte is not RAM.
  bool write_bytes(u64 pa, const void* src, u64 len);
  bool read_bytes(u64 pa, void* dst, u64 len) const;
  bool zero_bytes(u64 pa, u64 len);

  u64 ram_total() const;

  // Checkpoints: every non-zero RAM page, and the LL/SC reservations.
  void save(CheckpointWriter& w) const;
  void restore(CheckpointReader& r);
  // The physical address of a host pointer into RAM (~0 if it is not).
  u64 host_to_pa(const u8* host) const;
  // True if every byte of [pa, pa+len) is RAM (a DMA engine checks first).
  bool is_ram(u64 pa, u64 len) const;

  // ---- LL/SC reservations ----------------------------------------------------
  // A CPU descheduled between LL and SC holds a reservation on its linked
  // line; a store to that line by anyone else (another CPU, DMA) breaks it and
  // calls on_link_lost(cpu).  The granule is the secondary-cache line, the
  // unit in which coherence invalidates lines on the R10000.
  static constexpr u64 kLinkLineBytes = 128;
  void reserve(unsigned cpu, const u8* line);
  void release(unsigned cpu);
  bool has_reservations() const { return !reservations_.empty(); }
  bool page_reserved(const u8* host_page) const;
  void note_store(const u8* host, u64 size, unsigned cpu);
  std::function<void(unsigned cpu)> on_link_lost;

 private:
  struct Ram {
    u64 base;
    u64 size;
    u8* host;
  };
  struct Window {
    u64 base;
    u64 size;
    Device* dev;
  };
  std::vector<Ram> ram_;
  struct Block {
    u8* host;
    u64 size;
  };
  std::vector<Block> blocks_;  // host mappings (ram_ points into them)
  std::vector<Window> windows_;
  struct Reservation {
    unsigned cpu;
    const u8* line;
  };
  std::vector<Reservation> reservations_;

  template <typename Fn>
  bool for_each_piece(u64 pa, u64 len, Fn fn) const;
};

}  // namespace ds
