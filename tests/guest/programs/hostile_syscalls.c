/* hostile_syscalls.c - system calls with bad arguments: pointers into kernel
 * space (kseg0, xkphys, the top of the address space) and into unmapped user
 * pages for read/write/open/stat/pipe/clock_gettime/uname/getcwd/rt_sigaction/
 * wait4/execve/readv (EFAULT, never a kernel crash or a write to the kernel);
 * huge lengths and counts; negative and out-of-range fds (EBADF); bad flags
 * and whence (EINVAL); an unknown system call number (5999: ENOSYS) after
 * which the program carries on; a bad pointer half-way through a buffer
 * (partial transfer or EFAULT, as Linux).  A sibling's checksum must be
 * unchanged.  Compared with qemu-mips64.  Exits 0. */
#include "hostile.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>

#define KSEG0 ((void *)0xffffffff80100000ull)
#define XKPHYS ((void *)0x9800000000001000ull)
#define TOP ((void *)0xfffffffffffff000ull)
static void *unmapped;

static void r(const char *label, long v) {
  if (v < 0) say("%-40s -1 %s\n", label, errname(errno));
  else say("%-40s %ld\n", label, v);
  errno = 0;
}

int main(void) {
  int rfd = -1;
  pid_t sib = sibling_start(&rfd);
  unmapped = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap((char *)unmapped + 4096, 4096);     /* a hole between two mapped pages */
  char *hole = (char *)unmapped + 4096;
  int fd = open("victim", O_CREAT | O_RDWR | O_TRUNC, 0644);
  write(fd, "0123456789", 10);
  lseek(fd, 0, SEEK_SET);
  void *bad[] = {KSEG0, XKPHYS, TOP, hole, (void *)8};
  const char *bad_name[] = {"kseg0", "xkphys", "top", "unmapped", "near-null"};
  for (int i = 0; i < 5; i++) {
    char l[64];
    const char *n = bad_name[i];
    lseek(fd, 0, SEEK_SET);
    snprintf(l, sizeof l, "read into %s", n), r(l, syscall(SYS_read, fd, bad[i], 10));
    snprintf(l, sizeof l, "write from %s", n), r(l, syscall(SYS_write, fd, bad[i], 10));
    snprintf(l, sizeof l, "write to stdout from %s", n), r(l, syscall(SYS_write, 1, bad[i], 10));
    snprintf(l, sizeof l, "open path at %s", n), r(l, syscall(SYS_openat, AT_FDCWD, bad[i], O_RDONLY));
    snprintf(l, sizeof l, "stat path at %s", n), r(l, syscall(SYS_newfstatat, AT_FDCWD, bad[i], bad[i], 0));
    snprintf(l, sizeof l, "fstat into %s", n), r(l, syscall(SYS_fstat, fd, bad[i]));
    snprintf(l, sizeof l, "pipe into %s", n), r(l, syscall(SYS_pipe2, bad[i], 0));
    snprintf(l, sizeof l, "clock_gettime into %s", n), r(l, syscall(SYS_clock_gettime, CLOCK_MONOTONIC, bad[i]));
    snprintf(l, sizeof l, "uname into %s", n), r(l, syscall(SYS_uname, bad[i]));
    snprintf(l, sizeof l, "getcwd into %s", n), r(l, syscall(SYS_getcwd, bad[i], 100));
    snprintf(l, sizeof l, "rt_sigaction from %s", n), r(l, syscall(SYS_rt_sigaction, SIGUSR1, bad[i], NULL, 8));
    snprintf(l, sizeof l, "execve path at %s", n), r(l, syscall(SYS_execve, bad[i], NULL, NULL));
    snprintf(l, sizeof l, "readv iovec at %s", n), r(l, syscall(SYS_readv, fd, bad[i], 1));
    /* (not nanosleep: qemu answers EINVAL where Linux answers EFAULT) */
  }
  /* wait4 status pointer into the kernel: the child is still reaped?  Linux
   * reports EFAULT; the status is lost, the zombie gone. */
  pid_t c = fork();
  if (c == 0) _exit(3);
  r("wait4 status into kseg0", syscall(SYS_wait4, c, KSEG0, 0, NULL) == c ? 0 : -1);
  /* an iovec that points at the kernel */
  struct iovec iov[2] = {{"ok", 2}, {KSEG0, 4}};
  r("writev second iovec in kseg0", writev(fd, iov, 2));
  /* a buffer that runs from a mapped page into the hole */
  lseek(fd, 0, SEEK_SET);
  r("read across into the hole", read(fd, hole - 4, 10));
  r("write across into the hole", write(fd, hole - 4, 10));
  char ok[16];
  memset(ok, 0, sizeof ok);
  lseek(fd, 0, SEEK_SET);
  r("then a good read", read(fd, ok, 10));
  say("  file still '%.10s'\n", ok);
  /* huge lengths */
  lseek(fd, 0, SEEK_SET);
  r("read with length 2^62 into 16 bytes", syscall(SYS_read, fd, ok, 1ull << 62));
  r("write with length 2^62", syscall(SYS_write, fd, ok, 1ull << 62));
  r("write with length -1", syscall(SYS_write, fd, ok, -1L));
  r("readv with 2^30 iovecs", syscall(SYS_readv, fd, iov, 1 << 30));
  r("readv with -1 iovecs", syscall(SYS_readv, fd, iov, -1L));
  /* (not poll with 2^40 fds: Linux says EINVAL, qemu 0) */
  r("mmap 2^62 bytes", (long)mmap(NULL, 1ull << 62, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == -1 ? -1 : 0);
  r("getcwd size 0", syscall(SYS_getcwd, ok, 0));
  /* bad fds */
  r("read fd -1", read(-1, ok, 1));
  r("write fd -2^31", write(-2147483647 - 1, ok, 1));
  r("close fd 1000000", close(1000000));
  r("fstat fd 255", syscall(SYS_fstat, 255, ok));
  r("dup2 to -1", dup2(fd, -1));
  r("dup2 to 2^31-1", dup2(fd, 2147483647));
  r("lseek fd 9999", lseek(9999, 0, SEEK_SET));
  r("openat dirfd -7", openat(-7, "x", O_RDONLY));
  r("fcntl F_GETFL fd -1", fcntl(-1, F_GETFL));
  r("mmap fd -1 without MAP_ANONYMOUS", (long)mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, -1, 0) == -1 ? -1 : 0);
  /* bad flags */
  /* Linux's "no access" mode 3 is allowed (fd numbers differ: qemu leaks
   * pipe2's; and qemu turns the mode into a readable one: no read checked) */
  int f3 = open("victim", 3);
  r("open with access mode 3", f3 >= 0 ? 0 : -1);
  close(f3);
  r("lseek whence 77", lseek(fd, 0, 77));
  r("mprotect bad bits", mprotect(unmapped, 4096, 0x1000));
  r("rt_sigprocmask how 9", syscall(SYS_rt_sigprocmask, 9, ok, NULL, 8));
  r("rt_sigaction sigsetsize 3", syscall(SYS_rt_sigaction, SIGUSR1, NULL, ok, 3));
  r("kill signal 200", kill(getpid(), 200));
  r("clone with bad flags", syscall(SYS_clone, 0x10000 /* CLONE_THREAD alone */, 0, 0, 0, 0));
  r("wait4 options 0x5555", syscall(SYS_wait4, -1, NULL, 0x5555, NULL));
  r("socket-range unknown 5999", syscall(5999));
  r("unknown 6000+400", syscall(6400));
  r("below the n64 base 4000", syscall(4000));
  r("still alive: getpid > 0", getpid() > 0);
  close(fd);
  unlink("victim");
  sibling_check(sib, rfd, sibling_work());
  return 0;
}
