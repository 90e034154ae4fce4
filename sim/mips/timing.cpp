// timing.cpp - the in-order pipeline's interlocks and the latency table,
// derived from the one instruction table (isa.h): each row's operand letters
// say which FP registers it reads and writes, its mnemonic which unit it
// uses and for how long.
#include "sim/mips/timing.h"

#include <cstring>
#include <string_view>

#include "sim/mips/isa.h"

namespace ds::mips {

namespace {

// Result latencies in cycles (docs/timing.md; the R10000/R12000 figures in
// ../shared/reference/r10000-and-simulators.md D.10).  `repeat`: the FP
// divide/square-root unit is not pipelined and accepts a new operation only
// this many cycles after the last one.
struct UnitLatency {
  std::string_view op;
  u8 single, dbl;       // .s / .d (or the only value)
  u8 repeat_s, repeat_d;
};
constexpr UnitLatency kFpLatency[] = {
    {"add", 2, 2, 0, 0},    {"sub", 2, 2, 0, 0},     {"mul", 2, 2, 0, 0},     {"madd", 4, 4, 0, 0},
    {"msub", 4, 4, 0, 0},   {"nmadd", 4, 4, 0, 0},   {"nmsub", 4, 4, 0, 0},   {"div", 12, 19, 14, 21},
    {"sqrt", 18, 33, 20, 35}, {"recip", 12, 19, 14, 21}, {"rsqrt", 30, 52, 32, 54},
};
constexpr u8 kFpDefaultLatency = 2;  // abs, neg, mov*, compares, conversions

struct HiLoLatency {
  std::string_view name;
  u8 latency;
};
constexpr HiLoLatency kHiLo[] = {
    {"mult", 6},  {"multu", 7}, {"dmult", 10}, {"dmultu", 11}, {"div", 35},
    {"divu", 35}, {"ddiv", 67}, {"ddivu", 67}, {"mthi", 1},    {"mtlo", 1},
};

// FP register fields by operand letter (isa.h's args).
i8 fp_field(char letter) {
  switch (letter) {
    case 'D': return 6;   // fd
    case 'S': return 11;  // fs
    case 'T': return 16;  // ft
    case 'R': return 21;  // fr
    default: return -1;
  }
}

RowTiming timing_of(const InsnDesc& row) {
  RowTiming t;
  std::string_view name = row.name;
  for (const HiLoLatency& h : kHiLo)
    if (name == h.name) {
      t.unit = RowTiming::HiLoWrite;
      t.latency = h.latency;
      return t;
    }
  if (name == "mfhi" || name == "mflo") {
    t.unit = RowTiming::HiLoRead;
    return t;
  }
  // FP operands: letters outside parentheses (x(b) and o(b) are integer).
  std::string_view args = row.args;
  std::vector<i8> fields;
  int depth = 0;
  for (char ch : args) {
    if (ch == '(') ++depth;
    if (ch == ')') --depth;
    if (depth == 0 && fp_field(ch) >= 0) fields.push_back(fp_field(ch));
    if (ch == 'M') t.writes_cc = true;
    if (ch == 'N') t.reads_cc = true;
  }
  if (name.starts_with("c.")) t.writes_cc = true;
  if (fields.empty() && !t.writes_cc && !t.reads_cc) return t;
  t.unit = RowTiming::Fpu;
  t.latency = 1;
  bool moves_in = (row.flags & kLoad) || name == "mtc1" || name == "dmtc1" || name == "mthc1";
  if (moves_in) {  // loads and moves into the FPU: the first FP operand is written
    t.dest = fields.front();
    return t;
  }
  std::string_view op = name.substr(0, name.find('.'));
  bool dbl = name.ends_with(".d");
  if (std::strchr(row.args, 'D') || t.writes_cc) {  // an FP operation with a result
    t.latency = kFpDefaultLatency;
    for (const UnitLatency& u : kFpLatency)
      if (op == u.op) {
        t.latency = dbl ? u.dbl : u.single;
        t.repeat = dbl ? u.repeat_d : u.repeat_s;
      }
  }
  int k = 0;
  for (i8 f : fields) {
    if (f == 6 && std::strchr(row.args, 'D'))
      t.dest = f;
    else if (k < 3)
      t.src[k++] = f;
  }
  return t;
}

}  // namespace

const std::vector<RowTiming>& row_timing() {
  static const std::vector<RowTiming> table = [] {
    std::vector<RowTiming> v(1);  // index 0: reserved instructions
    for (const InsnDesc* row : isa_table()) v.push_back(timing_of(*row));
    return v;
  }();
  return table;
}

CpuTiming::CpuTiming(unsigned cpu, numa::MemorySystem& ms, u64& stall_cycles, const u8* ram_host)
    : cpu_(cpu),
      ms_(ms),
      stall_cycles_(stall_cycles),
      ram_host_(ram_host),
      uncached_cycles_(numa::ns_to_cycles(ms.config().uncached_ns, ms.topology().clock_mhz)),
      l1_hit_cycles_(ms.config().l1_hit_cycles) {
  iline_shift_ = 0;
  while ((1u << iline_shift_) < ms.config().l1i.line_bytes) ++iline_shift_;
}

void CpuTiming::fetch_slow(u64 pa, u64 now) {
  numa::AccessResult r = ms_.access(cpu_, pa, numa::AccessKind::IFetch, Cycle{now + offset_});
  last_iline_ = pa >> iline_shift_;
  last_gen_ = ms_.generation();
  if (!r.stall.cycles) return;
  if (r.cause == numa::MissCause::L1Hit || r.cause == numa::MissCause::L2Hit)
    add(stalls.inst_l2, r.stall.cycles);
  else
    add(r.local ? stalls.inst_local : stalls.inst_remote, r.stall.cycles);
}

void CpuTiming::charge_data(const numa::AccessResult& r) {
  if (r.cause == numa::MissCause::L1Hit || r.cause == numa::MissCause::L2Hit)
    add(stalls.data_l2, r.stall.cycles);
  else
    add(r.local ? stalls.data_local : stalls.data_remote, r.stall.cycles);
}

void CpuTiming::issue(const RowTiming& rt, u32 raw, u64 now) {
  u64 ready = now;
  auto need = [&ready](u64 t) { ready = t > ready ? t : ready; };
  switch (rt.unit) {
    case RowTiming::None: return;
    case RowTiming::HiLoRead: need(hilo_ready_); break;
    case RowTiming::HiLoWrite: need(hilo_ready_); break;  // the unit is busy until its last result
    case RowTiming::Fpu:
      for (i8 f : rt.src)
        if (f >= 0) need(fpr_ready_[(raw >> f) & 31]);
      if (rt.reads_cc) need(cc_ready_);
      if (rt.repeat) need(fdiv_free_);
      break;
  }
  add(stalls.pipeline, ready - now);
  if (rt.unit == RowTiming::HiLoWrite) hilo_ready_ = ready + rt.latency;
  if (rt.unit == RowTiming::Fpu) {
    if (rt.dest >= 0) fpr_ready_[(raw >> rt.dest) & 31] = ready + rt.latency;
    if (rt.writes_cc) cc_ready_ = ready + rt.latency;
    if (rt.repeat) fdiv_free_ = ready + rt.repeat;
  }
}

void CpuTiming::save(CheckpointWriter& w) const {
  for (u64 v : {stalls.inst_l2, stalls.data_l2, stalls.inst_local, stalls.inst_remote, stalls.data_local,
                stalls.data_remote, stalls.uncached, stalls.pipeline, hilo_ready_, cc_ready_, fdiv_free_})
    w.u64v(v);
  w.boolean(charge);
  w.array(fpr_ready_);
  // The fetch-line shortcut: a fetch it would have let through must not ask
  // the cache after a restore, since a hit bumps the LRU clock.
  w.u64v(last_iline_);
  w.boolean(last_gen_ == ms_.generation());
}

void CpuTiming::restore(CheckpointReader& r) {
  for (u64* v : {&stalls.inst_l2, &stalls.data_l2, &stalls.inst_local, &stalls.inst_remote, &stalls.data_local,
                 &stalls.data_remote, &stalls.uncached, &stalls.pipeline, &hilo_ready_, &cc_ready_, &fdiv_free_})
    *v = r.u64v();
  charge = r.boolean();
  r.array(fpr_ready_);
  last_iline_ = r.u64v();
  last_gen_ = r.boolean() ? ms_.generation() : ~u64{0};  // the memory system is restored first
}

}  // namespace ds::mips
