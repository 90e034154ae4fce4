/* ext2h.c - drives dunix's file system (guest-kernels/dunix/fs/ files, compiled
 * unchanged for the host with stubs/) on an ext2 image file, from a script.
 *
 *   ext2h IMAGE SCRIPT      (SCRIPT "-" is stdin)
 *
 * One command per line, words separated by spaces (paths have none).  Each
 * command prints "= RESULT": a number >= 0, or an errno name (ENOENT ...),
 * after any "  " detail lines.  ext2_test.py writes the scripts and checks
 * the answers and the image (e2fsck, debugfs).  Commands:
 *
 *   mount [ro] | umount | sync | statfs | diskstats
 *   get PATH HOSTFILE          whole file -> host file
 *   put PATH HOSTFILE          create or truncate, then write the host file
 *   pwrite PATH OFF HOSTFILE | append PATH HOSTFILE | truncate PATH SIZE
 *   mkdir PATH | rmdir PATH | unlink PATH | link OLD NEW | rename OLD NEW
 *   symlink TARGET PATH | mknod PATH c|b|p|s MAJOR MINOR | readlink PATH
 *   stat PATH | lstat PATH | ls PATH
 *   open SLOT PATH | close SLOT | getslot SLOT HOSTFILE    (hold an inode)
 *   fill PATH CHUNK            write CHUNK-byte pieces until an error
 *   dump PATH HOSTDIR          copy a tree out (special files listed)
 *   walk PATH                  read everything under PATH, ignoring errors
 *   stress THREADS ITERS       concurrent name-space and data operations */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "ext2h.h"
#include "fs.h"
#include "host_stubs.h"
#include "linux_n64.h"

static struct inode *slots[16];

const char *errname(long r) {
  static _Thread_local char num[32];
#define X(name, value) \
  if (r == -(value)) return #name;
  LINUX_ERRNOS(X)
#undef X
  snprintf(num, sizeof num, "%ld", r);
  return num;
}

struct inode *lookup(const char *path, bool follow, int *err) {
  struct inode *root = fs_root();
  struct inode *ip = namei(root, path, follow, err);
  iput(root);
  return ip;
}

/* Runs op on the parent directory of path (locked) and the last name. */
int with_parent(const char *path, int (*op)(struct inode *dp, const char *name, void *arg), void *arg) {
  char name[NAME_MAX + 1];
  int err;
  struct inode *root = fs_root();
  struct inode *dp = namei_parent(root, path, name, &err);
  iput(root);
  if (!dp) return err;
  ilock(dp);
  int r = op(dp, name, arg);
  iunlockput(dp);
  return r;
}

struct create_arg {
  u16 mode;
  u32 rdev;
  const char *target;
  struct inode *ip;
};
static int do_create(struct inode *dp, const char *name, void *a) {
  struct create_arg *c = a;
  return fs_create(dp, name, c->mode, c->rdev, c->target, &c->ip);
}
int create(const char *path, u16 mode, u32 rdev, const char *target, struct inode **out) {
  struct create_arg c = {mode, rdev, target, NULL};
  int r = with_parent(path, do_create, &c);
  if (r == 0 && out) *out = c.ip;
  else if (r == 0) iput(c.ip);
  return r;
}

static int do_unlink(struct inode *dp, const char *name, void *a) { return fs_unlink(dp, name, a != NULL); }
int unlink_path(const char *path, bool dir) { return with_parent(path, do_unlink, dir ? (void *)1 : NULL); }

static int do_link(struct inode *dp, const char *name, void *a) { return fs_link(dp, name, a); }
int link_path(const char *old, const char *new) {
  int err;
  struct inode *ip = lookup(old, false, &err);
  if (!ip) return err;
  int r = with_parent(new, do_link, ip);
  iput(ip);
  return r;
}

int rename_path(const char *old, const char *new) {
  char oname[NAME_MAX + 1], nname[NAME_MAX + 1];
  int err;
  struct inode *root = fs_root();
  struct inode *odp = namei_parent(root, old, oname, &err), *ndp = NULL;
  if (odp) ndp = namei_parent(root, new, nname, &err);
  iput(root);
  int r = odp && ndp ? fs_rename(odp, oname, ndp, nname) : err;
  if (odp) iput(odp);
  if (ndp) iput(ndp);
  return r;
}

/* Reads the whole of ip into a malloc'd buffer; returns the size or -errno. */
long read_all(struct inode *ip, char **out) {
  ilock(ip);
  u64 size = ip->size;
  char *data = malloc(size ? size : 1);
  long r = inode_read(ip, false, (u64)(uintptr_t)data, 0, size);
  iunlock(ip);
  if (r < 0 || (u64)r != size) {
    free(data);
    return r < 0 ? r : -LINUX_EIO;
  }
  *out = data;
  return r;
}

static char *slurp(const char *hostfile, size_t *len) {
  FILE *f = fopen(hostfile, "rb");
  if (!f) {
    perror(hostfile);
    exit(2);
  }
  fseek(f, 0, SEEK_END);
  *len = (size_t)ftell(f);
  fseek(f, 0, SEEK_SET);
  char *d = malloc(*len + 1);
  if (fread(d, 1, *len, f) != *len) exit(2);
  fclose(f);
  return d;
}

static long write_host(struct inode *ip, long off, const char *hostfile) {
  size_t len;
  char *d = slurp(hostfile, &len);
  ilock(ip);
  long r = inode_write(ip, false, (u64)(uintptr_t)d, off < 0 ? ip->size : (u64)off, len);
  iunlock(ip);
  free(d);
  return r;
}

static long get_to_host(struct inode *ip, const char *hostfile) {
  char *d;
  long r = read_all(ip, &d);
  if (r < 0) return r;
  FILE *f = fopen(hostfile, "wb");
  fwrite(d, 1, (size_t)r, f);
  fclose(f);
  free(d);
  return r;
}

/* ---- readdir into an array ---------------------------------------------- */
static int collect(void *ctx, const char *name, u32 len, u32 ino, unsigned dtype, u64 next) {
  struct dirlist *l = ctx;
  (void)next;
  if (l->n == l->cap) {
    l->cap = l->cap ? 2 * l->cap : 16;
    l->e = realloc(l->e, l->cap * sizeof *l->e);
  }
  struct dirent_rec *e = &l->e[l->n++];
  memcpy(e->name, name, len);
  e->name[len] = 0;
  e->ino = ino;
  e->dtype = dtype;
  return 0;
}
int list_dir(struct inode *dp, struct dirlist *l) {
  u64 off = 0;
  l->n = 0;
  ilock(dp);
  int r = fs_readdir(dp, &off, collect, l);
  iunlock(dp);
  return r;
}

static long stat_cmd(const char *path, bool follow) {
  int err;
  struct inode *ip = lookup(path, follow, &err);
  if (!ip) return err;
  struct kstat st;
  ilock(ip);
  inode_stat(ip, &st);
  iunlockput(ip);
  printf("  mode=%o nlink=%u size=%llu blocks=%llu ino=%llu rdev=%u blksize=%u\n", st.mode, st.nlink,
         (unsigned long long)st.size, (unsigned long long)st.blocks, (unsigned long long)st.ino, st.rdev, st.blksize);
  return 0;
}

static long fill_cmd(const char *path, long chunk) {
  struct inode *ip;
  int r = create(path, LINUX_S_IFREG | 0644, 0, NULL, &ip);
  if (r < 0) return r;
  char *d = malloc((size_t)chunk);
  long total = 0, w;
  for (;;) {
    for (long i = 0; i < chunk; i++) d[i] = (char)((total + i) * 7 + 1);
    ilock(ip);
    w = inode_write(ip, false, (u64)(uintptr_t)d, (u64)total, (u64)chunk);
    iunlock(ip);
    if (w > 0) total += w;
    if (w <= 0) break;
  }
  printf("  stopped=%s\n", errname(w));
  free(d);
  iput(ip);
  return total;
}

static long run(char **w, int n) {
  int err;
  struct inode *ip;
#define IS(s, argc) (strcmp(w[0], s) == 0 && n == (argc) + 1)
  if (IS("mount", 0) || IS("mount", 1)) return fs_mount(0, n == 2);
  if (IS("umount", 0)) return fs_unmount();
  if (IS("sync", 0)) return fs_sync();
  if (IS("statfs", 0)) {
    struct kstatfs s;
    long r = fs_statfs(&s);
    printf("  bsize=%llu blocks=%llu bfree=%llu bavail=%llu files=%llu ffree=%llu namelen=%llu\n",
           (unsigned long long)s.bsize, (unsigned long long)s.blocks, (unsigned long long)s.bfree,
           (unsigned long long)s.bavail, (unsigned long long)s.files, (unsigned long long)s.ffree,
           (unsigned long long)s.namelen);
    return r;
  }
  if (IS("diskstats", 0)) {
    printf("  writes=%llu sectors_written=%llu max_write=%u\n", (unsigned long long)disk_stats.writes,
           (unsigned long long)disk_stats.sectors_written, disk_stats.max_write);
    return 0;
  }
  if (IS("get", 2)) {
    if (!(ip = lookup(w[1], true, &err))) return err;
    long r = get_to_host(ip, w[2]);
    iput(ip);
    return r;
  }
  if (IS("put", 2) || IS("pwrite", 3) || IS("append", 2)) {
    bool put = IS("put", 2);
    if (!(ip = lookup(w[1], true, &err))) {
      if (err != -LINUX_ENOENT || !put) return err;
      if ((err = create(w[1], LINUX_S_IFREG | 0644, 0, NULL, &ip)) < 0) return err;
    } else if (put) {
      ilock(ip);
      err = inode_truncate(ip, 0);
      iunlock(ip);
      if (err < 0) {
        iput(ip);
        return err;
      }
    }
    long r = write_host(ip, put ? 0 : IS("append", 2) ? -1 : atol(w[2]), w[n - 1]);
    iput(ip);
    return r;
  }
  if (IS("truncate", 2)) {
    if (!(ip = lookup(w[1], true, &err))) return err;
    ilock(ip);
    long r = inode_truncate(ip, strtoull(w[2], NULL, 0));
    iunlockput(ip);
    return r;
  }
  if (IS("mkdir", 1)) return create(w[1], LINUX_S_IFDIR | 0755, 0, NULL, NULL);
  if (IS("rmdir", 1)) return unlink_path(w[1], true);
  if (IS("unlink", 1)) return unlink_path(w[1], false);
  if (IS("link", 2)) return link_path(w[1], w[2]);
  if (IS("rename", 2)) return rename_path(w[1], w[2]);
  if (IS("symlink", 2)) return create(w[2], LINUX_S_IFLNK | 0777, 0, w[1], NULL);
  if (IS("mknod", 4)) {
    u32 major = (u32)atol(w[3]), minor = (u32)atol(w[4]);
    u32 rdev = (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
    u16 t = w[2][0] == 'c' ? LINUX_S_IFCHR : w[2][0] == 'b' ? LINUX_S_IFBLK : w[2][0] == 'p' ? LINUX_S_IFIFO : LINUX_S_IFSOCK;
    return create(w[1], t | 0644, rdev, NULL, NULL);
  }
  if (IS("readlink", 1)) {
    if (!(ip = lookup(w[1], false, &err))) return err;
    char buf[4096];
    ilock(ip);
    long r = fs_readlink(ip, false, (u64)(uintptr_t)buf, sizeof buf - 1);
    iunlockput(ip);
    if (r >= 0) printf("  %.*s\n", (int)r, buf);
    return r;
  }
  if (IS("stat", 1) || IS("lstat", 1)) return stat_cmd(w[1], IS("stat", 1));
  if (IS("ls", 1)) {
    if (!(ip = lookup(w[1], true, &err))) return err;
    struct dirlist l = {0};
    long r = list_dir(ip, &l);
    iput(ip);
    for (size_t i = 0; i < l.n; i++) printf("  %s %u %u\n", l.e[i].name, l.e[i].ino, l.e[i].dtype);
    free(l.e);
    return r < 0 ? r : (long)l.n;
  }
  if (IS("open", 2)) {
    int s = atoi(w[1]) & 15;
    if (!(ip = lookup(w[2], true, &err))) return err;
    slots[s] = ip;
    return 0;
  }
  if (IS("close", 1)) {
    int s = atoi(w[1]) & 15;
    if (slots[s]) iput(slots[s]);
    slots[s] = NULL;
    return 0;
  }
  if (IS("getslot", 2)) return slots[atoi(w[1]) & 15] ? get_to_host(slots[atoi(w[1]) & 15], w[2]) : -LINUX_EBADF;
  if (IS("fill", 2)) return fill_cmd(w[1], atol(w[2]));
  if (IS("dump", 2)) return dump_tree(w[1], w[2]);
  if (IS("walk", 1)) return walk_tree(w[1]);
  if (IS("stress", 2)) return stress(atoi(w[1]), atoi(w[2]));
#undef IS
  fprintf(stderr, "ext2h: bad command %s (%d words)\n", w[0], n);
  exit(2);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: ext2h IMAGE SCRIPT\n");
    return 2;
  }
  int fd = open(argv[1], O_RDWR);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) < 0) {
    perror(argv[1]);
    return 2;
  }
  host_disk_open(fd, (u64)st.st_size);
  FILE *script = strcmp(argv[2], "-") ? fopen(argv[2], "r") : stdin;
  if (!script) {
    perror(argv[2]);
    return 2;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  binit();
  char line[8192];
  while (fgets(line, sizeof line, script)) {
    char *w[8];
    int n = 0;
    for (char *t = strtok(line, " \t\n"); t && n < 8; t = strtok(NULL, " \t\n")) w[n++] = t;
    if (n == 0 || w[0][0] == '#') continue;
    printf("> %s\n", w[0]);
    long r = run(w, n);
    printf("= %s\n", r >= 0 ? (snprintf(line, sizeof line, "%ld", r), line) : errname(r));
  }
  for (int i = 0; i < 16; i++)
    if (slots[i]) iput(slots[i]);
  close(fd);
  return 0;
}
