/* signals.c - POSIX signals on the kernel: sigaction flags (SA_SIGINFO,
 * SA_RESTART, SA_RESETHAND, SA_NODEFER, sa_mask), kill/raise/tgkill/sigqueue
 * and their si_code, sigprocmask/sigpending/sigsuspend, a signal during a
 * blocking pipe read (EINTR without SA_RESTART, the read resumes with it),
 * synchronous faults (SIGSEGV MAPERR/ACCERR, SIGBUS, SIGILL, SIGFPE, SIGTRAP)
 * with si_addr/si_code and siglongjmp out, sigaltstack (including a stack
 * overflow caught on it), SIGCHLD, default actions, SIG_IGN, alarm and
 * ITIMER_REAL.  Exits 0. */
#include "abi.h"
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>

static volatile sig_atomic_t hits;
/* An address the compiler cannot see through (no -Warray-bounds). */
static volatile uintptr_t launder;
static volatile int *wild(uintptr_t a) { launder = a; return (volatile int *)launder; }
static volatile int last_signo, last_code, last_pid_is_me, last_value;
static volatile int blocked_inside, mask_inside;
static sigjmp_buf jb;
static volatile uintptr_t fault_addr;
static volatile int fault_code, fault_sig;
static volatile int on_alt;
static char *alt_base;
static size_t alt_size = 64 * 1024;

static void info_handler(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  hits++;
  last_signo = si->si_signo;
  last_code = si->si_code;
  last_pid_is_me = si->si_pid == getpid();
  last_value = si->si_value.sival_int;
  sigset_t cur;
  sigprocmask(SIG_SETMASK, NULL, &cur);
  blocked_inside = sigismember(&cur, sig);
  mask_inside = sigismember(&cur, SIGUSR2);
}
static void count_handler(int sig) { (void)sig; hits++; }
static void fault_handler(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  fault_sig = sig;
  fault_code = si->si_code;
  fault_addr = (uintptr_t)si->si_addr;
  char here;
  on_alt = alt_base && &here >= alt_base && &here < alt_base + alt_size;
  siglongjmp(jb, 1);
}

static void set(int sig, void (*h)(int, siginfo_t *, void *), int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = h;
  sa.sa_flags = flags | SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  sigaction(sig, &sa, NULL);
}
static void set_plain(int sig, void (*h)(int), int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = h;
  sa.sa_flags = flags;
  sigemptyset(&sa.sa_mask);
  sigaction(sig, &sa, NULL);
}
static const char *code_name(int sig, int code) {
  static char b[32];
  switch (code) {
    case SI_USER: return "SI_USER";
    case SI_TKILL: return "SI_TKILL";
    case SI_QUEUE: return "SI_QUEUE";
    case SI_KERNEL: return "SI_KERNEL";
  }
  if (sig == SIGSEGV && code == SEGV_MAPERR) return "SEGV_MAPERR";
  if (sig == SIGSEGV && code == SEGV_ACCERR) return "SEGV_ACCERR";
  if (sig == SIGBUS && code == BUS_ADRALN) return "BUS_ADRALN";
  if (sig == SIGBUS && code == BUS_ADRERR) return "BUS_ADRERR";
  if (sig == SIGILL && code == ILL_ILLOPC) return "ILL_ILLOPC";
  if (sig == SIGILL && code == ILL_PRVOPC) return "ILL_PRVOPC";
  if (sig == SIGFPE && code == FPE_INTDIV) return "FPE_INTDIV";
  if (sig == SIGFPE && code == FPE_INTOVF) return "FPE_INTOVF";
  if (sig == SIGCHLD && code == CLD_EXITED) return "CLD_EXITED";
  if (sig == SIGCHLD && code == CLD_KILLED) return "CLD_KILLED";
  if (sig == SIGCHLD && code == CLD_DUMPED) return "CLD_DUMPED";
  snprintf(b, sizeof b, "code %d", code);
  return b;
}

static void test_sources(void) {
  set(SIGUSR1, info_handler, 0);
  hits = 0;
  kill(getpid(), SIGUSR1);
  say("kill: hits %d signo %d %s from me %d, blocked inside %d\n", hits, last_signo, code_name(SIGUSR1, last_code),
      last_pid_is_me, blocked_inside);
  raise(SIGUSR1);
  say("raise: hits %d %s from me %d\n", hits, code_name(SIGUSR1, last_code), last_pid_is_me);
  syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1);
  say("tgkill: hits %d %s\n", hits, code_name(SIGUSR1, last_code));
  union sigval v = {.sival_int = 1234};
  sigqueue(getpid(), SIGUSR1, v);
  say("sigqueue: hits %d %s value %d\n", hits, code_name(SIGUSR1, last_code), last_value);
  errno = 0;
  say("kill(getpid(), 0): %d; bad signal: %d %s\n", kill(getpid(), 0), kill(getpid(), 99), errname(errno));
  errno = 0;
  say("kill SIGKILL handler: %d %s\n", sigaction(SIGKILL, &(struct sigaction){.sa_handler = count_handler}, NULL),
      errname(errno));
}

static void test_flags(void) {
  /* sa_mask: SIGUSR2 blocked while the handler runs */
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = info_handler;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, SIGUSR2);
  sigaction(SIGUSR1, &sa, NULL);
  raise(SIGUSR1);
  say("sa_mask: USR2 blocked inside %d, USR1 blocked inside %d\n", mask_inside, blocked_inside);
  sigset_t cur;
  sigprocmask(SIG_SETMASK, NULL, &cur);
  say("after handler: USR1 blocked %d USR2 blocked %d\n", sigismember(&cur, SIGUSR1), sigismember(&cur, SIGUSR2));
  set(SIGUSR1, info_handler, SA_NODEFER);
  raise(SIGUSR1);
  say("SA_NODEFER: USR1 blocked inside %d\n", blocked_inside);
  set(SIGUSR1, info_handler, SA_RESETHAND);
  hits = 0;
  raise(SIGUSR1);
  struct sigaction old;
  sigaction(SIGUSR1, NULL, &old);
  say("SA_RESETHAND: hits %d, now %s\n", hits, old.sa_handler == SIG_DFL ? "SIG_DFL" : "still a handler");
  /* the reset disposition terminates */
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) { raise(SIGUSR1); _exit(0); }
  int st;
  waitpid(p, &st, 0);
  say("second SIGUSR1 after reset: %s\n", wstatus(st));
  /* old action returned */
  set(SIGUSR2, info_handler, SA_RESTART);
  sigaction(SIGUSR2, NULL, &old);
  say("query: SA_SIGINFO %d SA_RESTART %d handler %s\n", !!(old.sa_flags & SA_SIGINFO), !!(old.sa_flags & SA_RESTART),
      old.sa_sigaction == info_handler ? "same" : "other");
  signal(SIGUSR2, SIG_DFL);
}

static void test_masks(void) {
  set_plain(SIGUSR1, count_handler, 0);
  sigset_t s, old, pend;
  sigemptyset(&s);
  sigaddset(&s, SIGUSR1);
  sigprocmask(SIG_BLOCK, &s, &old);
  hits = 0;
  raise(SIGUSR1);
  raise(SIGUSR1);
  sigpending(&pend);
  say("blocked: hits %d, pending USR1 %d USR2 %d\n", hits, sigismember(&pend, SIGUSR1), sigismember(&pend, SIGUSR2));
  sigprocmask(SIG_UNBLOCK, &s, NULL);
  say("unblocked: hits %d (standard signals do not queue)\n", hits);
  sigpending(&pend);
  say("pending after: %d\n", sigismember(&pend, SIGUSR1));
  /* SIGKILL and SIGSTOP cannot be blocked */
  sigfillset(&s);
  sigprocmask(SIG_SETMASK, &s, NULL);
  sigprocmask(SIG_SETMASK, NULL, &old);
  say("fill mask: KILL %d STOP %d TERM %d\n", sigismember(&old, SIGKILL), sigismember(&old, SIGSTOP),
      sigismember(&old, SIGTERM));
  sigemptyset(&s);
  sigprocmask(SIG_SETMASK, &s, NULL);
  errno = 0;
  say("bad how: %d %s\n", sigprocmask(99, &s, NULL), errname(errno));

  /* sigsuspend: a child signals the blocked parent */
  sigemptyset(&s);
  sigaddset(&s, SIGUSR1);
  sigprocmask(SIG_BLOCK, &s, NULL);
  hits = 0;
  pid_t p = fork();
  if (p == 0) { usleep(20000); kill(getppid(), SIGUSR1); _exit(0); }
  sigset_t wait_mask;
  sigemptyset(&wait_mask);
  errno = 0;
  int r = sigsuspend(&wait_mask);
  say("sigsuspend: %d %s hits %d\n", r, errname(errno), hits);
  sigprocmask(SIG_SETMASK, NULL, &old);
  say("mask restored after sigsuspend: USR1 blocked %d\n", sigismember(&old, SIGUSR1));
  waitpid(p, NULL, 0);
  sigprocmask(SIG_UNBLOCK, &s, NULL);

  /* sigtimedwait takes a pending signal without a handler */
  sigprocmask(SIG_BLOCK, &s, NULL);
  raise(SIGUSR1);
  siginfo_t si;
  struct timespec ts = {1, 0};
  r = sigtimedwait(&s, &si, &ts);
  say("sigtimedwait: %d code %s, hits %d\n", r, code_name(SIGUSR1, si.si_code), hits);
  ts.tv_sec = 0;
  ts.tv_nsec = 10000000;
  errno = 0;
  r = sigtimedwait(&s, &si, &ts);
  say("sigtimedwait nothing pending: %d %s\n", r, errname(errno));
  sigprocmask(SIG_UNBLOCK, &s, NULL);
}

static void test_pipe_read(int restart) {
  set_plain(SIGUSR1, count_handler, restart ? SA_RESTART : 0);
  int fds[2];
  pipe(fds);
  hits = 0;
  pid_t p = fork();
  if (p == 0) {
    usleep(30000);                      /* the parent is blocked in read by now */
    kill(getppid(), SIGUSR1);
    usleep(30000);
    write(fds[1], "late", 4);
    _exit(0);
  }
  char buf[8] = {0};
  errno = 0;
  ssize_t n = read(fds[0], buf, sizeof buf - 1);
  say("read on pipe, %s: %zd %s hits %d data '%s'\n", restart ? "SA_RESTART" : "no SA_RESTART", n,
      n < 0 ? errname(errno) : "", hits, n > 0 ? buf : "");
  waitpid(p, NULL, 0);
  close(fds[0]);
  close(fds[1]);
}

static void test_faults(void) {
  set(SIGSEGV, fault_handler, 0);
  set(SIGBUS, fault_handler, 0);
  set(SIGILL, fault_handler, 0);
  set(SIGFPE, fault_handler, 0);
  set(SIGTRAP, fault_handler, 0);
  if (sigsetjmp(jb, 1) == 0) { *wild(0x18) = 1; say("no fault?\n"); }
  else say("store to 0x18: sig %d %s addr %#lx\n", fault_sig, code_name(fault_sig, fault_code), (unsigned long)fault_addr);
  if (sigsetjmp(jb, 1) == 0) { (void)*wild(0x1000); say("no fault?\n"); }
  else say("load from 0x1000: sig %d %s addr %#lx\n", fault_sig, code_name(fault_sig, fault_code), (unsigned long)fault_addr);
  char *ro = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (sigsetjmp(jb, 1) == 0) { ro[4100] = 1; say("no fault?\n"); }
  else say("store to read-only page: sig %d %s addr is page+4100 %d\n", fault_sig, code_name(fault_sig, fault_code),
           fault_addr == (uintptr_t)ro + 4100);
  say("read-only page still reads %d\n", ro[4100]);
  char *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (sigsetjmp(jb, 1) == 0) { (void)*(volatile char *)(none + 7); say("no fault?\n"); }
  else say("load from PROT_NONE: sig %d %s addr ok %d\n", fault_sig, code_name(fault_sig, fault_code),
           fault_addr == (uintptr_t)none + 7);
  munmap(none, 4096);
  if (sigsetjmp(jb, 1) == 0) { (void)*(volatile char *)(none + 9); say("no fault?\n"); }
  else say("load from unmapped page: sig %d %s addr ok %d\n", fault_sig, code_name(fault_sig, fault_code),
           fault_addr == (uintptr_t)none + 9);
  /* SIGBUS: a page of a file mapping wholly beyond end of file */
  int fd = open("sig-bus-file", O_CREAT | O_RDWR | O_TRUNC, 0644);
  write(fd, "abc", 3);
  char *fm = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
  say("file map: first page beyond EOF reads %d\n", fm[100]);
  if (sigsetjmp(jb, 1) == 0) { (void)*(volatile char *)(fm + 4096 + 5); say("no fault?\n"); }
  else say("load beyond EOF page: sig %d %s\n", fault_sig, code_name(fault_sig, fault_code));  /* qemu's si_addr differs */
  munmap(fm, 8192);
  close(fd);
  unlink("sig-bus-file");
  /* SIGILL: a reserved opcode (primary opcode 0x3b is unused before R6).
   * Linux's do_ri sends it with force_sig(SIGILL): si_code SI_KERNEL, no address. */
  extern char ill_insn[];
  if (sigsetjmp(jb, 1) == 0) {
    __asm__ volatile(".globl ill_insn\nill_insn: .word 0xec000000" ::: "memory");
    say("no fault?\n");
  } else say("reserved instruction: sig %d %s\n", fault_sig, code_name(fault_sig, fault_code));
  (void)ill_insn;
  /* (not integer divide by zero, TEQ with code 7: Linux sends SIGFPE/FPE_INTDIV,
   * qemu 7.2 SIGTRAP, so qemu cannot be the reference for it) */
  /* SIGFPE from the overflow-trapping add */
  if (sigsetjmp(jb, 1) == 0) {
    int a = 0x7fffffff, b = 1, c;
    __asm__ volatile("add %0, %1, %2" : "=r"(c) : "r"(a), "r"(b));
    say("no fault? %d\n", c);
  } else say("add overflow: sig %d %s\n", fault_sig, code_name(fault_sig, fault_code));
  /* SIGTRAP: break */
  if (sigsetjmp(jb, 1) == 0) { __asm__ volatile("break"); say("no fault?\n"); }
  else say("break: sig %d\n", fault_sig);
  /* a fault with the signal blocked still kills (force) */
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGSEGV);
    sigprocmask(SIG_BLOCK, &s, NULL);
    *wild(0x20) = 0;
    _exit(0);
  }
  int st;
  waitpid(p, &st, 0);
  say("SIGSEGV while blocked: %s\n", wstatus(st));
  p = fork();
  if (p == 0) {
    signal(SIGSEGV, SIG_IGN);
    *wild(0x20) = 0;
    _exit(0);
  }
  waitpid(p, &st, 0);
  say("SIGSEGV while ignored: %s\n", wstatus(st));
}

static int depth_reached;
static int recurse(int n) {
  volatile char pad[1024];
  pad[0] = (char)n;
  depth_reached = n;
  if (n > 100000000) return 0;             /* never: keeps -Winfinite-recursion quiet */
  return recurse(n + 1) + pad[0];
}

static void test_altstack(void) {
  alt_base = malloc(alt_size);
  stack_t ss = {.ss_sp = alt_base, .ss_size = alt_size, .ss_flags = 0}, old;
  say("sigaltstack set: %d\n", sigaltstack(&ss, NULL));
  sigaltstack(NULL, &old);
  say("query: size ok %d flags %d\n", old.ss_size == alt_size, old.ss_flags);
  set(SIGSEGV, fault_handler, SA_ONSTACK);
  on_alt = 0;
  if (sigsetjmp(jb, 1) == 0) { *wild(0x28) = 1; }
  say("SIGSEGV handler on the alternate stack: %d\n", on_alt);
  set(SIGSEGV, fault_handler, 0);
  on_alt = 1;
  if (sigsetjmp(jb, 1) == 0) { *wild(0x28) = 1; }
  say("without SA_ONSTACK: on alternate stack %d\n", on_alt);
  /* stack overflow: only an alternate stack can run the handler */
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    set(SIGSEGV, fault_handler, SA_ONSTACK);
    if (sigsetjmp(jb, 1) == 0) recurse(0);
    _exit(on_alt && fault_sig == SIGSEGV && depth_reached > 1000 ? 0 : 1);
  }
  int st;
  waitpid(p, &st, 0);
  say("stack overflow caught on the alternate stack: %s\n", wstatus(st));
  p = fork();
  if (p == 0) {
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    set(SIGSEGV, fault_handler, SA_ONSTACK);
    if (sigsetjmp(jb, 1) == 0) recurse(0);
    _exit(0);
  }
  waitpid(p, &st, 0);
  say("stack overflow without an alternate stack: %s\n", wstatus(st));
  errno = 0;
  ss.ss_size = 100;
  ss.ss_flags = 0;
  say("tiny altstack: %d %s\n", sigaltstack(&ss, NULL), errname(errno));
  ss.ss_flags = SS_DISABLE;
  sigaltstack(&ss, NULL);
}

static volatile int chld_code, chld_status, chld_hits;
static void chld_handler(int sig, siginfo_t *si, void *uc) {
  (void)sig, (void)uc;
  chld_hits++;
  chld_code = si->si_code;
  chld_status = si->si_status;
}

static void test_sigchld_defaults(void) {
  set(SIGCHLD, chld_handler, SA_RESTART);
  sigset_t s, old;
  sigemptyset(&s);
  sigaddset(&s, SIGCHLD);
  sigprocmask(SIG_BLOCK, &s, &old);
  pid_t p = fork();
  if (p == 0) _exit(9);
  int st;
  waitpid(p, &st, 0);
  sigsuspend(&old);
  sigprocmask(SIG_SETMASK, &old, NULL);
  say("SIGCHLD: hits %d %s status %d\n", chld_hits, code_name(SIGCHLD, chld_code), chld_status);
  sigprocmask(SIG_BLOCK, &s, &old);
  p = fork();
  if (p == 0) { for (;;) pause(); }
  kill(p, SIGTERM);
  waitpid(p, &st, 0);
  sigsuspend(&old);
  sigprocmask(SIG_SETMASK, &old, NULL);
  say("SIGCHLD for a killed child: %s status %d\n", code_name(SIGCHLD, chld_code), chld_status);
  signal(SIGCHLD, SIG_DFL);

  /* default actions */
  signal(SIGUSR1, SIG_DFL);
  signal(SIGUSR2, SIG_DFL);
  int sigs[] = {SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE, SIGQUIT, SIGABRT, SIGCHLD, SIGWINCH, SIGURG};
  for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
    int fds[2];
    pipe(fds);
    p = fork();
    if (p == 0) {
      close(fds[1]);
      char c;
      read(fds[0], &c, 1);
      _exit(50);
    }
    close(fds[0]);
    kill(p, sigs[i]);
    close(fds[1]);   /* the child reads end of file unless the signal ended it */
    waitpid(p, &st, 0);
    say("default action of %d: %s\n", sigs[i], wstatus(st));
  }
  /* SIG_IGN survives fork and exec-less children; ignored SIGTERM */
  p = fork();
  if (p == 0) {
    signal(SIGTERM, SIG_IGN);
    raise(SIGTERM);
    _exit(51);
  }
  waitpid(p, &st, 0);
  say("ignored SIGTERM: %s\n", wstatus(st));
}

static void test_alarm(void) {
  set_plain(SIGALRM, count_handler, 0);
  hits = 0;
  say("alarm(5) first: %u\n", alarm(5));
  say("alarm(0) returns the remaining %u\n", alarm(0));
  alarm(1);
  pause();
  say("alarm(1) then pause: hits %d\n", hits);
  struct itimerval it = {{0, 20000}, {0, 20000}};
  hits = 0;
  setitimer(ITIMER_REAL, &it, NULL);
  while (hits < 3) pause();
  memset(&it, 0, sizeof it);
  setitimer(ITIMER_REAL, &it, NULL);
  say("periodic ITIMER_REAL: reached %d ticks\n", hits);
  struct itimerval cur;
  getitimer(ITIMER_REAL, &cur);
  say("disarmed: %ld %ld\n", (long)cur.it_value.tv_sec, (long)cur.it_value.tv_usec);
  signal(SIGALRM, SIG_DFL);
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) { alarm(1); for (;;) pause(); }
  int st;
  waitpid(p, &st, 0);
  say("alarm's default action: %s\n", wstatus(st));
}

int main(void) {
  test_sources();
  test_flags();
  test_masks();
  test_pipe_read(0);
  test_pipe_read(1);
  test_faults();
  test_altstack();
  test_sigchld_defaults();
  test_alarm();
  say("done\n");
  return 0;
}
