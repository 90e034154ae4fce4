/* sigframe.c - the Linux/MIPS n64 rt_sigframe: building it on the user
 * stack when a handler runs (signal_frame_setup), and taking it down again
 * in rt_sigreturn (signal_return), plus the alternate signal stack.  The
 * policy of which signal runs when is in kern/signal.c. */
#include "kalloc.h"
#include "lib.h"
#include "linux_n64.h"
#include "signal.h"
#include "syscall.h"
#include "task.h"
#include "uaccess.h"
#include "wait.h"

/* ---- the rt_sigframe ------------------------------------------------------------ */
/* The frame as the n64 kernel lays it out (abi/linux_n64.h); the kernel and
 * its programs share an endianness, so a C struct writes it directly. */
struct sigcontext_n64 {
  u64 regs[32], fpregs[32];
  u64 mdhi, hi1, hi2, hi3, mdlo, lo1, lo2, lo3;   /* the DSP's extra hi/lo pairs: 0 */
  u64 pc;
  u32 fpc_csr, used_math, dsp, reserved;
};
struct ucontext_n64 {
  u64 flags, link;
  u64 ss_sp, ss_size;
  u32 ss_flags, ss_pad;
  struct sigcontext_n64 mc;
  u64 sigmask[2];
};
struct rt_sigframe_n64 {
  u32 ass[4], pad[2];
  u8 info[LINUX_SIGINFO_SIZE];
  struct ucontext_n64 uc;
};
#define OFF(s, f) __builtin_offsetof(struct s, f)
_Static_assert(sizeof(struct sigcontext_n64) == LINUX_SIGCONTEXT_SIZE, "sigcontext size");
_Static_assert(OFF(sigcontext_n64, fpregs) == LINUX_SIGCONTEXT_OFF_FPREGS, "sc_fpregs");
_Static_assert(OFF(sigcontext_n64, mdhi) == LINUX_SIGCONTEXT_OFF_MDHI, "sc_mdhi");
_Static_assert(OFF(sigcontext_n64, mdlo) == LINUX_SIGCONTEXT_OFF_MDLO, "sc_mdlo");
_Static_assert(OFF(sigcontext_n64, pc) == LINUX_SIGCONTEXT_OFF_PC, "sc_pc");
_Static_assert(OFF(sigcontext_n64, fpc_csr) == LINUX_SIGCONTEXT_OFF_FPC_CSR, "sc_fpc_csr");
_Static_assert(OFF(sigcontext_n64, used_math) == LINUX_SIGCONTEXT_OFF_USED_MATH, "sc_used_math");
_Static_assert(OFF(ucontext_n64, ss_sp) == LINUX_UCONTEXT_OFF_STACK + LINUX_STACK_OFF_SP, "uc_stack.ss_sp");
_Static_assert(OFF(ucontext_n64, ss_size) == LINUX_UCONTEXT_OFF_STACK + LINUX_STACK_OFF_SIZE, "uc_stack.ss_size");
_Static_assert(OFF(ucontext_n64, ss_flags) == LINUX_UCONTEXT_OFF_STACK + LINUX_STACK_OFF_FLAGS, "uc_stack.ss_flags");
_Static_assert(OFF(ucontext_n64, mc) == LINUX_UCONTEXT_OFF_MCONTEXT, "uc_mcontext");
_Static_assert(OFF(ucontext_n64, sigmask) == LINUX_UCONTEXT_OFF_SIGMASK, "uc_sigmask");
_Static_assert(sizeof(struct ucontext_n64) == LINUX_UCONTEXT_SIZE, "ucontext size");
_Static_assert(OFF(rt_sigframe_n64, info) == LINUX_RT_SIGFRAME_OFF_INFO, "rs_info");
_Static_assert(OFF(rt_sigframe_n64, uc) == LINUX_RT_SIGFRAME_OFF_UC, "rs_uc");
_Static_assert(sizeof(struct rt_sigframe_n64) == LINUX_RT_SIGFRAME_SIZE, "rt_sigframe size");

static void put32(u8 *b, unsigned off, u32 v) { memcpy(b + off, &v, 4); }
static void put64(u8 *b, unsigned off, u64 v) { memcpy(b + off, &v, 8); }

/* The alternate stack is set (ss_size 0 means never set or disabled). */
static bool altstack_set(struct task *t) { return t->altstack_size && !(t->altstack_flags & LINUX_SS_DISABLE); }

bool signal_on_altstack(struct task *t, u64 sp) {
  return altstack_set(t) && sp > t->altstack_sp && sp - t->altstack_sp <= t->altstack_size;
}

/* uc_stack's ss_flags as sigaltstack reports them for user sp. */
static u32 altstack_flags(struct task *t, u64 sp) {
  if (!altstack_set(t)) return LINUX_SS_DISABLE;
  return (signal_on_altstack(t, sp) ? LINUX_SS_ONSTACK : 0) | (t->altstack_flags & LINUX_SS_AUTODISARM);
}

void signal_fill_info(u8 *info, int sig, u64 code, u64 addr) {
  int si_code = (int)(u32)code;
  put32(info, LINUX_SIGINFO_OFF_SIGNO, (u32)sig);
  put32(info, LINUX_SIGINFO_OFF_CODE, (u32)si_code);
  bool fault = si_code > 0 && si_code != LINUX_SI_KERNEL && (SIGBIT(sig) & SYNC_MASK);
  if (fault) {
    put64(info, LINUX_SIGINFO_OFF_ADDR, addr);
  } else {
    put32(info, LINUX_SIGINFO_OFF_PID, (u32)(code >> 32));   /* the sender; every uid is 0 */
    put32(info, LINUX_SIGINFO_OFF_UID, 0);
    if (sig == LINUX_SIGCHLD) put32(info, LINUX_SIGINFO_OFF_STATUS, (u32)addr);   /* an int */
    else put64(info, LINUX_SIGINFO_OFF_VALUE, addr);                            /* union sigval */
  }
}

/* Runs act's handler for sig: saves tf, the FPU and the mask in an
 * rt_sigframe below the user's sp (or on the alternate stack), and points
 * tf at the handler.  A frame that cannot be written kills the process with
 * SIGSEGV (Linux's force_sigsegv, without consulting a SIGSEGV handler). */
void signal_frame_setup(struct trapframe *tf, int sig, const struct sigaction_k *act, u64 code, u64 addr) {
  struct task *t = current;
  struct rt_sigframe_n64 f;
  memset(&f, 0, sizeof f);
  u64 usp = tf->regs[REG_SP];
  u64 sp = usp - 32;   /* as Linux: room the FPU emulator may use above the frame */
  if ((act->flags & LINUX_SA_ONSTACK) && altstack_set(t) && !signal_on_altstack(t, usp))
    sp = t->altstack_sp + t->altstack_size;
  u64 frame = (sp - sizeof f) & ~15ull;
  if (signal_on_altstack(t, usp) && !signal_on_altstack(t, frame)) frame = ~0ull;   /* overflow: die */

  signal_fill_info(f.info, sig, code, addr);
  f.uc.ss_sp = t->altstack_sp;
  f.uc.ss_size = t->altstack_size;
  f.uc.ss_flags = altstack_flags(t, usp);
  for (int r = 1; r < 32; r++) f.uc.mc.regs[r] = tf->regs[r];
  f.uc.mc.mdhi = tf->hi;
  f.uc.mc.mdlo = tf->lo;
  f.uc.mc.pc = tf->epc;
  hal_fpu_save(&t->fpu);
  memcpy(f.uc.mc.fpregs, t->fpu.fpr, sizeof f.uc.mc.fpregs);
  f.uc.mc.fpc_csr = t->fpu.fcsr;
  f.uc.mc.used_math = 1;
  f.uc.sigmask[0] = t->restore_mask ? t->saved_mask : t->blocked;
  if (frame == ~0ull || copy_to_user(frame, &f, sizeof f) < 0) do_exit_group(LINUX_SIGSEGV | CORE_FLAG);

  tf->regs[REG_A0] = (u64)sig;
  tf->regs[REG_A1] = frame + OFF(rt_sigframe_n64, info);
  tf->regs[REG_A2] = frame + OFF(rt_sigframe_n64, uc);
  tf->regs[REG_SP] = frame;
  tf->regs[REG_RA] = SIGPAGE_VA;
  tf->regs[REG_T9] = act->handler;
  tf->epc = act->handler;
  if ((act->flags & LINUX_SA_ONSTACK) && (t->altstack_flags & LINUX_SS_AUTODISARM) && signal_on_altstack(t, frame))
    t->altstack_sp = t->altstack_size = 0, t->altstack_flags = LINUX_SS_DISABLE;

  t->restore_mask = false;   /* the frame holds the mask to go back to */
  u64 mask = t->blocked | act->mask;
  if (!(act->flags & LINUX_SA_NODEFER)) mask |= SIGBIT(sig);
  signal_set_blocked(mask);
  if (act->flags & LINUX_SA_RESETHAND) {
    spin_lock(&t->sighand->lock);
    t->sighand->action[sig].handler = LINUX_SIG_DFL;
    spin_unlock(&t->sighand->lock);
  }
}

/* rt_sigreturn: the handler returned through the trampoline with sp at its
 * frame.  Restores every register, the FPU, the mask and the alternate stack
 * from it; a frame that cannot be read kills the process with SIGSEGV. */
long signal_return(struct trapframe *tf) {
  struct task *t = current;
  struct rt_sigframe_n64 f;
  if (copy_from_user(&f, tf->regs[REG_SP], sizeof f) < 0) do_exit_group(LINUX_SIGSEGV | CORE_FLAG);
  for (int r = 1; r < 32; r++) tf->regs[r] = f.uc.mc.regs[r];
  tf->hi = f.uc.mc.mdhi;
  tf->lo = f.uc.mc.mdlo;
  tf->epc = f.uc.mc.pc;
  tf->orig_v0 = SIGNAL_NO_RESTART;   /* these registers are not a system call's result */
  push_off();   /* a preemption in between would save the live FPU over the new values */
  memcpy(t->fpu.fpr, f.uc.mc.fpregs, sizeof t->fpu.fpr);
  t->fpu.fcsr = f.uc.mc.fpc_csr;
  hal_fpu_restore(&t->fpu);
  pop_off();
  signal_set_blocked(f.uc.sigmask[0]);
  /* the alternate stack, as sigaltstack would set it (errors ignored, as Linux) */
  if (!signal_on_altstack(t, tf->regs[REG_SP])) {
    if (f.uc.ss_flags & LINUX_SS_DISABLE) {
      t->altstack_sp = t->altstack_size = 0, t->altstack_flags = LINUX_SS_DISABLE;
    } else if (f.uc.ss_size >= LINUX_MINSIGSTKSZ && !(f.uc.ss_flags & ~(u32)(LINUX_SS_ONSTACK | LINUX_SS_AUTODISARM))) {
      t->altstack_sp = f.uc.ss_sp, t->altstack_size = f.uc.ss_size;
      t->altstack_flags = f.uc.ss_flags & LINUX_SS_AUTODISARM;
    }
  }
  return SYSCALL_KEEP_REGS;
}
