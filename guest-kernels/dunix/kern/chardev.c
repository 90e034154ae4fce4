/* chardev.c - character devices, found by their Linux device numbers, and
 * the boot-time creation of /dev.
 *
 *   major 1 (memory):  3 null, 5 zero, 8 random, 9 urandom
 *   major 4 (ttyN):    every minor is the console
 *   major 5:           0 tty (the controlling terminal: the console), 1 console
 *
 * random and urandom are one deterministic stream (splitmix64 from a fixed
 * seed): a run must be reproducible, so nothing of the host or of timing
 * goes into it and writes to them do not stir it. */
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "linux_n64.h"
#include "uaccess.h"

/* Device numbers as Linux encodes them in a 32-bit dev_t (new_encode_dev),
 * which is what ext2 stores and stat reports. */
static u32 dev_major(u32 rdev) { return (rdev >> 8) & 0xfff; }
static u32 dev_minor(u32 rdev) { return (rdev & 0xff) | ((rdev >> 12) & 0xfff00); }
static u32 mkdev(u32 major, u32 minor) { return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12); }

enum { MEM_NULL = 3, MEM_ZERO = 5, MEM_RANDOM = 8, MEM_URANDOM = 9 };

/* ---- the random stream --------------------------------------------------------- */
#define RANDOM_SEED 0x5eed0f0d15c05eedull
static struct spinlock random_lock = SPINLOCK_INIT("random");
static u64 random_state = RANDOM_SEED;   /* protected by random_lock */

static u64 random_next(void) {
  spin_lock(&random_lock);
  u64 z = (random_state += 0x9e3779b97f4a7c15ull);
  spin_unlock(&random_lock);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/* ---- major 1 ------------------------------------------------------------------- */
static u32 mem_minor(struct file *f) { return dev_minor(f->ip->rdev); }

/* null: end of file; zero: zeros; random/urandom: the stream. */
static long mem_read(struct file *f, uaddr_t buf, u64 n) {
  u32 minor = mem_minor(f);
  if (minor == MEM_NULL) return 0;
  if (minor == MEM_ZERO) return clear_user(buf, n) < 0 ? -LINUX_EFAULT : (long)n;
  u64 chunk[32];
  u64 done = 0;
  while (done < n) {
    u64 len = MIN(n - done, sizeof chunk);
    for (unsigned i = 0; i < ARRAY_SIZE(chunk); i++) chunk[i] = random_next();
    if (copy_to_user(buf + done, chunk, len) < 0) return done ? (long)done : -LINUX_EFAULT;
    done += len;
  }
  return (long)done;
}

/* Every memory device swallows what is written to it. */
static long mem_write(struct file *f, uaddr_t buf, u64 n) {
  (void)f, (void)buf;
  return (long)n;
}
static long mem_kwrite(struct file *f, const void *buf, u64 n) {
  (void)f, (void)buf;
  return (long)n;
}

static u32 mem_poll(struct file *f) {
  (void)f;
  return LINUX_POLLIN | LINUX_POLLOUT | LINUX_POLLRDNORM | LINUX_POLLWRNORM;
}

static const struct file_ops mem_ops = {
  .read = mem_read,
  .write = mem_write,
  .poll = mem_poll,
  .kwrite = mem_kwrite,
};

/* The operations for device rdev, or NULL if there is no such device
 * (open says -ENXIO). */
const struct file_ops *chardev_ops(u32 rdev) {
  u32 major = dev_major(rdev), minor = dev_minor(rdev);
  switch (major) {
  case 1:
    if (minor == MEM_NULL || minor == MEM_ZERO || minor == MEM_RANDOM || minor == MEM_URANDOM) return &mem_ops;
    return NULL;
  case 4:
    return &tty_ops;
  case 5:
    return minor <= 1 ? &tty_ops : NULL;
  default:
    return NULL;
  }
}

/* lseek on a memory device succeeds (and does nothing); on a tty, -ESPIPE. */
bool chardev_seekable(u32 rdev) { return dev_major(rdev) == 1; }

/* ---- /dev at boot --------------------------------------------------------------- */
static const struct {
  const char *name;
  u16 perm;
  u32 major, minor;
} dev_nodes[] = {
  {"console", 0600, 5, 1}, {"tty", 0666, 5, 0},     {"null", 0666, 1, MEM_NULL},
  {"zero", 0666, 1, MEM_ZERO}, {"random", 0666, 1, MEM_RANDOM}, {"urandom", 0666, 1, MEM_URANDOM},
};

/* The inode of name in dp (unlocked, referenced), created with mode and
 * rdev if missing; NULL (and a message) if it can be neither found nor
 * created - a read-only root, for instance. */
static struct inode *ensure(struct inode *dp, const char *name, u16 mode, u32 rdev) {
  struct inode *ip = NULL;
  u32 ino;
  ilock(dp);
  int r = dir_lookup(dp, name, &ino);
  if (r == 0) ip = iget(dp->dev, ino);
  else if ((r = fs_create(dp, name, mode, rdev, NULL, &ip)) < 0) ip = NULL;
  iunlock(dp);
  if (!ip) printk("dunix: cannot create %s: error %d\n", name, -r);
  return ip;
}

/* Creates /dev with the device nodes above and /tmp (sticky, 01777) where
 * they are missing; existing entries are left as they are.  Called once at
 * boot, in task context, after the root is mounted. */
void dev_populate(void) {
  struct inode *root = fs_root();
  struct inode *dev = ensure(root, "dev", LINUX_S_IFDIR | 0755, 0);
  for (unsigned i = 0; dev && i < ARRAY_SIZE(dev_nodes); i++) {
    u32 rdev = mkdev(dev_nodes[i].major, dev_nodes[i].minor);
    struct inode *ip = ensure(dev, dev_nodes[i].name, LINUX_S_IFCHR | dev_nodes[i].perm, rdev);
    if (ip) iput(ip);
  }
  if (dev) iput(dev);
  struct inode *tmp = ensure(root, "tmp", LINUX_S_IFDIR | 01777, 0);
  if (tmp) iput(tmp);
  iput(root);
}
