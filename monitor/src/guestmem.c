/* guestmem.c - the monitor's access to guest memory and the guest's I/O
 * window: fetching a trapped instruction through the guest's own view of
 * its address space, and emulating the two board registers a guest may
 * touch there (disco_guest.h): sim-control IDLE (deschedule until an
 * interrupt) and EXIT (halt).  Every other access to the window is a bus
 * error in the guest. */
#include "cp0.h"
#include "mon.h"
#include "trap.h"
#include "vm.h"

#define SIMCTL_EXIT_OFF 0x00
#define SIMCTL_IDLE_OFF 0x38

bool guest_fetch(struct vcpu *v, u64 va, u32 *insn) {
  u64 gpa, ma;
  if ((va & 3) || !vtlb_translate(v, va, false, &gpa) || !gpa_to_ma(v->vm, gpa, &ma)) return false;
  *insn = *(volatile u32 *)MA2KV(ma);
  return true;
}

/* A store (sb/sh/sw/sd) to the guest I/O window at gpa. */
enum outcome emulate_io(struct vcpu *v, u64 gpa) {
  u32 insn;
  unsigned op;
  bool store = guest_fetch(v, trapped_pc(v), &insn) && ((op = insn >> 26) == 0x28 || op == 0x29 || op == 0x2B ||
                                                        op == 0x3F);
  u64 off = gpa - GPA_IO_BASE;
  if (store && (off == SIMCTL_IDLE_OFF || off == SIMCTL_EXIT_OFF)) {
    u64 value = v->regs[(insn >> 16) & 31];
    v->pc = resume_pc(v);
    if (off == SIMCTL_EXIT_OFF) {
      vm_halt(v->vm, (int)value, 0);
      return DESCHEDULE;
    }
    return vcpu_idle(v);
  }
  v->x_cause = (v->x_cause & ~0x7Cull) | (u64)(v->x_badvaddr == trapped_pc(v) ? EXC_IBE : EXC_DBE) << 2;
  return REFLECT;
}
