// guest_struct.h - building and reading kernel structures in guest byte
// order (struct stat, timespec, utsname...) as raw bytes at fixed offsets, so
// no host struct layout ever leaks into the guest.
#pragma once
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "sim/types.h"
#include "sim/user/process.h"

namespace ds::user {

class GuestStruct {
 public:
  GuestStruct(u64 size, bool big_endian) : bytes_(size, 0), be_(big_endian) {}
  // Stores the low sizeof(T) bytes of v at `off`.
  template <typename T>
  void put(u64 off, T v) {
    store_guest<T>(bytes_.data() + off, v, be_);
  }
  // Stores the low `width` bytes (1, 2, 4 or 8) of v at `off`: for fields
  // given as LINUX_<S>_OFF_<F> / LINUX_<S>_W_<F> in abi/linux_n64.h.
  void put_field(u64 off, u64 width, u64 v) {
    switch (width) {
      case 1: put<u8>(off, static_cast<u8>(v)); break;
      case 2: put<u16>(off, static_cast<u16>(v)); break;
      case 4: put<u32>(off, static_cast<u32>(v)); break;
      case 8: put<u64>(off, v); break;
      default: std::abort();  // not a scalar field's width
    }
  }
  u64 get_field(u64 off, u64 width) const {
    switch (width) {
      case 1: return get<u8>(off);
      case 2: return get<u16>(off);
      case 4: return get<u32>(off);
      case 8: return get<u64>(off);
      default: std::abort();  // not a scalar field's width
    }
  }
  void put_string(u64 off, const std::string& s, u64 field) {
    std::memcpy(bytes_.data() + off, s.data(), std::min<u64>(s.size(), field - 1));
  }
  template <typename T>
  T get(u64 off) const {
    return load_guest<T>(bytes_.data() + off, be_);
  }
  u8* data() { return bytes_.data(); }
  u64 size() const { return bytes_.size(); }
  // Copies the structure to / from guest memory; false on a bad address.
  bool copy_out(Process& p, u64 va) const { return p.mem().copy_out(va, bytes_.data(), bytes_.size()); }
  bool copy_in(Process& p, u64 va) { return p.mem().copy_in(bytes_.data(), va, bytes_.size()); }

 private:
  std::vector<u8> bytes_;
  bool be_;
};

// Reads one guest u64 / u32 (false on a bad address).
inline bool read_u64(Process& p, u64 va, u64& out) {
  u8 b[8];
  if (!p.mem().copy_in(b, va, 8)) return false;
  out = load_guest<u64>(b, p.big_endian());
  return true;
}
inline bool write_u64(Process& p, u64 va, u64 v) {
  u8 b[8];
  store_guest<u64>(b, v, p.big_endian());
  return p.mem().copy_out(va, b, 8);
}
inline bool write_u32(Process& p, u64 va, u32 v) {
  u8 b[4];
  store_guest<u32>(b, v, p.big_endian());
  return p.mem().copy_out(va, b, 4);
}

}  // namespace ds::user
