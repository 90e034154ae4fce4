/* abi.h - shared helpers for the guest-kernel test programs.
 *
 * Output goes through say(), which formats into a buffer and issues ONE
 * write(2) on fd 1: no stdio buffer exists to be duplicated by fork or lost
 * by a crash, and the order of lines is the order of the calls on every
 * kernel, whether stdout is the guest's console (a tty, line-buffered for
 * stdio) or qemu's pipe (fully buffered).  Nothing printed may depend on
 * what legitimately differs between dunix and the host: pid values, times,
 * inode numbers, addresses. */
#ifndef GUEST_ABI_H
#define GUEST_ABI_H
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

__attribute__((format(printf, 1, 2), unused)) static void say(const char *fmt, ...) {
  char buf[4096];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n > (int)sizeof buf - 1) n = sizeof buf - 1;
  int off = 0;
  while (off < n) {
    ssize_t w = write(1, buf + off, n - off);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) break;
    off += w;
  }
}

/* "ok"/"-1 ENOENT": the result of a call, by errno name (the numbers are
 * MIPS's, but names keep the expected output readable). */
static const char *errname(int e) {
  switch (e) {
#define E(x) case x: return #x;
    E(EPERM) E(ENOENT) E(ESRCH) E(EINTR) E(EIO) E(ENXIO) E(E2BIG) E(ENOEXEC) E(EBADF) E(ECHILD)
    E(EAGAIN) E(ENOMEM) E(EACCES) E(EFAULT) E(EBUSY) E(EEXIST) E(EXDEV) E(ENODEV) E(ENOTDIR)
    E(EISDIR) E(EINVAL) E(ENFILE) E(EMFILE) E(ENOTTY) E(EFBIG) E(ENOSPC) E(ESPIPE) E(EROFS)
    E(EMLINK) E(EPIPE) E(EDOM) E(ERANGE) E(ENOSYS) E(ENOTEMPTY) E(ELOOP) E(ENAMETOOLONG)
    E(EOVERFLOW) E(ETIMEDOUT)
#undef E
    default: return "E?";
  }
}

/* Prints "label: <value>" or "label: -1 ENAME". */
__attribute__((unused)) static long rc(const char *label, long r) {
  if (r < 0) say("%s: -1 %s\n", label, errname(errno));
  else say("%s: %ld\n", label, r);
  return r;
}

/* Wait status as text, independent of the pid. */
__attribute__((unused)) static const char *wstatus(int st) {
  static char b[64];
  if (WIFEXITED(st)) snprintf(b, sizeof b, "exited %d", WEXITSTATUS(st));
  else if (WIFSIGNALED(st)) snprintf(b, sizeof b, "killed by %d", WTERMSIG(st));  /* not WCOREDUMP: a real dump depends on RLIMIT_CORE */
  else if (WIFSTOPPED(st)) snprintf(b, sizeof b, "stopped by %d", WSTOPSIG(st));
  else if (WIFCONTINUED(st)) snprintf(b, sizeof b, "continued");
  else snprintf(b, sizeof b, "status %#x", st);
  return b;
}
#endif
