/* trap.c - every exception except TLB refills arrives here (hal/bare/locore.S
 * saved the registers in tf).  trap() sorts it by cause:
 *
 *   Interrupt            -> the HAL's interrupt router
 *   Syscall              -> syscall()
 *   TLB Mod/TLBL/TLBS    -> vm_fault(); SIGSEGV/SIGBUS if it fails
 *   Reserved Instruction -> RDHWR $29 is emulated (the R10000 has no
 *                           UserLocal register), else SIGILL
 *   anything else        -> the signal Linux sends for it
 *
 * From user mode, it finishes with the work due before returning there:
 * pending signals and a reschedule.  A fault in kernel mode is a kernel bug:
 * panic. */
#include "cp0.h"
#include "hal.h"
#include "lib.h"
#include "linux_n64.h"
#include "signal.h"
#include "syscall.h"
#include "task.h"
#include "uaccess.h"
#include "vm.h"

void hal_interrupt(struct trapframe *tf);
u64 trap_counts[32];

static const char *exc_name(unsigned code) {
  static const char *names[32] = {"Int", "Mod", "TLBL", "TLBS", "AdEL", "AdES", "IBE", "DBE", "Sys", "Bp", "RI", "CpU",
                                  "Ov", "Tr", "?14", "FPE", "?16", "?17", "?18", "?19", "?20", "?21", "?22", "Watch"};
  return names[code] ? names[code] : "?";
}

static __attribute__((noreturn)) void kernel_fault(struct trapframe *tf, unsigned code) {
  panic("%s exception in the kernel at pc %lx (badvaddr %lx, ra %lx, sp %lx)", exc_name(code),
        (unsigned long)tf->epc, (unsigned long)tf->badvaddr, (unsigned long)tf->regs[REG_RA],
        (unsigned long)tf->regs[REG_SP]);
}

/* RDHWR rt, $29 (Release 2's UserLocal: the TLS pointer), emulated as Linux
 * does for CPUs without it.  Returns true if the instruction was one. */
static bool emulate_rdhwr(struct trapframe *tf) {
  u32 insn;
  u64 pc = tf->epc + ((tf->cause & CAUSE_BD) ? 4 : 0);
  if (copy_from_user(&insn, pc, 4) < 0) return false;
  if ((insn & 0xFFE007FFu) != 0x7C00003Bu) return false;   /* SPECIAL3 rdhwr rt, rd */
  unsigned rt = (insn >> 16) & 31, rd = (insn >> 11) & 31;
  if (rd != 29) return false;
  if (hal_skip_instruction(tf) < 0) return false;
  if (rt) tf->regs[rt] = current->tls;
  return true;
}

static void user_fault(struct trapframe *tf, unsigned code) {
  u64 addr = tf->badvaddr;
  switch (code) {
    case EXC_MOD:
    case EXC_TLBL:
    case EXC_TLBS: {
      int r = vm_fault(current->vm, addr, code != EXC_TLBL);
      if (r == 0) return;
      if (r == -LINUX_ENOMEM || r == -LINUX_EIO) signal_force_fault(LINUX_SIGBUS, LINUX_BUS_ADRERR, addr);
      else signal_force_fault(LINUX_SIGSEGV, r == -LINUX_EACCES ? LINUX_SEGV_ACCERR : LINUX_SEGV_MAPERR, addr);
      return;
    }
    case EXC_ADEL:
    case EXC_ADES:
      /* kernel addresses from user mode: SIGSEGV; misaligned ones: SIGBUS */
      if (addr >= USER_TOP) signal_force_fault(LINUX_SIGSEGV, LINUX_SEGV_MAPERR, addr);
      else signal_force_fault(LINUX_SIGBUS, LINUX_BUS_ADRALN, addr);
      return;
    case EXC_IBE:
    case EXC_DBE: signal_force_fault(LINUX_SIGBUS, LINUX_BUS_ADRERR, tf->epc); return;
    case EXC_RI:
      if (emulate_rdhwr(tf)) return;
      signal_force_fault(LINUX_SIGILL, LINUX_SI_KERNEL, tf->epc);   /* as Linux's do_ri: force_sig */
      return;
    case EXC_CPU: signal_force_fault(LINUX_SIGILL, LINUX_SI_KERNEL, tf->epc); return;   /* do_cpu, CU0 */
    case EXC_BP: signal_force_fault(LINUX_SIGTRAP, LINUX_TRAP_BRKPT, tf->epc); return;
    case EXC_OV: signal_force_fault(LINUX_SIGFPE, LINUX_FPE_INTOVF, tf->epc); return;
    case EXC_TR: {
      /* teq with code 7 is glibc's divide-by-zero check, as Linux reports it */
      u32 insn = 0;
      copy_from_user(&insn, tf->epc + ((tf->cause & CAUSE_BD) ? 4 : 0), 4);
      if (((insn >> 6) & 0x3FF) == 7) signal_force_fault(LINUX_SIGFPE, LINUX_FPE_INTDIV, tf->epc);
      else signal_force_fault(LINUX_SIGTRAP, 0, tf->epc);
      return;
    }
    case EXC_FPE: signal_force_fault(LINUX_SIGFPE, LINUX_FPE_FLTINV, tf->epc); return;
    default: signal_force_fault(LINUX_SIGILL, LINUX_ILL_ILLOPC, tf->epc); return;
  }
}

void trap(struct trapframe *tf) {
  unsigned code = CAUSE_EXCCODE(tf->cause);
  bool from_user = hal_tf_from_user(tf);
  struct task *t = current;
  trap_counts[code]++;
  if (from_user) task_account(t, false);

  if (code == EXC_INT) {
    hal_interrupt(tf);
  } else if (!from_user) {
    kernel_fault(tf, code);
  } else if (code == EXC_SYS) {
    hal_intr_on();
    syscall(tf);
  } else {
    hal_intr_on();
    user_fault(tf, code);
  }

  if (!t) return;   /* the scheduler loop, idling */
  /* Preemption: the timeslice ran out (kern/sched.c).  Safe wherever a trap
   * can arrive, since interrupts are off whenever a spinlock is held. */
  if (t->need_resched) yield();
  if (from_user) {
    /* A system call interrupted for a signal another thread then took
     * still has its restart to settle, and a temporary signal mask
     * (sigsuspend, ppoll) its restoring: signal_deliver does both. */
    bool restart = code == EXC_SYS && tf->regs[REG_A3] == 1 && tf->regs[REG_V0] >= ERESTARTSYS &&
                   tf->regs[REG_V0] <= ERESTARTSYS + 4;
    hal_intr_off();
    while (signal_pending(t) || restart || t->restore_mask) {
      hal_intr_on();
      signal_deliver(tf, code == EXC_SYS);
      hal_intr_off();
      code = 0;   /* a restart is decided once */
      restart = false;
      if (t->restore_mask && !signal_pending(t)) break;   /* signal_deliver keeps it for a handler */
    }
    task_account(t, true);
  }
}
