// config.cpp - TOML machine descriptions, read with toml++.
#include "sim/config.h"

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <toml++/toml.h>

#include "sim/memmap.h"
#include "sim/toml_keys.h"
#include "sim/vm_config.h"

namespace ds {

using toml_keys::check_keys;
using toml_keys::fail;
using toml_keys::get_uint;

u64 parse_size(const std::string& s) {
  if (s.empty()) throw std::runtime_error("empty size");
  size_t pos = 0;
  unsigned long long n = 0;
  try {
    n = std::stoull(s, &pos, 0);
  } catch (...) {
    throw std::runtime_error("malformed size '" + s + "'");
  }
  std::string suffix = s.substr(pos);
  if (suffix.empty()) return n;
  if (suffix == "K" || suffix == "KiB") return n << 10;
  if (suffix == "M" || suffix == "MiB") return n << 20;
  if (suffix == "G" || suffix == "GiB") return n << 30;
  throw std::runtime_error("malformed size '" + s + "' (suffix must be K, M or G)");
}

namespace {

// The array of strings at `key` of [boot] (empty if absent).
std::vector<std::string> get_strings(const toml::table& t, const char* key, const std::string& file) {
  std::vector<std::string> out;
  auto node = t.get(key);
  if (!node) return out;
  auto* arr = node->as_array();
  if (!arr) fail(file, std::string("[boot] ") + key + " must be an array of strings");
  for (auto& el : *arr) {
    auto s = el.value<std::string>();
    if (!el.is_string() || !s) fail(file, std::string("[boot] ") + key + " must be an array of strings");
    if (s->find('\0') != std::string::npos) fail(file, std::string("[boot] ") + key + " strings may not contain NUL");
    out.push_back(*s);
  }
  return out;
}

}  // namespace

bool is_env_entry(const std::string& s) { return s.find('=') != std::string::npos && s[0] != '=' && s.find('\0') == std::string::npos; }

bool parse_isa(const std::string& s, mips::IsaLevel& out) {
  if (s != "mips4" && s != "r2") return false;
  out = s == "r2" ? mips::IsaLevel::Mips64R2 : mips::IsaLevel::Mips4;
  return true;
}

const char* isa_name(mips::IsaLevel isa) { return isa == mips::IsaLevel::Mips64R2 ? "r2" : "mips4"; }

MachineConfig parse_config(const std::string& text, const std::string& name) {
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    std::ostringstream os;
    os << name << ":" << e.source().begin.line << ": " << e.description();
    throw std::runtime_error(os.str());
  }
  MachineConfig cfg;
  cfg.source = name;
  check_keys(root, "the top level", {"machine", "run", "disk", "disk_timing", "memory", "boot", "vm"}, name);

  if (auto* m = root["machine"].as_table()) {
    check_keys(*m, "[machine]", {"nodes", "cpus_per_node", "memory_per_node", "endian", "clock_mhz", "isa"}, name);
    cfg.clock_mhz = get_uint(*m, "clock_mhz", cfg.clock_mhz, name);
    cfg.nodes = static_cast<unsigned>(get_uint(*m, "nodes", cfg.nodes, name));
    cfg.cpus_per_node = static_cast<unsigned>(get_uint(*m, "cpus_per_node", cfg.cpus_per_node, name));
    if (auto node = m->get("memory_per_node")) {
      if (auto str = node->value<std::string>()) {
        try {
          cfg.memory_per_node = parse_size(*str);
        } catch (const std::exception& e) {
          fail(name, std::string("memory_per_node: ") + e.what());
        }
      } else {
        cfg.memory_per_node = get_uint(*m, "memory_per_node", 0, name);
      }
    }
    if (auto node = m->get("endian")) {
      auto e = node->value<std::string>();
      if (!e || (*e != "big" && *e != "little")) fail(name, "endian must be \"big\" or \"little\"");
      cfg.big_endian = *e == "big";
    }
    if (auto node = m->get("isa")) {
      auto isa = node->value<std::string>();
      if (!isa || !parse_isa(*isa, cfg.isa)) fail(name, "isa must be \"mips4\" or \"r2\"");
    }
  } else if (root.contains("machine")) {
    fail(name, "[machine] must be a table");
  }

  if (auto* t = root["disk_timing"].as_table()) {
    check_keys(*t, "[disk_timing]", {"command_us", "mb_per_s"}, name);
    cfg.disk_command_us = get_uint(*t, "command_us", cfg.disk_command_us, name);
    cfg.disk_mb_per_s = get_uint(*t, "mb_per_s", cfg.disk_mb_per_s, name);
  }

  if (root.contains("disk")) {
    auto* disks = root["disk"].as_array();
    if (!disks) fail(name, "disks are given as [[disk]] tables");
    std::string dir = name.find('/') == std::string::npos ? "" : name.substr(0, name.rfind('/') + 1);
    for (auto& node : *disks) {
      auto* d = node.as_table();
      if (!d) fail(name, "disks are given as [[disk]] tables");
      check_keys(*d, "[[disk]]", {"image", "writable"}, name);
      auto image = d->get("image") ? d->get("image")->value<std::string>() : std::nullopt;
      if (!image || image->empty()) fail(name, "every [[disk]] needs an image = \"path\"");
      DiskConfig dc;
      dc.image = (*image)[0] == '/' ? *image : dir + *image;
      if (auto w = d->get("writable")) {
        if (!w->is_boolean()) fail(name, "writable must be true or false");
        dc.writable = *w->value<bool>();
      }
      cfg.disks.push_back(dc);
    }
  }

  if (auto* r = root["run"].as_table()) {
    check_keys(*r, "[run]",
               {"quantum", "max_instructions", "cpu_model", "timing_at_phase", "timing_at_instructions", "warm_caches"},
               name);
    cfg.quantum = get_uint(*r, "quantum", cfg.quantum, name);
    cfg.max_instructions = get_uint(*r, "max_instructions", cfg.max_instructions, name);
    if (auto node = r->get("cpu_model")) {
      auto m = node->value<std::string>();
      if (!m || (*m != "functional" && *m != "timing")) fail(name, "cpu_model must be \"functional\" or \"timing\"");
      cfg.cpu_model = *m == "timing" ? CpuModel::Timing : CpuModel::Functional;
    }
    if (r->contains("timing_at_phase")) cfg.timing_at_phase = get_uint(*r, "timing_at_phase", 0, name);
    cfg.timing_at_instructions = get_uint(*r, "timing_at_instructions", 0, name);
    if (auto node = r->get("warm_caches")) {
      if (!node->is_boolean()) fail(name, "warm_caches must be true or false");
      cfg.warm_caches = *node->value<bool>();
    }
  } else if (root.contains("run")) {
    fail(name, "[run] must be a table");
  }

  if (auto* b = root["boot"].as_table()) {
    check_keys(*b, "[boot]", {"args", "env"}, name);
    cfg.boot_args = get_strings(*b, "args", name);
    cfg.boot_env = get_strings(*b, "env", name);
    for (const std::string& e : cfg.boot_env)
      if (!is_env_entry(e)) fail(name, "[boot] env entries must be NAME=VALUE, not '" + e + "'");
  } else if (root.contains("boot")) {
    fail(name, "[boot] must be a table");
  }
  parse_vm_tables(root, cfg, name);   // [[vm]]: the Disco monitor's boot words, after [boot] args

  if (root.contains("memory") && !root["memory"].as_table()) fail(name, "[memory] must be a table");
  cfg.memory = numa::parse_memory_config(root["memory"].as_table(), name);

  if (cfg.nodes == 0 || cfg.cpus_per_node == 0) fail(name, "nodes and cpus_per_node must be at least 1");
  if (cfg.num_cpus() > 64) fail(name, "at most 64 CPUs are supported (one directory bit each)");
  if (cfg.memory_per_node == 0 || cfg.memory_per_node % 4096)
    fail(name, "memory_per_node must be a non-zero multiple of 4 KiB");
  if (cfg.memory_per_node > memmap::kMaxRamBytes / cfg.nodes)
    fail(name, "total memory exceeds 1 TiB - 16 MiB: the top of RAM must stay below 2^40 (see sim/memmap.h)");
  if (cfg.quantum == 0) fail(name, "quantum must be at least 1");
  if (cfg.clock_mhz == 0 || cfg.clock_mhz > 100000) fail(name, "clock_mhz must be between 1 and 100000");
  if (cfg.disk_mb_per_s == 0) fail(name, "mb_per_s must be at least 1");
  if (cfg.disks.size() > 16) fail(name, "at most 16 disks are supported");
  return cfg;
}

MachineConfig load_config(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open file");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_config(ss.str(), path);
}

}  // namespace ds
