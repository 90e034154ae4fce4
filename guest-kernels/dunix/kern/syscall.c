/* syscall.c - system-call dispatch: the Linux n64 convention (number in v0,
 * arguments in a0-a5, result in v0 with a3 = 0, or a positive errno in v0
 * with a3 = 1), one table indexed by number, built from the ABI header's
 * list of every n64 call (abi/linux_n64.h).  A call with no handler gets
 * -ENOSYS and is counted by number. */
#include "lib.h"
#include "linux_n64.h"
#include "syscall.h"
#include "task.h"

/* Every n64 call may have a handler; the ones not written are NULL (weak). */
#define DECLARE(name, nr) __attribute__((weak)) long sys_##name(const u64 *arg);
LINUX_N64_SYSCALLS(DECLARE)
#undef DECLARE

#define ENTRY(name, nr) [(nr) - LINUX_NR_BASE] = sys_##name,
static syscall_fn const table[LINUX_NR_COUNT] = {LINUX_N64_SYSCALLS(ENTRY)};
#undef ENTRY
#define NAME(name, nr) [(nr) - LINUX_NR_BASE] = #name,
static const char *const names[LINUX_NR_COUNT] = {LINUX_N64_SYSCALLS(NAME)};
#undef NAME

bool syscall_trace;
static u64 unknown_calls;
static u32 unknown_by_nr[LINUX_NR_COUNT];

u64 syscalls_unknown(void) { return unknown_calls; }

/* The calls answered -ENOSYS, for the shutdown report. */
void syscall_report_unknown(void) {
  for (unsigned i = 0; i < LINUX_NR_COUNT; i++)
    if (unknown_by_nr[i])
      printk("dunix: %u call(s) of unimplemented system call %u (%s)\n", unknown_by_nr[i], LINUX_NR_BASE + i,
             names[i] ? names[i] : "?");
}

void syscall(struct trapframe *tf) {
  u64 nr = tf->regs[REG_V0];
  u64 arg[6] = {tf->regs[REG_A0], tf->regs[REG_A1], tf->regs[REG_A2],
                tf->regs[REG_A3], tf->regs[REG_A4], tf->regs[REG_A5]};
  tf->epc += 4;   /* a SYSCALL in a delay slot is not supported, as in Linux */
  u64 i = nr - LINUX_NR_BASE;
  long r;
  if (i < LINUX_NR_COUNT && table[i]) {
    r = table[i](arg);
  } else {
    __atomic_add_fetch(&unknown_calls, 1, __ATOMIC_RELAXED);
    if (i < LINUX_NR_COUNT) __atomic_add_fetch(&unknown_by_nr[i], 1, __ATOMIC_RELAXED);
    r = -LINUX_ENOSYS;
  }
  if (syscall_trace)
    printk("[%d] %s(%lx, %lx, %lx, %lx) = %ld\n", current->tid, i < LINUX_NR_COUNT && names[i] ? names[i] : "?",
           (unsigned long)arg[0], (unsigned long)arg[1], (unsigned long)arg[2], (unsigned long)arg[3], r);
  if (r == SYSCALL_KEEP_REGS) return;
  if (r < 0 && r >= -4095) {
    tf->regs[REG_V0] = (u64)-r;
    tf->regs[REG_A3] = 1;
  } else {
    tf->regs[REG_V0] = (u64)r;
    tf->regs[REG_A3] = 0;
  }
}
