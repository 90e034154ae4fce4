// guest_struct.h - building and reading kernel structures in guest byte
// order (struct stat, timespec, utsname...) as raw bytes at fixed offsets, so
// no host struct layout ever leaks into the guest.
#pragma once
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
