// root_image.h - the root file system `discosim guest` boots: a staging
// directory laid out as the guest will see it, turned into an ext2 image by
// e2fsprogs' mke2fs (-d), bit for bit the same for the same inputs.
//
//   /            0755   root 0:0
//   /bin/PROG    0755   the program
//   /work        0755   the working directory, holding the --file copies
//   /tmp         1777
//   /dev         0755   empty: the kernel creates its device nodes at boot
//   /lost+found         made by mke2fs
//
// Every inode is owned by 0:0 and carries the same time (kImageEpoch) as its
// atime, mtime, ctime and crtime; the UUID and the directory hash seed are
// fixed.  Regular files copied in are 0755 if the host file has any execute
// bit, else 0644; directories are 0755.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sim/types.h"

namespace ds::guest {

// 2026-01-01 00:00:00 UTC: every time stamp in the image.
inline constexpr long long kImageEpoch = 1767225600;

// One --file HOST[:GUEST]: `guest` is an absolute path in the image
// (a relative GUEST is taken relative to /work).
struct GuestFile {
  std::string host;
  std::string guest;
};

// Parses HOST[:GUEST] (the last ':' splits, unless the whole argument names
// an existing host file); checks that HOST exists and that GUEST stays inside
// the image.  Throws std::runtime_error with a one-line reason.
GuestFile parse_file_arg(const std::string& arg);

struct RootImageSpec {
  std::string program;              // host path, staged at /bin/<program_name>
  std::string program_name;
  std::vector<GuestFile> files;
  std::optional<u64> size;          // bytes; default: content x 2 + 32 MiB, in whole MiB
  std::string image;                // the image file to (re)create
};

// Stages the tree in a temporary directory and writes `spec.image` with
// mke2fs, then fixes ownership and ctimes with debugfs (mke2fs copies them
// from the host).  Throws std::runtime_error with a one-line reason (with
// mke2fs's own message when it fails).  e2fsprogs' tools are looked up in
// $DISCOSIM_E2FSPROGS if set, else in $PATH, /usr/sbin and /sbin.
void build_root_image(const RootImageSpec& spec);

}  // namespace ds::guest
