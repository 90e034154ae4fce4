// signals.h - Linux signal state of a user-mode process and delivery of
// signals to guest handlers through the MIPS rt_sigframe.
//
// Faults the CPU reports (see Process::take_exception) become synchronous
// signals; kill/tgkill to ourselves queue a pending signal that is delivered
// when the syscall returns.  A handler runs on the rt_sigframe the kernel
// would build (linux_abi.h: SigFrameLayout) and returns through a trampoline
// page (`li v0, rt_sigreturn; syscall`) that stands in for the VDSO.  A
// signal with the default action "terminate" ends the run like qemu-user:
// one line on stderr and exit status 128 + signal number.
#pragma once
#include <array>

#include "sim/types.h"
#include "sim/user/linux_abi.h"

namespace ds::user {

class Process;

// A guest sigset_t: 128 bits, bit (sig - 1) % 64 of word (sig - 1) / 64.
struct SigSet {
  static constexpr int kBits = LINUX_NSIG_BPW;
  std::array<u64, LINUX_NSIG_WORDS> w{};
  bool has(int sig) const { return (w[(sig - 1) / kBits] >> ((sig - 1) % kBits)) & 1; }
  void add(int sig) { w[(sig - 1) / kBits] |= u64{1} << ((sig - 1) % kBits); }
  void del(int sig) { w[(sig - 1) / kBits] &= ~(u64{1} << ((sig - 1) % kBits)); }
};

struct SigAction {
  u64 handler = kSigDfl;  // guest address, or kSigDfl / kSigIgn
  u64 flags = 0;          // SA_* bits (MIPS values)
  SigSet mask;
};

struct SignalState {
  std::array<SigAction, kNumSignals + 1> action{};  // indexed by signal number
  SigSet blocked;
  SigSet pending;
  int pending_code[kNumSignals + 1] = {};           // si_code of a pending signal
  u64 altstack_sp = 0, altstack_size = 0;
  u32 altstack_flags = kSsDisable;
};

// Delivers a signal caused by the instruction at cpu.exception_pc() (a fault):
// runs the handler, or ends the process if it is blocked, ignored or has the
// default action.  `addr` goes to si_addr.
void deliver_fault(Process& p, int sig, int code, u64 addr);

// Delivers every pending, unblocked signal (called after each syscall).
void deliver_pending(Process& p);

// Queues `sig` for this process (kill/tgkill to ourselves).
void queue_signal(Process& p, int sig, int code);

// The signal syscalls: rt_sigaction, rt_sigprocmask, rt_sigreturn, sigaltstack,
// kill, tkill, tgkill (registered in the syscall table).
i64 sys_rt_sigaction(Process& p, const u64* a);
i64 sys_rt_sigprocmask(Process& p, const u64* a);
i64 sys_rt_sigreturn(Process& p, const u64* a);
i64 sys_sigaltstack(Process& p, const u64* a);
i64 sys_kill(Process& p, const u64* a);
i64 sys_tgkill(Process& p, const u64* a);
i64 sys_tkill(Process& p, const u64* a);

}  // namespace ds::user
