/* poll.c - poll, ppoll, select and pselect6.
 *
 * Simple and correct rather than scalable: a waiter checks every
 * descriptor (each file kind's poll op says what is ready now), and if
 * nothing is, sleeps on the one channel poll_chan until something changes
 * anywhere, the timeout passes or a signal comes, then checks again.
 *
 * Lost wakeups: file kinds announce changes with poll_wake(), which bumps
 * poll_seq under poll_lock before waking poll_chan.  A waiter reads
 * poll_seq before its check and sleeps only if it is unchanged, testing
 * and going to sleep under poll_lock, so a change made after its check
 * either shows in poll_seq or wakes it.
 *
 * Timeouts are in simulated time (ktime_ns).  ppoll and pselect6 swap in
 * the caller's signal mask for the wait; if a signal interrupts, the old
 * mask comes back after its handler runs (restore_mask, kern/signal.c). */
#include "file.h"
#include "kalloc.h"
#include "ktime.h"
#include "lib.h"
#include "linux_n64.h"
#include "signal.h"
#include "syscall.h"
#include "task.h"
#include "uaccess.h"
#include "wait.h"

char poll_chan;
static struct spinlock poll_lock = SPINLOCK_INIT("poll");
static u64 poll_seq;             /* protected by poll_lock: changes announced so far */

#define NO_WAIT (~0ull)          /* a deadline meaning "check once" (0 means "never") */
#define MAX_POLLFDS 4096

void poll_wake(void) {
  spin_lock(&poll_lock);
  poll_seq++;
  spin_unlock(&poll_lock);
  wakeup(&poll_chan);
}

static u64 seq_now(void) {
  spin_lock(&poll_lock);
  u64 s = poll_seq;
  spin_unlock(&poll_lock);
  return s;
}

/* Sleeps unless something changed since seq: 0, -ETIMEDOUT or -EINTR. */
static int wait_change(u64 seq, u64 deadline) {
  spin_lock(&poll_lock);
  int r = poll_seq == seq ? sleep_until(&poll_chan, &poll_lock, deadline, true) : 0;
  spin_unlock(&poll_lock);
  return r;
}

/* What fd is ready for: its kind's mask, POLLNVAL if it is not open. */
static u32 fd_mask(int fd) {
  struct file *f = fd_get(fd);
  if (!f) return LINUX_POLLNVAL;
  u32 m = f->ops && f->ops->poll ? f->ops->poll(f)
                                 : LINUX_POLLIN | LINUX_POLLOUT | LINUX_POLLRDNORM | LINUX_POLLWRNORM;
  file_put(f);
  return m;
}

/* The common loop: pass() checks everything once and returns how many
 * are ready (or -errno); repeated until some are, the deadline passes
 * (one last check) or a signal comes (-ERESTARTNOHAND). */
static long poll_loop(long (*pass)(void *ctx), void *ctx, u64 deadline) {
  for (;;) {
    u64 seq = seq_now();
    long n = pass(ctx);
    if (n != 0 || deadline == NO_WAIT) return n;
    int r = wait_change(seq, deadline);
    if (r == -LINUX_ETIMEDOUT) return pass(ctx);
    if (r < 0) return -ERESTARTNOHAND;
  }
}

/* A relative timeout in nanoseconds (or none) as a poll_loop deadline. */
static u64 deadline_after(bool forever, u64 ns) {
  if (forever) return 0;
  if (ns == 0) return NO_WAIT;
  return ktime_ns() + ns;
}

/* Reads a struct timespec: -EINVAL if negative or nsec is out of range. */
static int get_timespec(uaddr_t u, u64 *ns) {
  i64 ts[2];
  if (copy_from_user(ts, u, sizeof ts) < 0) return -LINUX_EFAULT;
  if (ts[0] < 0 || ts[1] < 0 || ts[1] > 999999999) return -LINUX_EINVAL;
  *ns = (u64)ts[0] * 1000000000ull + (u64)ts[1];
  return 0;
}

/* Writes back the time left (select, pselect6, ppoll update their timeout). */
static void put_left(uaddr_t u, u64 deadline, bool usec) {
  u64 now = ktime_ns(), left = deadline != 0 && deadline != NO_WAIT && deadline > now ? deadline - now : 0;
  i64 t[2] = {(i64)(left / 1000000000ull), (i64)(left % 1000000000ull)};
  if (usec) t[1] /= 1000;
  copy_to_user(u, t, sizeof t);
}

/* ---- poll ------------------------------------------------------------------------ */
struct poll_ctx { uaddr_t fds; u64 nfds; };

/* Checks each struct pollfd and stores its revents. */
static long poll_pass(void *arg) {
  struct poll_ctx *c = arg;
  long ready = 0;
  for (u64 i = 0; i < c->nfds; i++) {
    u8 pfd[LINUX_POLLFD_SIZE];
    uaddr_t at = c->fds + i * LINUX_POLLFD_SIZE;
    if (copy_from_user(pfd, at, sizeof pfd) < 0) return -LINUX_EFAULT;
    i32 fd;
    u16 events, revents = 0;
    memcpy(&fd, pfd + LINUX_POLLFD_OFF_FD, 4);
    memcpy(&events, pfd + LINUX_POLLFD_OFF_EVENTS, 2);
    if (fd >= 0) revents = (u16)(fd_mask(fd) & (events | LINUX_POLLERR | LINUX_POLLHUP | LINUX_POLLNVAL));
    if (revents) ready++;
    if (copy_to_user(at + LINUX_POLLFD_OFF_REVENTS, &revents, 2) < 0) return -LINUX_EFAULT;
  }
  return ready;
}

SYSCALL(poll) {
  struct poll_ctx c = {arg[0], (u32)arg[1]};
  int ms = (int)arg[2];
  if (c.nfds > MAX_POLLFDS) return -LINUX_EINVAL;
  return poll_loop(poll_pass, &c, deadline_after(ms < 0, (u64)(ms < 0 ? 0 : ms) * 1000000ull));
}

/* Installs the caller's mask for the wait (sigmask 0: none). */
static int swap_mask(uaddr_t sigmask, u64 setsize) {
  if (!sigmask) return 0;
  u64 set[2];
  if (setsize != LINUX_SIGSET_SIZE) return -LINUX_EINVAL;
  if (copy_from_user(set, sigmask, sizeof set) < 0) return -LINUX_EFAULT;
  struct task *t = current;
  t->saved_mask = t->blocked;
  t->restore_mask = true;
  signal_set_blocked(set[0]);   /* signals 1..64: the kernel has no others */
  return 0;
}

/* After the wait: an interrupted call keeps restore_mask for the handler;
 * otherwise the old mask comes back now. */
static void unswap_mask(uaddr_t sigmask, long r) {
  struct task *t = current;
  if (!sigmask || r == -ERESTARTNOHAND) return;
  t->restore_mask = false;
  signal_set_blocked(t->saved_mask);
}

SYSCALL(ppoll) {
  struct poll_ctx c = {arg[0], (u32)arg[1]};
  uaddr_t tsp = arg[2], sigmask = arg[3];
  u64 ns = 0;
  if (c.nfds > MAX_POLLFDS) return -LINUX_EINVAL;
  if (tsp) {
    int r = get_timespec(tsp, &ns);
    if (r < 0) return r;
  }
  u64 deadline = deadline_after(!tsp, ns);
  int r = swap_mask(sigmask, arg[4]);
  if (r < 0) return r;
  long n = poll_loop(poll_pass, &c, deadline);
  unswap_mask(sigmask, n);
  if (tsp) put_left(tsp, deadline, false);
  return n;
}

/* ---- select ------------------------------------------------------------------------ */
#define SET_WORDS (NOFILE / 64)
#define READ_SET (LINUX_POLLIN | LINUX_POLLRDNORM | LINUX_POLLRDBAND | LINUX_POLLHUP | LINUX_POLLERR)
#define WRITE_SET (LINUX_POLLOUT | LINUX_POLLWRNORM | LINUX_POLLWRBAND | LINUX_POLLERR)
#define EXCEPT_SET LINUX_POLLPRI

/* fd_sets are arrays of 64-bit words (unsigned long on n64): fd f is bit
 * f % 64 of word f / 64, in the program's byte order, which is ours. */
struct select_ctx {
  int n;                         /* descriptors 0..n-1 */
  u64 in[3][SET_WORDS];          /* read, write, except: asked */
  u64 out[3][SET_WORDS];         /* ready */
};

static long select_pass(void *arg) {
  struct select_ctx *c = arg;
  static const u32 want[3] = {READ_SET, WRITE_SET, EXCEPT_SET};
  long ready = 0;
  memset(c->out, 0, sizeof c->out);
  for (int fd = 0; fd < c->n; fd++) {
    u64 bit = 1ull << (fd % 64);
    int w = fd / 64;
    if (!((c->in[0][w] | c->in[1][w] | c->in[2][w]) & bit)) continue;
    u32 m = fd_mask(fd);
    if (m & LINUX_POLLNVAL) return -LINUX_EBADF;
    for (int k = 0; k < 3; k++) {
      if ((c->in[k][w] & bit) && (m & want[k])) {
        c->out[k][w] |= bit;
        ready++;
      }
    }
  }
  return ready;
}

/* The part shared by select and pselect6 (deadline already computed). */
static long do_select(int n, const uaddr_t sets[3], u64 deadline) {
  if (n < 0) return -LINUX_EINVAL;
  struct select_ctx c;
  c.n = MIN(n, NOFILE);
  u64 bytes = (u64)(c.n + 63) / 64 * 8;
  memset(c.in, 0, sizeof c.in);
  for (int k = 0; k < 3; k++)
    if (sets[k] && copy_from_user(c.in[k], sets[k], bytes) < 0) return -LINUX_EFAULT;
  if (c.n % 64)
    for (int k = 0; k < 3; k++) c.in[k][c.n / 64] &= (1ull << (c.n % 64)) - 1;
  long r = poll_loop(select_pass, &c, deadline);
  if (r < 0) return r;
  for (int k = 0; k < 3; k++)
    if (sets[k] && copy_to_user(sets[k], c.out[k], bytes) < 0) return -LINUX_EFAULT;
  return r;
}

/* select(n, readfds, writefds, exceptfds, timeval *timeout) */
SYSCALL(select) {
  uaddr_t sets[3] = {arg[1], arg[2], arg[3]}, tvp = arg[4];
  u64 ns = 0;
  if (tvp) {
    i64 tv[2];
    if (copy_from_user(tv, tvp, sizeof tv) < 0) return -LINUX_EFAULT;
    if (tv[0] < 0 || tv[1] < 0 || tv[1] > 999999) return -LINUX_EINVAL;
    ns = (u64)tv[0] * 1000000000ull + (u64)tv[1] * 1000ull;
  }
  u64 deadline = deadline_after(!tvp, ns);
  long r = do_select((int)arg[0], sets, deadline);
  if (tvp) put_left(tvp, deadline, true);
  return r;
}

/* pselect6(n, readfds, writefds, exceptfds, timespec *timeout, sigdata),
 * sigdata pointing at {const sigset_t *set; size_t size}. */
SYSCALL(pselect6) {
  uaddr_t sets[3] = {arg[1], arg[2], arg[3]}, tsp = arg[4];
  u64 ns = 0, sig[2] = {0, 0};
  if (tsp) {
    int r = get_timespec(tsp, &ns);
    if (r < 0) return r;
  }
  if (arg[5] && copy_from_user(sig, arg[5], sizeof sig) < 0) return -LINUX_EFAULT;
  u64 deadline = deadline_after(!tsp, ns);
  int e = swap_mask(sig[0], sig[1]);
  if (e < 0) return e;
  long r = do_select((int)arg[0], sets, deadline);
  unswap_mask(sig[0], r);
  if (tsp) put_left(tsp, deadline, false);
  return r;
}
