// host_tools.cpp - scratch directories and child processes for `discosim guest`.
#include "sim/guest/host_tools.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>

extern char** environ;

namespace ds::guest {

TempDir::TempDir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/discosim-guest-XXXXXX";
  if (!mkdtemp(tmpl.data()))
    throw std::runtime_error("guest: cannot create a scratch directory in " + tmpl + ": " + std::strerror(errno));
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);  // best effort: nothing to report to
}

namespace {

bool is_executable(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(path.c_str(), X_OK) == 0;
}

}  // namespace

std::string find_e2fsprogs_tool(const std::string& name) {
  std::vector<std::string> dirs;
  if (const char* d = std::getenv("DISCOSIM_E2FSPROGS")) {
    dirs.push_back(d);
  } else {
    const char* path = std::getenv("PATH");
    std::string p = path ? path : "";
    for (size_t start = 0; start <= p.size();) {
      size_t end = p.find(':', start);
      if (end == std::string::npos) end = p.size();
      if (end > start) dirs.push_back(p.substr(start, end - start));
      start = end + 1;
    }
    dirs.push_back("/usr/sbin");  // not on a normal user's PATH on Debian
    dirs.push_back("/sbin");
  }
  for (const std::string& d : dirs)
    if (is_executable(d + "/" + name)) return d + "/" + name;
  throw std::runtime_error(name + " not found (install e2fsprogs: Debian package e2fsprogs)");
}

ToolResult run_tool(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error(std::string("guest: pipe: ") + std::strerror(errno));
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<char*> envp;
  for (char** e = environ; *e; ++e) envp.push_back(*e);
  for (const std::string& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("guest: fork: ") + std::strerror(errno));
  if (pid == 0) {
    int null = open("/dev/null", O_RDONLY);
    if (null >= 0) dup2(null, 0);
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    close(fds[0]);
    execve(args[0], args.data(), envp.data());
    _exit(127);
  }
  close(fds[1]);
  ToolResult r;
  char buf[4096];
  for (;;) {
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    r.output.append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

std::string one_line(const std::string& output) {
  std::string line, out;
  for (size_t i = 0; i <= output.size(); ++i) {
    if (i < output.size() && output[i] != '\n') {
      line += output[i];
      continue;
    }
    size_t b = line.find_first_not_of(" \t\r"), e = line.find_last_not_of(" \t\r");
    if (b != std::string::npos) out += (out.empty() ? "" : "; ") + line.substr(b, e - b + 1);
    line.clear();
  }
  return out;
}

}  // namespace ds::guest
