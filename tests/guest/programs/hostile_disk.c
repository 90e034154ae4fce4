/* hostile_disk.c - a full disk: write /work/fill in 64 KiB pieces until
 * write fails with ENOSPC (a short write may come first: its count must be
 * what the file grew by), fsync, check the size, try another file, free the
 * space and write again, then fill the disk once more and exit with it full.
 * The test then runs e2fsck -fn on the kept image.  Guest only.  Exits 0. */
#include "hostile.h"
#include <fcntl.h>
#include <sys/stat.h>

static char buf[65536];

static long fill(const char *name, int *err) {
  int fd = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  if (fd < 0) { *err = errno; return -1; }
  long total = 0;
  for (;;) {
    ssize_t w = write(fd, buf, sizeof buf);
    if (w < 0) { *err = errno; break; }
    total += w;
    if (total > (1L << 40)) { *err = 0; break; }
  }
  int s = fsync(fd);
  struct stat st;
  fstat(fd, &st);
  say("  %s: stopped by %s, size matches the bytes written %d, fsync %d, MB written > 1: %d\n", name, errname(*err),
      st.st_size == total, s, total > (1 << 20));
  close(fd);
  return total;
}

int main(void) {
  for (unsigned i = 0; i < sizeof buf; i++) buf[i] = (char)(i * 13);
  int rfd = -1, err = 0;
  pid_t sib = sibling_start(&rfd);
  uint64_t expect = sibling_work();
  say("fill 1:\n");
  long t1 = fill("fill", &err);
  int fd = open("more", O_CREAT | O_WRONLY, 0644);
  errno = 0;
  long w = fd >= 0 ? write(fd, buf, sizeof buf) : -1;
  say("another file on the full disk: open %s, write %s\n", fd >= 0 ? "ok" : errname(errno),
      w < 0 ? errname(errno) : "ok?");
  if (fd >= 0) close(fd);
  unlink("more");
  errno = 0;
  say("mkdir on the full disk: %s\n", mkdir("newdir", 0755) == 0 ? "ok (no block needed?)" : errname(errno));
  rmdir("newdir");
  say("unlink fill: %d\n", unlink("fill"));
  fd = open("small", O_CREAT | O_WRONLY, 0644);
  say("after freeing: small write %ld\n", (long)write(fd, "recovered\n", 10));
  close(fd);
  say("fill 2:\n");
  long t2 = fill("fill", &err);
  say("second fill about as large as the first (within 1 MB): %d\n", labs(t1 - t2) < (1 << 20));
  /* the data written is the data read back */
  fd = open("fill", O_RDONLY);
  static char rb[65536];
  long pos = 0, bad = 0, r;
  while ((r = read(fd, rb, sizeof rb)) > 0) {
    for (long i = 0; i < r; i++)
      if (rb[i] != buf[(pos + i) % sizeof buf]) bad++;
    pos += r;
  }
  close(fd);
  say("read back %d, bad bytes %ld\n", pos == t2, bad);
  sibling_check(sib, rfd, expect);
  return 0;
}
