/* host_stubs.c - the kernel services fs/ uses, on a Linux host, so the very
 * same fs/ sources run in a test program (tests/guest/fs/ext2h.c).
 *
 *   spinlocks     real ones (atomic exchange + sched_yield): threads are CPUs
 *   sleep/wakeup  one global pthread mutex + condition variable (a wakeup
 *                 wakes every sleeper; sleepers re-check, as in the kernel)
 *   sleeplocks    as kern/sleeplock.c: a spinlock, a flag and sleep/wakeup
 *   pages         aligned_alloc; kmalloc = calloc (n <= PAGE_SIZE checked)
 *   disk 0        host_disk.c (apart: <unistd.h>'s sleep() is not wait.h's)
 *   time          a fixed epoch plus a counter: reproducible timestamps
 *   printk/panic  stderr; panic aborts (a test failure) */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kalloc.h"
#include "ktime.h"
#include "linux_n64.h"
#include "param.h"
#include "sleeplock.h"
#include "spinlock.h"
#include "uaccess.h"
#include "wait.h"

/* ---- threads as CPUs --------------------------------------------------- */
static _Thread_local int my_tid;
static int next_tid = 1;
static int tid(void) {
  if (!my_tid) my_tid = __atomic_fetch_add(&next_tid, 1, __ATOMIC_SEQ_CST);
  return my_tid;
}

void spin_init(struct spinlock *lk, const char *name) {
  lk->locked = 0;
  lk->cpu = -1;
  lk->name = name;
}
void spin_lock(struct spinlock *lk) {
  if (spin_holding(lk)) {
    fprintf(stderr, "spin_lock: %s already held\n", lk->name);
    abort();
  }
  while (__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE)) sched_yield();
  lk->cpu = tid();
}
void spin_unlock(struct spinlock *lk) {
  if (!spin_holding(lk)) {
    fprintf(stderr, "spin_unlock: %s not held\n", lk->name);
    abort();
  }
  lk->cpu = -1;
  __atomic_store_n(&lk->locked, 0, __ATOMIC_RELEASE);
}
bool spin_holding(struct spinlock *lk) {
  return __atomic_load_n(&lk->locked, __ATOMIC_RELAXED) && __atomic_load_n(&lk->cpu, __ATOMIC_RELAXED) == tid();
}
void push_off(void) {}
void pop_off(void) {}

static pthread_mutex_t chan_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t chan_cv = PTHREAD_COND_INITIALIZER;
void sleep(void *chan, struct spinlock *lk) {
  (void)chan;
  pthread_mutex_lock(&chan_mu);  /* before releasing lk: no lost wakeup */
  spin_unlock(lk);
  pthread_cond_wait(&chan_cv, &chan_mu);
  pthread_mutex_unlock(&chan_mu);
  spin_lock(lk);
}
void wakeup(void *chan) {
  (void)chan;
  pthread_mutex_lock(&chan_mu);
  pthread_cond_broadcast(&chan_cv);
  pthread_mutex_unlock(&chan_mu);
}

void sleeplock_init(struct sleeplock *sl, const char *name) {
  spin_init(&sl->lk, "sleeplock");
  sl->locked = false;
  sl->tid = 0;
  sl->name = name;
}
void sleep_lock(struct sleeplock *sl) {
  spin_lock(&sl->lk);
  if (sl->locked && sl->tid == tid()) {
    fprintf(stderr, "sleep_lock: %s: deadlock on a lock this thread holds\n", sl->name);
    abort();
  }
  while (sl->locked) sleep(sl, &sl->lk);
  sl->locked = true;
  sl->tid = tid();
  spin_unlock(&sl->lk);
}
void sleep_unlock(struct sleeplock *sl) {
  spin_lock(&sl->lk);
  sl->locked = false;
  sl->tid = 0;
  spin_unlock(&sl->lk);
  wakeup(sl);
}
bool sleep_holding(struct sleeplock *sl) {
  spin_lock(&sl->lk);
  bool r = sl->locked && sl->tid == tid();
  spin_unlock(&sl->lk);
  return r;
}

/* ---- memory ------------------------------------------------------------ */
void *page_alloc(void) {
  void *p = aligned_alloc(PAGE_SIZE, PAGE_SIZE);
  if (p) memset(p, 0, PAGE_SIZE);
  return p;
}
void page_free(void *kva) { free(kva); }
/* 2^order contiguous pages (the buffer cache's read-ahead bounce buffer). */
void *pages_alloc(unsigned order) { return aligned_alloc(PAGE_SIZE, (size_t)PAGE_SIZE << order); }
void pages_free(void *kva, unsigned order) {
  (void)order;
  free(kva);
}
bool kernel_quiet = true;   /* the kernel's "quiet": no mount message */
void *kmalloc(size_t n) {
  if (n > PAGE_SIZE) {
    fprintf(stderr, "kmalloc(%zu): more than a page\n", n);
    abort();
  }
  return calloc(1, n);
}
void kfree(void *p) { free(p); }

/* ---- time -------------------------------------------------------------- */
static u64 fake_ns;
u64 ktime_ns(void) { return __atomic_add_fetch(&fake_ns, 1000000ull, __ATOMIC_RELAXED); }
u64 ktime_epoch(void) { return 1700000000ull; }

/* ---- console and strings ----------------------------------------------- */
int printk(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vfprintf(stderr, fmt, ap);
  va_end(ap);
  return n;
}
void panic(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "dunix: panic: ");
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, "\n");
  va_end(ap);
  abort();
}
size_t strlcpy(char *dst, const char *src, size_t size) {
  size_t n = strlen(src);
  if (size) {
    size_t m = n < size - 1 ? n : size - 1;
    memcpy(dst, src, m);
    dst[m] = 0;
  }
  return n;
}

/* ---- user copies: the harness has no user space; "user" is host memory -- */
int copy_out_either(bool is_user, u64 dst, const void *src, size_t n) {
  (void)is_user;
  memcpy((void *)(uintptr_t)dst, src, n);
  return 0;
}
int copy_in_either(bool is_user, void *dst, u64 src, size_t n) {
  (void)is_user;
  memcpy(dst, (const void *)(uintptr_t)src, n);
  return 0;
}
int clear_user(uaddr_t dst, size_t n) {
  memset((void *)(uintptr_t)dst, 0, n);
  return 0;
}
