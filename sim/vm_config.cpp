// vm_config.cpp - [[vm]] tables to the Disco monitor's boot words
// (sim/vm_config.h).
#include "sim/vm_config.h"

#include <fmt/format.h>

#include "sim/toml_keys.h"

namespace ds {

using toml_keys::check_keys;
using toml_keys::fail;
using toml_keys::get_uint;

namespace {

// A [[disk]] index: an integer naming one of the machine's disks.
u64 disk_index(const toml::node& n, const MachineConfig& cfg, const std::string& where, const std::string& file) {
  auto v = n.value<int64_t>();
  if (!n.is_integer() || !v || *v < 0 || static_cast<u64>(*v) >= cfg.disks.size())
    fail(file, fmt::format("{}: disk indices must name [[disk]] tables (0..{})", where,
                           cfg.disks.empty() ? 0 : cfg.disks.size() - 1));
  return static_cast<u64>(*v);
}

}  // namespace

void parse_vm_tables(const toml::table& root, MachineConfig& cfg, const std::string& file) {
  if (!root.contains("vm")) return;
  auto* vms = root["vm"].as_array();
  if (!vms) fail(file, "virtual machines are given as [[vm]] tables");
  unsigned i = 0;
  for (auto& node : *vms) {
    auto* t = node.as_table();
    if (!t) fail(file, "virtual machines are given as [[vm]] tables");
    std::string where = fmt::format("[[vm]] {}", i);
    check_keys(*t, where, {"kernel_disk", "disks", "vcpus", "memory", "args", "limit"}, file);
    auto* kernel = t->get("kernel_disk");
    if (!kernel) fail(file, where + " needs kernel_disk = N (the [[disk]] holding its kernel)");
    cfg.boot_args.push_back(fmt::format("vm{}.kernel={}", i, disk_index(*kernel, cfg, where, file)));
    u64 vcpus = get_uint(*t, "vcpus", 1, file, where + " ");
    if (vcpus < 1 || vcpus > 32) fail(file, where + ": vcpus must be 1..32");
    cfg.boot_args.push_back(fmt::format("vm{}.vcpus={}", i, vcpus));
    if (auto* m = t->get("memory")) {
      auto s = m->value<std::string>();
      if (!s) fail(file, where + ": memory must be a size string such as \"64M\"");
      try {
        (void)parse_size(*s);
      } catch (const std::exception& e) {
        fail(file, where + ": memory: " + e.what());
      }
      cfg.boot_args.push_back(fmt::format("vm{}.mem={}", i, *s));
    }
    if (auto* d = t->get("disks")) {
      auto* list = d->as_array();
      if (!list) fail(file, where + ": disks must be an array of [[disk]] indices");
      std::string words;
      for (auto& e : *list) {
        if (!words.empty()) words += ',';
        words += std::to_string(disk_index(e, cfg, where, file));
      }
      if (!words.empty()) cfg.boot_args.push_back(fmt::format("vm{}.disks={}", i, words));
    }
    if (auto* a = t->get("args")) {
      auto* list = a->as_array();
      if (!list) fail(file, where + ": args must be an array of strings");
      std::string words;
      for (auto& e : *list) {
        auto w = e.value<std::string>();
        if (!e.is_string() || !w || w->empty() || w->find_first_of(" \t") != std::string::npos)
          fail(file, where + ": args must be non-empty strings without spaces (the monitor splits at spaces)");
        if (!words.empty()) words += ' ';
        words += *w;
      }
      if (!words.empty()) cfg.boot_args.push_back(fmt::format("vm{}.args={}", i, words));
    }
    if (u64 limit = get_uint(*t, "limit", 0, file, where + " ")) cfg.boot_args.push_back(fmt::format("vm{}.limit={}", i, limit));
    ++i;
  }
}

}  // namespace ds
