/* modes.c - spends known shares of time in user mode (a loop of u_load
 * snippets), supervisor mode (the same in supervisor mode) and idle (waiting
 * for the timer), so modes_test.py can check the statistics' time-by-mode
 * split.  Uses the privileged-test harness (priv/priv.h). */
#include "priv/priv.h"

#define SIMCTL_IDLE (*(volatile u64 *)0xFFFFFFFFBF000038ull)

static u32 word = 42;

int main(void) {
  priv_init();
  map_user_page();
  u64 st = CP0_GET32(C0_STATUS) & ~(u64)(ST_CU1 | ST_FR);
  for (int k = 0; k < 200; ++k) check_eq(run_user(user_pc(u_load), st | ST_KSU_USER, USER_VA, 0) != 0, 1, "user");
  for (int k = 0; k < 300; ++k) check_eq(run_user(user_pc(u_load), st | ST_KSU_SUP, USER_VA, 0) != 0, 1, "sup");
  u32 c0 = CP0_GET32(C0_COUNT);
  CP0_SET32(C0_COMPARE, c0 + 50000);
  CP0_SET32(C0_STATUS, CP0_GET32(C0_STATUS) | ST_IM(7));
  SIMCTL_IDLE = 1;
  (void)word;
  return failures();
}
