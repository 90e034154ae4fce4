/* sys_dir.c - the system calls that take path names: open, creating and
 * removing names (mkdir, mknod, unlink, rmdir, rename, link, symlink),
 * readlink, truncate, the working directory (chdir, fchdir, getcwd, umask)
 * and reading directories (getdents64).  Also the helpers every
 * path-taking call uses: path_get, path_start, path_lookup, fd_inode.
 *
 * Paths are copied into a kmalloc'ed MAXPATH buffer, resolved by namei from
 * the cwd (current->fs, under its lock), a directory descriptor, or the
 * root, and the inode is locked only around the work on it.  There are no
 * credentials: everyone is root (uid 0), so no permission is checked. */
#include "file.h"
#include "fs.h"
#include "kalloc.h"
#include "ktime.h"
#include "lib.h"
#include "linux_n64.h"
#include "syscall.h"
#include "task.h"
#include "uaccess.h"

#define AT_FDCWD LINUX_AT_FDCWD

static bool is_type(struct inode *ip, u32 type) { return (ip->mode & LINUX_S_IFMT) == type; }

char *path_get(uaddr_t upath, bool empty_ok, int *err) {
  char *p = kmalloc(MAXPATH);
  if (!p) {
    *err = -LINUX_ENOMEM;
    return NULL;
  }
  long n = strncpy_from_user(p, upath, MAXPATH);
  if (n < 0 || (n == 0 && !empty_ok)) {
    *err = n < 0 ? (int)n : -LINUX_ENOENT;
    kfree(p);
    return NULL;
  }
  return p;
}

static struct inode *cwd_get(void) {
  struct fsinfo *fs = current->fs;
  spin_lock(&fs->lock);
  struct inode *ip = idup(fs->cwd);
  spin_unlock(&fs->lock);
  return ip;
}

struct inode *fd_inode(int fd, int *err) {
  if (fd == AT_FDCWD) return cwd_get();
  struct file *f = fd_get(fd);
  if (!f) {
    *err = -LINUX_EBADF;
    return NULL;
  }
  struct inode *ip = f->ip ? idup(f->ip) : NULL;
  file_put(f);
  if (!ip) *err = -LINUX_ENOTDIR;
  return ip;
}

struct inode *path_start(int dirfd, const char *path, int *err) {
  if (path[0] == '/') return fs_root();
  struct inode *ip = fd_inode(dirfd, err);
  if (ip && !is_type(ip, LINUX_S_IFDIR)) {
    iput(ip);
    *err = -LINUX_ENOTDIR;
    return NULL;
  }
  return ip;
}

struct inode *path_lookup(int dirfd, uaddr_t upath, int atflags, bool follow, int *err) {
  char *path = path_get(upath, atflags & LINUX_AT_EMPTY_PATH, err);
  if (!path) return NULL;
  struct inode *ip = NULL;
  if (path[0] == 0) {
    ip = fd_inode(dirfd, err);
  } else {
    struct inode *start = path_start(dirfd, path, err);
    if (start) {
      ip = namei(start, path, follow, err);
      iput(start);
    }
  }
  kfree(path);
  return ip;
}

/* The directory holding a user path's last component (copied to name),
 * referenced and unlocked; *slash says the path ended in '/'. */
static struct inode *parent_at(int dirfd, uaddr_t upath, char *name, bool *slash, int *err) {
  char *path = path_get(upath, false, err);
  if (!path) return NULL;
  size_t len = strlen(path);
  if (slash) *slash = path[len - 1] == '/';
  struct inode *start = path_start(dirfd, path, err), *dp = NULL;
  if (start) {
    dp = namei_parent(start, path, name, err);
    iput(start);
  }
  kfree(path);
  return dp;
}

static u32 cur_umask(void) {
  struct fsinfo *fs = current->fs;
  spin_lock(&fs->lock);
  u32 m = fs->umask;
  spin_unlock(&fs->lock);
  return m;
}

/* ---- open ---------------------------------------------------------------------- */
/* A new file for ip (referenced, unlocked; the file takes the reference,
 * or drops it on failure): a character device's own operations, or the
 * inode kind for everything else. */
struct file *file_open_inode(struct inode *ip, u32 flags, int *err) {
  struct file *f = file_alloc();
  if (!f) {
    iput(ip);
    *err = -LINUX_ENFILE;
    return NULL;
  }
  f->ip = ip;
  /* Linux would add O_LARGEFILE here on a 64-bit kernel; qemu-user, our
   * reference, does not show it in F_GETFL, so neither do we. */
  f->flags = flags & ~(u32)(LINUX_O_CREAT | LINUX_O_EXCL | LINUX_O_NOCTTY | LINUX_O_TRUNC | LINUX_O_CLOEXEC);
  f->kind = F_INODE;
  f->ops = &inode_file_ops;
  if (!(flags & LINUX_O_PATH) && is_type(ip, LINUX_S_IFCHR)) {
    const struct file_ops *ops = chardev_ops(ip->rdev);
    if (!ops) {
      file_put(f);
      *err = -LINUX_ENXIO;
      return NULL;
    }
    f->kind = F_CHARDEV;
    f->ops = ops;
  }
  return f;
}

/* O_CREAT: the existing file (followed as open follows), or a new regular
 * file with mode & ~umask. */
static struct inode *create_file(struct inode *start, const char *path, u32 flags, u32 mode, int *err) {
  char name[NAME_MAX + 1];
  size_t len = strlen(path);
  if (path[len - 1] == '/') {
    *err = -LINUX_EISDIR;
    return NULL;
  }
  struct inode *dp = namei_parent(start, path, name, err), *ip = NULL;
  if (!dp) return NULL;
  ilock(dp);
  u32 ino;
  int r = dir_lookup(dp, name, &ino);
  if (r == -LINUX_ENOENT) r = fs_create(dp, name, (u16)(LINUX_S_IFREG | (mode & 07777 & ~cur_umask())), 0, NULL, &ip);
  else if (r == 0) r = -LINUX_EEXIST;
  iunlockput(dp);
  if (r == -LINUX_EEXIST && !(flags & LINUX_O_EXCL)) return namei(start, path, !(flags & LINUX_O_NOFOLLOW), err);
  *err = r;
  return r < 0 ? NULL : ip;
}

/* May ip (locked) be opened with flags?  FIFOs, sockets and block devices
 * cannot be opened at all here (-ENXIO). */
static int check_open(struct inode *ip, u32 flags) {
  bool dir = is_type(ip, LINUX_S_IFDIR);
  if ((flags & LINUX_O_DIRECTORY) && !dir) return -LINUX_ENOTDIR;
  if (flags & LINUX_O_PATH) return 0;
  if (is_type(ip, LINUX_S_IFLNK)) return -LINUX_ELOOP;   /* only with O_NOFOLLOW */
  if (dir && ((flags & LINUX_O_ACCMODE) != LINUX_O_RDONLY || (flags & (LINUX_O_CREAT | LINUX_O_TRUNC))))
    return -LINUX_EISDIR;
  if (is_type(ip, LINUX_S_IFIFO) || is_type(ip, LINUX_S_IFSOCK) || is_type(ip, LINUX_S_IFBLK)) return -LINUX_ENXIO;
  return 0;
}

static long do_open(int dirfd, uaddr_t upath, u32 flags, u32 mode) {
  int err;
  if ((flags & LINUX_O_TMPFILE) == LINUX_O_TMPFILE) return -LINUX_EOPNOTSUPP;
  char *path = path_get(upath, false, &err);
  if (!path) return err;
  struct inode *start = path_start(dirfd, path, &err), *ip = NULL;
  if (start) {
    if (flags & LINUX_O_CREAT) ip = create_file(start, path, flags, mode, &err);
    else ip = namei(start, path, !(flags & LINUX_O_NOFOLLOW), &err);
    iput(start);
  }
  kfree(path);
  if (!ip) return err;
  ilock(ip);
  err = check_open(ip, flags);
  if (!err && (flags & LINUX_O_TRUNC) && !(flags & LINUX_O_PATH) && is_type(ip, LINUX_S_IFREG))
    err = inode_truncate(ip, 0);
  iunlock(ip);
  if (err) {
    iput(ip);
    return err;
  }
  struct file *f = file_open_inode(ip, flags, &err);
  if (!f) return err;
  int fd = fd_install(f, 0, flags & LINUX_O_CLOEXEC);
  if (fd < 0) file_put(f);
  return fd;
}

SYSCALL(open) { return do_open(AT_FDCWD, arg[0], (u32)arg[1], (u32)arg[2]); }
SYSCALL(openat) { return do_open((int)arg[0], arg[1], (u32)arg[2], (u32)arg[3]); }

/* ---- making and removing names ----------------------------------------------------- */
/* Creates a name of any type in its parent (mode already has the type and
 * the umask applied). */
static long make_node(int dirfd, uaddr_t upath, u16 mode, u32 rdev, const char *target) {
  char name[NAME_MAX + 1];
  bool slash;
  int err;
  struct inode *dp = parent_at(dirfd, upath, name, &slash, &err), *ip;
  if (!dp) return err == -LINUX_EINVAL ? -LINUX_EEXIST : err;   /* "/" exists */
  if (slash && (mode & LINUX_S_IFMT) != LINUX_S_IFDIR) {
    iput(dp);
    return -LINUX_ENOENT;   /* "name/" can only make a directory */
  }
  ilock(dp);
  err = fs_create(dp, name, mode, rdev, target, &ip);
  iunlockput(dp);
  if (err == 0) iput(ip);
  return err;
}

static long do_mkdir(int dirfd, uaddr_t upath, u32 mode) {
  return make_node(dirfd, upath, (u16)(LINUX_S_IFDIR | (mode & 07777 & ~cur_umask())), 0, NULL);
}
SYSCALL(mkdir) { return do_mkdir(AT_FDCWD, arg[0], (u32)arg[1]); }
SYSCALL(mkdirat) { return do_mkdir((int)arg[0], arg[1], (u32)arg[2]); }

/* mknod: regular files, devices, FIFOs and sockets (which open cannot use). */
static long do_mknod(int dirfd, uaddr_t upath, u32 mode, u32 dev) {
  u32 type = mode & LINUX_S_IFMT;
  if (type == 0) type = LINUX_S_IFREG;
  if (type == LINUX_S_IFDIR) return -LINUX_EPERM;
  if (type != LINUX_S_IFREG && type != LINUX_S_IFCHR && type != LINUX_S_IFBLK && type != LINUX_S_IFIFO &&
      type != LINUX_S_IFSOCK)
    return -LINUX_EINVAL;
  return make_node(dirfd, upath, (u16)(type | (mode & 07777 & ~cur_umask())), dev, NULL);
}
SYSCALL(mknod) { return do_mknod(AT_FDCWD, arg[0], (u32)arg[1], (u32)arg[2]); }
SYSCALL(mknodat) { return do_mknod((int)arg[0], arg[1], (u32)arg[2], (u32)arg[3]); }

static long do_symlink(uaddr_t utarget, int dirfd, uaddr_t upath) {
  int err;
  char *target = path_get(utarget, false, &err);
  if (!target) return err;
  long r = make_node(dirfd, upath, LINUX_S_IFLNK | 0777, 0, target);
  kfree(target);
  return r;
}
SYSCALL(symlink) { return do_symlink(arg[0], AT_FDCWD, arg[1]); }
SYSCALL(symlinkat) { return do_symlink(arg[0], (int)arg[1], arg[2]); }

static long do_unlink(int dirfd, uaddr_t upath, bool rmdir) {
  char name[NAME_MAX + 1];
  int err;
  struct inode *dp = parent_at(dirfd, upath, name, NULL, &err);
  if (!dp) return err == -LINUX_EINVAL ? (rmdir ? -LINUX_EBUSY : -LINUX_EISDIR) : err;   /* "/" */
  if (strcmp(name, ".") == 0) err = rmdir ? -LINUX_EINVAL : -LINUX_EISDIR;
  else if (strcmp(name, "..") == 0) err = rmdir ? -LINUX_ENOTEMPTY : -LINUX_EISDIR;
  else {
    ilock(dp);
    err = fs_unlink(dp, name, rmdir);
    iunlock(dp);
  }
  iput(dp);
  return err;
}
SYSCALL(unlink) { return do_unlink(AT_FDCWD, arg[0], false); }
SYSCALL(rmdir) { return do_unlink(AT_FDCWD, arg[0], true); }
SYSCALL(unlinkat) {
  if (arg[2] & ~(u64)LINUX_AT_REMOVEDIR) return -LINUX_EINVAL;
  return do_unlink((int)arg[0], arg[1], arg[2] & LINUX_AT_REMOVEDIR);
}

/* rename: only flags 0 (no RENAME_NOREPLACE / EXCHANGE / WHITEOUT). */
static long do_rename(int olddirfd, uaddr_t oldpath, int newdirfd, uaddr_t newpath, u64 flags) {
  if (flags) return -LINUX_EINVAL;
  char oldname[NAME_MAX + 1], newname[NAME_MAX + 1];
  int err;
  struct inode *olddp = parent_at(olddirfd, oldpath, oldname, NULL, &err);
  if (!olddp) return err == -LINUX_EINVAL ? -LINUX_EBUSY : err;
  struct inode *newdp = parent_at(newdirfd, newpath, newname, NULL, &err);
  if (!newdp) {
    iput(olddp);
    return err == -LINUX_EINVAL ? -LINUX_EBUSY : err;
  }
  bool dots = !strcmp(oldname, ".") || !strcmp(oldname, "..") || !strcmp(newname, ".") || !strcmp(newname, "..");
  err = dots ? -LINUX_EBUSY : fs_rename(olddp, oldname, newdp, newname);
  iput(olddp);
  iput(newdp);
  return err;
}
SYSCALL(rename) { return do_rename(AT_FDCWD, arg[0], AT_FDCWD, arg[1], 0); }
SYSCALL(renameat) { return do_rename((int)arg[0], arg[1], (int)arg[2], arg[3], 0); }
SYSCALL(renameat2) { return do_rename((int)arg[0], arg[1], (int)arg[2], arg[3], arg[4]); }

static long do_link(int olddirfd, uaddr_t oldpath, int newdirfd, uaddr_t newpath, u64 flags) {
  if (flags & ~(u64)(LINUX_AT_SYMLINK_FOLLOW | LINUX_AT_EMPTY_PATH)) return -LINUX_EINVAL;
  int err;
  struct inode *ip = path_lookup(olddirfd, oldpath, (int)flags, flags & LINUX_AT_SYMLINK_FOLLOW, &err);
  if (!ip) return err;
  char name[NAME_MAX + 1];
  struct inode *dp = is_type(ip, LINUX_S_IFDIR) ? NULL : parent_at(newdirfd, newpath, name, NULL, &err);
  if (!dp) {
    iput(ip);
    return is_type(ip, LINUX_S_IFDIR) ? -LINUX_EPERM : err == -LINUX_EINVAL ? -LINUX_EEXIST : err;
  }
  ilock(dp);
  err = fs_link(dp, name, ip);
  iunlockput(dp);
  iput(ip);
  return err;
}
SYSCALL(link) { return do_link(AT_FDCWD, arg[0], AT_FDCWD, arg[1], 0); }
SYSCALL(linkat) { return do_link((int)arg[0], arg[1], (int)arg[2], arg[3], arg[4]); }

static long do_readlink(int dirfd, uaddr_t upath, uaddr_t buf, i64 size) {
  if (size <= 0) return -LINUX_EINVAL;
  int err;
  struct inode *ip = path_lookup(dirfd, upath, 0, false, &err);
  if (!ip) return err;
  ilock(ip);
  long r = is_type(ip, LINUX_S_IFLNK) ? fs_readlink(ip, true, buf, (u64)size) : -LINUX_EINVAL;
  iunlockput(ip);
  return r;
}
SYSCALL(readlink) { return do_readlink(AT_FDCWD, arg[0], arg[1], (i64)(int)arg[2]); }
SYSCALL(readlinkat) { return do_readlink((int)arg[0], arg[1], arg[2], (i64)(int)arg[3]); }

SYSCALL(truncate) {
  if ((i64)arg[1] < 0) return -LINUX_EINVAL;
  int err;
  struct inode *ip = path_lookup(AT_FDCWD, arg[0], 0, true, &err);
  if (!ip) return err;
  ilock(ip);
  long r = is_type(ip, LINUX_S_IFDIR) ? -LINUX_EISDIR
         : is_type(ip, LINUX_S_IFREG) ? inode_truncate(ip, arg[1]) : -LINUX_EINVAL;
  iunlockput(ip);
  return r;
}

/* ---- the working directory ---------------------------------------------------------- */
/* Makes ip (referenced; the cwd takes the reference) the cwd if it is a directory. */
static long set_cwd(struct inode *ip) {
  if (!is_type(ip, LINUX_S_IFDIR)) {
    iput(ip);
    return -LINUX_ENOTDIR;
  }
  struct fsinfo *fs = current->fs;
  spin_lock(&fs->lock);
  struct inode *old = fs->cwd;
  fs->cwd = ip;
  spin_unlock(&fs->lock);
  iput(old);
  return 0;
}

SYSCALL(chdir) {
  int err;
  struct inode *ip = path_lookup(AT_FDCWD, arg[0], 0, true, &err);
  return ip ? set_cwd(ip) : err;
}

SYSCALL(fchdir) {
  int err, fd = (int)arg[0];
  struct inode *ip = fd == AT_FDCWD ? NULL : fd_inode(fd, &err);
  return ip ? set_cwd(ip) : fd == AT_FDCWD ? -LINUX_EBADF : err;
}

struct name_search {
  u32 ino;        /* the entry wanted */
  char *name;     /* NAME_MAX + 1 bytes */
  bool found;
};

static int match_ino(void *ctx, const char *name, u32 namelen, u32 ino, unsigned dtype, u64 next_off) {
  struct name_search *s = ctx;
  (void)dtype, (void)next_off;
  bool dots = (namelen == 1 && name[0] == '.') || (namelen == 2 && name[0] == '.' && name[1] == '.');
  if (ino != s->ino || dots || namelen > NAME_MAX) return 0;
  memcpy(s->name, name, namelen);
  s->name[namelen] = 0;
  s->found = true;
  return 1;
}

/* getcwd: inodes have no names, so the path is found upward: each
 * directory's ".." is its parent, and the parent is searched for the entry
 * with the child's inode number, until the root (whose ".." is itself).
 * Returns the length with the NUL, -ERANGE if size is too small, -ENOENT
 * if the cwd was removed. */
SYSCALL(getcwd) {
  uaddr_t ubuf = arg[0];
  u64 size = arg[1];
  char *path = kmalloc(MAXPATH), *name = kmalloc(NAME_MAX + 1);
  long r = -LINUX_ENOMEM;
  if (!path || !name) goto out;
  size_t pos = MAXPATH - 1;
  path[pos] = 0;
  struct inode *cur = cwd_get();
  for (r = 0;;) {
    u32 pino;
    ilock(cur);
    if (cur->nlink == 0) r = -LINUX_ENOENT;
    else r = dir_lookup(cur, "..", &pino);
    u32 ino = cur->ino;
    iunlock(cur);
    if (r < 0 || pino == ino) break;
    struct inode *parent = iget(cur->dev, pino);
    struct name_search s = {.ino = ino, .name = name};
    u64 off = 0;
    ilock(parent);
    r = fs_readdir(parent, &off, match_ino, &s);
    iunlock(parent);
    iput(cur);
    cur = parent;
    if (r == 0 && !s.found) r = -LINUX_ENOENT;
    size_t len = strlen(name);
    if (r == 0 && len + 1 > pos) r = -LINUX_ENAMETOOLONG;
    if (r < 0) break;
    pos -= len;
    memcpy(path + pos, name, len);
    path[--pos] = '/';
  }
  iput(cur);
  if (r < 0) goto out;
  if (path[pos] == 0) path[--pos] = '/';
  u64 len = MAXPATH - pos;
  r = len > size ? -LINUX_ERANGE : copy_to_user(ubuf, path + pos, len) < 0 ? -LINUX_EFAULT : (long)len;
out:
  kfree(path);
  kfree(name);
  return r;
}

SYSCALL(umask) {
  struct fsinfo *fs = current->fs;
  spin_lock(&fs->lock);
  u32 old = fs->umask;
  fs->umask = (u32)arg[0] & 0777;
  spin_unlock(&fs->lock);
  return old;
}


/* ---- reading directories ----------------------------------------------------------------- */
struct dirent_buf {
  uaddr_t buf;
  u64 size, used;
  bool full;      /* an entry did not fit */
  int err;
};

/* One struct linux_dirent64 (d_ino, d_off, d_reclen, d_type, name, NUL,
 * padding to 8) in the kernel's byte order; non-zero stops the walk. */
static int emit_dirent(void *ctx, const char *name, u32 namelen, u32 ino, unsigned dtype, u64 next_off) {
  struct dirent_buf *d = ctx;
  u8 rec[LINUX_DIRENT64_OFF_NAME + NAME_MAX + 1 + LINUX_DIRENT64_ALIGN];
  u16 reclen = (u16)ROUNDUP(LINUX_DIRENT64_OFF_NAME + namelen + 1, LINUX_DIRENT64_ALIGN);
  if (namelen > NAME_MAX || d->used + reclen > d->size) {
    d->full = true;
    return 1;
  }
  u64 ino64 = ino;
  memset(rec, 0, reclen);
  memcpy(rec + LINUX_DIRENT64_OFF_INO, &ino64, 8);
  memcpy(rec + LINUX_DIRENT64_OFF_OFF, &next_off, 8);
  memcpy(rec + LINUX_DIRENT64_OFF_RECLEN, &reclen, 2);
  rec[LINUX_DIRENT64_OFF_TYPE] = (u8)dtype;
  memcpy(rec + LINUX_DIRENT64_OFF_NAME, name, namelen);
  if (copy_to_user(d->buf + d->used, rec, reclen) < 0) {
    d->err = -LINUX_EFAULT;
    return 1;
  }
  d->used += reclen;
  return 0;
}

/* getdents64(fd, buf, count): entries from the file offset (fs_readdir's
 * byte position, which each d_off repeats).  0 at the end; -EINVAL if not
 * even one entry fits. */
SYSCALL(getdents64) {
  struct file *f = fd_get((int)arg[0]);
  if (!f) return -LINUX_EBADF;
  struct dirent_buf d = {.buf = arg[1], .size = MIN((u64)(u32)arg[2], 0x7ffff000ull)};
  long r;
  if (f->flags & LINUX_O_PATH) {
    r = -LINUX_EBADF;
  } else if (f->kind != F_INODE || !is_type(f->ip, LINUX_S_IFDIR)) {
    r = -LINUX_ENOTDIR;
  } else {
    sleep_lock(&f->pos_lock);
    ilock(f->ip);
    u64 off = f->off;
    r = fs_readdir(f->ip, &off, emit_dirent, &d);
    f->off = off;
    iunlock(f->ip);
    sleep_unlock(&f->pos_lock);
    if (d.used) r = (long)d.used;
    else if (r == 0) r = d.err ? d.err : d.full ? -LINUX_EINVAL : 0;
  }
  file_put(f);
  return r;
}
