// types.h - fixed-width integer names and the bit helpers every layer uses.
#pragma once
#include <cstdint>
#include <cstring>
#include <bit>

namespace ds {

using u8 = uint8_t;
using u16 = uint16_t;
using u32 = uint32_t;
using u64 = uint64_t;
using i8 = int8_t;
using i16 = int16_t;
using i32 = int32_t;
using i64 = int64_t;

// Sign-extend the low 32 bits to 64, as every MIPS 32-bit result is stored.
constexpr u64 sext32(u64 v) { return static_cast<u64>(static_cast<i64>(static_cast<i32>(v))); }
constexpr u64 sext16(u64 v) { return static_cast<u64>(static_cast<i64>(static_cast<i16>(v))); }
constexpr u64 sext8(u64 v) { return static_cast<u64>(static_cast<i64>(static_cast<i8>(v))); }

// True when a 64-bit register holds a properly sign-extended 32-bit value.
constexpr bool is_sext32(u64 v) { return sext32(v) == v; }

template <typename T>
constexpr T byteswap(T v) {
  if constexpr (sizeof(T) == 1) {
    return v;
  } else if constexpr (sizeof(T) == 2) {
    return static_cast<T>(__builtin_bswap16(static_cast<u16>(v)));
  } else if constexpr (sizeof(T) == 4) {
    return static_cast<T>(__builtin_bswap32(static_cast<u32>(v)));
  } else {
    return static_cast<T>(__builtin_bswap64(static_cast<u64>(v)));
  }
}

// Guest memory is stored in guest byte order; these convert on every access.
template <typename T>
inline T load_guest(const u8* p, bool big_endian) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return big_endian ? byteswap(v) : v;
}

template <typename T>
inline void store_guest(u8* p, T v, bool big_endian) {
  if (big_endian) v = byteswap(v);
  std::memcpy(p, &v, sizeof(T));
}

#define DS_LIKELY(x) __builtin_expect(!!(x), 1)
#define DS_UNLIKELY(x) __builtin_expect(!!(x), 0)

}  // namespace ds
