/* debug_target.c - a bare-metal program for the gdb stub and trace tests
 * (tests/debug/): a store the watchpoint test waits for, a call into the
 * assembly of debug_branch.S (a taken branch with a delay slot and known
 * register effects), and a recursion deep enough for a backtrace. */
#include "rt.h"

volatile uint64_t watched;          /* written once per iteration: 0, 7, 14 */
volatile uint64_t untouched_reads;  /* only read */
uint64_t dbg_branch(void);          /* debug_branch.S: returns 42 */

__attribute__((noinline)) uint64_t leaf(uint64_t depth) {
  return depth + untouched_reads;
}

/* optnone: the recursion stays a recursion (four frames in a backtrace). */
__attribute__((noinline, optnone)) uint64_t nest(uint64_t depth) {
  if (depth == 0) return leaf(depth);
  return nest(depth - 1) + 1;
}

int main(void) {
#ifdef DEBUG_SPIN /* debug_spin.elf: runs until gdb interrupts or kills it */
  for (;;) watched = watched + 1;
#endif
  uint64_t sum = 0;
  for (uint64_t i = 0; i < 3; ++i) watched = i * 7;
  sum += dbg_branch();
  sum += nest(3);
  rt_printf("debug target: sum %llu\n", (unsigned long long)sum);
  return sum == 45 ? 0 : 1;
}
