/* raw_syscalls.c - the kernel interface below libc: misaligned loads and
   stores (SIGBUS, as QEMU user mode delivers them), anonymous mmap/mremap/mprotect/munmap, a
   store to a read-only page caught as SIGSEGV/SEGV_ACCERR, pipes, dup2,
   fcntl flags, brk, clocks and uname. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static sigjmp_buf env;
static volatile int segv_code;
static void on_segv(int sig, siginfo_t* info, void* uc) {
  (void)sig, (void)uc;
  segv_code = info->si_code;
  siglongjmp(env, 1);
}

static volatile int bus_code;
static unsigned char* volatile bus_addr;
static void on_bus(int sig, siginfo_t* info, void* uc) {
  (void)sig, (void)uc;
  bus_code = info->si_code;
  bus_addr = info->si_addr;
  siglongjmp(env, 1);
}

int main(void) {
  static unsigned char buf[64] __attribute__((aligned(16)));
  for (int i = 0; i < 64; ++i) buf[i] = (unsigned char)(i * 17 + 3);
  struct sigaction sb;
  memset(&sb, 0, sizeof sb);
  sb.sa_sigaction = on_bus;
  sb.sa_flags = SA_SIGINFO;
  sigaction(SIGBUS, &sb, NULL);
  int w = 0;
  if (sigsetjmp(env, 1) == 0) {
    __asm__ volatile("lw %0, 0(%1)" : "=r"(w) : "r"(buf + 1) : "memory");
    printf("misaligned lw loaded %08x\n", w);
  } else {
    printf("misaligned lw: SIGBUS code=%d at offset %ld\n", bus_code, (long)(bus_addr - buf));
  }
  if (sigsetjmp(env, 1) == 0) {
    __asm__ volatile("sd %0, 0(%1)" : : "r"(0x0102030405060708L), "r"(buf + 18) : "memory");
    printf("misaligned sd stored\n");
  } else {
    printf("misaligned sd: SIGBUS code=%d at offset %ld\n", bus_code, (long)(bus_addr - buf));
  }
  __asm__ volatile("lw %0, 0(%1)" : "=r"(w) : "r"(buf + 4) : "memory");
  printf("aligned lw %08x\n", w);

  char* m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  printf("mmap ok=%d zero=%d\n", m != MAP_FAILED, m[5000] == 0);
  strcpy(m + 4096, "survives mremap");
  char* m2 = mremap(m, 3 * 4096, 64 * 4096, MREMAP_MAYMOVE);
  printf("mremap: %s\n", m2 + 4096);
  m2[60 * 4096] = 1;
  printf("mprotect=%d\n", mprotect(m2, 4096, PROT_READ));
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGSEGV, &sa, NULL);
  if (sigsetjmp(env, 1) == 0) {
    *(volatile char*)m2 = 1;
    printf("store to read-only page succeeded\n");
  } else {
    printf("segv code=%d (ACCERR=%d)\n", segv_code, SEGV_ACCERR);
  }
  printf("munmap=%d\n", munmap(m2, 64 * 4096));
  if (sigsetjmp(env, 1) == 0) {
    (void)*(volatile char*)(m2 + 4096);
    printf("load from unmapped page succeeded\n");
  } else {
    printf("segv code=%d (MAPERR=%d)\n", segv_code, SEGV_MAPERR);
  }

  int fds[2];
  printf("pipe=%d\n", pipe(fds));
  printf("write=%zd\n", write(fds[1], "through the pipe", 16));
  char rb[32] = {0};
  printf("read=%zd [%s]\n", read(fds[0], rb, sizeof rb - 1), rb);
  printf("flags=%x %x\n", fcntl(fds[0], F_GETFL) & O_ACCMODE, fcntl(fds[1], F_GETFL) & O_ACCMODE);
  int d2 = dup2(fds[1], 20);
  printf("dup2=%d write=%zd\n", d2, write(20, "x", 1));
  close(fds[0]), close(fds[1]), close(20);

  void* b0 = (void*)syscall(SYS_brk, 0);
  void* b1 = (void*)syscall(SYS_brk, (char*)b0 + 100000);
  printf("brk grows=%ld\n", (long)((char*)b1 - (char*)b0));
  ((char*)b1)[-1] = 7;

  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (volatile int i = 0; i < 100000; ++i) {
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  printf("monotonic=%d\n", t1.tv_sec > t0.tv_sec || (t1.tv_sec == t0.tv_sec && t1.tv_nsec > t0.tv_nsec));
  struct utsname u;
  uname(&u);
  printf("uname=%s\n", u.sysname);
  unsigned char r[40];
  printf("getrandom=%zd\n", getrandom(r, sizeof r, 0));
  printf("getpid>0=%d\n", getpid() > 0);

  char self[4096];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  self[n > 0 ? n : 0] = 0;
  printf("exe is us=%d\n", n > 12 && strcmp(self + n - 12, "raw_syscalls") == 0);
  int fd = open(self, O_RDONLY);
  unsigned char* map = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 0);
  printf("file mapping: %.3s class=%d data=%d\n", map + 1, map[4], map[5]);
  printf("munmap=%d close=%d\n", munmap(map, 8192), close(fd));
  char* gig = mmap(NULL, 1UL << 30, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  gig[0] = 1, gig[(1UL << 30) - 1] = 2;
  printf("1 GiB mapping: %d %d %d\n", gig[0], gig[1 << 29], gig[(1UL << 30) - 1]);
  return 0;
}
