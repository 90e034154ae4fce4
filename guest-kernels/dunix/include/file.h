/* file.h - open files and descriptor tables (kern/file.c).
 *
 * A struct file is an open file description (shared by dup and fork); a
 * struct files is a descriptor table (shared by CLONE_FILES).  Each kind of
 * file (inode, pipe, character device) supplies its operations in a struct
 * file_ops, so read/write/ioctl/poll dispatch through one table. */
#ifndef DUNIX_FILE_H
#define DUNIX_FILE_H

#include "param.h"
#include "sleeplock.h"
#include "spinlock.h"
#include "types.h"

struct file;
struct kstat;
struct file_ops {
  /* user buffers; return bytes or -errno; may sleep (interruptibly) */
  long (*read)(struct file *f, uaddr_t buf, u64 n);
  long (*write)(struct file *f, uaddr_t buf, u64 n);
  long (*ioctl)(struct file *f, u64 cmd, u64 arg);
  /* POLLIN/POLLOUT/... bits ready now; registers nothing (poll sleeps on poll_chan) */
  u32 (*poll)(struct file *f);
  void (*close)(struct file *f);          /* last reference gone */
  /* write from a kernel buffer (sendfile's output side); NULL: not supported */
  long (*kwrite)(struct file *f, const void *buf, u64 n);
};

enum file_kind { F_INODE, F_PIPE, F_CHARDEV };

struct file {
  struct spinlock lock;       /* ref, offset */
  u32 ref;
  enum file_kind kind;
  u32 flags;                  /* O_* status flags (LINUX_O_...) incl. access mode */
  const struct file_ops *ops;
  struct inode *ip;           /* F_INODE, F_CHARDEV: the inode opened */
  struct sleeplock pos_lock;  /* serialises offset updates (read/write/lseek) */
  u64 off;
  void *priv;                 /* pipe, device state */
};

struct files {
  struct spinlock lock;
  u32 ref;
  struct file *fd[NOFILE];
  u64 cloexec[NOFILE / 64];
};

/* A channel every poll()/select() sleeper waits on; file state changes
 * (pipe data, console input) wake it. */
extern char poll_chan;

struct file *file_alloc(void);
struct file *file_dup(struct file *f);
void file_put(struct file *f);
struct files *files_alloc(void);
struct files *files_dup(struct files *fs);   /* fork without CLONE_FILES */
void files_put(struct files *fs);
void files_close_on_exec(struct files *fs);

int fd_install(struct file *f, int min_fd, bool cloexec);  /* lowest free >= min_fd, or -EMFILE */
int fd_limit(void);                        /* RLIMIT_NOFILE, at most NOFILE */
struct file *fd_get(int fd);               /* referenced, or NULL */
int fd_close(int fd);

/* Opening (kern/sys_dir.c): ip referenced, unlocked; the file takes the reference. */
struct file *file_open_inode(struct inode *ip, u32 flags, int *err);
extern const struct file_ops inode_file_ops;

/* Character devices (kern/chardev.c): major 1 mem (null 3, zero 5, urandom 9), 5 tty (tty 0, console 1). */
const struct file_ops *chardev_ops(u32 rdev);
bool chardev_seekable(u32 rdev);           /* lseek allowed (memory devices) */
extern const struct file_ops tty_ops;      /* kern/tty.c: the console */

/* Pipes (kern/pipe.c). */
int pipe_create(struct file **rf, struct file **wf);
long pipe_capacity(void);                  /* bytes, for F_GETPIPE_SZ */

/* ---- further file-layer interfaces ---------------------------------------- */
/* kern/file.c.  file_read/file_write check the access mode (-EBADF) and
 * dispatch to f->ops; file_pread/file_pwrite work at an explicit offset on
 * inode files (-ESPIPE for others).  fd_install_at puts f at exactly fd,
 * closing what was there (dup2/dup3).  fd_cloexec: get (set < 0) or set the
 * close-on-exec bit; -EBADF if fd is not open. */
long file_read(struct file *f, uaddr_t buf, u64 n);
long file_write(struct file *f, uaddr_t buf, u64 n);
long file_pread(struct file *f, uaddr_t buf, u64 n, u64 off);
long file_pwrite(struct file *f, uaddr_t buf, u64 n, u64 off);
int fd_install_at(int fd, struct file *f, bool cloexec);
int fd_cloexec(int fd, int set);

/* kern/sys_dir.c: path arguments.  path_get copies a user path into a new
 * MAXPATH-byte kmalloc buffer (free with kfree), or NULL with *err
 * (-EFAULT, -ENAMETOOLONG, -ENOENT for "" unless empty_ok).  path_start
 * returns the referenced, unlocked directory a path starts from: the root
 * for an absolute path, else the cwd (AT_FDCWD) or dirfd's directory; NULL
 * with *err (-EBADF, -ENOTDIR).  path_lookup does both and namei: the
 * referenced, unlocked inode a user path names (with LINUX_AT_EMPTY_PATH in
 * atflags, "" names dirfd's own file).  fd_inode: the inode behind fd
 * (AT_FDCWD: the cwd), referenced; a pipe has none (-ENOTDIR). */
char *path_get(uaddr_t upath, bool empty_ok, int *err);
struct inode *path_start(int dirfd, const char *path, int *err);
struct inode *path_lookup(int dirfd, uaddr_t upath, int atflags, bool follow, int *err);
struct inode *fd_inode(int fd, int *err);

/* kern/chardev.c: the device nodes and /tmp, created at boot if missing
 * (task context, root mounted). */
void dev_populate(void);
/* kern/tty.c: the console's session and foreground process group (init's). */
void tty_set_session(int sid, int pgid);
/* kern/poll.c: wakes every poll/select sleeper; file kinds call it when
 * their readiness may have changed (any context). */
void poll_wake(void);

#endif
