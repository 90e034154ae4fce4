// stats.cpp - formatting run statistics as a table (fmt) and JSON (nlohmann).
#include "sim/stats.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace ds {

u64 RunStats::total_instructions() const {
  u64 t = 0;
  for (const CpuStats& c : cpus) t += c.instructions;
  return t;
}

CpuStats stats_delta(const CpuStats& after, const CpuStats& before) {
  CpuStats d = after, b = before;
  std::vector<u64> old;
  b.for_each_counter([&old](const char*, u64& v) { old.push_back(v); });
  size_t k = 0;
  d.for_each_counter([&old, &k](const char*, u64& v) { v -= old[k++]; });
  return d;
}

void save_cpu_stats(CheckpointWriter& w, const CpuStats& c) {
  CpuStats copy = c;
  w.u64v(c.id);
  copy.for_each_counter([&w](const char*, u64& v) { w.u64v(v); });
}

CpuStats restore_cpu_stats(CheckpointReader& r) {
  CpuStats c;
  c.id = static_cast<unsigned>(r.u64v());
  c.for_each_counter([&r](const char*, u64& v) { v = r.u64v(); });
  return c;
}

u64 PhaseRecord::instructions() const {
  u64 n = 0;
  for (size_t k = 0; k < begin.size() && k < end.size(); ++k) n += end[k].instructions - begin[k].instructions;
  return n;
}

double RunStats::mips() const {
  return host_seconds > 0 ? static_cast<double>(total_instructions()) / host_seconds / 1e6 : 0.0;
}

std::string stats_table(const RunStats& s) {
  std::string out;
  out += fmt::format("--- discosim statistics ({}) ---\n", s.config.source);
  out += fmt::format("end: {}\n", s.end_reason);
  out += fmt::format("machine: {} node(s) x {} cpu(s), {} MiB/node, {}-endian, isa {}\n", s.config.nodes,
                     s.config.cpus_per_node, s.config.memory_per_node >> 20,
                     s.config.big_endian ? "big" : "little", isa_name(s.config.isa));
  for (const CpuStats& c : s.cpus) {
    u64 total = c.kernel_cycles + c.supervisor_cycles + c.user_cycles + c.idle_cycles;
    auto pct = [total](u64 v) { return total ? 100.0 * static_cast<double>(v) / static_cast<double>(total) : 0.0; };
    out += fmt::format("cpu{:<3} instructions {:>14}  time: kernel {:.1f}% supervisor {:.1f}% user {:.1f}% idle {:.1f}%",
                       c.id, c.instructions, pct(c.kernel_cycles), pct(c.supervisor_cycles), pct(c.user_cycles),
                       pct(c.idle_cycles));
    if (u64 st = c.stalls.total())
      out += fmt::format("  stalls {:.1f}% (memory local {:.1f}% remote {:.1f}%)", pct(st),
                         pct(c.stalls.inst_local + c.stalls.data_local), pct(c.stalls.inst_remote + c.stalls.data_remote));
    if (c.tlb_refills) out += fmt::format("  tlb refills {} ({:.1f}%)", c.tlb_refills, pct(c.tlb_refill_cycles));
    bool any = false;
    for (unsigned e = 0; e < mips::kNumExcCodes; ++e)
      if (c.exceptions[e]) {
        out += fmt::format("{} {}={}", any ? "" : "  exceptions:", mips::exc_name(e), c.exceptions[e]);
        any = true;
      }
    out += "\n";
    if (c.mem.l1i_misses + c.mem.l1d_misses)
      out += fmt::format("       misses: L1I {} L1D {} L2 {} (local {} remote {} dirty {}) upgrades {} "
                         "invalidations {} writebacks {}\n",
                         c.mem.l1i_misses, c.mem.l1d_misses, c.mem.l2_misses, c.mem.local_misses, c.mem.remote_misses,
                         c.mem.dirty_misses, c.mem.upgrades, c.mem.invalidations_sent, c.mem.writebacks);
  }
  if (s.switched_to_timing_at)
    out += fmt::format("cpu model: functional, timing from instruction {}\n", *s.switched_to_timing_at);
  else
    out += fmt::format("cpu model: {}\n", s.cpu_model == CpuModel::Timing ? "timing" : "functional");
  for (const PhaseRecord& p : s.phases) {
    u64 cycles = 0, stalls = 0;
    for (size_t k = 0; k < p.begin.size() && k < p.end.size(); ++k) {
      CpuStats d = stats_delta(p.end[k], p.begin[k]);
      cycles += d.cycles(), stalls += d.stalls.total();
    }
    out += fmt::format("phase {}: {} instructions, {} cpu cycles, {} stalled{}\n", p.id, p.instructions(), cycles,
                       stalls, p.open ? " (still open)" : "");
  }
  if (!s.instruction_mix.empty()) {
    u64 all = 0;
    for (const auto& [name, n] : s.instruction_mix) all += n;
    out += "instruction mix (most frequent):";
    for (size_t k = 0; k < s.instruction_mix.size() && k < 12; ++k)
      out += fmt::format(" {} {:.1f}%", s.instruction_mix[k].first,
                         100.0 * static_cast<double>(s.instruction_mix[k].second) / static_cast<double>(all));
    out += "\n";
  }
  out += fmt::format("total {} instructions in {:.3f} s host time: {:.1f} MIPS\n", s.total_instructions(),
                     s.host_seconds, s.mips());
  return out;
}

namespace {

nlohmann::json cpu_json(const CpuStats& c) {
  using nlohmann::json;
  json exc = json::object();
  for (unsigned e = 0; e < mips::kNumExcCodes; ++e)
    if (c.exceptions[e]) exc[mips::exc_name(e)] = c.exceptions[e];
  const mips::StallCounters& st = c.stalls;
  const numa::CpuMemStats& m = c.mem;
  return {{"id", c.id},
          {"instructions", c.instructions},
          {"cycles", {{"kernel", c.kernel_cycles},
                      {"supervisor", c.supervisor_cycles},
                      {"user", c.user_cycles},
                      {"idle", c.idle_cycles}}},
          {"stall_cycles", {{"instruction", {{"l2", st.inst_l2}, {"local", st.inst_local}, {"remote", st.inst_remote}}},
                            {"data", {{"l2", st.data_l2}, {"local", st.data_local}, {"remote", st.data_remote}}},
                            {"uncached", st.uncached},
                            {"pipeline", st.pipeline},
                            {"total", st.total()}}},
          {"tlb", {{"refills", c.tlb_refills}, {"refill_cycles", c.tlb_refill_cycles}}},
          {"memory", {{"l1i_misses", m.l1i_misses},
                      {"l1d_misses", m.l1d_misses},
                      {"l2_misses", m.l2_misses},
                      {"upgrades", m.upgrades},
                      {"local_misses", m.local_misses},
                      {"remote_misses", m.remote_misses},
                      {"dirty_misses", m.dirty_misses},
                      {"invalidations_sent", m.invalidations_sent},
                      {"invalidations_received", m.invalidations_received},
                      {"writebacks", m.writebacks},
                      {"contention_cycles", m.contention_cycles}}},
          {"exceptions", exc}};
}

nlohmann::json config_json(const MachineConfig& c) {
  const numa::MemoryConfig& m = c.memory;
  auto cache = [](const numa::CacheGeometry& g) {
    return nlohmann::json{{"size", g.size_bytes}, {"ways", g.ways}, {"line", g.line_bytes}};
  };
  nlohmann::json disks = nlohmann::json::array();
  for (const DiskConfig& d : c.disks) disks.push_back({{"image", d.image}, {"writable", d.writable}});
  return {{"source", c.source},
          {"nodes", c.nodes},
          {"cpus_per_node", c.cpus_per_node},
          {"memory_per_node", c.memory_per_node},
          {"endian", c.big_endian ? "big" : "little"},
          {"isa", isa_name(c.isa)},
          {"boot", {{"args", c.boot_args}, {"env", c.boot_env}}},
          {"clock_mhz", c.clock_mhz},
          {"quantum", c.quantum},
          {"max_instructions", c.max_instructions},
          {"cpu_model", c.cpu_model == CpuModel::Timing ? "timing" : "functional"},
          {"timing_at_phase", c.timing_at_phase ? nlohmann::json(*c.timing_at_phase) : nlohmann::json(nullptr)},
          {"timing_at_instructions", c.timing_at_instructions},
          {"warm_caches", c.warm_caches},
          {"disk_timing", {{"command_us", c.disk_command_us}, {"mb_per_s", c.disk_mb_per_s}}},
          {"disks", disks},
          {"memory", {{"model", m.model == numa::MemoryModel::Uma ? "uma" : "numa"},
                      {"local_ns", m.local_ns},
                      {"remote_ns", m.remote_ns},
                      {"dirty_extra_ns", m.dirty_extra_ns},
                      {"invalidate_extra_ns", m.invalidate_extra_ns},
                      {"controller_occupancy_ns", m.controller_occupancy_ns},
                      {"invalidate_occupancy_ns", m.invalidate_occupancy_ns},
                      {"network_occupancy_ns", m.network_occupancy_ns},
                      {"l1_hit_cycles", m.l1_hit_cycles},
                      {"l2_hit_cycles", m.l2_hit_cycles},
                      {"uncached_ns", m.uncached_ns},
                      {"l1i", cache(m.l1i)},
                      {"l1d", cache(m.l1d)},
                      {"l2", cache(m.l2)}}}};
}

}  // namespace

std::string stats_json(const RunStats& s) {
  using nlohmann::json;
  json j;
  j["schema"] = "discosim-stats/2";
  j["config"] = config_json(s.config);
  j["end_reason"] = s.end_reason;
  j["exit_code"] = s.exit_code;
  j["host_seconds"] = s.host_seconds;
  j["total_instructions"] = s.total_instructions();
  j["cpu_model"] = s.cpu_model == CpuModel::Timing ? "timing" : "functional";
  j["switched_to_timing_at"] = s.switched_to_timing_at ? json(*s.switched_to_timing_at) : json(nullptr);
  json cpus = json::array();
  for (const CpuStats& c : s.cpus) cpus.push_back(cpu_json(c));
  j["cpus"] = cpus;
  json phases = json::array();
  for (const PhaseRecord& p : s.phases) {
    json pc = json::array();
    for (size_t k = 0; k < p.begin.size() && k < p.end.size(); ++k) pc.push_back(cpu_json(stats_delta(p.end[k], p.begin[k])));
    phases.push_back({{"id", p.id}, {"instructions", p.instructions()}, {"complete", !p.open}, {"cpus", pc}});
  }
  j["phases"] = phases;
  if (!s.instruction_mix.empty()) {
    json mix = json::object();
    for (const auto& [name, n] : s.instruction_mix) mix[name] = n;
    j["instruction_mix"] = mix;
  }
  return j.dump(2) + "\n";
}

}  // namespace ds
