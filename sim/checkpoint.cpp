// checkpoint.cpp - reading and writing the checkpoint byte format.
#include "sim/checkpoint.h"

#include <stdexcept>

namespace ds {

namespace {
// Version 2: sparse page counters, the ISA level and the boot arguments.
constexpr char kMagicPrefix[] = "discosim-checkpoint-";
constexpr char kFormat[] = "2";
constexpr char kMagic[] = "discosim-checkpoint-2\n";
constexpr u64 kMaxBytes = u64{1} << 36;  // sanity bound on one byte string
}  // namespace

CheckpointWriter::CheckpointWriter(const std::string& path) : path_(path), f_(std::fopen(path.c_str(), "wb")) {
  if (!f_) throw std::runtime_error(path + ": cannot write checkpoint");
  raw(kMagic, sizeof(kMagic) - 1);
}

CheckpointWriter::~CheckpointWriter() {
  if (f_) std::fclose(f_);
}

void CheckpointWriter::raw(const void* data, u64 len) {
  if (len && std::fwrite(data, 1, len, f_) != len) throw std::runtime_error(path_ + ": write error");
}

void CheckpointWriter::u64v(u64 v) {
  u8 b[8];
  for (int k = 0; k < 8; ++k) b[k] = static_cast<u8>(v >> (8 * k));
  raw(b, 8);
}

void CheckpointWriter::bytes(const void* data, u64 len) {
  u64v(len);
  raw(data, len);
}

void CheckpointWriter::finish() {
  if (std::fflush(f_) != 0 || std::ferror(f_)) throw std::runtime_error(path_ + ": write error");
  std::fclose(f_);
  f_ = nullptr;
}

CheckpointReader::CheckpointReader(const std::string& path) : path_(path), f_(std::fopen(path.c_str(), "rb")) {
  if (!f_) throw std::runtime_error(path + ": cannot open checkpoint");
  char magic[sizeof(kMagic) - 1];
  if (std::fread(magic, 1, sizeof(magic), f_) != sizeof(magic)) fail("not a discosim checkpoint");
  std::string got(magic, sizeof(magic));
  const std::string prefix = kMagicPrefix;
  if (got != kMagic && got.starts_with(prefix) && got.back() == '\n')
    fail("checkpoint format " + got.substr(prefix.size(), got.size() - prefix.size() - 1) +
         " was written by another version of discosim (this one reads format " + kFormat + ")");
  if (got != kMagic) fail("not a discosim checkpoint");
}

CheckpointReader::~CheckpointReader() {
  if (f_) std::fclose(f_);
}

void CheckpointReader::fail(const std::string& why) const { throw std::runtime_error(path_ + ": " + why); }

void CheckpointReader::raw(void* data, u64 len) {
  if (len && std::fread(data, 1, len, f_) != len) fail("truncated checkpoint");
}

u64 CheckpointReader::u64v() {
  u8 b[8];
  raw(b, 8);
  u64 v = 0;
  for (int k = 0; k < 8; ++k) v |= u64{b[k]} << (8 * k);
  return v;
}

std::vector<u8> CheckpointReader::bytes() {
  u64 len = u64v();
  if (len > kMaxBytes) fail("corrupt checkpoint (implausible length)");
  std::vector<u8> v(len);
  raw(v.data(), len);
  return v;
}

void CheckpointReader::bytes_into(void* dst, u64 len) {
  if (u64v() != len) fail("corrupt checkpoint (length mismatch)");
  raw(dst, len);
}

std::string CheckpointReader::str() {
  std::vector<u8> b = bytes();
  return {b.begin(), b.end()};
}

void CheckpointReader::section(const std::string& name) {
  u64 len = u64v();
  if (len > 256) fail("corrupt checkpoint (expected section '" + name + "')");
  std::string got(len, '\0');
  raw(got.data(), len);
  if (got != name) fail("corrupt checkpoint (expected section '" + name + "', found '" + got + "')");
}

void CheckpointReader::expect_end() {
  if (std::fgetc(f_) != EOF) fail("trailing data after the last section");
}

}  // namespace ds
