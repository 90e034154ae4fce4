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

double RunStats::mips() const {
  return host_seconds > 0 ? static_cast<double>(total_instructions()) / host_seconds / 1e6 : 0.0;
}

std::string stats_table(const RunStats& s) {
  std::string out;
  out += fmt::format("--- discosim statistics ({}) ---\n", s.config.source);
  out += fmt::format("end: {}\n", s.end_reason);
  out += fmt::format("machine: {} node(s) x {} cpu(s), {} MiB/node, {}-endian\n", s.config.nodes,
                     s.config.cpus_per_node, s.config.memory_per_node >> 20,
                     s.config.big_endian ? "big" : "little");
  for (const CpuStats& c : s.cpus) {
    u64 total = c.kernel_cycles + c.supervisor_cycles + c.user_cycles + c.idle_cycles;
    auto pct = [total](u64 v) { return total ? 100.0 * static_cast<double>(v) / static_cast<double>(total) : 0.0; };
    out += fmt::format("cpu{:<3} instructions {:>14}  time: kernel {:.1f}% supervisor {:.1f}% user {:.1f}% idle {:.1f}%",
                       c.id, c.instructions, pct(c.kernel_cycles), pct(c.supervisor_cycles), pct(c.user_cycles),
                       pct(c.idle_cycles));
    bool any = false;
    for (unsigned e = 0; e < mips::kNumExcCodes; ++e)
      if (c.exceptions[e]) {
        out += fmt::format("{} {}={}", any ? "" : "  exceptions:", mips::exc_name(e), c.exceptions[e]);
        any = true;
      }
    out += "\n";
  }
  for (const PhaseRecord& p : s.phases)
    out += fmt::format("phase {}: {} instructions{}\n", p.id, p.end_insns - p.begin_insns,
                       p.open ? " (still open)" : "");
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

std::string stats_json(const RunStats& s) {
  using nlohmann::json;
  json j;
  j["schema"] = "discosim-stats/1";
  j["config"] = {{"source", s.config.source},
                 {"nodes", s.config.nodes},
                 {"cpus_per_node", s.config.cpus_per_node},
                 {"memory_per_node", s.config.memory_per_node},
                 {"endian", s.config.big_endian ? "big" : "little"},
                 {"quantum", s.config.quantum},
                 {"max_instructions", s.config.max_instructions}};
  j["end_reason"] = s.end_reason;
  j["exit_code"] = s.exit_code;
  j["host_seconds"] = s.host_seconds;
  j["total_instructions"] = s.total_instructions();
  json cpus = json::array();
  for (const CpuStats& c : s.cpus) {
    json exc = json::object();
    for (unsigned e = 0; e < mips::kNumExcCodes; ++e)
      if (c.exceptions[e]) exc[mips::exc_name(e)] = c.exceptions[e];
    cpus.push_back({{"id", c.id},
                    {"instructions", c.instructions},
                    {"cycles", {{"kernel", c.kernel_cycles},
                                {"supervisor", c.supervisor_cycles},
                                {"user", c.user_cycles},
                                {"idle", c.idle_cycles}}},
                    {"exceptions", exc}});
  }
  j["cpus"] = cpus;
  json phases = json::array();
  for (const PhaseRecord& p : s.phases)
    phases.push_back({{"id", p.id}, {"instructions", p.end_insns - p.begin_insns}, {"complete", !p.open}});
  j["phases"] = phases;
  if (!s.instruction_mix.empty()) {
    json mix = json::object();
    for (const auto& [name, n] : s.instruction_mix) mix[name] = n;
    j["instruction_mix"] = mix;
  }
  return j.dump(2) + "\n";
}

}  // namespace ds
