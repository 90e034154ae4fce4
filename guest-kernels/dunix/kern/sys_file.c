/* sys_file.c - the system calls on open descriptors: reading and writing
 * (plain, vectored, positional, sendfile), lseek, close, dup, fcntl, ioctl,
 * pipes, and the calls that only check their arguments (fadvise64, flock,
 * record locks).
 *
 * Each handler takes its file with fd_get and drops it with file_put before
 * returning, so a concurrent close in another thread never frees a file in
 * use.  Errors are -LINUX_E*; a blocking call interrupted before it moved
 * anything returns -ERESTARTSYS (kern/signal.c turns it into EINTR or a
 * restart). */
#include "file.h"
#include "fs.h"
#include "kalloc.h"
#include "lib.h"
#include "linux_n64.h"
#include "syscall.h"
#include "task.h"
#include "uaccess.h"

static int fd_arg(u64 a) { return (int)a; }

/* Linux checks a whole buffer lies in user space before any transfer
 * (access_ok): a length running past it is -EFAULT even if fewer bytes
 * would move. */
static bool buf_ok(uaddr_t buf, u64 n) { return n <= USER_TOP && buf <= USER_TOP - n; }

SYSCALL(read) {
  struct file *f = fd_get(fd_arg(arg[0]));
  if (!f) return -LINUX_EBADF;
  if (!buf_ok(arg[1], arg[2])) {
    file_put(f);
    return -LINUX_EFAULT;
  }
  long r = file_read(f, arg[1], arg[2]);
  file_put(f);
  return r;
}

SYSCALL(write) {
  struct file *f = fd_get(fd_arg(arg[0]));
  if (!f) return -LINUX_EBADF;
  if (!buf_ok(arg[1], arg[2])) {
    file_put(f);
    return -LINUX_EFAULT;
  }
  long r = file_write(f, arg[1], arg[2]);
  file_put(f);
  return r;
}

SYSCALL(pread64) {
  struct file *f = fd_get(fd_arg(arg[0]));
  if (!f) return -LINUX_EBADF;
  if (!buf_ok(arg[1], arg[2])) {
    file_put(f);
    return -LINUX_EFAULT;
  }
  long r = file_pread(f, arg[1], arg[2], arg[3]);
  file_put(f);
  return r;
}

SYSCALL(pwrite64) {
  struct file *f = fd_get(fd_arg(arg[0]));
  if (!f) return -LINUX_EBADF;
  if (!buf_ok(arg[1], arg[2])) {
    file_put(f);
    return -LINUX_EFAULT;
  }
  long r = file_pwrite(f, arg[1], arg[2], arg[3]);
  file_put(f);
  return r;
}

/* readv/writev/preadv/pwritev: the vector is checked whole first (count
 * 0..UIO_MAXIOV, lengths not above SSIZE_MAX in sum), then each piece is
 * moved in turn, stopping at a short transfer.  pos < 0: the file offset.
 * Not atomic across pieces (a pipe may interleave another writer). */
static long do_iov(int fd, uaddr_t iov, u64 cnt, bool write, i64 pos) {
  if ((i64)cnt < 0 || cnt > LINUX_UIO_MAXIOV) return -LINUX_EINVAL;
  u64 sum = 0, piece[2];
  for (u64 i = 0; i < cnt; i++) {
    if (copy_from_user(piece, iov + i * LINUX_IOVEC_SIZE, sizeof piece) < 0) return -LINUX_EFAULT;
    if ((i64)piece[1] < 0 || (sum += piece[1]) > 0x7fffffffffffffffull) return -LINUX_EINVAL;
  }
  struct file *f = fd_get(fd);
  if (!f) return -LINUX_EBADF;
  long total = 0, r = 0;
  for (u64 i = 0; i < cnt; i++) {
    if (copy_from_user(piece, iov + i * LINUX_IOVEC_SIZE, sizeof piece) < 0) {
      r = -LINUX_EFAULT;
      break;
    }
    if (piece[1] == 0) continue;
    if (pos < 0) r = write ? file_write(f, piece[0], piece[1]) : file_read(f, piece[0], piece[1]);
    else r = write ? file_pwrite(f, piece[0], piece[1], (u64)pos + (u64)total)
                   : file_pread(f, piece[0], piece[1], (u64)pos + (u64)total);
    if (r < 0) break;
    total += r;
    if ((u64)r < piece[1]) break;
  }
  file_put(f);
  return total > 0 ? total : r;
}

SYSCALL(readv) { return do_iov(fd_arg(arg[0]), arg[1], arg[2], false, -1); }
SYSCALL(writev) { return do_iov(fd_arg(arg[0]), arg[1], arg[2], true, -1); }
SYSCALL(preadv) { return (i64)arg[3] < 0 ? -LINUX_EINVAL : do_iov(fd_arg(arg[0]), arg[1], arg[2], false, (i64)arg[3]); }
SYSCALL(pwritev) { return (i64)arg[3] < 0 ? -LINUX_EINVAL : do_iov(fd_arg(arg[0]), arg[1], arg[2], true, (i64)arg[3]); }

/* The new offset of an inode file (pos_lock held), or -errno.  SEEK_DATA
 * and SEEK_HOLE see one extent of data: the whole file. */
static i64 seek_inode(struct file *f, i64 off, int whence) {
  ilock(f->ip);
  i64 size = (i64)f->ip->size;
  iunlock(f->ip);
  i64 base;
  switch (whence) {
  case LINUX_SEEK_SET: base = 0; break;
  case LINUX_SEEK_CUR: base = (i64)f->off; break;
  case LINUX_SEEK_END: base = size; break;
  case LINUX_SEEK_DATA:
  case LINUX_SEEK_HOLE:
    if (off < 0 || off >= size) return -LINUX_ENXIO;
    return whence == LINUX_SEEK_DATA ? off : size;
  default: return -LINUX_EINVAL;
  }
  if ((off > 0 && base > INT64_MAX - off) || base + off < 0) return -LINUX_EINVAL;
  return base + off;
}

SYSCALL(lseek) {
  struct file *f = fd_get(fd_arg(arg[0]));
  if (!f) return -LINUX_EBADF;
  i64 r;
  if (f->flags & LINUX_O_PATH) r = -LINUX_EBADF;
  else if (f->kind == F_PIPE) r = -LINUX_ESPIPE;
  else if (f->kind == F_CHARDEV) r = chardev_seekable(f->ip->rdev) ? 0 : -LINUX_ESPIPE;
  else {
    sleep_lock(&f->pos_lock);
    r = seek_inode(f, (i64)arg[1], (int)arg[2]);
    if (r >= 0) f->off = (u64)r;
    sleep_unlock(&f->pos_lock);
  }
  file_put(f);
  return r;
}

SYSCALL(close) { return fd_close(fd_arg(arg[0])); }

SYSCALL(dup) {
  struct file *f = fd_get(fd_arg(arg[0]));
  if (!f) return -LINUX_EBADF;
  int r = fd_install(f, 0, false);
  if (r < 0) file_put(f);
  return r;
}

/* dup2 and dup3: newfd gets oldfd's file, closing what it had. */
static long do_dup3(int oldfd, int newfd, bool cloexec) {
  struct file *f = fd_get(oldfd);
  if (!f) return -LINUX_EBADF;
  int r = fd_install_at(newfd, f, cloexec);
  if (r < 0) file_put(f);
  return r;
}

SYSCALL(dup2) {
  int oldfd = fd_arg(arg[0]), newfd = fd_arg(arg[1]);
  if (oldfd == newfd) {
    struct file *f = fd_get(oldfd);
    if (!f) return -LINUX_EBADF;
    file_put(f);
    return newfd;
  }
  return do_dup3(oldfd, newfd, false);
}

SYSCALL(dup3) {
  if (arg[2] & ~(u64)LINUX_O_CLOEXEC) return -LINUX_EINVAL;
  if (fd_arg(arg[0]) == fd_arg(arg[1])) return -LINUX_EINVAL;
  return do_dup3(fd_arg(arg[0]), fd_arg(arg[1]), arg[2] & LINUX_O_CLOEXEC);
}

/* Record locks are accepted and not enforced: there is no lock table, so
 * F_SETLK always succeeds and F_GETLK always answers "unlocked". */
static long record_lock(int cmd, uaddr_t uflock) {
  u8 fl[LINUX_FLOCK_SIZE];
  if (copy_from_user(fl, uflock, sizeof fl) < 0) return -LINUX_EFAULT;
  i16 type;
  memcpy(&type, fl + LINUX_FLOCK_OFF_TYPE, 2);
  if (type != LINUX_F_RDLCK && type != LINUX_F_WRLCK && type != LINUX_F_UNLCK) return -LINUX_EINVAL;
  if (cmd != LINUX_F_GETLK && cmd != LINUX_F_OFD_GETLK) return 0;
  type = LINUX_F_UNLCK;
  memcpy(fl + LINUX_FLOCK_OFF_TYPE, &type, 2);
  return copy_to_user(uflock, fl, sizeof fl);
}

static long do_fcntl(int fd, struct file *f, int cmd, u64 a) {
  const u32 settable = LINUX_O_APPEND | LINUX_O_NONBLOCK;
  int r;
  switch (cmd) {
  case LINUX_F_DUPFD:
  case LINUX_F_DUPFD_CLOEXEC:
    if (a >= (u64)fd_limit()) return -LINUX_EINVAL;
    r = fd_install(file_dup(f), (int)a, cmd == LINUX_F_DUPFD_CLOEXEC);
    if (r < 0) file_put(f);
    return r;
  case LINUX_F_GETFD: return fd_cloexec(fd, -1);
  case LINUX_F_SETFD: r = fd_cloexec(fd, (a & LINUX_FD_CLOEXEC) != 0); return r < 0 ? r : 0;
  case LINUX_F_GETFL: return f->flags;
  case LINUX_F_SETFL:   /* O_ASYNC, O_DIRECT, O_NOATIME are accepted and ignored */
    spin_lock(&f->lock);
    f->flags = (f->flags & ~settable) | ((u32)a & settable);
    spin_unlock(&f->lock);
    return 0;
  case LINUX_F_GETLK: case LINUX_F_SETLK: case LINUX_F_SETLKW:
  case LINUX_F_OFD_GETLK: case LINUX_F_OFD_SETLK: case LINUX_F_OFD_SETLKW:
    return record_lock(cmd, a);
  case LINUX_F_GETOWN: case LINUX_F_SETOWN: case LINUX_F_GETSIG: case LINUX_F_SETSIG:
    return 0;
  case LINUX_F_GETPIPE_SZ: case LINUX_F_SETPIPE_SZ:
    return f->kind == F_PIPE ? pipe_capacity() : -LINUX_EBADF;
  default:
    return -LINUX_EINVAL;
  }
}

SYSCALL(fcntl) {
  int fd = fd_arg(arg[0]);
  struct file *f = fd_get(fd);
  if (!f) return -LINUX_EBADF;
  long r = do_fcntl(fd, f, (int)arg[1], arg[2]);
  file_put(f);
  return r;
}

/* The ioctls every descriptor answers, then the file's own. */
SYSCALL(ioctl) {
  int fd = fd_arg(arg[0]), v;
  u32 cmd = (u32)arg[1];
  struct file *f = fd_get(fd);
  if (!f) return -LINUX_EBADF;
  long r;
  if (f->flags & LINUX_O_PATH) {
    r = -LINUX_EBADF;
  } else if (cmd == LINUX_FIOCLEX || cmd == LINUX_FIONCLEX) {
    r = fd_cloexec(fd, cmd == LINUX_FIOCLEX);
    r = r < 0 ? r : 0;
  } else if (cmd == LINUX_FIONBIO || cmd == LINUX_FIOASYNC) {
    r = copy_from_user(&v, arg[2], sizeof v);
    if (r == 0 && cmd == LINUX_FIONBIO) {
      spin_lock(&f->lock);
      f->flags = v ? f->flags | LINUX_O_NONBLOCK : f->flags & ~(u32)LINUX_O_NONBLOCK;
      spin_unlock(&f->lock);
    }
  } else {
    r = f->ops->ioctl ? f->ops->ioctl(f, cmd, arg[2]) : -LINUX_ENOTTY;
  }
  file_put(f);
  return r;
}

/* Both ends of a new pipe in fds[0] (read) and fds[1] (write). */
static long make_pipe(int fds[2], u64 flags) {
  if (flags & ~(u64)(LINUX_O_CLOEXEC | LINUX_O_NONBLOCK | LINUX_O_DIRECT)) return -LINUX_EINVAL;
  struct file *rf, *wf;
  int r = pipe_create(&rf, &wf);
  if (r < 0) return r;
  rf->flags |= flags & LINUX_O_NONBLOCK;
  wf->flags |= flags & LINUX_O_NONBLOCK;
  bool cloexec = flags & LINUX_O_CLOEXEC;
  if ((fds[0] = fd_install(rf, 0, cloexec)) < 0) {
    file_put(rf);
    file_put(wf);
    return fds[0];
  }
  if ((fds[1] = fd_install(wf, 0, cloexec)) < 0) {
    fd_close(fds[0]);
    file_put(wf);
    return fds[1];
  }
  return 0;
}

/* MIPS pipe(2) returns the two descriptors in v0 and v1 and writes no
 * memory (arch/mips sysm_pipe); pipe2 stores them at arg[0]. */
SYSCALL(pipe) {
  (void)arg;
  int fds[2];
  long r = make_pipe(fds, 0);
  if (r < 0) return r;
  current->tf->regs[REG_V1] = (u64)fds[1];
  return fds[0];
}

SYSCALL(pipe2) {
  int fds[2];
  long r = make_pipe(fds, arg[1]);
  if (r < 0) return r;
  if (copy_to_user(arg[0], fds, sizeof fds) < 0) {
    fd_close(fds[0]);
    fd_close(fds[1]);
    return -LINUX_EFAULT;
  }
  return 0;
}

/* sendfile: from a regular file (at *offp, or at and advancing its offset)
 * to any file that takes kernel-buffer writes, a page at a time. */
static long do_sendfile(struct file *out, struct file *in, uaddr_t offp, u64 count) {
  if ((in->flags & LINUX_O_ACCMODE) == LINUX_O_WRONLY || (in->flags & LINUX_O_PATH)) return -LINUX_EBADF;
  u32 acc = out->flags & LINUX_O_ACCMODE;
  if ((acc != LINUX_O_WRONLY && acc != LINUX_O_RDWR) || (out->flags & LINUX_O_PATH)) return -LINUX_EBADF;
  if (in->kind != F_INODE || (in->ip->mode & LINUX_S_IFMT) != LINUX_S_IFREG) return -LINUX_EINVAL;
  if (!out->ops->kwrite || (out->flags & LINUX_O_APPEND)) return -LINUX_EINVAL;
  i64 off;
  if (offp) {
    if (copy_from_user(&off, offp, sizeof off) < 0) return -LINUX_EFAULT;
    if (off < 0) return -LINUX_EINVAL;
  } else {
    off = (i64)in->off;
  }
  char *buf = kmalloc(PAGE_SIZE);
  if (!buf) return -LINUX_ENOMEM;
  long total = 0, r = 0;
  count = MIN(count, 0x7ffff000ull);
  while ((u64)total < count) {
    ilock(in->ip);
    r = inode_read(in->ip, false, (u64)(uintptr_t)buf, (u64)off, MIN(count - (u64)total, PAGE_SIZE));
    iunlock(in->ip);
    if (r <= 0) break;
    long w = out->ops->kwrite(out, buf, (u64)r);
    if (w < 0) {
      r = w;
      break;
    }
    off += w;
    total += w;
    if (w < r) break;
  }
  kfree(buf);
  if (offp) {
    if (copy_to_user(offp, &off, sizeof off) < 0 && total == 0) return -LINUX_EFAULT;
  } else {
    sleep_lock(&in->pos_lock);
    in->off = (u64)off;
    sleep_unlock(&in->pos_lock);
  }
  return total > 0 ? total : r;
}

SYSCALL(sendfile) {
  struct file *out = fd_get(fd_arg(arg[0]));
  if (!out) return -LINUX_EBADF;
  struct file *in = fd_get(fd_arg(arg[1]));
  long r = in ? do_sendfile(out, in, arg[2], arg[3]) : -LINUX_EBADF;
  if (in) file_put(in);
  file_put(out);
  return r;
}

/* fsync, fdatasync: the file's data and metadata reach the disk; only
 * inode files have any (-EINVAL for pipes and devices, as Linux). */
static long do_fsync(int fd) {
  struct file *f = fd_get(fd);
  if (!f) return -LINUX_EBADF;
  long r = -LINUX_EINVAL;
  if (f->kind == F_INODE) {
    ilock(f->ip);
    r = inode_fsync(f->ip);
    iunlock(f->ip);
  }
  file_put(f);
  return r;
}

SYSCALL(fsync) { return do_fsync(fd_arg(arg[0])); }
SYSCALL(fdatasync) { return do_fsync(fd_arg(arg[0])); }

SYSCALL(sync) {
  (void)arg;
  fs_sync();
  return 0;
}

/* A regular file open for writing (-EBADF if fd is not open, -EINVAL
 * otherwise), referenced. */
static struct file *writable_regular(int fd, long *err) {
  struct file *f = fd_get(fd);
  *err = -LINUX_EBADF;
  if (!f) return NULL;
  u32 acc = f->flags & LINUX_O_ACCMODE;
  *err = -LINUX_EINVAL;
  if (f->kind == F_INODE && (f->ip->mode & LINUX_S_IFMT) == LINUX_S_IFREG && !(f->flags & LINUX_O_PATH) &&
      (acc == LINUX_O_WRONLY || acc == LINUX_O_RDWR))
    return f;
  file_put(f);
  return NULL;
}

SYSCALL(ftruncate) {
  if ((i64)arg[1] < 0) return -LINUX_EINVAL;
  long r;
  struct file *f = writable_regular(fd_arg(arg[0]), &r);
  if (!f) return r;
  ilock(f->ip);
  r = inode_truncate(f->ip, arg[1]);
  iunlock(f->ip);
  file_put(f);
  return r;
}

/* fallocate: only mode 0, which extends the file (sparsely) to off + len;
 * the blocks are not reserved, so a later write may still find the disk
 * full.  Other modes (punching holes, keeping the size) are -EOPNOTSUPP. */
SYSCALL(fallocate) {
  int mode = (int)arg[1];
  i64 off = (i64)arg[2], len = (i64)arg[3];
  struct file *f = fd_get(fd_arg(arg[0]));
  if (!f) return -LINUX_EBADF;
  long r = 0;
  u32 acc = f->flags & LINUX_O_ACCMODE, type = f->ip ? f->ip->mode & LINUX_S_IFMT : 0;
  if (off < 0 || len <= 0) r = -LINUX_EINVAL;
  else if ((acc != LINUX_O_WRONLY && acc != LINUX_O_RDWR) || (f->flags & LINUX_O_PATH)) r = -LINUX_EBADF;
  else if (mode != 0) r = -LINUX_EOPNOTSUPP;
  else if (f->kind == F_PIPE) r = -LINUX_ESPIPE;
  else if (type == LINUX_S_IFDIR) r = -LINUX_EISDIR;
  else if (type != LINUX_S_IFREG) r = -LINUX_ENODEV;
  else if (off > INT64_MAX - len) r = -LINUX_EFBIG;
  if (r == 0) {
    ilock(f->ip);
    if ((u64)(off + len) > f->ip->size) r = inode_truncate(f->ip, (u64)(off + len));
    iunlock(f->ip);
  }
  file_put(f);
  return r;
}

/* fadvise64(fd, offset, len, advice): advice is checked and ignored. */
SYSCALL(fadvise64) {
  struct file *f = fd_get(fd_arg(arg[0]));
  if (!f) return -LINUX_EBADF;
  long r = 0;
  if (f->kind == F_PIPE) r = -LINUX_ESPIPE;
  else if ((i64)arg[2] < 0 || arg[3] > 5) r = -LINUX_EINVAL;   /* POSIX_FADV_NORMAL..NOREUSE */
  file_put(f);
  return r;
}

/* flock: whole-file locks are accepted and not enforced (as record locks). */
SYSCALL(flock) {
  struct file *f = fd_get(fd_arg(arg[0]));
  if (!f) return -LINUX_EBADF;
  u64 op = arg[1] & ~(u64)LINUX_LOCK_NB;
  file_put(f);
  return op == LINUX_LOCK_SH || op == LINUX_LOCK_EX || op == LINUX_LOCK_UN ? 0 : -LINUX_EINVAL;
}

/* close_range(first, last, flags): closes (or marks close-on-exec) every
 * open descriptor in [first, last]; UNSHARE first gives this task its own
 * copy of a shared table. */
SYSCALL(close_range) {
  u32 first = (u32)arg[0], last = (u32)arg[1];
  u64 flags = arg[2];
  if (flags & ~(u64)(LINUX_CLOSE_RANGE_UNSHARE | LINUX_CLOSE_RANGE_CLOEXEC) || first > last) return -LINUX_EINVAL;
  struct task *t = current;
  if ((flags & LINUX_CLOSE_RANGE_UNSHARE) && __atomic_load_n(&t->files->ref, __ATOMIC_ACQUIRE) > 1) {
    struct files *copy = files_dup(t->files);
    if (!copy) return -LINUX_ENOMEM;
    struct files *old = t->files;
    t->files = copy;
    files_put(old);
  }
  for (u32 fd = first; fd <= last && fd < NOFILE; fd++) {
    if (flags & LINUX_CLOSE_RANGE_CLOEXEC) fd_cloexec((int)fd, 1);
    else fd_close((int)fd);
  }
  return 0;
}
