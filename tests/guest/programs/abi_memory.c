/* memory.c - the virtual-memory system calls: anonymous private and shared
 * mappings (shared ones stay shared across fork), file mappings private
 * (copy on write, the file unchanged) and shared (msync, then read() sees the
 * stores; a store through write() is seen in the mapping), munmap, mprotect
 * (a store to a read-only page is caught as SIGSEGV), brk growth and
 * shrinking, the stack growing under 4 MB of recursion, mremap (grow in
 * place or move, shrink), copy-on-write after fork (each side sees its own
 * stores), madvise(MADV_DONTNEED) and argument errors.  Exits 0. */
#include "abi.h"
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define PG 4096
static sigjmp_buf jb;
static volatile int faults, fault_code;
static volatile uintptr_t fault_addr;
static void on_segv(int sig, siginfo_t *si, void *uc) {
  (void)sig, (void)uc;
  faults++;
  fault_code = si->si_code;
  fault_addr = (uintptr_t)si->si_addr;
  siglongjmp(jb, 1);
}
/* 1 if a store to p faults (and is caught). */
static int store_faults(volatile char *p, char v) {
  if (sigsetjmp(jb, 1) == 0) { *p = v; return 0; }
  return 1;
}
static int load_faults(volatile char *p) {
  if (sigsetjmp(jb, 1) == 0) { (void)*p; return 0; }
  return 1;
}
static unsigned sum(const char *p, size_t n) {
  unsigned s = 0;
  for (size_t i = 0; i < n; i++) s = s * 33 + (unsigned char)p[i];
  return s;
}

static void test_anon(void) {
  char *a = mmap(NULL, 64 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  say("anon private: mapped %d, page aligned %d, zero %d\n", a != MAP_FAILED, ((uintptr_t)a & (PG - 1)) == 0,
      a[0] == 0 && a[64 * PG - 1] == 0);
  for (int i = 0; i < 64; i++) a[i * PG + i] = (char)i;
  int ok = 1;
  for (int i = 0; i < 64; i++) ok &= a[i * PG + i] == (char)i;
  say("  64 pages written and read back %d\n", ok);
  say("munmap middle: %d\n", munmap(a + 16 * PG, 16 * PG));
  say("  unmapped page faults %d, neighbours intact %d %d\n", load_faults(a + 20 * PG), a[15 * PG + 15] == 15,
      a[32 * PG + 32] == 32);
  say("munmap unaligned: %d %s\n", munmap(a + 1, PG), errname(errno));
  say("munmap all (with the hole): %d\n", munmap(a, 64 * PG));
  errno = 0;
  char *f = mmap((void *)0x20000000, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  say("MAP_FIXED at 0x20000000: %s\n", f == (void *)0x20000000 ? "there" : "elsewhere");
  f[0] = 1;
  char *f2 = mmap((void *)0x20000000, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  say("  MAP_FIXED over it replaces: zero again %d\n", f2 == f && f[0] == 0);
  munmap(f, PG);
  errno = 0;
  say("mmap length 0: %s\n", mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED ? errname(errno) : "ok?");
  errno = 0;
  say("mmap no MAP_PRIVATE/SHARED: %s\n", mmap(NULL, PG, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED ? errname(errno) : "ok?");
  errno = 0;
  say("mmap bad fd: %s\n", mmap(NULL, PG, PROT_READ, MAP_PRIVATE, 555, 0) == MAP_FAILED ? errname(errno) : "ok?");
  errno = 0;
  say("mmap unaligned offset: %s\n", mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 100) == MAP_FAILED ? errname(errno) : "ok?");
}

static void test_shared_fork(void) {
  volatile int *sh = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  int *priv = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  static int data_var = 10;
  int stack_var = 20;
  char *heap = malloc(100);
  strcpy(heap, "parent");
  sh[0] = 1;
  priv[0] = 1;
  pid_t p = fork();
  if (p == 0) {
    sh[0] = 2;
    sh[PG / sizeof(int) * 3] = 33;         /* a page the parent never touched */
    priv[0] = 2;
    data_var = 11;
    stack_var = 21;
    strcpy(heap, "child");
    sh[1] = (priv[0] == 2 && data_var == 11 && stack_var == 21 && strcmp(heap, "child") == 0);
    _exit(0);
  }
  waitpid(p, NULL, 0);
  say("shared anon across fork: parent sees child's store %d, untouched page %d\n", sh[0], sh[PG / sizeof(int) * 3]);
  say("copy on write: child saw its own stores %d; parent keeps private %d data %d stack %d heap %s\n", sh[1], priv[0],
      data_var, stack_var, heap);
  /* the parent writes after fork; the child must still see the old values */
  int pp[2];
  pipe(pp);
  priv[0] = 5;
  p = fork();
  if (p == 0) {
    char c;
    read(pp[0], &c, 1);                   /* the parent has written by now */
    sh[2] = priv[0] * 100 + data_var;
    _exit(0);
  }
  priv[0] = 6;
  data_var = 12;
  write(pp[1], "g", 1);
  waitpid(p, NULL, 0);
  say("child after the parent's later stores sees %d (expect 510)\n", sh[2]);
  close(pp[0]);
  close(pp[1]);
  /* many children incrementing under a shared counter with atomics */
  sh[3] = 0;
  for (int i = 0; i < 4; i++)
    if (fork() == 0) {
      for (int k = 0; k < 1000; k++) __atomic_fetch_add(&sh[3], 1, __ATOMIC_SEQ_CST);
      _exit(0);
    }
  for (int i = 0; i < 4; i++) wait(NULL);
  say("4 children x 1000 atomic increments on a shared page: %d\n", sh[3]);
  munmap((void *)sh, 4 * PG);
  munmap(priv, PG);
  free(heap);
}

static void test_file_maps(void) {
  int fd = open("map-file", O_CREAT | O_RDWR | O_TRUNC, 0644);
  char buf[3 * PG];
  for (int i = 0; i < (int)sizeof buf; i++) buf[i] = (char)('a' + i % 26);
  write(fd, buf, sizeof buf);
  char *pm = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  say("file private map: contents match %d\n", memcmp(pm, buf, sizeof buf) == 0);
  pm[5] = '#';
  char back[16] = {0};
  pread(fd, back, 10, 0);
  say("  after a private store: map '%.10s' file '%.10s'\n", pm, back);
  char *sm = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  memcpy(sm + PG + 10, "SHARED-STORE", 12);
  say("msync: %d\n", msync(sm, 3 * PG, MS_SYNC));
  memset(back, 0, sizeof back);
  pread(fd, back, 12, PG + 10);
  say("  read() after msync sees '%s'\n", back);
  /* (whether the private map's untouched page sees it is unspecified by POSIX: not printed) */
  pwrite(fd, "via-write", 9, 2 * PG);
  say("  the shared map sees write(): '%.9s'\n", sm + 2 * PG);
  /* offset mapping */
  char *om = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 2 * PG);
  say("map at offset 2 pages: '%.9s'\n", om);
  /* a shared map seen by a child after fork, and its stores reach the file */
  pid_t p = fork();
  if (p == 0) { memcpy(sm + 100, "CHILD", 5); _exit(0); }
  waitpid(p, NULL, 0);
  msync(sm, PG, MS_SYNC);
  memset(back, 0, sizeof back);
  pread(fd, back, 5, 100);
  say("child's store through the shared map: '%s'\n", back);
  munmap(pm, 3 * PG);
  munmap(sm, 3 * PG);
  munmap(om, PG);
  /* the mapping outlives close() and unlink() */
  char *keep = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  unlink("map-file");
  say("mapping after close and unlink: '%.5s'\n", keep);
  munmap(keep, PG);
  /* read-only file descriptor: MAP_SHARED writable refused */
  fd = open("map-ro", O_CREAT | O_RDWR | O_TRUNC, 0644);
  write(fd, buf, PG);
  close(fd);
  fd = open("map-ro", O_RDONLY);
  errno = 0;
  say("MAP_SHARED|PROT_WRITE on O_RDONLY: %s\n",
      mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED ? errname(errno) : "mapped?");
  char *ro = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  ro[0] = 'Z';
  say("MAP_PRIVATE|PROT_WRITE on O_RDONLY: ok, store private %c\n", ro[0]);
  munmap(ro, PG);
  close(fd);
  unlink("map-ro");
}

static void test_mprotect(void) {
  char *a = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  a[PG] = 'w';
  say("mprotect read-only middle page: %d\n", mprotect(a + PG, PG, PROT_READ));
  int f = store_faults(a + PG + 8, 'x');
  say("  store faults %d, SEGV_ACCERR %d, at the address %d\n", f, fault_code == SEGV_ACCERR,
      fault_addr == (uintptr_t)a + PG + 8);
  say("  value kept %c, neighbours writable %d %d\n", a[PG], !store_faults(a, 1), !store_faults(a + 2 * PG, 1));
  mprotect(a + PG, PG, PROT_NONE);
  say("PROT_NONE: load faults %d\n", load_faults(a + PG));
  mprotect(a + PG, PG, PROT_READ | PROT_WRITE);
  say("back to read-write: store faults %d, value %c\n", store_faults(a + PG + 1, 'y'), a[PG]);
  say("mprotect unaligned: %d %s\n", mprotect(a + 1, PG, PROT_READ), errname(errno));
  munmap(a, 3 * PG);
  errno = 0;
  say("mprotect unmapped: %d %s\n", mprotect(a, PG, PROT_READ), errname(errno));
  /* a fork child of a read-only page faults too */
  char *b = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  pid_t p = fork();
  if (p == 0) { signal(SIGSEGV, SIG_DFL); b[0] = 1; _exit(0); }
  int st;
  waitpid(p, &st, 0);
  say("child storing to a read-only page: %s\n", wstatus(st));
  munmap(b, PG);
}

static void test_brk(void) {
  char *b0 = sbrk(0);
  char *b1 = sbrk(1 << 20);
  say("sbrk 1 MB: returned old break %d\n", b1 == b0);
  memset(b1, 0x5a, 1 << 20);
  say("  filled, last byte %#x, break moved %ld\n", (unsigned char)b1[(1 << 20) - 1], (long)((char *)sbrk(0) - b0));
  sbrk(-(1 << 19));
  say("shrunk by 512 KB: break moved %ld\n", (long)((char *)sbrk(0) - b0));
  /* (the freed half faults on Linux, not under qemu, which keeps its heap mapped: not printed) */
  sbrk(1 << 19);
  say("grown again: the page reads zero %d\n", b1[(1 << 19) + 100] == 0);
  sbrk(-(1 << 20));
  /* malloc of many blocks (brk and mmap) */
  void *big[16];
  for (int i = 0; i < 16; i++) { big[i] = malloc(300000); memset(big[i], i, 300000); }
  int ok = 1;
  for (int i = 0; i < 16; i++) ok &= ((char *)big[i])[299999] == i;
  for (int i = 0; i < 16; i++) free(big[i]);
  say("16 x 300 KB malloc: %d\n", ok);
}

static int depth;
static long recurse(int n) {
  volatile char frame[4000];
  frame[0] = (char)n;
  frame[3999] = (char)n;
  depth = n;
  if (n == 0) return 0;
  return recurse(n - 1) + frame[0] + frame[3999];
}

static void test_stack(void) {
  long r = recurse(1000);   /* ~4 MB of frames */
  say("recursion 1000 frames of 4000 bytes: %ld\n", r);
}

static void test_mremap(void) {
  char *a = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  strcpy(a, "first");
  strcpy(a + PG, "second");
  char *b = mremap(a, 2 * PG, 64 * PG, MREMAP_MAYMOVE);
  say("mremap grow: %s, contents '%s' '%s', new tail zero %d\n", b == MAP_FAILED ? "failed" : "ok", b, b + PG,
      b[63 * PG] == 0);
  b[63 * PG] = 'e';
  char *c = mremap(b, 64 * PG, PG, 0);
  say("mremap shrink in place: same %d '%s', cut page faults %d\n", c == b, c, load_faults(b + 2 * PG));
  errno = 0;
  say("mremap grow without MAYMOVE next to a mapping: ");
  char *d = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  mprotect(d + PG, PG, PROT_READ);   /* two vmas: the first cannot grow into the second */
  char *e = mremap(d, PG, 2 * PG, 0);
  say("%s\n", e == MAP_FAILED ? errname(errno) : "grew?");
  errno = 0;
  say("mremap of unmapped memory: %s\n", mremap((void *)0x10000, PG, 2 * PG, MREMAP_MAYMOVE) == MAP_FAILED ? errname(errno) : "ok?");
  munmap(c, PG);
  munmap(d, 2 * PG);
}

static void test_madvise(void) {
  char *a = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  memset(a, 7, 4 * PG);
  say("madvise DONTNEED: %d, anon page zero again %d, others kept %d\n", madvise(a + PG, PG, MADV_DONTNEED), a[PG] == 0,
      a[0] == 7 && a[2 * PG] == 7);
  unsigned char vec[4];
  say("mincore: %d\n", mincore(a, 4 * PG, vec));
  munmap(a, 4 * PG);
  (void)sum;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGSEGV, &sa, NULL);
  test_anon();
  test_shared_fork();
  test_file_maps();
  test_mprotect();
  test_brk();
  test_stack();
  test_mremap();
  test_madvise();
  say("faults caught %d\ndone\n", faults);
  return 0;
}
