// host_tools.h - what `discosim guest` borrows from the host: a scratch
// directory that cleans up after itself, and e2fsprogs' programs run as
// child processes with their output captured.
#pragma once
#include <string>
#include <vector>

namespace ds::guest {

// A fresh directory under $TMPDIR (or /tmp), removed with its contents when
// the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The path of e2fsprogs' program `name` (mke2fs, debugfs): in
// $DISCOSIM_E2FSPROGS if that is set, else the first of $PATH, /usr/sbin,
// /sbin that has it.  Throws "NAME not found ..." when none does.
std::string find_e2fsprogs_tool(const std::string& name);

struct ToolResult {
  int status = 0;      // exit status; 128 + signal if it was killed
  std::string output;  // stdout and stderr, interleaved
};

// Runs `argv` (argv[0] is a path) with `env` added to this process's
// environment, stdin from /dev/null; waits for it.
ToolResult run_tool(const std::vector<std::string>& argv, const std::vector<std::string>& env);

// `output`'s non-empty lines joined with "; " (tool messages on one line).
std::string one_line(const std::string& output);

}  // namespace ds::guest
