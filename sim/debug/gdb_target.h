// gdb_target.h - the machine side of the gdb stub: what the remote
// protocol's packets do to the simulated machine (docs/debugging.md).
//
// Each CPU is a gdb thread (thread id = CPU number + 1, named "cpuN").  The
// stub stops the machine *inside* the Stepper's quantum (stepper.h), before
// an instruction of one CPU, and serves packets until gdb resumes it; the
// rest of the quantum and of the round-robin then continue exactly where
// they were, so stopping, stepping and reading never change what the run
// computes or counts.  Breakpoints and watchpoints are kept here, never
// written into guest memory.
#pragma once
#include <map>
#include <optional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "sim/debug/debug_host.h"
#include "sim/debug/gdb_server.h"

namespace ds::debug {

class GdbTarget {
 public:
  // Listens on `endpoint` (gdb_server.h) and says where on stderr; with
  // `wait`, the first instruction waits for gdb to attach.
  GdbTarget(DebugHost& m, const std::string& endpoint, bool wait);
  ~GdbTarget();

  // At the start of CPU c's quantum: whether its instructions must be
  // looked at one by one (gdb attached with breakpoints, watchpoints, a
  // step or a stop pending).  Also where a new client or a Ctrl-C is noticed.
  bool watching(mips::Cpu& c);
  // Before each slot of a watched quantum: stops here (and serves gdb) on a
  // breakpoint, a watchpoint about to be touched, Ctrl-C or the end of a
  // step.  False when gdb ended the run (kill).
  bool before(mips::Cpu& c);
  void after(mips::Cpu& c);
  // The run ended: tells an attached gdb the exit status.
  void finish(int exit_code);

 private:
  enum class Resume { None, Continue, Step, Detach, Kill };
  struct Watch {
    u64 addr, len;
    char type;  // '2' write, '3' read, '4' access (the Z packet's number)
  };

  void stop(mips::Cpu& c, const std::string& reply, bool send);
  Resume handle(const std::string& pkt, std::string& reply);
  Resume handle_vcont(const std::string& pkt);
  std::string query(const std::string& pkt);
  std::string monitor(const std::string& cmd);
  std::string breakpoint_packet(const std::string& pkt);
  std::string memory_read(const std::string& pkt);
  std::string memory_write(const std::string& pkt, bool binary);
  std::string xfer(const std::string& object, const std::string& annex, const std::string& range);
  const Watch* touched_watch(mips::Cpu& c);
  bool breakpoint_at(mips::Cpu& c) const;
  bool steps_over_eret(mips::Cpu& c);
  mips::Cpu& cpu_of_thread(long tid, unsigned fallback);
  void detach();

  DebugHost& m_;
  RspServer server_;
  bool wait_;
  bool ever_attached_ = false;
  unsigned polls_ = 0;

  // Breakpoints (Z0 software, Z1 hardware: both kept here), and the ASID
  // each address is restricted to (`monitor asid`).
  std::map<u64, unsigned> breaks_;  // address -> how many Z0/Z1 inserted it
  std::map<u64, unsigned> asid_of_;
  std::vector<Watch> watches_;

  // The stop and what gdb asked for when resuming.
  bool stop_pending_ = false;  // Ctrl-C or a new client: stop at the next instruction
  int stop_signal_ = 5;
  bool stop_send_ = false;     // gdb is waiting for the stop reply (Ctrl-C), not attaching
  std::string last_stop_ = "S05";
  unsigned current_ = 0;       // the thread of the last stop
  unsigned gthread_ = 0;       // Hg: registers and memory
  bool stepping_ = false;
  unsigned step_cpu_ = 0;
  u64 step_slots_ = 0;         // step_cpu_'s slot count before its step
  // The CPU that stopped before an instruction resumes with it: that
  // instruction's breakpoint/watchpoint is not reported again.
  bool skip_once_ = false;
  unsigned skip_cpu_ = 0;
  u64 skip_pc_ = 0;
  bool killed_ = false;
};

}  // namespace ds::debug
