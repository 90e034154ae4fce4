// checkpoint.h - the byte format of machine checkpoints.
//
// A checkpoint is a sequence of named sections, each component writing its
// own state (Machine::save_checkpoint lists them in order).  Integers are
// 64-bit little-endian; byte strings carry their length.  Every section
// starts with its name, so a reader that gets out of step stops with a clear
// error instead of loading garbage.  Restoring into a machine built from the
// same description, then running on, ends in exactly the state an
// uninterrupted run reaches (tests/machine/checkpoint_test.py).
#pragma once
#include <cstdio>
#include <string>
#include <type_traits>
#include <vector>

#include "sim/types.h"

namespace ds {

class CheckpointWriter {
 public:
  // Opens `path` for writing; throws std::runtime_error on failure.
  explicit CheckpointWriter(const std::string& path);
  ~CheckpointWriter();
  CheckpointWriter(const CheckpointWriter&) = delete;
  CheckpointWriter& operator=(const CheckpointWriter&) = delete;

  void section(const std::string& name) { str(name); }
  void u64v(u64 v);
  void boolean(bool b) { u64v(b ? 1 : 0); }
  void bytes(const void* data, u64 len);
  void str(const std::string& s) { bytes(s.data(), s.size()); }
  template <typename Array>
  void array(const Array& a) {
    u64v(a.size());
    for (auto v : a) u64v(static_cast<u64>(v));
  }
  // Flushes to disk; throws on an I/O error.
  void finish();

 private:
  void raw(const void* data, u64 len);
  std::string path_;
  std::FILE* f_;
};

class CheckpointReader {
 public:
  // Opens `path` and checks the header; throws std::runtime_error on failure.
  explicit CheckpointReader(const std::string& path);
  ~CheckpointReader();
  CheckpointReader(const CheckpointReader&) = delete;
  CheckpointReader& operator=(const CheckpointReader&) = delete;

  // Reads a section name and throws unless it is `name`.
  void section(const std::string& name);
  u64 u64v();
  bool boolean() { return u64v() != 0; }
  std::vector<u8> bytes();
  void bytes_into(void* dst, u64 len);  // throws unless the stored length is len
  std::string str();
  template <typename Array>
  void array(Array& a) {
    if (u64v() != a.size()) fail("array length differs");
    for (auto& v : a) v = static_cast<std::remove_reference_t<decltype(v)>>(u64v());
  }
  [[noreturn]] void fail(const std::string& why) const;
  // Throws unless the whole file has been consumed.
  void expect_end();

 private:
  void raw(void* data, u64 len);
  std::string path_;
  std::FILE* f_;
};

}  // namespace ds
