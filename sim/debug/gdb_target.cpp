// gdb_target.cpp - stopping, resuming and the packets of the gdb stub
// (gdb_target.h).  Registers and the target description are in
// gdb_registers.cpp, `monitor` commands in gdb_monitor.cpp.
#include "sim/debug/gdb_target.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

#include "sim/debug/gdb_registers.h"
#include "sim/debug/peek.h"

namespace ds::debug {

namespace {

constexpr unsigned kPollEvery = 64;  // quanta (or 64x that many slots) between looks at the socket

u64 hex_number(const std::string& s, size_t& pos) {
  size_t start = pos;
  while (pos < s.size() && std::isxdigit(static_cast<unsigned char>(s[pos]))) ++pos;
  return start == pos ? 0 : std::strtoull(s.substr(start, pos - start).c_str(), nullptr, 16);
}

std::string thread_id(unsigned cpu) { return fmt::format("{:x}", cpu + 1); }

}  // namespace

GdbTarget::GdbTarget(DebugHost& m, const std::string& endpoint, bool wait)
    : m_(m), server_(endpoint), wait_(wait) {
  std::fprintf(stderr, "discosim: gdb: listening on %s%s\n", server_.where().c_str(),
               wait ? " (the machine waits for gdb)" : "");
}

GdbTarget::~GdbTarget() = default;

bool GdbTarget::watching(mips::Cpu& c) {
  (void)c;
  if (!server_.connected()) {
    bool block = wait_ && !ever_attached_;
    if (block || ++polls_ % kPollEvery == 0) {
      if (server_.accept(block)) {
        ever_attached_ = true;
        stop_pending_ = true;  // gdb expects a stopped target once it attached ...
        stop_signal_ = block ? 5 : 2;
        stop_send_ = false;    // ... and asks why with '?'
      }
    }
    if (!server_.connected()) return false;
  } else if (!stop_pending_ && ++polls_ % kPollEvery == 0 && server_.poll_interrupt()) {
    stop_pending_ = stop_send_ = true;
    stop_signal_ = 2;
  }
  return stop_pending_ || stepping_ || !breaks_.empty() || !watches_.empty();
}

bool GdbTarget::breakpoint_at(mips::Cpu& c) const {
  auto it = breaks_.find(c.pc);
  if (it == breaks_.end()) return false;
  auto a = asid_of_.find(c.pc);
  return a == asid_of_.end() || a->second == asid(c);
}

const GdbTarget::Watch* GdbTarget::touched_watch(mips::Cpu& c) {
  std::optional<u32> raw = peek_insn(c, c.pc);
  if (!raw) return nullptr;
  auto ref = data_ref(c.gpr, *raw);
  if (!ref) return nullptr;
  for (const Watch& w : watches_) {
    bool overlap = ref->va < w.addr + w.len && w.addr < ref->va + ref->size;
    bool kind = w.type == '4' || (w.type == '2') == ref->store;
    if (overlap && kind) return &w;
  }
  return nullptr;
}

bool GdbTarget::before(mips::Cpu& c) {
  if (killed_) return false;
  if (server_.connected() && !stop_pending_ && ++polls_ % (kPollEvery * 64) == 0 && server_.poll_interrupt()) {
    stop_pending_ = stop_send_ = true;
    stop_signal_ = 2;
  }
  if (stepping_ && c.id == step_cpu_) step_slots_ = c.insns + c.exceptions;
  // A stop asked for from outside (attach, Ctrl-C) waits for the end of a
  // delay slot: gdb steps MIPS code with breakpoints at the next PCs, which
  // it cannot compute from inside a delay slot.
  if (stop_pending_ && !c.next_in_delay) {
    stop_pending_ = false;
    stop(c, fmt::format("T{:02x}thread:{};", stop_signal_, thread_id(c.id)), stop_send_);
    return !killed_;
  }
  if (c.idling() || !server_.connected()) return true;
  if (skip_once_ && skip_cpu_ == c.id) {  // its first instruction since the resume
    skip_once_ = false;
    if (skip_pc_ == c.pc) return true;
  }
  if (!breaks_.empty() && breakpoint_at(c)) {
    stop(c, fmt::format("T05thread:{};", thread_id(c.id)), true);
  } else if (!watches_.empty()) {
    if (const Watch* w = touched_watch(c)) {
      const char* kind = w->type == '2' ? "watch" : w->type == '3' ? "rwatch" : "awatch";
      stop(c, fmt::format("T05{}:{:x};thread:{};", kind, w->addr, thread_id(c.id)), true);
    }
  }
  return !killed_;
}

void GdbTarget::after(mips::Cpu& c) {
  if (!stepping_ || c.id != step_cpu_ || c.insns + c.exceptions == step_slots_) return;
  stepping_ = false;
  stop(c, fmt::format("T05thread:{};", thread_id(c.id)), true);
}

void GdbTarget::finish(int exit_code) {
  if (!server_.connected()) return;
  server_.send_packet(fmt::format("W{:02x}", exit_code & 0xff));
  server_.drop_client();
}

void GdbTarget::detach() {
  breaks_.clear();
  watches_.clear();
  stepping_ = false;
  stop_pending_ = false;
  server_.drop_client();
}

// The machine is stopped before c's next instruction (or, after a step,
// right after the stepped one): serve packets until gdb resumes it.
void GdbTarget::stop(mips::Cpu& c, const std::string& reply, bool send) {
  current_ = gthread_ = c.id;
  last_stop_ = reply;
  stepping_ = false;
  if (send) server_.send_packet(reply);
  for (;;) {
    std::optional<std::string> pkt = server_.read_packet();
    if (!pkt) {  // gdb went away without detaching: as if it had
      detach();
      return;
    }
    if (*pkt == "\x03") continue;  // already stopped
    std::string out;
    Resume r = handle(*pkt, out);
    if (r == Resume::None) {
      server_.send_packet(out);
      if (*pkt == "QStartNoAckMode") server_.set_no_ack();  // after gdb acknowledged the OK
      continue;
    }
    if (r == Resume::Detach) {
      server_.send_packet("OK");
      detach();
      return;
    }
    if (r == Resume::Kill) {
      if (!out.empty()) server_.send_packet(out);  // vKill has a reply, 'k' none
      detach();
      killed_ = true;
      m_.end_run(137);
      return;
    }
    // Continue or Step: the stopped CPU's instruction is not reported again.
    mips::Cpu& me = m_.cpu(current_);
    if (r == Resume::Continue && steps_over_eret(me)) {
      stepping_ = true, step_cpu_ = me.id;
      r = Resume::Step;
    }
    skip_once_ = true, skip_cpu_ = me.id, skip_pc_ = me.pc;
    if (r == Resume::Step) step_slots_ = m_.cpu(step_cpu_).insns + m_.cpu(step_cpu_).exceptions;
    return;
  }
}

// gdb single-steps MIPS code by planting a breakpoint on the next PC and
// continuing; for ERET it takes the next PC to be pc + 4, so its stepi would
// run on until the kernel happens to execute that address.  A continue from
// an ERET with a breakpoint right after it is therefore taken for what it
// is, a single step: the CPU stops after the ERET, where it returned to.
bool GdbTarget::steps_over_eret(mips::Cpu& c) {
  constexpr u32 kEret = 0x42000018;
  return breaks_.count(c.pc + 4) && peek_insn(c, c.pc) == kEret;
}

mips::Cpu& GdbTarget::cpu_of_thread(long tid, unsigned fallback) {
  if (tid <= 0 || tid > static_cast<long>(m_.cpus())) return m_.cpu(fallback);
  return m_.cpu(static_cast<unsigned>(tid - 1));
}

GdbTarget::Resume GdbTarget::handle(const std::string& pkt, std::string& reply) {
  char kind = pkt[0];
  size_t pos = 1;
  switch (kind) {
    case '?':
      reply = last_stop_;
      return Resume::None;
    case 'g':
      reply = gdb_registers(m_.cpu(gthread_));
      return Resume::None;
    case 'G': {
      for (unsigned n = 0; n < kNumGdbRegs && 1 + 16 * (n + 1) <= pkt.size(); ++n)
        set_gdb_register(m_.cpu(gthread_), n, pkt.substr(1 + 16 * n, 16));
      reply = "OK";
      return Resume::None;
    }
    case 'p':
      reply = gdb_register(m_.cpu(gthread_), static_cast<unsigned>(hex_number(pkt, pos)));
      return Resume::None;
    case 'P': {
      unsigned n = static_cast<unsigned>(hex_number(pkt, pos));
      reply = pos < pkt.size() && pkt[pos] == '=' && set_gdb_register(m_.cpu(gthread_), n, pkt.substr(pos + 1))
                  ? "OK" : "E01";
      return Resume::None;
    }
    case 'm':
      reply = memory_read(pkt);
      return Resume::None;
    case 'M':
    case 'X':
      reply = memory_write(pkt, kind == 'X');
      return Resume::None;
    case 'Z':
    case 'z':
      reply = breakpoint_packet(pkt);
      return Resume::None;
    case 'H': {
      long tid = pkt.substr(2) == "-1" ? -1 : static_cast<long>(std::strtol(pkt.substr(2).c_str(), nullptr, 16));
      if (pkt.size() > 1 && pkt[1] == 'g') gthread_ = cpu_of_thread(tid, current_).id;
      reply = "OK";
      return Resume::None;
    }
    case 'T': {
      long tid = std::strtol(pkt.substr(1).c_str(), nullptr, 16);
      reply = tid >= 1 && tid <= static_cast<long>(m_.cpus()) ? "OK" : "E01";
      return Resume::None;
    }
    case 'c':
    case 's':
      if (pkt.size() > 1) m_.cpu(current_).set_pc(hex_number(pkt, pos));
      if (kind == 's') stepping_ = true, step_cpu_ = current_;
      return kind == 's' ? Resume::Step : Resume::Continue;
    case 'D':
      return Resume::Detach;
    case 'k':
      return Resume::Kill;
    case 'v':
      if (pkt.rfind("vCont?", 0) == 0) {
        reply = "vCont;c;C;s;S";
        return Resume::None;
      }
      if (pkt.rfind("vCont;", 0) == 0) return handle_vcont(pkt);
      if (pkt.rfind("vKill", 0) == 0) {
        reply = "OK";
        return Resume::Kill;
      }
      reply = "";
      return Resume::None;
    case 'q':
    case 'Q':
      reply = query(pkt);
      return Resume::None;
    default:
      reply = "";
      return Resume::None;
  }
}

// vCont;ACTION[:TID];...: a step of one thread wins over continuing the rest
// (the others run only as the fixed schedule of the machine lets them while
// the stepped CPU completes one instruction: docs/debugging.md).
GdbTarget::Resume GdbTarget::handle_vcont(const std::string& pkt) {
  size_t pos = 5;
  while (pos < pkt.size() && pkt[pos] == ';') {
    char action = pkt[pos + 1];
    size_t end = pkt.find(';', pos + 1);
    std::string item = pkt.substr(pos + 1, end == std::string::npos ? std::string::npos : end - pos - 1);
    size_t colon = item.find(':');
    long tid = colon == std::string::npos ? 0 : std::strtol(item.substr(colon + 1).c_str(), nullptr, 16);
    if (action == 's' || action == 'S') {
      stepping_ = true;
      step_cpu_ = cpu_of_thread(tid, current_).id;
      return Resume::Step;
    }
    pos = end == std::string::npos ? pkt.size() : end;
  }
  return Resume::Continue;
}

std::string GdbTarget::breakpoint_packet(const std::string& pkt) {
  // Z/z TYPE,ADDR,KIND: 0 software and 1 hardware breakpoints, 2 write, 3 read, 4 access watchpoints.
  if (pkt.size() < 4 || pkt[2] != ',') return "";
  char type = pkt[1];
  size_t pos = 3;
  u64 addr = hex_number(pkt, pos);
  if (pos >= pkt.size() || pkt[pos] != ',') return "E01";
  ++pos;
  u64 len = hex_number(pkt, pos);
  bool insert = pkt[0] == 'Z';
  if (type == '0' || type == '1') {
    if (insert) {
      ++breaks_[addr];
    } else if (auto it = breaks_.find(addr); it != breaks_.end() && --it->second == 0) {
      breaks_.erase(it);
    }
    return "OK";
  }
  if (type >= '2' && type <= '4') {
    if (insert) {
      watches_.push_back({addr, len ? len : 1, type});
    } else {
      for (auto it = watches_.begin(); it != watches_.end(); ++it)
        if (it->addr == addr && it->type == type) {
          watches_.erase(it);
          break;
        }
    }
    return "OK";
  }
  return "";
}

std::string GdbTarget::memory_read(const std::string& pkt) {
  size_t pos = 1;
  u64 addr = hex_number(pkt, pos);
  ++pos;
  u64 len = std::min<u64>(hex_number(pkt, pos), 0x800);
  std::string bytes(len, '\0');
  mips::Cpu& c = m_.cpu(gthread_);
  // As much as is readable, up to the first unmapped byte.
  u64 n = 0;
  while (n < len && peek(c, addr + n, reinterpret_cast<u8*>(&bytes[n]), 1)) ++n;
  return n ? to_hex(bytes.data(), n) : "E01";
}

std::string GdbTarget::memory_write(const std::string& pkt, bool binary) {
  size_t pos = 1;
  u64 addr = hex_number(pkt, pos);
  ++pos;
  u64 len = hex_number(pkt, pos);
  size_t colon = pkt.find(':');
  if (colon == std::string::npos) return "E01";
  std::string data = pkt.substr(colon + 1);
  if (!binary && !from_hex(data, data)) return "E01";
  if (data.size() != len) return "E01";
  return poke(m_.cpu(gthread_), addr, reinterpret_cast<const u8*>(data.data()), len) ? "OK" : "E01";
}

std::string GdbTarget::query(const std::string& pkt) {
  auto starts = [&](const char* p) { return pkt.rfind(p, 0) == 0; };
  if (starts("qSupported"))
    return "PacketSize=4000;qXfer:features:read+;qXfer:threads:read+;QStartNoAckMode+;vContSupported+";
  if (pkt == "QStartNoAckMode") return "OK";
  if (pkt == "qAttached") return "1";  // gdb's quit detaches, and the run goes on
  if (pkt == "qC") return "QC" + thread_id(current_);
  if (pkt == "qfThreadInfo") {
    std::string s = "m";
    for (unsigned i = 0; i < m_.cpus(); ++i) {
      if (i) s += ',';
      s += thread_id(i);
    }
    return s;
  }
  if (pkt == "qsThreadInfo") return "l";
  if (starts("qThreadExtraInfo,")) {
    size_t pos = 17;
    mips::Cpu& c = cpu_of_thread(static_cast<long>(hex_number(pkt, pos)), current_);
    return to_hex(fmt::format("cpu{}{}", c.id, c.stopped() ? " (not started)" : c.idling() ? " (idle)" : ""));
  }
  if (starts("qXfer:")) {
    // qXfer:OBJECT:read:ANNEX:OFFSET,LENGTH
    size_t a = pkt.find(':', 6), b = pkt.find(':', a + 1), c = pkt.find(':', b + 1);
    if (a == std::string::npos || b == std::string::npos || c == std::string::npos) return "E00";
    if (pkt.substr(a + 1, b - a - 1) != "read") return "";
    return xfer(pkt.substr(6, a - 6), pkt.substr(b + 1, c - b - 1), pkt.substr(c + 1));
  }
  if (starts("qRcmd,")) {
    std::string cmd;
    if (!from_hex(pkt.substr(6), cmd)) return "E01";
    return to_hex(monitor(cmd));
  }
  if (pkt == "qSymbol::") return "OK";
  return "";
}

std::string GdbTarget::xfer(const std::string& object, const std::string& annex, const std::string& range) {
  std::string doc;
  if (object == "features" && annex == "target.xml") {
    doc = target_xml();
  } else if (object == "threads") {
    doc = "<?xml version=\"1.0\"?>\n<threads>\n";
    for (unsigned i = 0; i < m_.cpus(); ++i)
      doc += fmt::format("<thread id=\"{}\" core=\"{}\" name=\"cpu{}\"/>\n", thread_id(i), i, i);
    doc += "</threads>\n";
  } else {
    return "E00";
  }
  size_t pos = 0;
  u64 offset = hex_number(range, pos);
  ++pos;
  u64 length = hex_number(range, pos);
  if (offset >= doc.size()) return "l";
  std::string part = doc.substr(offset, length);
  std::string out(1, offset + part.size() >= doc.size() ? 'l' : 'm');
  return out.append(part);
}

}  // namespace ds::debug
