// bus.cpp - RAM reservation and physical-address routing.
#include "sim/bus.h"

#include <sys/mman.h>

#include <stdexcept>

namespace ds {

Bus::~Bus() {
  for (Block& b : blocks_) munmap(b.host, b.size);
}

void Bus::add_ram(u64 base, u64 size) {
  memmap::RamRange r{base, size};
  add_ram(std::span<const memmap::RamRange>(&r, 1));
}

void Bus::add_ram(std::span<const memmap::RamRange> ranges) {
  u64 total = 0;
  for (const memmap::RamRange& r : ranges) {
    if (r.size == 0 || (r.size & kPageMask) || (r.pa & kPageMask))
      throw std::runtime_error("RAM range must be page aligned and non-empty");
    total += r.size;
  }
  // Anonymous, private, unreserved: the host hands out zeroed pages on
  // first touch, so a large machine costs what its software touches.
  void* p = mmap(nullptr, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) throw std::runtime_error("cannot reserve host memory for guest RAM");
  blocks_.push_back({static_cast<u8*>(p), total});
  u64 at = 0;
  for (const memmap::RamRange& r : ranges) {
    ram_.push_back({r.pa, r.size, static_cast<u8*>(p) + at});
    at += r.size;
  }
}

void Bus::add_device(u64 base, u64 size, Device* dev) { windows_.push_back({base, size, dev}); }

bool Bus::mmio_read(u64 pa, unsigned size, unsigned cpu, u64& value) const {
  for (const Window& w : windows_)
    if (pa - w.base < w.size) return w.dev->read({pa - w.base, size, cpu}, value);
  return false;
}

bool Bus::mmio_write(u64 pa, unsigned size, unsigned cpu, u64 value) const {
  for (const Window& w : windows_)
    if (pa - w.base < w.size) return w.dev->write({pa - w.base, size, cpu}, value);
  return false;
}

void Bus::reserve(unsigned cpu, const u8* line) {
  release(cpu);
  reservations_.push_back({cpu, line});
}

void Bus::release(unsigned cpu) {
  std::erase_if(reservations_, [cpu](const Reservation& r) { return r.cpu == cpu; });
}

bool Bus::page_reserved(const u8* host_page) const {
  for (const Reservation& r : reservations_)
    if (r.line - host_page < static_cast<std::ptrdiff_t>(kPageSize) && r.line >= host_page) return true;
  return false;
}

void Bus::note_store(const u8* host, u64 size, unsigned cpu) {
  for (size_t k = 0; k < reservations_.size();) {
    const Reservation r = reservations_[k];
    bool hit = r.cpu != cpu && host < r.line + kLinkLineBytes && r.line < host + size;
    if (!hit) {
      ++k;
      continue;
    }
    reservations_.erase(reservations_.begin() + static_cast<std::ptrdiff_t>(k));
    if (on_link_lost) on_link_lost(r.cpu);
  }
}

// Walks [pa, pa+len) page by page, calling fn(host, offset_in_range, n) for
// each piece; false as soon as a byte is not RAM (earlier pieces are done).
template <typename Fn>
bool Bus::for_each_piece(u64 pa, u64 len, Fn fn) const {
  u64 done = 0;
  while (done < len) {
    u8* page = ram_page(pa + done);
    if (!page) return false;
    u64 off = (pa + done) & kPageMask;
    u64 n = std::min(len - done, kPageSize - off);
    fn(page + off, done, n);
    done += n;
  }
  return true;
}

bool Bus::write_bytes(u64 pa, const void* src, u64 len) {
  return for_each_piece(pa, len, [&](u8* host, u64 at, u64 n) {
    if (has_reservations()) note_store(host, n, kNoCpu);  // DMA breaks LL/SC links too
    std::memcpy(host, static_cast<const u8*>(src) + at, n);
  });
}

bool Bus::read_bytes(u64 pa, void* dst, u64 len) const {
  return for_each_piece(pa, len, [&](const u8* host, u64 at, u64 n) { std::memcpy(static_cast<u8*>(dst) + at, host, n); });
}

bool Bus::zero_bytes(u64 pa, u64 len) {
  return for_each_piece(pa, len, [&](u8* host, u64, u64 n) {
    if (has_reservations()) note_store(host, n, kNoCpu);
    std::memset(host, 0, n);
  });
}

bool Bus::is_ram(u64 pa, u64 len) const {
  for (const Ram& r : ram_)
    if (pa >= r.base && len <= r.size && pa - r.base <= r.size - len) return true;
  return len == 0;
}

void Bus::save(CheckpointWriter& w) const {
  w.u64v(ram_.size());
  for (const Ram& r : ram_) {
    w.u64v(r.base);
    w.u64v(r.size);
    static const u8 zero[kPageSize] = {};
    for (u64 off = 0; off < r.size; off += kPageSize) {
      if (std::memcmp(r.host + off, zero, kPageSize) == 0) continue;  // untouched or zero
      w.u64v(off);
      w.bytes(r.host + off, kPageSize);
    }
    w.u64v(~u64{0});  // end of this range's pages
  }
  w.u64v(reservations_.size());
  for (const Reservation& res : reservations_) {
    w.u64v(res.cpu);
    w.u64v(host_to_pa(res.line));
  }
}

void Bus::restore(CheckpointReader& rd) {
  if (rd.u64v() != ram_.size()) rd.fail("checkpoint has a different memory layout");
  for (Ram& r : ram_) {
    if (rd.u64v() != r.base || rd.u64v() != r.size) rd.fail("checkpoint has a different memory layout");
    // Zero the range by handing its pages back: a private anonymous mapping
    // refills them with zeros on demand, so restoring costs what the
    // checkpoint holds, not the size of RAM.
    if (madvise(r.host, r.size, MADV_DONTNEED) != 0) std::memset(r.host, 0, r.size);
    for (u64 off = rd.u64v(); off != ~u64{0}; off = rd.u64v()) {
      if (off % kPageSize || off >= r.size) rd.fail("corrupt checkpoint (page outside RAM)");
      rd.bytes_into(r.host + off, kPageSize);
    }
  }
  reservations_.clear();
  for (u64 n = rd.u64v(); n; --n) {
    unsigned cpu = static_cast<unsigned>(rd.u64v());
    u64 pa = rd.u64v();
    u8* page = ram_page(pa);
    if (!page) rd.fail("corrupt checkpoint (reservation outside RAM)");
    reservations_.push_back({cpu, page + (pa & kPageMask)});
  }
}

u64 Bus::host_to_pa(const u8* host) const {
  for (const Ram& r : ram_)
    if (host >= r.host && host < r.host + r.size) return r.base + static_cast<u64>(host - r.host);
  return ~u64{0};
}

u64 Bus::ram_total() const {
  u64 t = 0;
  for (const Ram& r : ram_) t += r.size;
  return t;
}

}  // namespace ds
