/* hostile.h - the sibling every hostile program runs beside its attack: a
 * process that computes a fixed checksum (integer work, a pipe round trip,
 * a sleep) while the attacker misbehaves.  The attack must not change its
 * answer: sibling_check() prints "sibling: unchanged" or what went wrong. */
#ifndef GUEST_HOSTILE_H
#define GUEST_HOSTILE_H
#include "abi.h"
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <sys/wait.h>

static uint64_t sibling_work(void) {
  uint64_t h = 1469598103934665603ull;
  for (int round = 0; round < 4; round++) {
    for (int i = 0; i < 50000; i++) h = (h ^ (uint64_t)(i + round)) * 1099511628211ull;
    struct timespec ts = {0, 5000000};
    nanosleep(&ts, NULL);   /* let the attacker run in between */
  }
  return h;
}

/* Starts the sibling; it writes its checksum into a pipe. */
static pid_t sibling_start(int *rfd) {
  int p[2];
  if (pipe(p) < 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    close(p[0]);
    uint64_t h = sibling_work();
    write(p[1], &h, sizeof h);
    _exit(0);
  }
  close(p[1]);
  *rfd = p[0];
  return pid;
}

static void sibling_check(pid_t pid, int rfd, uint64_t expect) {
  uint64_t h = 0;
  ssize_t n = read(rfd, &h, sizeof h);
  int st = 0;
  waitpid(pid, &st, 0);
  close(rfd);
  if (n == sizeof h && h == expect && WIFEXITED(st) && WEXITSTATUS(st) == 0) say("sibling: unchanged\n");
  else say("sibling: CHANGED (read %zd, %s, checksum %s)\n", n, wstatus(st), h == expect ? "right" : "wrong");
}
#endif
