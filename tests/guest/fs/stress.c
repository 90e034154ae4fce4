/* stress.c - threads as CPUs, hammering the file system at once:
 *
 *   own files   each thread rewrites, renames over, links and unlinks files
 *               in /stress/tN and moves a directory out to /stress/shared
 *               and back; at the end each file must hold what it last wrote
 *   chaos       every thread renames directories and files at random among
 *               /stress/shared/x0..x5 and inside one another (moves into a
 *               subtree must fail with EINVAL, nothing may deadlock), and
 *               looks up random paths
 *   flusher     bflush() runs concurrently, as the kernel's periodic one
 *
 * Then the test runs e2fsck on the image: link counts, "..", bitmaps. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ext2h.h"
#include "linux_n64.h"

static int nthreads, niters;
static volatile int done_threads;
static long failures;

static void pattern(char *d, size_t n, int t, int i) {
  for (size_t k = 0; k < n; k++) d[k] = (char)(t * 31 + i * 7 + k * 13);
}
static size_t pattern_len(int t, int i) { return 100 + (size_t)((t * 977 + i * 7919) % 9000); }

static void fail(const char *what, const char *path, long r) {
  fprintf(stderr, "stress: %s %s: %s\n", what, path, errname(r));
  __atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
}

static int put(const char *path, const char *d, size_t n) {
  struct inode *ip;
  int err = create(path, LINUX_S_IFREG | 0644, 0, NULL, &ip);
  if (err < 0) return err;
  ilock(ip);
  long w = inode_write(ip, false, (u64)(uintptr_t)d, 0, n);
  iunlockput(ip);
  return w == (long)n ? 0 : w < 0 ? (int)w : -LINUX_EIO;
}

static void *worker(void *arg) {
  int t = (int)(long)arg;
  unsigned seed = (unsigned)t * 7 + 1;
  char *d = malloc(10000), p1[256], p2[256];
  int last[5] = {-1, -1, -1, -1, -1};
  for (int i = 0; i < niters; i++) {
    int k = i % 5;
    size_t n = pattern_len(t, i);
    pattern(d, n, t, i);
    snprintf(p1, sizeof p1, "/stress/t%d/f%d", t, k);
    snprintf(p2, sizeof p2, "/stress/t%d/g%d", t, k);
    long r = put(p1, d, n);
    if (r < 0) fail("put", p1, r);
    if ((r = rename_path(p1, p2)) < 0) fail("rename", p1, r);
    else last[k] = i;
    snprintf(p1, sizeof p1, "/stress/t%d/h", t);
    if ((r = link_path(p2, p1)) < 0) fail("link", p2, r);
    if ((r = unlink_path(p1, false)) < 0) fail("unlink", p1, r);
    snprintf(p1, sizeof p1, "/stress/t%d/d", t);
    snprintf(p2, sizeof p2, "/stress/shared/d%d", t);
    if ((r = create(p1, LINUX_S_IFDIR | 0755, 0, NULL, NULL)) < 0) fail("mkdir", p1, r);
    if ((r = rename_path(p1, p2)) < 0) fail("rename dir", p1, r);
    if ((r = rename_path(p2, p1)) < 0) fail("rename dir back", p2, r);
    if ((r = unlink_path(p1, true)) < 0) fail("rmdir", p1, r);
    /* chaos: results unpredictable, only consistency matters */
    char a[256], b[256];
    int x = rand_r(&seed) % 6, y = rand_r(&seed) % 6, z = rand_r(&seed) % 3;
    snprintf(a, sizeof a, "/stress/shared/x%d", x);
    if (z == 0) snprintf(b, sizeof b, "/stress/shared/x%d/x%d", y, x);
    else if (z == 1) snprintf(b, sizeof b, "/stress/shared/x%d", y);
    else snprintf(b, sizeof b, "/stress/shared/x%d/f", y);
    if (rand_r(&seed) % 4 == 0) {
      create(a, LINUX_S_IFDIR | 0755, 0, NULL, NULL);
    } else if (rand_r(&seed) % 5 == 0) {
      put(b, d, 50);
    } else {
      rename_path(rand_r(&seed) % 2 ? a : b, rand_r(&seed) % 2 ? a : b);
      rename_path(b, a);
    }
    int err;
    struct inode *ip = lookup(b, true, &err);
    if (ip) iput(ip);
    snprintf(a, sizeof a, "/stress/t%d/g0", (t + 1) % nthreads);
    if ((ip = lookup(a, true, &err))) {
      char *c;
      if (read_all(ip, &c) >= 0) free(c);
      iput(ip);
    }
  }
  for (int k = 0; k < 5; k++) {  /* each file holds what this thread last wrote there */
    if (last[k] < 0) continue;
    snprintf(p2, sizeof p2, "/stress/t%d/g%d", t, k);
    int err;
    struct inode *ip = lookup(p2, true, &err);
    char *c = NULL;
    long n = ip ? read_all(ip, &c) : err;
    if (ip) iput(ip);
    pattern(d, pattern_len(t, last[k]), t, last[k]);
    if (n != (long)pattern_len(t, last[k]) || memcmp(c, d, (size_t)n)) fail("content", p2, n < 0 ? n : 0);
    free(c);
  }
  free(d);
  __atomic_add_fetch(&done_threads, 1, __ATOMIC_SEQ_CST);
  return NULL;
}

static void *flusher(void *arg) {
  (void)arg;
  while (__atomic_load_n(&done_threads, __ATOMIC_SEQ_CST) < nthreads) {
    long r = bflush(0);
    if (r < 0) fail("bflush", "", r);
  }
  return NULL;
}

long stress(int threads, int iters) {
  nthreads = threads;
  niters = iters;
  done_threads = 0;
  failures = 0;
  create("/stress", LINUX_S_IFDIR | 0755, 0, NULL, NULL);
  create("/stress/shared", LINUX_S_IFDIR | 0755, 0, NULL, NULL);
  for (int t = 0; t < threads; t++) {
    char p[64];
    snprintf(p, sizeof p, "/stress/t%d", t);
    create(p, LINUX_S_IFDIR | 0755, 0, NULL, NULL);
  }
  pthread_t th[64], fl;
  for (int t = 0; t < threads && t < 64; t++) pthread_create(&th[t], NULL, worker, (void *)(long)t);
  pthread_create(&fl, NULL, flusher, NULL);
  for (int t = 0; t < threads && t < 64; t++) pthread_join(th[t], NULL);
  pthread_join(fl, NULL);
  printf("  failures=%ld\n", failures);
  return failures;
}
