/* hostile_oom.c - exhausting memory.  As the driver (no arguments) it
 * fork/execs itself twice in one boot: first "hog", which maps and touches
 * anonymous memory a megabyte at a time until the kernel says no (mmap fails
 * with ENOMEM, or a page fault cannot be served and the hog dies of a
 * signal), then "next", an ordinary program that must still work (allocate
 * and touch 8 MB, fork, pipe).  A sibling started before the hog must finish
 * with its checksum unchanged.  Guest only.  Exits 0. */
#include "hostile.h"
#include <sys/mman.h>

static int hog(void) {
  long mb = 0;
  for (;;) {
    char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return errno == ENOMEM ? 10 : 11;
    for (int i = 0; i < (1 << 20); i += 4096) p[i] = (char)i;
    if (++mb > 1 << 20) return 12;   /* a terabyte: the kernel never said no */
  }
}

static int next(void) {
  char *m = malloc(8 << 20);
  if (!m) return 20;
  for (int i = 0; i < (8 << 20); i += 4096) m[i] = 1;
  int p[2];
  if (pipe(p) < 0) return 21;
  pid_t c = fork();
  if (c < 0) return 22;
  if (c == 0) { write(p[1], "k", 1); _exit(m[4096] == 1 ? 5 : 6); }
  char ch = 0;
  read(p[0], &ch, 1);
  int st;
  waitpid(c, &st, 0);
  free(m);
  return ch == 'k' && WIFEXITED(st) && WEXITSTATUS(st) == 5 ? 0 : 23;
}

static int run(const char *self, const char *mode) {
  pid_t p = fork();
  if (p == 0) {
    char *argv[] = {(char *)self, (char *)mode, NULL};
    execv(self, argv);
    _exit(127);
  }
  int st;
  waitpid(p, &st, 0);
  return st;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "hog") == 0) return hog();
  if (argc > 1 && strcmp(argv[1], "next") == 0) return next();
  int rfd = -1;
  pid_t sib = sibling_start(&rfd);
  uint64_t expect = sibling_work();
  int st = run(argv[0], "hog");
  if (WIFEXITED(st) && WEXITSTATUS(st) == 10) say("hog: stopped by the kernel (ENOMEM or a signal)\n");
  else if (WIFSIGNALED(st) && (WTERMSIG(st) == SIGKILL || WTERMSIG(st) == SIGBUS || WTERMSIG(st) == SIGSEGV))
    say("hog: stopped by the kernel (ENOMEM or a signal)\n");
  else say("hog: %s (unexpected)\n", wstatus(st));
  st = run(argv[0], "next");
  say("next program in the same boot: %s\n", wstatus(st));
  sibling_check(sib, rfd, expect);
  return 0;
}
