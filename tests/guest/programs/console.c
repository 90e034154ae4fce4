/* console.c - the guest's console as a terminal.  These checks differ from
 * qemu on purpose (there stdout is a pipe), so the program checks its own
 * expectations and prints one "ok"/"FAIL" line each; the test compares them
 * with console.expected.  What it expects, and why:
 *   - fds 0, 1, 2 are the console, a tty (isatty 1); a pipe and a file are
 *     not (ENOTTY from TCGETS);
 *   - TCGETS works; dunix's documented defaults (kern/tty.c): ICANON, ISIG,
 *     OPOST set; ECHO and ONLCR clear (so output and scripted input reach the
 *     host unchanged); VEOF ^D, VINTR ^C, VERASE DEL;
 *   - TIOCGWINSZ gives 24 x 80; TIOCSWINSZ changes it and sends SIGWINCH to
 *     the foreground process group, which is init's (tcgetpgrp == getpgrp),
 *     init leads the console's session (TIOCGSID == getsid(0) == getpid());
 *   - TCSETS round-trips (ECHO turned on and off again);
 *   - /dev/tty opens (the controlling terminal);
 *   - canonical input: with --console-input console.input ("first line\n",
 *     "second\n", then the ^D `discosim guest` appends) each read returns
 *     one line, then 0 at end of file;
 *   - a background process group reading the console gets SIGTTIN.
 * Exits 0 when every check passed, else 1. */
#include "abi.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <termios.h>

static int failures;
static void check(const char *what, int ok) {
  say("%s %s\n", ok ? "ok" : "FAIL", what);
  if (!ok) failures++;
}
static volatile int winch;
static void on_winch(int s) { (void)s; winch++; }

int main(void) {
  check("isatty(0)", isatty(0) == 1);
  check("isatty(1)", isatty(1) == 1);
  check("isatty(2)", isatty(2) == 1);
  int p[2];
  pipe(p);
  struct termios t;
  errno = 0;
  check("a pipe is not a tty (ENOTTY)", ioctl(p[0], TCGETS, &t) < 0 && errno == ENOTTY);
  int f = open("plain", O_CREAT | O_RDWR, 0644);
  errno = 0;
  check("a file is not a tty (ENOTTY)", ioctl(f, TCGETS, &t) < 0 && errno == ENOTTY);
  close(f);
  unlink("plain");
  check("TCGETS on the console", ioctl(0, TCGETS, &t) == 0);
  check("ICANON and ISIG set", (t.c_lflag & ICANON) && (t.c_lflag & ISIG));
  check("ECHO clear (dunix default)", !(t.c_lflag & ECHO));
  check("OPOST set, ONLCR clear (dunix default)", (t.c_oflag & OPOST) && !(t.c_oflag & ONLCR));
  check("VEOF ^D, VINTR ^C, VERASE DEL", t.c_cc[VEOF] == 4 && t.c_cc[VINTR] == 3 && t.c_cc[VERASE] == 0x7f);
  struct termios e = t;
  e.c_lflag |= ECHO;
  ioctl(0, TCSETS, &e);
  struct termios back;
  ioctl(0, TCGETS, &back);
  check("TCSETS round-trips ECHO on", (back.c_lflag & ECHO) != 0);
  ioctl(0, TCSETS, &t);
  ioctl(0, TCGETS, &back);
  check("and off again", (back.c_lflag & ECHO) == 0);
  struct winsize ws;
  check("TIOCGWINSZ", ioctl(1, TIOCGWINSZ, &ws) == 0);
  check("24 rows x 80 columns", ws.ws_row == 24 && ws.ws_col == 80);
  check("foreground group is ours", tcgetpgrp(0) == getpgrp());
  pid_t sid = -1;
  check("TIOCGSID is our session, led by init", ioctl(0, TIOCGSID, &sid) == 0 && sid == getsid(0) && sid == getpid());
  signal(SIGWINCH, on_winch);
  struct winsize nw = {30, 100, 0, 0};
  check("TIOCSWINSZ 30 x 100", ioctl(1, TIOCSWINSZ, &nw) == 0);
  ioctl(1, TIOCGWINSZ, &ws);
  check("reads back 30 x 100", ws.ws_row == 30 && ws.ws_col == 100);
  check("SIGWINCH delivered", winch == 1);
  int tty = open("/dev/tty", O_RDWR);
  check("/dev/tty opens and is a tty", tty >= 0 && isatty(tty));
  if (tty >= 0) close(tty);
  /* a background group reading the console: SIGTTIN stops it */
  pid_t c = fork();
  if (c == 0) {
    setpgid(0, 0);
    char b;
    read(0, &b, 1);
    _exit(9);
  }
  int st;
  waitpid(c, &st, WUNTRACED);
  check("background read: stopped by SIGTTIN", WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTIN);
  kill(c, SIGKILL);
  waitpid(c, &st, 0);
  char buf[100];
  ssize_t n = read(0, buf, sizeof buf);
  check("canonical read returns the first line", n == 11 && memcmp(buf, "first line\n", 11) == 0);
  n = read(0, buf, sizeof buf);
  check("then the second", n == 7 && memcmp(buf, "second\n", 7) == 0);
  n = read(0, buf, sizeof buf);
  check("then end of file (^D)", n == 0);
  say("%d failures\n", failures);
  return failures ? 1 : 0;
}
