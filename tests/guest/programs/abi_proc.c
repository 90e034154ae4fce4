/* proc.c - processes: fork, vfork, execve (argv, envp, auxv, O_CLOEXEC,
 * failures), exit and exit_group statuses, wait4/waitid (WNOHANG, WNOWAIT,
 * status decoding, ECHILD), getpid/getppid, process groups, sessions.
 *
 * usage: proc SELF       (the test)
 *        proc exec-child ARGS...   (what the test execs: argv[0] is not printed)
 * SELF is a path that execve can run this program by: /bin/proc in the
 * guest, a wrapper script that starts qemu under qemu.  Exits 3. */
#include "abi.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

extern char **environ;

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int exec_child(int argc, char **argv) {
  say("child argc %d\n", argc);
  for (int i = 1; i < argc; i++) say("child argv[%d] = '%s'\n", i, argv[i]);
  /* sorted: qemu rebuilds the environment in its own order */
  char *vars[16];
  int nenv = 0;
  for (char **e = environ; *e && nenv < 16; e++)
    if (strncmp(*e, "T_", 2) == 0) vars[nenv++] = *e;
  qsort(vars, nenv, sizeof vars[0], cmpstr);
  for (int i = 0; i < nenv; i++) say("child env %s\n", vars[i]);
  say("child T_ vars %d\n", nenv);
  say("child AT_PAGESZ %lu\n", getauxval(AT_PAGESZ));
  say("child AT_RANDOM %s\n", getauxval(AT_RANDOM) ? "present" : "missing");
  say("child AT_PHNUM %s\n", getauxval(AT_PHNUM) > 0 ? "present" : "missing");
  say("child AT_ENTRY %s\n", getauxval(AT_ENTRY) ? "present" : "missing");
  /* fd 20 was O_CLOEXEC, fd 21 not */
  say("child fd 20 after exec: %s\n", fcntl(20, F_GETFD) < 0 ? errname(errno) : "open");
  int fl = fcntl(21, F_GETFD);
  say("child fd 21 after exec: %s, FD_CLOEXEC %d\n", fl < 0 ? errname(errno) : "open", fl >= 0 ? fl & FD_CLOEXEC : -1);
  char buf[32] = {0};
  ssize_t n = read(21, buf, sizeof buf - 1);
  say("child read fd 21: %zd '%s'\n", n, n > 0 ? buf : "");
  return 42;
}

static void test_fork_exit_statuses(void) {
  int codes[] = {0, 1, 7, 127, 255, 256, 513};
  for (unsigned i = 0; i < sizeof codes / sizeof codes[0]; i++) {
    pid_t p = fork();
    if (p == 0) _exit(codes[i]);
    int st;
    pid_t w = waitpid(p, &st, 0);
    say("_exit(%d): waited %s, %s\n", codes[i], w == p ? "right pid" : "WRONG pid", wstatus(st));
  }
  pid_t p = fork();
  if (p == 0) { syscall(SYS_exit_group, 99); _exit(1); }
  int st;
  waitpid(p, &st, 0);
  say("exit_group(99): %s\n", wstatus(st));
  p = fork();
  if (p == 0) { exit(5); }  /* through atexit and stdio */
  waitpid(p, &st, 0);
  say("exit(5): %s\n", wstatus(st));
  p = fork();
  if (p == 0) return (void)abort();
  waitpid(p, &st, 0);
  say("abort: %s\n", wstatus(st));
}

static void test_ids(void) {
  pid_t me = getpid();
  int fds[2];
  pipe(fds);
  pid_t p = fork();
  if (p == 0) {
    char r = (getppid() == me) ? 'y' : 'n';
    char s = (getpid() != me) ? 'y' : 'n';
    char t = (syscall(SYS_gettid) == getpid()) ? 'y' : 'n';
    char msg[3] = {r, s, t};
    write(fds[1], msg, 3);
    _exit(0);
  }
  char msg[3];
  read(fds[0], msg, 3);
  waitpid(p, NULL, 0);
  say("child: getppid is parent %c, own pid %c, tid == pid %c; fork returned child pid %s\n", msg[0], msg[1],
      msg[2], p > 0 && p != me ? "yes" : "no");
  close(fds[0]);
  close(fds[1]);
}

static void test_wait(void) {
  int st;
  errno = 0;
  say("wait4 with no children: %d %s\n", (int)wait4(-1, &st, 0, NULL), errname(errno));
  int fds[2];
  pipe(fds);
  pid_t p = fork();
  if (p == 0) {
    char c;
    close(fds[1]);
    read(fds[0], &c, 1);   /* until the parent says go */
    _exit(c);
  }
  close(fds[0]);
  say("WNOHANG while running: %d\n", (int)waitpid(p, &st, WNOHANG));
  siginfo_t si;
  memset(&si, 0, sizeof si);
  say("waitid WNOHANG while running: %d si_pid %s\n", waitid(P_PID, p, &si, WEXITED | WNOHANG),
      si.si_pid == 0 ? "0" : "set");
  write(fds[1], "\x11", 1);
  close(fds[1]);
  memset(&si, 0, sizeof si);
  int r = waitid(P_PID, p, &si, WEXITED | WNOWAIT);
  say("waitid WNOWAIT: %d signo %d code %s status %d pid %s\n", r, si.si_signo,
      si.si_code == CLD_EXITED ? "CLD_EXITED" : "other", si.si_status, si.si_pid == p ? "right" : "wrong");
  memset(&si, 0, sizeof si);
  r = waitid(P_ALL, 0, &si, WEXITED);
  say("waitid P_ALL after WNOWAIT: %d code %s status %d pid %s\n", r, si.si_code == CLD_EXITED ? "CLD_EXITED" : "other",
      si.si_status, si.si_pid == p ? "right" : "wrong");
  errno = 0;
  say("reaped: waitpid again %d %s\n", (int)waitpid(p, &st, 0), errname(errno));

  /* killed by a signal: waitid reports CLD_KILLED, wait4 WTERMSIG */
  p = fork();
  if (p == 0) { for (;;) pause(); }
  kill(p, SIGTERM);
  memset(&si, 0, sizeof si);
  waitid(P_PID, p, &si, WEXITED);
  say("waitid on SIGTERM: code %s status %d\n", si.si_code == CLD_KILLED ? "CLD_KILLED" : "other", si.si_status);
  p = fork();
  if (p == 0) { for (;;) pause(); }
  kill(p, SIGKILL);
  waitpid(p, &st, 0);
  say("wait4 on SIGKILL: %s\n", wstatus(st));

  /* several children, reaped in any order: collect statuses into a set */
  pid_t kids[5];
  for (int i = 0; i < 5; i++) {
    kids[i] = fork();
    if (kids[i] == 0) _exit(10 + i);
  }
  int seen = 0;
  for (int i = 0; i < 5; i++) {
    pid_t w = wait(&st);
    for (int k = 0; k < 5; k++)
      if (w == kids[k] && WIFEXITED(st) && WEXITSTATUS(st) == 10 + k) seen |= 1 << k;
  }
  say("five children reaped with matching statuses: %#x\n", seen);

  /* rusage through wait4 */
  p = fork();
  if (p == 0) _exit(0);
  struct rusage ru;
  memset(&ru, 0xff, sizeof ru);
  pid_t w = wait4(p, &st, 0, &ru);
  say("wait4 with rusage: %s, utime sane %s\n", w == p ? "ok" : "bad", ru.ru_utime.tv_usec < 1000000 ? "yes" : "no");

  /* waitid stopped/continued: WSTOPPED and WCONTINUED */
  p = fork();
  if (p == 0) { for (;;) pause(); }
  kill(p, SIGSTOP);
  memset(&si, 0, sizeof si);
  waitid(P_PID, p, &si, WSTOPPED);
  say("waitid WSTOPPED: code %s status %d\n", si.si_code == CLD_STOPPED ? "CLD_STOPPED" : "other", si.si_status);
  kill(p, SIGCONT);
  waitpid(p, &st, WCONTINUED);
  say("waitpid WCONTINUED: %s\n", wstatus(st));
  kill(p, SIGKILL);
  waitpid(p, &st, 0);
  say("then killed: %s\n", wstatus(st));
  p = fork();
  if (p == 0) { for (;;) pause(); }
  kill(p, SIGSTOP);
  waitpid(p, &st, WUNTRACED);
  say("waitpid WUNTRACED: %s\n", wstatus(st));
  kill(p, SIGKILL);
  waitpid(p, &st, 0);
  say("killed while stopped: %s\n", wstatus(st));
}

static void test_groups(void) {
  int fds[2];
  pipe(fds);
  pid_t p = fork();
  if (p == 0) {
    char r[6];
    r[0] = setpgid(0, 0) == 0 ? 'y' : 'n';
    r[1] = getpgrp() == getpid() ? 'y' : 'n';
    r[2] = (setsid() < 0 && errno == EPERM) ? 'y' : 'n';   /* a group leader may not */
    pid_t g = fork();
    if (g == 0) {
      char q[3];
      q[0] = getpgrp() == getppid() ? 'y' : 'n';            /* inherited the group */
      pid_t s = setsid();
      q[1] = (s == getpid() && getsid(0) == getpid()) ? 'y' : 'n';
      q[2] = getpgrp() == getpid() ? 'y' : 'n';
      write(fds[1], q, 3);
      _exit(0);
    }
    waitpid(g, NULL, 0);
    r[3] = getsid(0) != getpid() ? 'y' : 'n';               /* still in the old session */
    r[4] = getpgid(0) == getpid() ? 'y' : 'n';
    r[5] = (setpgid(0, 999999) < 0) ? 'y' : 'n';
    write(fds[1], r, 6);
    _exit(0);
  }
  char q[3], r[6];
  read(fds[0], q, 3);
  waitpid(p, NULL, 0);
  read(fds[0], r, 6);
  say("grandchild: inherited group %c, setsid makes session %c, and group %c\n", q[0], q[1], q[2]);
  say("child: setpgid(0,0) %c, getpgrp %c, setsid as leader EPERM %c, old session %c, getpgid %c, bad setpgid fails %c\n",
      r[0], r[1], r[2], r[3], r[4], r[5]);
  say("parent sees child's group: %s\n", getpgid(p) < 0 ? errname(errno) : "still there?");

  /* kill(-pgid) reaches every member of a group */
  pid_t leader = fork();
  if (leader == 0) {
    setpgid(0, 0);
    for (int i = 0; i < 3; i++)
      if (fork() == 0) { for (;;) pause(); }
    write(fds[1], "r", 1);
    for (;;) pause();
  }
  char c;
  read(fds[0], &c, 1);
  setpgid(leader, leader);  /* may race the child's own call: either way it is the group */
  say("kill(-pgid, SIGTERM): %d\n", kill(-leader, SIGTERM));
  int st;
  waitpid(leader, &st, 0);
  say("group leader: %s\n", wstatus(st));
  close(fds[0]);
  close(fds[1]);
}

static void test_vfork(const char *self) {
  pid_t p = vfork();
  if (p == 0) _exit(33);
  int st;
  waitpid(p, &st, 0);
  say("vfork + _exit(33): %s\n", wstatus(st));
  p = vfork();
  if (p == 0) {
    char *args[] = {(char *)self, "exec-child", "vforked", NULL};
    char *env[] = {"T_VIA=vfork", NULL};
    execve(self, args, env);
    _exit(127);
  }
  waitpid(p, &st, 0);
  say("vfork + execve: %s\n", wstatus(st));
}

static void test_execve(const char *self) {
  int fds[2];
  pipe(fds);
  write(fds[1], "through exec", 12);
  close(fds[1]);
  dup2(fds[0], 21);
  int cl = fcntl(fds[0], F_DUPFD_CLOEXEC, 20);
  say("F_DUPFD_CLOEXEC at 20: %d\n", cl);
  close(fds[0]);
  pid_t p = fork();
  if (p == 0) {
    char *args[] = {(char *)self, "exec-child", "one", "two words", "", "-x", NULL};
    char *env[] = {"T_A=1", "T_B=two words", "T_EMPTY=", "OTHER=x", NULL};
    execve(self, args, env);
    say("execve failed: %s\n", errname(errno));
    _exit(127);
  }
  int st;
  waitpid(p, &st, 0);
  say("execve child: %s\n", wstatus(st));
  close(20);
  close(21);

  errno = 0;
  char *noargs[] = {"x", NULL};
  say("execve missing: %d %s\n", execve("/nonexistent/prog", noargs, environ), errname(errno));
  int fd = open("exec-text", O_CREAT | O_WRONLY | O_TRUNC, 0644);
  write(fd, "just text\n", 10);
  close(fd);
  errno = 0;
  say("execve non-executable: %d %s\n", execve("exec-text", noargs, environ), errname(errno));
  chmod("exec-text", 0755);
  errno = 0;
  say("execve text without #!: %d %s\n", execve("./exec-text", noargs, environ), errname(errno));
  errno = 0;
  say("execve a directory: %d %s\n", execve(".", noargs, environ), errname(errno));
  unlink("exec-text");
}

int main(int argc, char **argv) {
  if (argc >= 3 && strcmp(argv[1], "exec-child") == 0 && strcmp(argv[2], "vforked") == 0) {
    say("vfork exec child: env %s\n", getenv("T_VIA") ? getenv("T_VIA") : "-");
    return 44;
  }
  if (argc >= 2 && strcmp(argv[1], "exec-child") == 0) return exec_child(argc, argv);
  if (argc < 2) { say("usage: proc SELF\n"); return 2; }
  test_ids();
  test_fork_exit_statuses();
  test_wait();
  test_groups();
  test_vfork(argv[1]);
  test_execve(argv[1]);
  say("done\n");
  return 3;
}
