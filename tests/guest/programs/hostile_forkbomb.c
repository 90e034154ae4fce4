/* hostile_forkbomb.c - a bounded fork bomb: fork until fork fails (EAGAIN,
 * the kernel's task table or memory), the children all blocked on a pipe;
 * then release them, reap every one, and do it again: the second round must
 * reach the same count (everything was given back), a sibling's checksum is
 * unchanged, and a final fork succeeds.  Guest only (never on the host).
 * Exits 0. */
#include "hostile.h"

static int bomb(int *err) {
  int gate[2];
  if (pipe(gate) < 0) return -1;
  int n = 0;
  for (;;) {
    pid_t p = fork();
    if (p == 0) {
      char c;
      close(gate[1]);
      read(gate[0], &c, 1);   /* until the parent closes the gate */
      _exit(0);
    }
    if (p < 0) { *err = errno; break; }
    if (++n >= 100000) { *err = 0; break; }
  }
  close(gate[0]);
  close(gate[1]);             /* EOF: every child exits */
  int reaped = 0, st, bad = 0;
  pid_t w;
  while ((w = wait(&st)) > 0) {
    reaped++;
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) bad++;
  }
  say("  forked %s children, fork then failed with %s; reaped all %d, bad statuses %d\n", n >= 100 ? "100 or more" : "FEW",
      errname(*err), reaped == n, bad);
  return n;
}

int main(void) {
  int rfd = -1, err = 0;
  pid_t sib = sibling_start(&rfd);
  uint64_t expect = sibling_work();
  /* the bomber is a child of its own, so that its wait() sees only its bombs */
  pid_t bomber = fork();
  if (bomber == 0) {
    close(rfd);
    say("round 1:\n");
    int n1 = bomb(&err);
    say("round 2:\n");
    int n2 = bomb(&err);
    say("both rounds reached the same count: %d\n", n1 == n2);
    _exit(0);
  }
  int st;
  waitpid(bomber, &st, 0);
  say("bomber: %s\n", wstatus(st));
  sibling_check(sib, rfd, expect);
  pid_t p = fork();
  if (p == 0) _exit(21);
  waitpid(p, &st, 0);
  say("final fork: %s\n", wstatus(st));
  return 0;
}
