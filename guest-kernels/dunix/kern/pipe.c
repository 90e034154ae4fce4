/* pipe.c - pipes: a ring of PIPE_PAGES pages (64 KiB, Linux's default
 * capacity) between a read end and a write end, each a struct file.
 *
 * rpos and wpos count every byte ever read and written, so wpos - rpos is
 * what the pipe holds and the byte at position x lives at x % PIPE_SIZE.
 * Pages are allocated the first time a writer reaches them.
 *
 * Copying to or from user memory may fault and sleep, so it happens with
 * the spinlock released.  One reader and one writer copy at a time (rbusy,
 * wbusy: others wait interruptibly); the reader only touches [rpos, wpos)
 * and the writer only [wpos, rpos + PIPE_SIZE), so the two never meet.
 * A write of at most PIPE_BUF bytes waits until it fits whole (POSIX
 * atomicity); a larger one goes in pieces.
 *
 * Waiting: readers and writers sleep on the pipe itself (rbusy/wbusy
 * waiters on those fields); every change also calls poll_wake(). */
#include "file.h"
#include "kalloc.h"
#include "lib.h"
#include "linux_n64.h"
#include "signal.h"
#include "syscall.h"
#include "task.h"
#include "uaccess.h"
#include "wait.h"

#define PIPE_PAGES 16
#define PIPE_SIZE (PIPE_PAGES * PAGE_SIZE)

struct pipe {
  struct spinlock lock;
  /* protected by lock: */
  u64 rpos, wpos;
  u32 readers, writers;       /* open read ends, write ends */
  bool rbusy, wbusy;          /* a reader / writer is between its wait and its update */
  /* slots are set by the writer holding wbusy, read below wpos by the reader */
  u8 *page[PIPE_PAGES];
};

static bool is_reader(struct file *f) { return (f->flags & LINUX_O_ACCMODE) == LINUX_O_RDONLY; }

/* Copies n bytes between the ring at position pos and addr (user memory if
 * user), in page-sized pieces.  Returns the bytes moved before a fault. */
static u64 ring_copy(struct pipe *p, u64 pos, bool user, u64 addr, u64 n, bool into_ring) {
  u64 done = 0;
  while (done < n) {
    u64 x = (pos + done) % PIPE_SIZE;
    u8 *kva = p->page[x / PAGE_SIZE] + x % PAGE_SIZE;
    u64 len = MIN(n - done, PAGE_SIZE - x % PAGE_SIZE);
    int r = into_ring ? copy_in_either(user, kva, addr + done, len) : copy_out_either(user, addr + done, kva, len);
    if (r < 0) break;
    done += len;
  }
  return done;
}

/* Waits (lock held) until *busy is clear, then sets it.  0, -EAGAIN or
 * -ERESTARTSYS. */
static int claim(struct pipe *p, bool *busy, bool nonblock) {
  while (*busy) {
    if (nonblock) return -LINUX_EAGAIN;
    if (sleep_intr(busy, &p->lock) < 0) return -ERESTARTSYS;
  }
  *busy = true;
  return 0;
}

static void release(struct pipe *p, bool *busy) {
  *busy = false;
  wakeup(busy);
  wakeup(p);
}

static long pipe_read(struct file *f, uaddr_t buf, u64 n) {
  struct pipe *p = f->priv;
  bool nonblock = f->flags & LINUX_O_NONBLOCK;
  if (n == 0) return 0;
  spin_lock(&p->lock);
  long r = claim(p, &p->rbusy, nonblock);
  if (r < 0) {
    spin_unlock(&p->lock);
    return r;
  }
  while (p->wpos == p->rpos) {
    if (p->writers == 0) goto out;   /* end of file: r = 0 */
    if (nonblock) {
      r = -LINUX_EAGAIN;
      goto out;
    }
    if (sleep_intr(p, &p->lock) < 0) {
      r = -ERESTARTSYS;
      goto out;
    }
  }
  u64 take = MIN(n, p->wpos - p->rpos), start = p->rpos;
  spin_unlock(&p->lock);
  u64 got = ring_copy(p, start, true, buf, take, false);
  spin_lock(&p->lock);
  p->rpos += got;
  r = got ? (long)got : -LINUX_EFAULT;
out:
  release(p, &p->rbusy);
  spin_unlock(&p->lock);
  poll_wake();
  return r;
}

/* Makes sure the ring's pages for [pos, pos + n) exist (wbusy held, lock
 * not held).  False if memory ran out. */
static bool ring_fill(struct pipe *p, u64 pos, u64 n) {
  for (u64 x = ROUNDDOWN(pos, PAGE_SIZE); x < pos + n; x += PAGE_SIZE) {
    unsigned slot = (unsigned)(x % PIPE_SIZE / PAGE_SIZE);
    if (!p->page[slot] && !(p->page[slot] = page_alloc_nozero())) return false;
  }
  return true;
}

/* The write path of write(2) (user) and sendfile (kernel buffer).  With no
 * reader left: SIGPIPE to the writer and -EPIPE (after a partial write, the
 * count written).  Interrupted before writing anything: -ERESTARTSYS. */
static long pipe_write_common(struct file *f, bool user, u64 src, u64 n) {
  struct pipe *p = f->priv;
  bool nonblock = f->flags & LINUX_O_NONBLOCK;
  if (n == 0) return 0;
  spin_lock(&p->lock);
  long r = claim(p, &p->wbusy, nonblock);
  if (r < 0) {
    spin_unlock(&p->lock);
    return r;
  }
  u64 done = 0;
  while (done < n) {
    if (p->readers == 0) {
      signal_send_task(current, LINUX_SIGPIPE, LINUX_SI_USER, current->proc->pid);
      r = -LINUX_EPIPE;
      break;
    }
    u64 room = PIPE_SIZE - (p->wpos - p->rpos);
    u64 need = n <= LINUX_PIPE_BUF ? n : 1;   /* small writes go in whole */
    if (room < need) {
      if (nonblock) {
        r = -LINUX_EAGAIN;
        break;
      }
      if (sleep_intr(p, &p->lock) < 0) {
        r = -ERESTARTSYS;
        break;
      }
      continue;
    }
    u64 chunk = MIN(room, n - done), start = p->wpos;
    spin_unlock(&p->lock);
    bool have = ring_fill(p, start, chunk);
    u64 put = have ? ring_copy(p, start, user, src + done, chunk, true) : 0;
    spin_lock(&p->lock);
    p->wpos += put;
    done += put;
    wakeup(p);
    if (put < chunk) {
      r = have ? -LINUX_EFAULT : -LINUX_ENOMEM;
      break;
    }
  }
  if (done > 0) r = (long)done;
  release(p, &p->wbusy);
  spin_unlock(&p->lock);
  poll_wake();
  return r;
}

static long pipe_write(struct file *f, uaddr_t buf, u64 n) { return pipe_write_common(f, true, buf, n); }
static long pipe_kwrite(struct file *f, const void *buf, u64 n) {
  return pipe_write_common(f, false, (u64)(uintptr_t)buf, n);
}

static u32 pipe_poll(struct file *f) {
  struct pipe *p = f->priv;
  u32 mask = 0;
  spin_lock(&p->lock);
  u64 held = p->wpos - p->rpos;
  if (is_reader(f)) {
    if (held) mask |= LINUX_POLLIN | LINUX_POLLRDNORM;
    if (p->writers == 0) mask |= LINUX_POLLHUP;
  } else {
    if (PIPE_SIZE - held >= LINUX_PIPE_BUF) mask |= LINUX_POLLOUT | LINUX_POLLWRNORM;
    if (p->readers == 0) mask |= LINUX_POLLERR;
  }
  spin_unlock(&p->lock);
  return mask;
}

static long pipe_ioctl(struct file *f, u64 cmd, u64 arg) {
  struct pipe *p = f->priv;
  if (cmd != LINUX_FIONREAD) return -LINUX_ENOTTY;
  spin_lock(&p->lock);
  int held = (int)(p->wpos - p->rpos);
  spin_unlock(&p->lock);
  return copy_to_user(arg, &held, sizeof held);
}

/* One end closes; the pipe goes when both have. */
static void pipe_close(struct file *f) {
  struct pipe *p = f->priv;
  spin_lock(&p->lock);
  if (is_reader(f)) p->readers--;
  else p->writers--;
  bool gone = p->readers == 0 && p->writers == 0;
  wakeup(p);
  spin_unlock(&p->lock);
  poll_wake();
  if (!gone) return;
  for (int i = 0; i < PIPE_PAGES; i++)
    if (p->page[i]) page_free(p->page[i]);
  kfree(p);
}

static const struct file_ops pipe_ops = {
  .read = pipe_read,
  .write = pipe_write,
  .ioctl = pipe_ioctl,
  .poll = pipe_poll,
  .close = pipe_close,
  .kwrite = pipe_kwrite,
};

/* A new pipe: *rf reads, *wf writes (flags O_RDONLY / O_WRONLY; the caller
 * adds O_NONBLOCK).  0, -ENFILE or -ENOMEM. */
int pipe_create(struct file **rf, struct file **wf) {
  struct pipe *p = kmalloc(sizeof *p);
  if (!p) return -LINUX_ENOMEM;
  spin_init(&p->lock, "pipe");
  p->readers = p->writers = 1;
  struct file *r = file_alloc(), *w = file_alloc();
  if (!r || !w) {
    if (r) file_put(r);
    if (w) file_put(w);
    kfree(p);
    return -LINUX_ENFILE;
  }
  r->kind = w->kind = F_PIPE;
  r->ops = w->ops = &pipe_ops;
  r->priv = w->priv = p;
  r->flags = LINUX_O_RDONLY;
  w->flags = LINUX_O_WRONLY;
  *rf = r;
  *wf = w;
  return 0;
}

/* The capacity fcntl(F_GETPIPE_SZ) reports. */
long pipe_capacity(void) { return PIPE_SIZE; }
