/* file.c - open file descriptions and descriptor tables.
 *
 * A struct file is reference counted (dup, fork, fd_get); when the last
 * reference goes, its kind's close op runs and the inode it holds, if any,
 * is released.  A struct files maps descriptor numbers to files; its lock
 * covers fd[] and cloexec[], and is never held across a file_put (which may
 * sleep in iput) or a copy to or from user memory.
 *
 * Locks: files->lock, then file->lock (ref).  A file's offset is changed
 * only with its pos_lock (a sleeplock) held, so reads, writes and lseek on
 * one description are serialised as POSIX asks of regular files.
 *
 * inode_file_ops is the kind for regular files and directories (reading a
 * directory with read(2) is -EISDIR; getdents64 reads it). */
#include "file.h"
#include "fs.h"
#include "kalloc.h"
#include "lib.h"
#include "linux_n64.h"
#include "task.h"
#include "uaccess.h"

#define MAX_RW (0x7ffff000ull)   /* Linux's MAX_RW_COUNT: one transfer's limit */

static struct spinlock nfile_lock = SPINLOCK_INIT("nfile");
static u32 nfile;                /* open file descriptions, at most NFILE */

/* A new file with one reference and no kind yet; NULL when NFILE are open
 * or memory is short. */
struct file *file_alloc(void) {
  spin_lock(&nfile_lock);
  if (nfile >= NFILE) {
    spin_unlock(&nfile_lock);
    return NULL;
  }
  nfile++;
  spin_unlock(&nfile_lock);
  struct file *f = kmalloc(sizeof *f);
  if (!f) {
    spin_lock(&nfile_lock);
    nfile--;
    spin_unlock(&nfile_lock);
    return NULL;
  }
  spin_init(&f->lock, "file");
  sleeplock_init(&f->pos_lock, "file.pos");
  f->ref = 1;
  return f;
}

struct file *file_dup(struct file *f) {
  spin_lock(&f->lock);
  kassert(f->ref > 0);
  f->ref++;
  spin_unlock(&f->lock);
  return f;
}

/* Drops a reference; the last runs the close op and releases the inode.
 * May sleep: never call it with a spinlock held. */
void file_put(struct file *f) {
  spin_lock(&f->lock);
  kassert(f->ref > 0);
  bool last = --f->ref == 0;
  spin_unlock(&f->lock);
  if (!last) return;
  if (f->ops && f->ops->close) f->ops->close(f);
  if (f->ip) iput(f->ip);
  kfree(f);
  spin_lock(&nfile_lock);
  nfile--;
  spin_unlock(&nfile_lock);
}

/* ---- descriptor tables ------------------------------------------------------ */
struct files *files_alloc(void) {
  struct files *fs = kmalloc(sizeof *fs);
  if (!fs) return NULL;
  spin_init(&fs->lock, "files");
  fs->ref = 1;
  return fs;
}

static bool bit_get(const u64 *bits, int fd) { return (bits[fd / 64] >> (fd % 64)) & 1; }
static void bit_set(u64 *bits, int fd, bool on) {
  if (on) bits[fd / 64] |= 1ull << (fd % 64);
  else bits[fd / 64] &= ~(1ull << (fd % 64));
}

/* A copy of fs for fork without CLONE_FILES: the same files, referenced
 * again, and the same close-on-exec bits.  NULL if out of memory. */
struct files *files_dup(struct files *fs) {
  struct files *n = files_alloc();
  if (!n) return NULL;
  spin_lock(&fs->lock);
  for (int fd = 0; fd < NOFILE; fd++)
    if (fs->fd[fd]) n->fd[fd] = file_dup(fs->fd[fd]);
  memcpy(n->cloexec, fs->cloexec, sizeof n->cloexec);
  spin_unlock(&fs->lock);
  return n;
}

/* Removes and returns the file at fd (NULL if none); fs->lock held. */
static struct file *take_fd(struct files *fs, int fd) {
  struct file *f = fs->fd[fd];
  fs->fd[fd] = NULL;
  bit_set(fs->cloexec, fd, false);
  return f;
}

/* Drops a table reference (CLONE_FILES sharers increment ref atomically,
 * kern/fork.c); the last closes every descriptor. */
void files_put(struct files *fs) {
  if (__atomic_sub_fetch(&fs->ref, 1, __ATOMIC_ACQ_REL)) return;
  for (int fd = 0; fd < NOFILE; fd++)
    if (fs->fd[fd]) file_put(take_fd(fs, fd));
  kfree(fs);
}

/* exec: closes the descriptors marked close-on-exec. */
void files_close_on_exec(struct files *fs) {
  for (int fd = 0; fd < NOFILE; fd++) {
    spin_lock(&fs->lock);
    struct file *f = bit_get(fs->cloexec, fd) ? take_fd(fs, fd) : NULL;
    spin_unlock(&fs->lock);
    if (f) file_put(f);
  }
}

/* Installs f (whose reference the table takes over) at the lowest free
 * descriptor >= min_fd of the current task.  Returns it, or -EMFILE (the
 * caller still owns f then). */
/* The process's RLIMIT_NOFILE: descriptors are below it (and below NOFILE). */
int fd_limit(void) {
  u64 lim = current->proc ? current->proc->rlimit_cur[LINUX_RLIMIT_NOFILE] : NOFILE;
  return lim < NOFILE ? (int)lim : NOFILE;
}

int fd_install(struct file *f, int min_fd, bool cloexec) {
  struct files *fs = current->files;
  if (min_fd < 0) return -LINUX_EINVAL;
  int limit = fd_limit();
  spin_lock(&fs->lock);
  for (int fd = min_fd; fd < limit; fd++) {
    if (!fs->fd[fd]) {
      fs->fd[fd] = f;
      bit_set(fs->cloexec, fd, cloexec);
      spin_unlock(&fs->lock);
      return fd;
    }
  }
  spin_unlock(&fs->lock);
  return -LINUX_EMFILE;
}

/* Installs f at exactly fd, closing the file that was there (dup2, dup3).
 * Returns fd, or -EBADF when fd is out of range (the caller still owns f). */
int fd_install_at(int fd, struct file *f, bool cloexec) {
  struct files *fs = current->files;
  if (fd < 0 || fd >= fd_limit()) return -LINUX_EBADF;
  spin_lock(&fs->lock);
  struct file *old = take_fd(fs, fd);
  fs->fd[fd] = f;
  bit_set(fs->cloexec, fd, cloexec);
  spin_unlock(&fs->lock);
  if (old) file_put(old);
  return fd;
}

/* The file at fd, with a reference the caller drops with file_put; NULL if
 * fd is not open. */
struct file *fd_get(int fd) {
  struct files *fs = current->files;
  if (fd < 0 || fd >= NOFILE || !fs) return NULL;
  spin_lock(&fs->lock);
  struct file *f = fs->fd[fd];
  if (f) file_dup(f);
  spin_unlock(&fs->lock);
  return f;
}

int fd_close(int fd) {
  struct files *fs = current->files;
  if (fd < 0 || fd >= NOFILE) return -LINUX_EBADF;
  spin_lock(&fs->lock);
  struct file *f = take_fd(fs, fd);
  spin_unlock(&fs->lock);
  if (!f) return -LINUX_EBADF;
  file_put(f);
  return 0;
}

int fd_cloexec(int fd, int set) {
  struct files *fs = current->files;
  if (fd < 0 || fd >= NOFILE) return -LINUX_EBADF;
  spin_lock(&fs->lock);
  int r = -LINUX_EBADF;
  if (fs->fd[fd]) {
    r = bit_get(fs->cloexec, fd);
    if (set >= 0) bit_set(fs->cloexec, fd, set != 0);
  }
  spin_unlock(&fs->lock);
  return r;
}

/* ---- reading and writing ------------------------------------------------------ */
static bool can_read(struct file *f) {
  return !(f->flags & LINUX_O_PATH) && (f->flags & LINUX_O_ACCMODE) != LINUX_O_WRONLY;
}
static bool can_write(struct file *f) {
  u32 acc = f->flags & LINUX_O_ACCMODE;
  return !(f->flags & LINUX_O_PATH) && (acc == LINUX_O_WRONLY || acc == LINUX_O_RDWR);
}

long file_read(struct file *f, uaddr_t buf, u64 n) {
  if (!can_read(f)) return -LINUX_EBADF;
  if (!f->ops->read) return -LINUX_EINVAL;
  return f->ops->read(f, buf, MIN(n, MAX_RW));
}

long file_write(struct file *f, uaddr_t buf, u64 n) {
  if (!can_write(f)) return -LINUX_EBADF;
  if (!f->ops->write) return -LINUX_EINVAL;
  return f->ops->write(f, buf, MIN(n, MAX_RW));
}

static bool is_dir(struct inode *ip) { return (ip->mode & LINUX_S_IFMT) == LINUX_S_IFDIR; }

/* Positional transfers: inode files only, the file offset untouched (except
 * that O_APPEND writes append, as Linux's pwrite does). */
long file_pread(struct file *f, uaddr_t buf, u64 n, u64 off) {
  if (!can_read(f)) return -LINUX_EBADF;
  if (f->kind != F_INODE) return -LINUX_ESPIPE;
  if ((i64)off < 0) return -LINUX_EINVAL;
  if (is_dir(f->ip)) return -LINUX_EISDIR;
  ilock(f->ip);
  long r = inode_read(f->ip, true, buf, off, MIN(n, MAX_RW));
  iunlock(f->ip);
  return r;
}

long file_pwrite(struct file *f, uaddr_t buf, u64 n, u64 off) {
  if (!can_write(f)) return -LINUX_EBADF;
  if (f->kind != F_INODE) return -LINUX_ESPIPE;
  if ((i64)off < 0) return -LINUX_EINVAL;
  ilock(f->ip);
  if (f->flags & LINUX_O_APPEND) off = f->ip->size;
  long r = inode_write(f->ip, true, buf, off, MIN(n, MAX_RW));
  iunlock(f->ip);
  return r;
}

/* ---- the inode kind ---------------------------------------------------------- */
/* read/write at the file offset, advancing it; O_APPEND writes go to the end
 * of the file (decided with the inode locked, so appenders never overlap). */
static long inode_rw(struct file *f, bool user, u64 buf, u64 n, bool write) {
  if (!write && is_dir(f->ip)) return -LINUX_EISDIR;
  sleep_lock(&f->pos_lock);
  ilock(f->ip);
  u64 off = write && (f->flags & LINUX_O_APPEND) ? f->ip->size : f->off;
  long r = write ? inode_write(f->ip, user, buf, off, n) : inode_read(f->ip, user, buf, off, n);
  if (r > 0) f->off = off + (u64)r;
  iunlock(f->ip);
  sleep_unlock(&f->pos_lock);
  return r;
}

static long inode_file_read(struct file *f, uaddr_t buf, u64 n) { return inode_rw(f, true, buf, n, false); }
static long inode_file_write(struct file *f, uaddr_t buf, u64 n) { return inode_rw(f, true, buf, n, true); }
static long inode_file_kwrite(struct file *f, const void *buf, u64 n) {
  return inode_rw(f, false, (u64)(uintptr_t)buf, n, true);
}

/* FIONREAD on a regular file: the bytes between the offset and the end. */
static long inode_file_ioctl(struct file *f, u64 cmd, u64 arg) {
  if (cmd != LINUX_FIONREAD || (f->ip->mode & LINUX_S_IFMT) != LINUX_S_IFREG) return -LINUX_ENOTTY;
  ilock(f->ip);
  u64 size = f->ip->size;
  iunlock(f->ip);
  int left = size > f->off ? (int)MIN(size - f->off, 0x7fffffffull) : 0;
  return copy_to_user(arg, &left, sizeof left);
}

static u32 inode_file_poll(struct file *f) {
  (void)f;
  return LINUX_POLLIN | LINUX_POLLOUT | LINUX_POLLRDNORM | LINUX_POLLWRNORM;
}

const struct file_ops inode_file_ops = {
  .read = inode_file_read,
  .write = inode_file_write,
  .ioctl = inode_file_ioctl,
  .poll = inode_file_poll,
  .kwrite = inode_file_kwrite,
};
