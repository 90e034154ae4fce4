// lazy_array.h - a fixed-size array of trivially copyable entries whose
// all-zero value is the empty one, in anonymous memory the host hands out
// zeroed on first touch.  A structure sized by RAM (the directory, the page
// miss counters) then costs host memory in proportion to the lines or pages
// software touches, not to the machine's RAM: a 1 TiB board builds at once.
#pragma once
#include <sys/mman.h>

#include <new>
#include <type_traits>

#include "sim/types.h"

namespace ds::numa {

template <typename T>
class LazyZeroArray {
  static_assert(std::is_trivially_copyable_v<T>, "entries are created by zero-filled pages");

 public:
  explicit LazyZeroArray(u64 n) : n_(n) {
    void* p = mmap(nullptr, bytes(), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    p_ = static_cast<T*>(p);
  }
  ~LazyZeroArray() { munmap(p_, bytes()); }
  LazyZeroArray(const LazyZeroArray&) = delete;
  LazyZeroArray& operator=(const LazyZeroArray&) = delete;

  u64 size() const { return n_; }
  T& operator[](u64 i) { return p_[i]; }
  const T& operator[](u64 i) const { return p_[i]; }
  // Every entry zero again, and its host memory returned.
  void clear() { madvise(p_, bytes(), MADV_DONTNEED); }

 private:
  u64 bytes() const { return (n_ ? n_ : 1) * sizeof(T); }
  u64 n_;
  T* p_;
};

}  // namespace ds::numa
