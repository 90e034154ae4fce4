// root_image.cpp - staging the guest's root tree and making it an ext2 image.
//
// Reproducibility: mke2fs -d copies each staged file's mode, owner and times
// into its inode, so the staging pass fixes modes and atime/mtime; the UUID,
// hash seed, block and inode sizes and features are given explicitly (and
// MKE2FS_CONFIG points nowhere, so /etc/mke2fs.conf cannot change them);
// E2FSPROGS_FAKE_TIME fixes every time e2fsprogs takes from the clock.  Two
// things mke2fs still takes from the host - the owner (when not run as root)
// and the ctime (the staging copy's, which cannot be set) - are rewritten
// afterwards with one debugfs script.
#include "sim/guest/root_image.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "sim/guest/host_tools.h"

namespace ds::guest {

namespace fs = std::filesystem;

namespace {

constexpr const char* kUuid = "d15c0510-0000-4000-8000-6775657374aa";  // fixed: UUID and hash seed
constexpr u64 kBlock = 4096;
constexpr u64 kMiB = 1ull << 20;

std::string fake_time_env() { return fmt::format("E2FSPROGS_FAKE_TIME={}", kImageEpoch); }

void make_dir(const fs::path& p, fs::perms mode) {
  std::error_code ec;
  fs::create_directories(p, ec);
  if (ec) throw std::runtime_error(fmt::format("guest: cannot create {}: {}", p.string(), ec.message()));
  fs::permissions(p, mode, ec);
}

// Copies one --file (a file or a directory tree) to `dest` in the staging tree.
void copy_in(const GuestFile& f, const fs::path& dest) {
  std::error_code ec;
  make_dir(dest.parent_path(), fs::perms(0755));
  fs::copy(f.host, dest,
           fs::copy_options::recursive | fs::copy_options::copy_symlinks | fs::copy_options::overwrite_existing, ec);
  if (ec) throw std::runtime_error(fmt::format("--file {}: cannot copy it: {}", f.host, ec.message()));
}

// A name debugfs can take in double quotes.
std::string debugfs_name(const std::string& image_path) {
  if (image_path.find_first_of("\"\n\\") != std::string::npos)
    throw std::runtime_error(fmt::format("guest: the name '{}' has a quote, backslash or newline, which the image "
                                         "builder cannot handle", image_path));
  return "\"" + image_path + "\"";
}

struct Staged {
  u64 content_bytes = 0;            // data blocks the tree needs, roughly
  std::vector<std::string> paths;   // every entry, as an absolute image path ("/" first)
};

// The last pass over the staged tree: normalises modes, sets atime and mtime
// to kImageEpoch, adds up the space, lists the paths (sorted: the debugfs
// script is the same whatever order the host's directories list in).
Staged finish_tree(const fs::path& root) {
  Staged s;
  std::vector<fs::path> entries;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it)
    entries.push_back(it->path());
  std::sort(entries.begin(), entries.end());
  entries.insert(entries.begin(), root);
  const timespec times[2] = {{kImageEpoch, 0}, {kImageEpoch, 0}};
  for (const fs::path& p : entries) {
    fs::file_status st = fs::symlink_status(p);
    std::string rel = p.lexically_relative(root).generic_string();  // not fs::relative: it follows symlinks
    std::string image_path = rel == "." ? "/" : "/" + rel;
    s.paths.push_back(debugfs_name(image_path));
    if (fs::is_regular_file(st)) {
      bool exec = (st.permissions() & (fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec)) !=
                  fs::perms::none;
      fs::permissions(p, exec ? fs::perms(0755) : fs::perms(0644));
      s.content_bytes += (fs::file_size(p) + kBlock - 1) / kBlock * kBlock;
    } else if (fs::is_directory(st)) {
      fs::permissions(p, image_path == "/tmp" ? fs::perms(01777) : fs::perms(0755));
      s.content_bytes += kBlock;
    } else if (fs::is_symlink(st)) {
      s.content_bytes += kBlock;
    } else {
      throw std::runtime_error(fmt::format("guest: {}: only files, directories and symbolic links can be copied in",
                                           image_path));
    }
  }
  for (const fs::path& p : entries)  // after every change to the tree: nothing touches mtimes again
    if (utimensat(AT_FDCWD, p.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0)
      throw std::runtime_error("guest: cannot set the time of " + p.string());
  return s;
}

void run_mke2fs(const std::string& staging, const std::string& image, u64 size) {
  std::string mke2fs = find_e2fsprogs_tool("mke2fs");
  std::error_code ec;
  fs::remove(image, ec);  // mke2fs keeps an existing file's tail: start from nothing
  std::vector<std::string> argv = {
      mke2fs, "-q", "-F", "-t", "ext2", "-b", std::to_string(kBlock), "-I", "256",
      "-O", "none,filetype,sparse_super,large_file",  // what dunix's ext2 mounts read-write
      "-m", "0", "-L", "discosim-root", "-U", kUuid,
      "-E", fmt::format("hash_seed={},root_owner=0:0", kUuid),
      "-d", staging, image, std::to_string(size / 1024) + "k"};
  ToolResult r = run_tool(argv, {fake_time_env(), "MKE2FS_CONFIG=/nonexistent"});
  if (r.status != 0)
    throw std::runtime_error(fmt::format("mke2fs failed (status {}): {}", r.status, one_line(r.output)));
}

// Owner 0:0 and ctime kImageEpoch on every inode mke2fs copied from staging.
void fix_inodes(const std::string& scratch, const std::string& image, const std::vector<std::string>& paths) {
  std::string script_path = scratch + "/fix-inodes.debugfs";
  {
    std::ofstream script(script_path);
    for (const std::string& p : paths)
      script << "sif " << p << " uid 0\nsif " << p << " gid 0\nsif " << p << " ctime @" << kImageEpoch << "\n";
    if (!script) throw std::runtime_error("guest: cannot write " + script_path);
  }
  ToolResult r = run_tool({find_e2fsprogs_tool("debugfs"), "-w", "-f", script_path, image}, {fake_time_env()});
  // debugfs echoes each command ("debugfs: sif ...") and prints its banner;
  // anything else is a complaint.
  std::string complaints;
  size_t start = 0;
  while (start < r.output.size()) {
    size_t end = r.output.find('\n', start);
    if (end == std::string::npos) end = r.output.size();
    std::string line = r.output.substr(start, end - start);
    start = end + 1;
    if (line.empty() || line.rfind("debugfs", 0) == 0) continue;
    complaints += line + "\n";
  }
  if (r.status != 0 || !complaints.empty())
    throw std::runtime_error(fmt::format("debugfs failed (status {}): {}", r.status, one_line(complaints)));
}

}  // namespace

GuestFile parse_file_arg(const std::string& arg) {
  GuestFile f;
  size_t colon = arg.rfind(':');
  std::error_code ec;
  if (colon == std::string::npos || fs::exists(arg, ec)) {
    f.host = arg;
  } else {
    f.host = arg.substr(0, colon);
    f.guest = arg.substr(colon + 1);
  }
  if (f.host.empty() || !fs::exists(fs::symlink_status(f.host, ec)))
    throw std::runtime_error(fmt::format("--file {}: no such file or directory", f.host.empty() ? arg : f.host));
  if (f.guest.empty()) f.guest = fs::path(f.host).lexically_normal().filename().string();
  if (f.guest.empty() || f.guest == "." || f.guest == "..")
    throw std::runtime_error(fmt::format("--file {}: name it in the image with HOST:GUEST", arg));
  fs::path g = f.guest[0] == '/' ? fs::path(f.guest) : fs::path("/work") / f.guest;
  g = g.lexically_normal();
  if (g.relative_path().empty() || *g.relative_path().begin() == "..")
    throw std::runtime_error(fmt::format("--file {}: '{}' does not name a file in the image", arg, f.guest));
  f.guest = g.generic_string();
  if (f.guest.size() > 1 && f.guest.back() == '/') f.guest.pop_back();
  return f;
}

void build_root_image(const RootImageSpec& spec) {
  TempDir scratch;
  fs::path root = fs::path(scratch.path()) / "root";
  make_dir(root, fs::perms(0755));
  for (const char* d : {"bin", "work", "tmp", "dev"}) make_dir(root / d, fs::perms(0755));
  std::error_code ec;
  fs::copy_file(spec.program, root / "bin" / spec.program_name, ec);
  if (ec) throw std::runtime_error(fmt::format("{}: cannot copy it: {}", spec.program, ec.message()));
  fs::permissions(root / "bin" / spec.program_name, fs::perms(0755));
  for (const GuestFile& f : spec.files) copy_in(f, root / fs::path(f.guest).relative_path());
  Staged staged = finish_tree(root);
  u64 size = spec.size ? *spec.size : (staged.content_bytes * 2 + 32 * kMiB + kMiB - 1) / kMiB * kMiB;
  run_mke2fs(root.string(), spec.image, size);
  fix_inodes(scratch.path(), spec.image, staged.paths);
}

}  // namespace ds::guest
