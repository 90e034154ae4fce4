// guest_main.cpp - `discosim guest`: check the inputs, make the root image
// and the machine description, boot dunix with the program as init, and turn
// the run's exit code into the program's exit status.
#include "sim/guest/guest_main.h"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "sim/elf_loader.h"
#include "sim/guest/elf_probe.h"
#include "sim/guest/host_tools.h"
#include "sim/guest/root_image.h"
#include "sim/guest_paths.h"

namespace ds::guest {

namespace fs = std::filesystem;

namespace {

constexpr int kPanicStatus = 250;               // dunix's exit code after a panic
constexpr const char* kPanicMarker = "dunix: panic";
constexpr int kNoExitStatus = 125;              // the machine stopped but the kernel never ended the run
constexpr char kEndOfFile = 0x04;               // ^D: end of file to the tty's canonical mode

// The console stream: passes every byte to the host's stdout and watches for
// the kernel's panic line (a program may exit with status 250 itself).
class ConsoleTap {
 public:
  ConsoleTap() {
    cookie_io_functions_t io{};
    io.write = &ConsoleTap::write;
    file_ = fopencookie(this, "w", io);
    if (!file_) throw std::runtime_error("guest: cannot open the console stream");
  }
  ~ConsoleTap() { std::fclose(file_); }
  ConsoleTap(const ConsoleTap&) = delete;
  ConsoleTap& operator=(const ConsoleTap&) = delete;

  std::FILE* file() { return file_; }
  bool saw_panic() {
    std::fflush(file_);
    return saw_panic_;
  }

 private:
  static ssize_t write(void* cookie, const char* buf, size_t size) {
    auto* self = static_cast<ConsoleTap*>(cookie);
    std::fwrite(buf, 1, size, stdout);
    std::fflush(stdout);  // the machine flushes its console where order with stderr matters
    std::string window = self->tail_ + std::string(buf, size);
    if (window.find(kPanicMarker) != std::string::npos) self->saw_panic_ = true;
    size_t keep = std::strlen(kPanicMarker) - 1;
    self->tail_ = window.size() > keep ? window.substr(window.size() - keep) : window;
    return static_cast<ssize_t>(size);
  }

  std::FILE* file_ = nullptr;
  std::string tail_;
  bool saw_panic_ = false;
};

std::string exe_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) throw std::runtime_error("guest: cannot find the discosim binary (/proc/self/exe): " + ec.message());
  return exe.parent_path().string();
}

// --kernel, or the dunix build product of the tree this binary was built in.
std::string kernel_path(const GuestCommand& cmd, bool big_endian) {
  if (!cmd.kernel.empty()) {
    if (!fs::is_regular_file(cmd.kernel)) throw std::runtime_error(cmd.kernel + ": no such kernel file");
    return cmd.kernel;
  }
  std::string name = big_endian ? "dunix.elf" : "dunix-el.elf";
  std::string path = exe_dir() + "/guest-kernels/dunix/" + name;
  if (!fs::is_regular_file(path))
    throw std::runtime_error(fmt::format("the guest kernel {} is missing: build it with: ninja -C build "
                                         "guest-kernels/dunix/{} (or pass --kernel FILE)", path, name));
  return path;
}

// --monitor: the Disco monitor and dunix's Disco port, next to the binary.
std::string monitor_path() {
  std::string path = exe_dir() + "/monitor/monitor.elf";
  if (!fs::is_regular_file(path))
    throw std::runtime_error("the Disco monitor " + path + " is missing: build it with: ninja -C build monitor/monitor.elf");
  return path;
}

std::string disco_kernel_path(const GuestCommand& cmd) {
  if (!cmd.kernel.empty()) return kernel_path(cmd, true);
  std::string path = exe_dir() + "/guest-kernels/dunix/dunix-disco.elf";
  if (!fs::is_regular_file(path))
    throw std::runtime_error("the Disco port of the guest kernel " + path +
                             " is missing: build it with: ninja -C build guest-kernels/dunix/dunix-disco.elf");
  return path;
}

// A raw disk image holding a file (the monitor loads a VM's kernel ELF from one).
void raw_disk_of(const std::string& file, const std::string& image) {
  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  bytes.resize((bytes.size() + 511) / 512 * 512, '\0');
  std::ofstream out(image, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error(image + ": cannot write the kernel disk");
}

// The machine for --monitor: disks 2i (VM i's kernel, read-only) and 2i+1
// (its root image), and the monitor's boot words (docs/monitor.md) - one
// VM's worth of guest words each, which the monitor splits at spaces.
void monitor_machine(const GuestCommand& cmd, MachineConfig& cfg, const std::string& kernel_disk,
                     const std::vector<std::string>& roots, const std::vector<std::string>& guest_words) {
  std::string args;
  for (const std::string& w : guest_words) {
    if (w.empty() || w.find_first_of(" \t") != std::string::npos)
      throw std::runtime_error("guest --monitor: '" + w + "': the monitor passes a VM's words split at spaces, "
                               "so no argument, --env or --kernel-arg may contain a space or be empty");
    args += (args.empty() ? "" : " ") + w;
  }
  unsigned vcpus = cmd.vcpus ? *cmd.vcpus : 1;
  cfg.disks.clear();
  cfg.boot_args = {"mon.quiet=1"};
  cfg.boot_args.insert(cfg.boot_args.end(), cmd.monitor_args.begin(), cmd.monitor_args.end());
  for (unsigned i = 0; i < cmd.vms; i++) {
    cfg.disks.push_back(DiskConfig{.image = kernel_disk, .writable = false});
    cfg.disks.push_back(DiskConfig{.image = roots[i], .writable = true});
    cfg.boot_args.push_back(fmt::format("vm{}.kernel={}", i, 2 * i));
    cfg.boot_args.push_back(fmt::format("vm{}.disks={}", i, 2 * i + 1));
    cfg.boot_args.push_back(fmt::format("vm{}.vcpus={}", i, vcpus));
    cfg.boot_args.push_back(fmt::format("vm{}.mem={}", i, cmd.vm_mem));
    cfg.boot_args.push_back(fmt::format("vm{}.args={}", i, args));
  }
}

// The machine: the config file, then what the program and the options need.
MachineConfig machine_for(const GuestCommand& cmd, const ProgramInfo& prog, unsigned& cpus) {
  MachineConfig cfg = load_config(cmd.config.empty() ? std::string(DISCOSIM_GUEST_CONFIG) : cmd.config);
  if (cmd.cpus) {
    if (*cmd.cpus == 0) throw std::runtime_error("guest: --cpus must be at least 1");
    cfg.nodes = (*cmd.cpus + cfg.cpus_per_node - 1) / cfg.cpus_per_node;
  }
  cpus = cmd.cpus ? *cmd.cpus : cfg.num_cpus();
  cfg.big_endian = prog.big_endian;
  cfg.isa = prog.isa;
  cfg.boot_args.clear();  // the kernel's arguments and init's environment are the command's
  cfg.boot_env.clear();
  return cfg;
}

// What follows the console input: ^D, which a tty in canonical mode reads as
// end of file at the start of a line; after a last line without a newline,
// a first ^D only ends that line, so a second one follows.
std::string console_end(const std::string& input_file) {
  std::string last;
  if (!input_file.empty()) {
    std::ifstream in(input_file, std::ios::binary | std::ios::ate);
    if (!in) throw std::runtime_error(input_file + ": cannot open console input");
    if (in.tellg() > 0) {
      in.seekg(-1, std::ios::end);
      last.push_back(static_cast<char>(in.get()));
    }
  }
  return last.empty() || last == "\n" ? std::string(1, kEndOfFile) : std::string(2, kEndOfFile);
}

}  // namespace

int run_guest(const GuestCommand& cmd) {
  // Every input is checked before anything is built or booted.
  if (cmd.args.empty()) throw std::runtime_error("guest: no program given");
  const std::string& program = cmd.args[0];
  ProgramInfo prog = probe_program(program);
  std::string name = fs::path(program).filename().string();
  std::vector<GuestFile> files;
  for (const std::string& f : cmd.files) files.push_back(parse_file_arg(f));
  for (const std::string& e : cmd.env)
    if (!is_env_entry(e)) throw std::runtime_error("--env wants NAME=VALUE, not '" + e + "'");
  std::optional<u64> disk_size;
  if (!cmd.disk_size.empty()) {
    try {
      disk_size = parse_size(cmd.disk_size);
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string("--disk-size: ") + e.what());
    }
  }
  if (cmd.reuse_image && cmd.image.empty()) throw std::runtime_error("guest: --reuse-image needs --image FILE");
  std::string console_suffix = console_end(cmd.run.console_input);
  if (cmd.monitor) {
    if (!prog.big_endian) throw std::runtime_error("guest --monitor: the Disco monitor runs big-endian guests only");
    if (cmd.vms == 0 || cmd.vms > 16) throw std::runtime_error("guest: --vms must be 1..16");
    if (cmd.vcpus && (*cmd.vcpus == 0 || *cmd.vcpus > 32)) throw std::runtime_error("guest: --vcpus must be 1..32");
    (void)parse_size(cmd.vm_mem);
    for (const std::string& w : cmd.monitor_args)
      if (w.empty() || w.find_first_of(" \t") != std::string::npos)
        throw std::runtime_error("guest: --monitor-arg '" + w + "' is not a single monitor boot word");
  } else if (cmd.vms != 1 || cmd.vcpus || !cmd.monitor_args.empty()) {
    throw std::runtime_error("guest: --vms, --vcpus and --monitor-arg need --monitor");
  }
  unsigned cpus = 0;
  MachineConfig cfg = machine_for(cmd, prog, cpus);
  std::string kernel = cmd.monitor ? disco_kernel_path(cmd) : kernel_path(cmd, prog.big_endian);
  (void)load_elf(kernel);  // a bad kernel file is refused now, not after the image is built
  std::string monitor = cmd.monitor ? monitor_path() : std::string();

  // The root image: kept at --image, else in a scratch directory.
  std::unique_ptr<TempDir> scratch;
  std::string image = cmd.image;
  if (image.empty()) {
    scratch = std::make_unique<TempDir>();
    image = scratch->path() + "/root.img";
  }
  if (!(cmd.reuse_image && fs::exists(image)))
    build_root_image({.program = program, .program_name = name, .files = files, .size = disk_size, .image = image});
  cfg.disks.insert(cfg.disks.begin(), DiskConfig{.image = image, .writable = true});  // disk 0: root=0

  cfg.boot_args = {"root=0", "init=/bin/" + name, "cwd=/work", "quiet", fmt::format("cpus={}", cpus)};
  for (const std::string& w : cmd.kernel_args) {
    if (w.empty() || w == "--" || w.find_first_of(" \t") != std::string::npos)
      throw std::runtime_error("guest: --kernel-arg '" + w + "' is not a single boot option word");
    cfg.boot_args.push_back(w);
  }
  cfg.boot_args.push_back("--");
  cfg.boot_args.insert(cfg.boot_args.end(), cmd.args.begin() + 1, cmd.args.end());
  cfg.boot_env = {"PATH=/bin:/usr/bin", "HOME=/work"};
  cfg.boot_env.insert(cfg.boot_env.end(), cmd.env.begin(), cmd.env.end());

  std::string boot_image = kernel;
  if (cmd.monitor) {   // the guest kernel's words become VM arguments; the monitor boots
    std::vector<std::string> words;
    for (auto w = cfg.boot_args.begin(); w != cfg.boot_args.end() && *w != "--"; ++w)
      if (w->rfind("cpus=", 0) != 0) words.push_back(*w);   /* a VM has --vcpus CPUs */
    words.push_back("setenv=PATH=/bin:/usr/bin");
    words.push_back("setenv=HOME=/work");
    for (const std::string& e : cmd.env) words.push_back("setenv=" + e);
    words.push_back(fmt::format("cpus={}", cmd.vcpus ? *cmd.vcpus : 1));
    words.push_back("--");
    words.insert(words.end(), cmd.args.begin() + 1, cmd.args.end());
    if (!scratch) scratch = std::make_unique<TempDir>();
    std::string kernel_disk = scratch->path() + "/kernel.img";
    raw_disk_of(kernel, kernel_disk);
    std::vector<std::string> roots = {image};
    for (unsigned i = 1; i < cmd.vms; i++) {   // every VM writes its own copy
      roots.push_back(scratch->path() + fmt::format("/root-vm{}.img", i));
      fs::copy_file(image, roots.back(), fs::copy_options::overwrite_existing);
    }
    monitor_machine(cmd, cfg, kernel_disk, roots, words);
    cfg.boot_env.clear();
    boot_image = monitor;
  }

  ConsoleTap console;
  RunOptions run = cmd.run;
  run.console = console.file();
  run.console_suffix = console_suffix;
  apply_run_options(cfg, run);
  RunResult r = run_machine(cfg, boot_image, RunStart::Kernel, run);
  if (r.exit_code == kPanicStatus && console.saw_panic()) {
    std::fflush(stdout);
    std::fprintf(stderr, "discosim: guest: kernel panic\n");
  }
  if (r.end_reason.rfind("every CPU", 0) == 0) {  // idle or stopped for good, no EXIT
    std::fflush(stdout);
    std::fprintf(stderr, "discosim: guest: the kernel never ended the run (%s): is the program blocked forever?\n",
                 r.end_reason.c_str());
    return kNoExitStatus;
  }
  return r.exit_code;
}

}  // namespace ds::guest
