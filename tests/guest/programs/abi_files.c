/* abi_files.c - the file system calls on ext2 and the file layer: open/openat
 * flags, read/write/readv/writev/pread/pwrite/lseek (holes), fstat and
 * newfstatat (size, mode, nlink, rdev: never times, inode numbers or
 * directory sizes, which differ from the host), getdents64 (names sorted),
 * mkdir/rmdir/unlink/rename/link/symlink/readlink and their errors,
 * ftruncate/truncate, fsync, chdir/getcwd, umask/chmod, dup/dup2/dup3/fcntl,
 * /dev/null and /dev/zero, pipes (large transfers, EOF, SIGPIPE/EPIPE,
 * O_NONBLOCK, capacity) and poll/select with timeouts.
 *
 * Runs in the current directory (the guest's /work), in a fresh subdirectory.
 * Exits 0. */
#include "abi.h"
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <sys/wait.h>

static void st(const char *label, const char *path, int flags) {
  struct stat s;
  if (fstatat(AT_FDCWD, path, &s, flags) < 0) { say("%s: -1 %s\n", label, errname(errno)); return; }
  const char *type = S_ISREG(s.st_mode) ? "reg" : S_ISDIR(s.st_mode) ? "dir" : S_ISLNK(s.st_mode) ? "lnk"
                   : S_ISCHR(s.st_mode) ? "chr" : S_ISFIFO(s.st_mode) ? "fifo" : "other";
  if (S_ISDIR(s.st_mode))
    say("%s: %s mode %04o nlink %lu\n", label, type, s.st_mode & 07777, (unsigned long)s.st_nlink);
  else if (S_ISCHR(s.st_mode))
    say("%s: %s mode %04o rdev %u,%u\n", label, type, s.st_mode & 07777, major(s.st_rdev), minor(s.st_rdev));
  else
    say("%s: %s mode %04o nlink %lu size %lld\n", label, type, s.st_mode & 07777, (unsigned long)s.st_nlink,
        (long long)s.st_size);
}

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* getdents64 through the raw system call, with a small buffer so that the
 * listing takes several calls. */
static void list(const char *label, const char *path) {
  int fd = open(path, O_RDONLY | O_DIRECTORY);
  if (fd < 0) { say("%s: -1 %s\n", label, errname(errno)); return; }
  char buf[200];
  static char names[256][300];
  char *ptrs[256];
  int n = 0;
  for (;;) {
    long r = syscall(SYS_getdents64, fd, buf, sizeof buf);
    if (r < 0) { say("%s: getdents64 %s\n", label, errname(errno)); break; }
    if (r == 0) break;
    for (long off = 0; off < r;) {
      struct {
        uint64_t ino;
        int64_t off;
        unsigned short reclen;
        unsigned char type;
        char name[];
      } *d = (void *)(buf + off);
      if (n < 256) {
        const char *t = d->type == DT_REG ? "f" : d->type == DT_DIR ? "d" : d->type == DT_LNK ? "l" : "?";
        snprintf(names[n], sizeof names[n], "%s(%s)", d->name, t);
        ptrs[n] = names[n];
        n++;
      }
      off += d->reclen;
    }
  }
  qsort(ptrs, n, sizeof ptrs[0], cmpstr);
  char out[4096] = "";
  for (int i = 0; i < n; i++) {
    strncat(out, " ", sizeof out - strlen(out) - 1);
    strncat(out, ptrs[i], sizeof out - strlen(out) - 1);
  }
  say("%s: %d entries%s\n", label, n, out);
  errno = 0;
  say("%s: getdents64 with a 10-byte buffer: %ld %s\n", label, syscall(SYS_getdents64, fd, buf, 10), errname(errno));
  close(fd);
}

static void test_basic_io(void) {
  int fd = open("a.txt", O_CREAT | O_EXCL | O_RDWR, 0666);
  rc("open O_CREAT|O_EXCL", fd >= 0 ? 0 : -1);
  errno = 0;
  rc("open O_EXCL again", open("a.txt", O_CREAT | O_EXCL | O_RDWR, 0666));
  rc("write", write(fd, "hello, world\n", 13));
  rc("lseek SEEK_CUR", lseek(fd, 0, SEEK_CUR));
  rc("lseek SEEK_SET 7", lseek(fd, 7, SEEK_SET));
  char b[64] = {0};
  rc("read", read(fd, b, sizeof b));
  say("  got '%.5s'\n", b);
  rc("read at EOF", read(fd, b, sizeof b));
  rc("lseek SEEK_END -6", lseek(fd, -6, SEEK_END));
  rc("lseek negative", lseek(fd, -100, SEEK_SET));
  rc("lseek bad whence", lseek(fd, 0, 9));
  rc("pwrite at 100 (hole)", pwrite(fd, "tail", 4, 100));
  rc("offset unchanged", lseek(fd, 0, SEEK_CUR));
  memset(b, 'x', sizeof b);
  rc("pread hole", pread(fd, b, 10, 20));
  say("  hole bytes zero: %d\n", b[0] == 0 && b[9] == 0);
  rc("pread tail", pread(fd, b, 10, 100));
  say("  got '%.4s'\n", b);
  st("stat a.txt", "a.txt", 0);
  struct iovec iov[3] = {{"vec", 3}, {"tor", 3}, {"ed\n", 3}};
  lseek(fd, 0, SEEK_SET);
  rc("writev", writev(fd, iov, 3));
  char x1[4] = {0}, x2[6] = {0};
  struct iovec rio[2] = {{x1, 3}, {x2, 5}};
  lseek(fd, 0, SEEK_SET);
  rc("readv", readv(fd, rio, 2));
  say("  '%s' '%s'\n", x1, x2);
  rc("ftruncate 5", ftruncate(fd, 5));
  st("after ftruncate", "a.txt", 0);
  rc("ftruncate 9000", ftruncate(fd, 9000));
  memset(b, 'x', sizeof b);
  rc("pread extended", pread(fd, b, 8, 3));
  say("  bytes %02x %02x %02x\n", b[0], b[2], b[7]);
  rc("fsync", fsync(fd));
  rc("fdatasync", fdatasync(fd));
  rc("truncate by path", truncate("a.txt", 3));
  st("after truncate", "a.txt", 0);
  close(fd);
  rc("read closed fd", read(fd, b, 1));
  fd = open("a.txt", O_WRONLY | O_APPEND);
  lseek(fd, 0, SEEK_SET);
  write(fd, "++", 2);
  rc("O_APPEND write position", lseek(fd, 0, SEEK_CUR));
  rc("read on O_WRONLY", read(fd, b, 1));
  close(fd);
  fd = open("a.txt", O_RDONLY);
  rc("write on O_RDONLY", write(fd, "x", 1));
  close(fd);
  fd = open("a.txt", O_RDWR | O_TRUNC);
  st("after O_TRUNC", "a.txt", 0);
  close(fd);
  rc("open missing", open("missing", O_RDONLY));
  rc("open O_DIRECTORY on a file", open("a.txt", O_RDONLY | O_DIRECTORY));
  rc("open a directory for writing", open(".", O_WRONLY));
  rc("open missing/x", open("missing/x", O_CREAT | O_WRONLY, 0644));
  rc("open a.txt/x", open("a.txt/x", O_RDONLY));
  char longname[300];
  memset(longname, 'n', 299);
  longname[299] = 0;
  rc("open a 299-byte name", open(longname, O_CREAT | O_WRONLY, 0644));
  /* a larger file across indirect blocks */
  fd = open("big", O_CREAT | O_RDWR, 0644);
  static char chunk[8192];
  for (int i = 0; i < 8192; i++) chunk[i] = (char)(i * 7 + 3);
  long total = 0;
  for (int i = 0; i < 200; i++) total += write(fd, chunk, sizeof chunk);
  say("wrote %ld bytes\n", total);
  unsigned sum = 0;
  lseek(fd, 0, SEEK_SET);
  long got = 0, r;
  while ((r = read(fd, chunk, 5000)) > 0) {
    for (long i = 0; i < r; i++) sum = sum * 31 + (unsigned char)chunk[i];
    got += r;
  }
  say("read back %ld bytes, checksum %08x\n", got, sum);
  st("stat big", "big", 0);
  close(fd);
  unlink("big");
}

static void test_names(void) {
  rc("mkdir d", mkdir("d", 0777));
  rc("mkdir d again", mkdir("d", 0777));
  st("stat d", "d", 0);
  rc("mkdir d/e", mkdir("d/e", 0700));
  st("stat d (a subdirectory)", "d", 0);
  st("stat d/e", "d/e", 0);
  for (int i = 0; i < 40; i++) {
    char n[64];
    snprintf(n, sizeof n, "d/file-%02d-with-a-longer-name", (i * 17) % 40);
    close(open(n, O_CREAT | O_WRONLY, 0600));
  }
  list("d", "d");
  for (int i = 0; i < 40; i += 2) {
    char n[64];
    snprintf(n, sizeof n, "d/file-%02d-with-a-longer-name", i);
    unlink(n);
  }
  list("d after unlinking half", "d");
  rc("rmdir non-empty", rmdir("d"));
  rc("unlink a directory", unlink("d/e"));
  rc("rmdir a file", rmdir("d/file-01-with-a-longer-name"));
  rc("rmdir .", rmdir("d/e/."));
  int fd = open("src", O_CREAT | O_WRONLY, 0644);
  write(fd, "content", 7);
  close(fd);
  rc("link", link("src", "hard"));
  st("stat src", "src", 0);
  rc("link to existing", link("src", "hard"));
  rc("link a directory", link("d", "dlink"));
  rc("symlink", symlink("src", "soft"));
  rc("symlink dangling", symlink("nowhere/at/all", "dangling"));
  st("lstat soft", "soft", AT_SYMLINK_NOFOLLOW);
  st("stat soft", "soft", 0);
  st("stat dangling", "dangling", 0);
  char b[64] = {0};
  rc("readlink", readlink("soft", b, sizeof b));
  say("  -> '%s'\n", b);
  rc("readlink short buffer", readlink("dangling", b, 3));
  rc("readlink a file", readlink("src", b, sizeof b));
  symlink("loop1", "loop2");
  symlink("loop2", "loop1");
  rc("open a symlink loop", open("loop1", O_RDONLY));
  rc("rename src -> moved", rename("src", "moved"));
  st("stat moved", "moved", 0);
  rc("stat src", access("src", F_OK));
  rc("rename onto another link of the same inode", rename("moved", "hard"));   /* POSIX: does nothing */
  st("stat hard", "hard", 0);
  st("stat moved", "moved", 0);
  rc("unlink moved", unlink("moved"));
  rc("rename file over dir", rename("hard", "d"));
  rc("rename dir over non-empty dir", rename("d/e", "d"));
  mkdir("empty", 0755);
  rc("rename dir over empty dir", rename("d/e", "empty"));
  st("stat empty", "empty", 0);
  st("stat d", "d", 0);
  rc("rename dir into itself", rename("d", "d/sub"));
  rc("rename missing", rename("nothing", "x"));
  rc("unlink soft", unlink("soft"));
  st("hard after unlink soft", "hard", 0);
  rc("unlink missing", unlink("soft"));
  /* open file, then unlinked: still readable */
  fd = open("hard", O_RDONLY);
  unlink("hard");
  memset(b, 0, sizeof b);
  rc("read unlinked open file", read(fd, b, sizeof b));
  struct stat s;
  fstat(fd, &s);
  say("  '%s' nlink %lu\n", b, (unsigned long)s.st_nlink);
  close(fd);
  /* openat relative to a directory fd */
  int dfd = open("d", O_RDONLY | O_DIRECTORY);
  fd = openat(dfd, "at-file", O_CREAT | O_WRONLY, 0640);
  write(fd, "at", 2);
  close(fd);
  st("d/at-file", "d/at-file", 0);
  rc("fstatat via dfd", fstatat(dfd, "at-file", &s, 0));
  say("  size %lld\n", (long long)s.st_size);
  rc("mkdirat", mkdirat(dfd, "f", 0755));
  rc("unlinkat dir without AT_REMOVEDIR", unlinkat(dfd, "f", 0));
  rc("unlinkat file with AT_REMOVEDIR", unlinkat(dfd, "at-file", AT_REMOVEDIR));
  rc("unlinkat AT_REMOVEDIR", unlinkat(dfd, "f", AT_REMOVEDIR));
  int ffd = open("d/at-file", O_RDONLY);
  rc("openat with a file as dirfd", openat(ffd, "x", O_RDONLY));
  close(ffd);
  rc("openat bad dirfd", openat(999, "x", O_RDONLY));
  close(dfd);
  /* chdir/getcwd */
  char cwd[4096], *base;
  rc("chdir d", chdir("d"));
  getcwd(cwd, sizeof cwd);
  base = strrchr(cwd, '/');
  say("getcwd ends with %s\n", base);
  rc("getcwd tiny buffer", getcwd(cwd, 2) ? 0 : -1);
  rc("chdir ..", chdir(".."));
  rc("chdir a file", chdir("d/at-file"));
  rc("chdir missing", chdir("missing"));
  /* umask and chmod */
  umask(027);
  close(open("masked", O_CREAT | O_WRONLY, 0777));
  mkdir("masked-dir", 0777);
  st("created under umask 027", "masked", 0);
  st("mkdir under umask 027", "masked-dir", 0);
  say("umask returns old %03o\n", umask(022));
  rc("chmod 4751", chmod("masked", 04751));
  st("after chmod", "masked", 0);
  fd = open("masked", O_RDONLY);
  rc("fchmod 0600", fchmod(fd, 0600));
  close(fd);
  st("after fchmod", "masked", 0);
  rc("chmod missing", chmod("missing", 0600));
}

static void test_fds(void) {
  int fd = open("fdfile", O_CREAT | O_RDWR, 0644);
  int d = dup(fd);
  write(fd, "abcdef", 6);
  rc("dup shares the offset", lseek(d, 0, SEEK_CUR));
  rc("dup2 to 50", dup2(fd, 50));
  say("dup2 to itself returns it: %d\n", dup2(fd, fd) == fd);
  rc("dup3 to itself", dup3(fd, fd, 0));
  rc("dup3 O_CLOEXEC to 51", dup3(fd, 51, O_CLOEXEC));
  rc("F_GETFD 51", fcntl(51, F_GETFD));
  rc("F_GETFD 50", fcntl(50, F_GETFD));
  rc("F_SETFD 50", fcntl(50, F_SETFD, FD_CLOEXEC));
  rc("F_GETFD 50", fcntl(50, F_GETFD));
  rc("F_DUPFD 40", fcntl(fd, F_DUPFD, 40));
  rc("F_DUPFD 40 again", fcntl(fd, F_DUPFD, 40));
  rc("F_DUPFD_CLOEXEC 60", fcntl(fd, F_DUPFD_CLOEXEC, 60));
  rc("F_GETFD 60", fcntl(60, F_GETFD));
  int fl = fcntl(fd, F_GETFL);
  say("F_GETFL: accmode %s append %d nonblock %d\n", (fl & O_ACCMODE) == O_RDWR ? "O_RDWR" : "?", !!(fl & O_APPEND),
      !!(fl & O_NONBLOCK));
  fcntl(fd, F_SETFL, fl | O_APPEND | O_NONBLOCK);
  fl = fcntl(d, F_GETFL);
  say("F_SETFL seen through the dup: append %d nonblock %d\n", !!(fl & O_APPEND), !!(fl & O_NONBLOCK));
  rc("dup2 bad old", dup2(999, 5));
  rc("dup bad", dup(-1));
  rc("close bad", close(-5));
  rc("close 50", close(50));
  rc("close 50 again", close(50));
  rc("fcntl bad cmd", fcntl(fd, 12345));
  close(51), close(40), close(41), close(60), close(d), close(fd);
  unlink("fdfile");
}

static void test_devices(void) {
  st("/dev/null", "/dev/null", 0);
  st("/dev/zero", "/dev/zero", 0);
  int fd = open("/dev/null", O_RDWR);
  char b[100];
  rc("write /dev/null", write(fd, "gone", 4));
  rc("read /dev/null", read(fd, b, sizeof b));
  close(fd);
  fd = open("/dev/zero", O_RDWR);
  memset(b, 'x', sizeof b);
  rc("read /dev/zero", read(fd, b, sizeof b));
  int zeros = 0;
  for (int i = 0; i < 100; i++) zeros += b[i] == 0;
  say("  zero bytes %d\n", zeros);
  rc("write /dev/zero", write(fd, b, 10));
  close(fd);
}

static void test_pipes(void) {
  int p[2];
  rc("pipe", pipe(p));
  rc("F_GETPIPE_SZ", fcntl(p[0], F_GETPIPE_SZ));
  rc("lseek on a pipe", lseek(p[0], 0, SEEK_SET));
  rc("pread on a pipe", pread(p[0], p, 1, 0));
  struct stat s;
  fstat(p[0], &s);
  say("fstat pipe: fifo %d\n", S_ISFIFO(s.st_mode));
  /* a megabyte through a pipe from a child, in odd-sized pieces */
  pid_t c = fork();
  if (c == 0) {
    close(p[0]);
    static char buf[100000];
    for (int i = 0; i < (int)sizeof buf; i++) buf[i] = (char)(i % 251);
    long left = 1 << 20;
    while (left > 0) {
      long n = left < (long)sizeof buf ? left : (long)sizeof buf;
      if (write(p[1], buf, n) != n) _exit(1);
      left -= n;
    }
    _exit(0);
  }
  close(p[1]);
  static char rbuf[7777];
  long total = 0;
  unsigned sum = 0;
  long r;
  int pos = 0, bad = 0;
  while ((r = read(p[0], rbuf, sizeof rbuf)) > 0) {
    for (long i = 0; i < r; i++) {
      if ((unsigned char)rbuf[i] != (unsigned)(pos % 100000 % 251)) bad++;
      sum += (unsigned char)rbuf[i];
      pos++;
    }
    total += r;
  }
  int status;
  waitpid(c, &status, 0);
  say("pipe transfer: %ld bytes, %d wrong, sum %u, writer %s, then read %ld (EOF)\n", total, bad, sum,
      wstatus(status), r);
  close(p[0]);

  /* no reader: SIGPIPE kills, or EPIPE when ignored */
  pipe(p);
  close(p[0]);
  c = fork();
  if (c == 0) { write(p[1], "x", 1); _exit(0); }
  waitpid(c, &status, 0);
  say("write without a reader: %s\n", wstatus(status));
  signal(SIGPIPE, SIG_IGN);
  rc("write without a reader, SIGPIPE ignored", write(p[1], "x", 1));
  signal(SIGPIPE, SIG_DFL);
  close(p[1]);

  /* non-blocking: fill the pipe */
  pipe(p);
  fcntl(p[1], F_SETFL, O_NONBLOCK);
  fcntl(p[0], F_SETFL, O_NONBLOCK);
  char b[4096];
  memset(b, 'p', sizeof b);
  rc("read empty non-blocking", read(p[0], b, 1));
  long filled = 0;
  for (;;) {
    long w = write(p[1], b, sizeof b);
    if (w < 0) { say("filled %ld bytes, then %s\n", filled, errname(errno)); break; }
    filled += w;
  }
  struct pollfd pf[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
  rc("poll full pipe", poll(pf, 2, 0));
  say("  revents read %#x write %#x\n", pf[0].revents, pf[1].revents);
  read(p[0], b, sizeof b);
  rc("poll after draining 4096", poll(pf, 2, 0));
  say("  revents read %#x write %#x\n", pf[0].revents, pf[1].revents);
  close(p[0]);
  close(p[1]);

  /* poll and select with timeouts */
  pipe(p);
  pf[0] = (struct pollfd){p[0], POLLIN, 0};
  rc("poll empty, 30 ms", poll(pf, 1, 30));
  fd_set rs;
  FD_ZERO(&rs);
  FD_SET(p[0], &rs);
  struct timeval tv = {0, 30000};
  rc("select empty, 30 ms", select(p[0] + 1, &rs, NULL, NULL, &tv));
  say("  still set %d\n", FD_ISSET(p[0], &rs));
  c = fork();
  if (c == 0) { usleep(20000); write(p[1], "!", 1); _exit(0); }
  rc("poll until a child writes", poll(pf, 1, 5000));
  say("  revents %#x\n", pf[0].revents);
  FD_ZERO(&rs);
  FD_SET(p[0], &rs);
  tv = (struct timeval){5, 0};
  rc("select readable", select(p[0] + 1, &rs, NULL, NULL, &tv));
  say("  set %d\n", FD_ISSET(p[0], &rs));
  waitpid(c, NULL, 0);
  read(p[0], b, 1);
  close(p[1]);
  rc("poll after the writer closed", poll(pf, 1, 1000));
  say("  revents %#x\n", pf[0].revents);
  rc("read at EOF", read(p[0], b, 1));
  close(p[0]);
  pipe(p);
  close(p[0]);
  pf[0] = (struct pollfd){p[1], POLLOUT, 0};
  rc("poll write end without reader", poll(pf, 1, 0));
  say("  revents %#x\n", pf[0].revents);
  close(p[1]);
  pf[0] = (struct pollfd){p[1], POLLIN, 0};
  rc("poll closed fd", poll(pf, 1, 0));
  say("  revents %#x\n", pf[0].revents);
  rc("poll nothing, 20 ms", poll(NULL, 0, 20));
  FD_ZERO(&rs);
  FD_SET(p[1], &rs);
  tv = (struct timeval){0, 0};
  rc("select closed fd", select(p[1] + 1, &rs, NULL, NULL, &tv));
  rc("pipe2 O_CLOEXEC|O_NONBLOCK", pipe2(p, O_CLOEXEC | O_NONBLOCK));
  say("  FD_CLOEXEC %d O_NONBLOCK %d\n", fcntl(p[0], F_GETFD), !!(fcntl(p[1], F_GETFL) & O_NONBLOCK));
  close(p[0]);
  close(p[1]);
}

int main(void) {
  umask(022);
  mkdir("files-test", 0755);
  if (chdir("files-test") < 0) { say("cannot enter files-test\n"); return 1; }
  test_basic_io();
  test_names();
  test_fds();
  test_devices();
  test_pipes();
  say("done\n");
  return 0;
}
