// signals.cpp - signal delivery through the MIPS rt_sigframe and the signal
// syscalls (see signals.h for the model).
#include "sim/user/signals.h"

#include "sim/user/guest_struct.h"
#include "sim/user/process.h"
#include "sim/user/syscalls.h"

namespace ds::user {

namespace {

using L = SigFrameLayout;

// Signals whose default action does not end the process.  There is no job
// control here, so the stop signals are ignored like SIGCONT.
bool default_ignores(int sig) {
  int a = default_action(sig);
  return a == LINUX_SIGACT_IGN || a == LINUX_SIGACT_CONT || a == LINUX_SIGACT_STOP;
}

bool on_altstack(const SignalState& s, u64 sp) {
  return !(s.altstack_flags & kSsDisable) && sp - s.altstack_sp < s.altstack_size;
}

// Builds the rt_sigframe for `sig` and enters its handler; `resume_pc` is
// where rt_sigreturn will continue.  A frame that cannot be written kills the
// process with kSIGSEGV, as the kernel's force_sigsegv() does.
void enter_handler(Process& p, int sig, int code, u64 addr, u64 resume_pc) {
  mips::Cpu& c = p.cpu();
  SignalState& s = p.signals();
  SigAction& act = s.action[sig];
  u64 sp = c.gpr[29];
  if ((act.flags & kSaOnstack) && !(s.altstack_flags & kSsDisable) && !on_altstack(s, sp))
    sp = s.altstack_sp + s.altstack_size;
  u64 frame = (sp - 32 - L::size) & ~u64{15};

  GuestStruct f(L::size, p.big_endian());
  f.put_field(L::info_signo, LINUX_SIGINFO_W_SIGNO, static_cast<u32>(sig));
  f.put_field(L::info_code, LINUX_SIGINFO_W_CODE, static_cast<u32>(code));  // MIPS: code before errno
  if (code > 0)
    f.put_field(L::info_addr, LINUX_SIGINFO_W_ADDR, addr);
  else
    f.put_field(L::info_pid, LINUX_SIGINFO_W_PID, static_cast<u64>(kGuestPid));  // kill from ourselves
  f.put_field(L::uc_stack + StackLayout::sp, LINUX_STACK_W_SP, s.altstack_sp);
  f.put_field(L::uc_stack + StackLayout::size_field, LINUX_STACK_W_SIZE, s.altstack_size);
  f.put_field(L::uc_stack + StackLayout::flags, LINUX_STACK_W_FLAGS, s.altstack_flags);
  for (unsigned r = 0; r < 32; ++r) {
    f.put<u64>(L::sc_regs + 8 * r, c.gpr[r]);
    f.put<u64>(L::sc_fpregs + 8 * r, c.fpu.fpr[r]);
  }
  f.put<u64>(L::sc_mdhi, c.hi);
  f.put<u64>(L::sc_mdlo, c.lo);
  f.put<u64>(L::sc_pc, resume_pc);
  f.put_field(L::sc_fpc_csr, LINUX_SIGCONTEXT_W_FPC_CSR, c.fpu.fcsr);
  f.put_field(L::sc_used_math, LINUX_SIGCONTEXT_W_USED_MATH, 1);
  f.put<u64>(L::uc_sigmask, s.blocked.w[0]);
  f.put<u64>(L::uc_sigmask + 8, s.blocked.w[1]);
  if (!f.copy_out(p, frame)) {
    p.kill_by_signal(kSIGSEGV, resume_pc);
    return;
  }

  c.gpr[4] = static_cast<u64>(sig);
  c.gpr[5] = frame + L::info;
  c.gpr[6] = frame + L::uc;
  c.gpr[29] = frame;
  c.gpr[31] = kSigTrampoline;
  c.gpr[25] = act.handler;
  c.set_pc(act.handler);

  for (unsigned w = 0; w < 2; ++w) s.blocked.w[w] |= act.mask.w[w];
  if (!(act.flags & kSaNodefer)) s.blocked.add(sig);
  s.blocked.del(kSIGKILL), s.blocked.del(kSIGSTOP);
  if (act.flags & kSaResethand) act = SigAction{};
}

bool read_sigset(Process& p, u64 va, SigSet& out) {
  return read_u64(p, va, out.w[0]) && read_u64(p, va + 8, out.w[1]);
}
bool write_sigset(Process& p, u64 va, const SigSet& s) { return write_u64(p, va, s.w[0]) && write_u64(p, va + 8, s.w[1]); }

}  // namespace

void deliver_fault(Process& p, int sig, int code, u64 addr) {
  SignalState& s = p.signals();
  u64 pc = p.cpu().exception_pc();
  // force_sig_info(): a blocked or ignored fault signal reverts to the default.
  if (s.blocked.has(sig) || s.action[sig].handler == kSigIgn) {
    s.blocked.del(sig);
    s.action[sig] = SigAction{};
  }
  if (s.action[sig].handler == kSigDfl) {
    p.kill_by_signal(sig, pc);
    return;
  }
  enter_handler(p, sig, code, addr, pc);
}

void queue_signal(Process& p, int sig, int code) {
  p.signals().pending.add(sig);
  p.signals().pending_code[sig] = code;
}

void deliver_pending(Process& p) {
  SignalState& s = p.signals();
  for (int sig = 1; sig <= kNumSignals && !p.exited(); ++sig) {
    if (!s.pending.has(sig) || (s.blocked.has(sig) && sig != kSIGKILL && sig != kSIGSTOP)) continue;
    s.pending.del(sig);
    const SigAction& act = s.action[sig];
    if (act.handler == kSigIgn || (act.handler == kSigDfl && default_ignores(sig))) continue;
    if (act.handler == kSigDfl || sig == kSIGKILL) {
      p.kill_by_signal(sig, p.cpu().cur_pc);
      return;
    }
    enter_handler(p, sig, s.pending_code[sig], 0, p.cpu().pc);
  }
}

i64 sys_rt_sigaction(Process& p, const u64* a) {
  int sig = static_cast<int>(a[0]);
  if (a[3] != kSigsetSize || sig < 1 || sig > kNumSignals) return -err::kEINVAL;
  SigAction& cur = p.signals().action[sig];
  SigAction old = cur;
  if (a[1]) {
    if (sig == kSIGKILL || sig == kSIGSTOP) return -err::kEINVAL;
    GuestStruct g(KSigactionLayout::size, p.big_endian());
    if (!g.copy_in(p, a[1])) return -err::kEFAULT;
    cur.flags = g.get_field(KSigactionLayout::flags, LINUX_SIGACTION_W_FLAGS);
    cur.handler = g.get<u64>(KSigactionLayout::handler);
    cur.mask.w[0] = g.get<u64>(KSigactionLayout::mask);
    cur.mask.w[1] = g.get<u64>(KSigactionLayout::mask + 8);
    if (cur.handler == kSigIgn || (cur.handler == kSigDfl && default_ignores(sig))) p.signals().pending.del(sig);
  }
  if (a[2]) {
    GuestStruct g(KSigactionLayout::size, p.big_endian());
    g.put_field(KSigactionLayout::flags, LINUX_SIGACTION_W_FLAGS, old.flags);
    g.put<u64>(KSigactionLayout::handler, old.handler);
    g.put<u64>(KSigactionLayout::mask, old.mask.w[0]);
    g.put<u64>(KSigactionLayout::mask + 8, old.mask.w[1]);
    if (!g.copy_out(p, a[2])) return -err::kEFAULT;
  }
  return 0;
}

i64 sys_rt_sigprocmask(Process& p, const u64* a) {
  if (a[3] != kSigsetSize) return -err::kEINVAL;
  SigSet& blocked = p.signals().blocked;
  SigSet old = blocked;
  if (a[1]) {
    SigSet set;
    if (!read_sigset(p, a[1], set)) return -err::kEFAULT;
    for (unsigned w = 0; w < 2; ++w) {
      switch (a[0]) {
        case kSigBlock: blocked.w[w] |= set.w[w]; break;
        case kSigUnblock: blocked.w[w] &= ~set.w[w]; break;
        case kSigSetmask: blocked.w[w] = set.w[w]; break;
        default: return -err::kEINVAL;
      }
    }
    blocked.del(kSIGKILL), blocked.del(kSIGSTOP);
  }
  if (a[2] && !write_sigset(p, a[2], old)) return -err::kEFAULT;
  return 0;
}

// Restores the context saved by enter_handler from the frame at sp.
i64 sys_rt_sigreturn(Process& p, const u64*) {
  mips::Cpu& c = p.cpu();
  GuestStruct f(L::size, p.big_endian());
  if (!f.copy_in(p, c.gpr[29])) {
    p.kill_by_signal(kSIGSEGV, c.cur_pc);
    return kNoReturn;
  }
  for (unsigned r = 1; r < 32; ++r) c.gpr[r] = f.get<u64>(L::sc_regs + 8 * r);
  for (unsigned r = 0; r < 32; ++r) c.fpu.fpr[r] = f.get<u64>(L::sc_fpregs + 8 * r);
  c.hi = f.get<u64>(L::sc_mdhi);
  c.lo = f.get<u64>(L::sc_mdlo);
  c.fpu.fcsr = static_cast<u32>(f.get_field(L::sc_fpc_csr, LINUX_SIGCONTEXT_W_FPC_CSR));
  c.set_pc(f.get<u64>(L::sc_pc));
  SigSet& blocked = p.signals().blocked;
  blocked.w[0] = f.get<u64>(L::uc_sigmask);
  blocked.w[1] = f.get<u64>(L::uc_sigmask + 8);
  blocked.del(kSIGKILL), blocked.del(kSIGSTOP);
  return kNoReturn;
}

i64 sys_sigaltstack(Process& p, const u64* a) {
  SignalState& s = p.signals();
  if (a[1]) {
    GuestStruct g(StackLayout::size, p.big_endian());
    g.put_field(StackLayout::sp, LINUX_STACK_W_SP, s.altstack_sp);
    g.put_field(StackLayout::size_field, LINUX_STACK_W_SIZE, s.altstack_size);
    g.put_field(StackLayout::flags, LINUX_STACK_W_FLAGS,
                on_altstack(s, p.cpu().gpr[29]) ? u32{kSsOnstack} : s.altstack_flags);
    if (!g.copy_out(p, a[1])) return -err::kEFAULT;
  }
  if (a[0]) {
    GuestStruct g(StackLayout::size, p.big_endian());
    if (!g.copy_in(p, a[0])) return -err::kEFAULT;
    if (on_altstack(s, p.cpu().gpr[29])) return -err::kEPERM;
    u32 flags = static_cast<u32>(g.get_field(StackLayout::flags, LINUX_STACK_W_FLAGS));
    if (flags & kSsDisable) {
      s.altstack_flags = kSsDisable, s.altstack_sp = s.altstack_size = 0;
    } else {
      if (flags & ~u32{kSsOnstack}) return -err::kEINVAL;
      u64 sp = g.get_field(StackLayout::sp, LINUX_STACK_W_SP);
      u64 size = g.get_field(StackLayout::size_field, LINUX_STACK_W_SIZE);
      if (size < kMinSigStkSz) return -err::kENOMEM;
      s.altstack_sp = sp, s.altstack_size = size, s.altstack_flags = 0;
    }
  }
  return 0;
}

namespace {
// Signals to ourselves only: there is no other process.
i64 signal_self(Process& p, i64 target, u64 sig, int code) {
  if (target != kGuestPid && target != 0 && target != -1 && target != -kGuestPid) return -err::kESRCH;
  if (sig > kNumSignals) return -err::kEINVAL;
  if (sig) queue_signal(p, static_cast<int>(sig), code);
  return 0;
}
}  // namespace
i64 sys_kill(Process& p, const u64* a) { return signal_self(p, static_cast<i64>(a[0]), a[1], kSiUser); }
i64 sys_tkill(Process& p, const u64* a) { return signal_self(p, static_cast<i64>(a[0]), a[1], kSiTkill); }
i64 sys_tgkill(Process& p, const u64* a) {
  if (static_cast<i64>(a[0]) != kGuestPid) return -err::kESRCH;
  return signal_self(p, static_cast<i64>(a[1]), a[2], kSiTkill);
}

namespace {
constexpr SyscallDesc kRows[] = {
    {nr::rt_sigaction, sys_rt_sigaction},
    {nr::rt_sigprocmask, sys_rt_sigprocmask},
    {nr::rt_sigreturn, sys_rt_sigreturn},
    {nr::sigaltstack, sys_sigaltstack},
    {nr::kill, sys_kill},
    {nr::tkill, sys_tkill},
    {nr::tgkill, sys_tgkill},
};
}  // namespace

std::span<const SyscallDesc> signal_syscalls() { return kRows; }

}  // namespace ds::user
