/* futex.c - fast user-space locking: futex(2) with WAIT, WAKE, REQUEUE,
 * CMP_REQUEUE, WAKE_OP, WAIT_BITSET and WAKE_BITSET, and the futex work of
 * a task's exit (CLONE_CHILD_CLEARTID, the robust list).
 *
 * A waiter is a struct on its own kernel stack, listed in one of NBUCKET
 * hashed buckets under the key of the word it waits on:
 *   private (FUTEX_PRIVATE_FLAG, or a non-shared mapping): (vmspace, address)
 *   shared  (a MAP_SHARED mapping): (0, physical address of the word)
 * as Linux keys an anonymous private page by (mm, address) even without the
 * private flag.
 *
 * The check-and-sleep is atomic against a wake: the waiter pins the page,
 * takes the bucket lock, reads the word through its kernel address, and
 * sleeps on that lock (sleep_until releases it under sched_lock); a waker
 * changes the word first and then takes the same lock to wake.
 *
 * Locks: bucket->lock guards its list and each listed waiter's key, bucket
 * and woken fields.  A requeue holds both buckets' locks (lower address
 * first) and moves the waiter: a waiter sleeps only on the lock of the
 * bucket it is in (w.bucket), re-checking after each wakeup.  Order: bucket
 * locks before sched_lock. */
#include "kalloc.h"
#include "ktime.h"
#include "lib.h"
#include "linux_n64.h"
#include "signal.h"
#include "syscall.h"
#include "task.h"
#include "uaccess.h"
#include "vm.h"
#include "wait.h"

#define NBUCKET 64

struct futex_key { u64 space, addr; };
struct futex_bucket;
struct futex_waiter {
  struct futex_key key;
  u32 bitset;
  bool woken;
  struct futex_bucket *bucket;
  struct futex_waiter *next, **pprev;
};
struct futex_bucket {
  struct spinlock lock;
  struct futex_waiter *head;
};
static struct futex_bucket buckets[NBUCKET] = {[0 ... NBUCKET - 1] = {.lock = SPINLOCK_INIT("futex")}};

static bool key_eq(const struct futex_key *a, const struct futex_key *b) {
  return a->space == b->space && a->addr == b->addr;
}
static struct futex_bucket *bucket_of(const struct futex_key *k) {
  u64 h = (k->space ^ k->addr) * 0x9e3779b97f4a7c15ull;
  return &buckets[h >> 58];
}

/* ---- keys ------------------------------------------------------------------ */
/* The key of the word at uaddr.  If page is not NULL, the word's page is
 * faulted in (for writing if `write`, else preferably so: that breaks a
 * copy-on-write share now rather than under a waiter) and returned with a
 * reference (page_free it).  Without a page, a private key needs no fault. */
static int futex_key(uaddr_t uaddr, bool private, bool write, struct futex_key *key, void **page) {
  struct vmspace *vm = current->vm;
  if ((uaddr & 3) || uaddr >= USER_TOP) return -LINUX_EINVAL;
  if (!vm) return -LINUX_EFAULT;
  *key = (struct futex_key){(u64)(uintptr_t)vm, uaddr};
  if (private && !page) return 0;
  u64 va = uaddr & ~(u64)(PAGE_SIZE - 1);
  for (int tries = 0; tries < 4; tries++) {
    void *in = vm_user_page(vm, va, true);   /* fault it in; the reference is not kept */
    if (!in && !write) in = vm_user_page(vm, va, false);
    if (!in) return -LINUX_EFAULT;
    page_free(in);
    sleep_lock(&vm->lock);
    struct vma *v = vm_find(vm, uaddr);
    u64 *pte = pt_walk(vm->pgd, va, false);
    bool ok = v && pte && (*pte & PTE_PRESENT) && (!write || (*pte & PTE_D));
    if (ok) {
      void *kva = P2V(PTE_PA(*pte));
      if (!private && (v->flags & VMA_SHARED)) *key = (struct futex_key){0, V2P(kva) + (uaddr & (PAGE_SIZE - 1))};
      if (page) page_ref(kva), *page = kva;
    }
    sleep_unlock(&vm->lock);
    if (ok) return 0;   /* else unmapped again meanwhile: retry */
  }
  return -LINUX_EFAULT;
}

static u32 *word_at(void *page, uaddr_t uaddr) { return (u32 *)((char *)page + (uaddr & (PAGE_SIZE - 1))); }

/* The key alone: a non-private key must look at the mapping (and its page). */
static int futex_key_only(uaddr_t uaddr, bool private, struct futex_key *key) {
  void *page = NULL;
  int r = futex_key(uaddr, private, false, key, private ? NULL : &page);
  if (page) page_free(page);
  return r;
}

/* ---- bucket lists (bucket lock held) ----------------------------------------- */
static void enqueue(struct futex_bucket *b, struct futex_waiter *w) {
  w->bucket = b;
  w->next = b->head;
  if (b->head) b->head->pprev = &w->next;
  w->pprev = &b->head;
  b->head = w;
}
static void unlink_waiter(struct futex_waiter *w) {
  *w->pprev = w->next;
  if (w->next) w->next->pprev = w->pprev;
  w->next = NULL, w->pprev = NULL;
}
/* After this store the waiter may return and its frame vanish: touch it no more. */
static void wake_waiter(struct futex_waiter *w) {
  unlink_waiter(w);
  __atomic_store_n(&w->woken, true, __ATOMIC_RELEASE);
  wakeup(w);
}

/* Wakes waiters on key whose bitset meets `bitset`: up to n, and at least
 * one if any (Linux's count check comes after the first wake). */
static int wake_key(struct futex_bucket *b, const struct futex_key *key, int n, u32 bitset) {
  int woken = 0;
  for (struct futex_waiter *w = b->head, *next; w; w = next) {
    next = w->next;
    if (!key_eq(&w->key, key) || !(w->bitset & bitset)) continue;
    wake_waiter(w);
    if (++woken >= n) break;
  }
  return woken;
}

static void lock_two(struct futex_bucket *a, struct futex_bucket *b) {
  if (a == b) {
    spin_lock(&a->lock);
  } else {
    spin_lock(a < b ? &a->lock : &b->lock);
    spin_lock(a < b ? &b->lock : &a->lock);
  }
}
static void unlock_two(struct futex_bucket *a, struct futex_bucket *b) {
  if (a != b) spin_unlock(&b->lock);
  spin_unlock(&a->lock);
}

/* Locks the bucket w is listed in now (it moves only under that lock). */
static struct futex_bucket *lock_waiter_bucket(struct futex_waiter *w) {
  for (;;) {
    struct futex_bucket *b = __atomic_load_n(&w->bucket, __ATOMIC_ACQUIRE);
    spin_lock(&b->lock);
    if (w->bucket == b || __atomic_load_n(&w->woken, __ATOMIC_ACQUIRE)) return b;
    spin_unlock(&b->lock);
  }
}

/* ---- the operations ---------------------------------------------------------- */
/* Sleeps while the word at uaddr holds val, until a wake that matches bitset,
 * the deadline (ns since boot; 0: none) or a signal. */
static long futex_wait(uaddr_t uaddr, bool private, u32 val, u64 deadline, u32 bitset) {
  struct futex_waiter w = {.bitset = bitset};
  void *page;
  int r = futex_key(uaddr, private, false, &w.key, &page);
  if (r < 0) return r;
  struct futex_bucket *b = bucket_of(&w.key);
  spin_lock(&b->lock);
  u32 cur = __atomic_load_n(word_at(page, uaddr), __ATOMIC_SEQ_CST);
  if (cur != val) {
    spin_unlock(&b->lock);
    page_free(page);
    return -LINUX_EAGAIN;
  }
  enqueue(b, &w);
  page_free(page);   /* the key holds the address, not the page */
  r = 0;
  for (;;) {
    if (__atomic_load_n(&w.woken, __ATOMIC_ACQUIRE)) break;
    if (w.bucket != b) {   /* requeued meanwhile */
      spin_unlock(&b->lock);
      b = lock_waiter_bucket(&w);
      continue;
    }
    r = sleep_until(&w, &b->lock, deadline, true);
    if (r < 0 && w.bucket != b && !__atomic_load_n(&w.woken, __ATOMIC_ACQUIRE)) {
      spin_unlock(&b->lock);
      b = lock_waiter_bucket(&w);
    }
    if (r < 0) break;
  }
  bool woken = __atomic_load_n(&w.woken, __ATOMIC_ACQUIRE);
  if (!woken) unlink_waiter(&w);
  spin_unlock(&b->lock);
  if (woken) return 0;
  if (r == -LINUX_ETIMEDOUT) return -LINUX_ETIMEDOUT;
  /* a signal: restart (no handler) or EINTR; a timed wait restarts with its
   * whole relative timeout, where Linux keeps the time left */
  return deadline ? -ERESTARTNOHAND : -ERESTARTSYS;
}

static long futex_wake(uaddr_t uaddr, bool private, int n, u32 bitset) {
  struct futex_key key;
  int r = futex_key_only(uaddr, private, &key);
  if (r < 0) return r;
  struct futex_bucket *b = bucket_of(&key);
  spin_lock(&b->lock);
  int woken = wake_key(b, &key, n, bitset);
  spin_unlock(&b->lock);
  return woken;
}

/* REQUEUE and CMP_REQUEUE (cmp: the word at uaddr must hold val3): wakes up
 * to nwake waiters on uaddr and moves up to nmove others to uaddr2. */
static long futex_requeue(uaddr_t uaddr, uaddr_t uaddr2, bool private, int nwake, int nmove, bool cmp, u32 val3) {
  if (nwake < 0 || nmove < 0) return -LINUX_EINVAL;
  struct futex_key k1, k2;
  void *page = NULL;
  int r = futex_key_only(uaddr2, private, &k2);
  if (r == 0) r = cmp ? futex_key(uaddr, private, false, &k1, &page) : futex_key_only(uaddr, private, &k1);
  if (r < 0) return r;
  struct futex_bucket *b1 = bucket_of(&k1), *b2 = bucket_of(&k2);
  lock_two(b1, b2);
  long done = 0;
  if (cmp && __atomic_load_n(word_at(page, uaddr), __ATOMIC_SEQ_CST) != val3) {
    done = -LINUX_EAGAIN;
  } else {
    int woken = 0, moved = 0;
    for (struct futex_waiter *w = b1->head, *next; w; w = next) {
      next = w->next;
      if (!key_eq(&w->key, &k1)) continue;
      if (woken < nwake) {
        wake_waiter(w), woken++;
      } else if (moved < nmove) {
        unlink_waiter(w);
        w->key = k2;
        enqueue(b2, w);
        moved++;
      } else {
        break;
      }
    }
    done = woken + moved;
  }
  unlock_two(b1, b2);
  if (page) page_free(page);
  return done;
}

/* WAKE_OP: atomically applies op to the word at uaddr2, wakes up to n1
 * waiters on uaddr, and up to n2 on uaddr2 if the old value passes the
 * comparison encoded in op. */
static long futex_wake_op(uaddr_t uaddr, uaddr_t uaddr2, bool private, int n1, int n2, u32 op) {
  int kind = (op >> 28) & 0xF, cmpop = (op >> 24) & 0xF;
  i32 oparg = (i32)(op << 8) >> 20, cmparg = (i32)(op << 20) >> 20;   /* 12-bit signed fields */
  if (kind & LINUX_FUTEX_OP_OPARG_SHIFT) oparg = (i32)(1u << (oparg & 31)), kind &= ~LINUX_FUTEX_OP_OPARG_SHIFT;
  if (kind > LINUX_FUTEX_OP_XOR || cmpop > LINUX_FUTEX_OP_CMP_GE) return -LINUX_ENOSYS;
  struct futex_key k1, k2;
  void *page2;
  int r = futex_key_only(uaddr, private, &k1);
  if (r < 0) return r;
  if ((r = futex_key(uaddr2, private, true, &k2, &page2)) < 0) return r;
  struct futex_bucket *b1 = bucket_of(&k1), *b2 = bucket_of(&k2);
  lock_two(b1, b2);
  u32 *word = word_at(page2, uaddr2), arg = (u32)oparg;
  u32 old;
  switch (kind) {
    case LINUX_FUTEX_OP_SET: old = __atomic_exchange_n(word, arg, __ATOMIC_SEQ_CST); break;
    case LINUX_FUTEX_OP_ADD: old = __atomic_fetch_add(word, arg, __ATOMIC_SEQ_CST); break;
    case LINUX_FUTEX_OP_OR: old = __atomic_fetch_or(word, arg, __ATOMIC_SEQ_CST); break;
    case LINUX_FUTEX_OP_ANDN: old = __atomic_fetch_and(word, ~arg, __ATOMIC_SEQ_CST); break;
    default: old = __atomic_fetch_xor(word, arg, __ATOMIC_SEQ_CST); break;
  }
  i32 o = (i32)old;
  bool pass = cmpop == LINUX_FUTEX_OP_CMP_EQ ? o == cmparg : cmpop == LINUX_FUTEX_OP_CMP_NE ? o != cmparg
            : cmpop == LINUX_FUTEX_OP_CMP_LT ? o < cmparg : cmpop == LINUX_FUTEX_OP_CMP_LE ? o <= cmparg
            : cmpop == LINUX_FUTEX_OP_CMP_GT ? o > cmparg : o >= cmparg;
  long woken = wake_key(b1, &k1, n1, LINUX_FUTEX_BITSET_MATCH_ANY);
  if (pass) woken += wake_key(b2, &k2, n2, LINUX_FUTEX_BITSET_MATCH_ANY);
  unlock_two(b1, b2);
  page_free(page2);
  return woken;
}

/* futex(uaddr, op, val, timeout or val2, uaddr2, val3). */
SYSCALL(futex) {
  uaddr_t uaddr = arg[0], uaddr2 = arg[4];
  int cmd = (int)(arg[1] & LINUX_FUTEX_CMD_MASK);
  bool private = arg[1] & LINUX_FUTEX_PRIVATE_FLAG, realtime = arg[1] & LINUX_FUTEX_CLOCK_REALTIME;
  u32 val = (u32)arg[2], val3 = (u32)arg[5];
  int val2 = (int)(u32)arg[3];
  if (realtime && cmd != LINUX_FUTEX_WAIT && cmd != LINUX_FUTEX_WAIT_BITSET) return -LINUX_ENOSYS;
  switch (cmd) {
    case LINUX_FUTEX_WAIT:
    case LINUX_FUTEX_WAIT_BITSET: {
      u32 bitset = cmd == LINUX_FUTEX_WAIT ? LINUX_FUTEX_BITSET_MATCH_ANY : val3;
      if (!bitset) return -LINUX_EINVAL;
      u64 deadline = 0, t;
      if (arg[3]) {
        int r = timespec_get(arg[3], &t);
        if (r < 0) return r;
        u64 now = ktime_ns(), epoch = ktime_epoch() * 1000000000ull;
        if (cmd == LINUX_FUTEX_WAIT) deadline = now + t;           /* relative */
        else if (realtime) deadline = t > epoch ? t - epoch : 1;   /* absolute */
        else deadline = t;
        if (!deadline) deadline = 1;
      }
      return futex_wait(uaddr, private, val, deadline, bitset);
    }
    case LINUX_FUTEX_WAKE: return futex_wake(uaddr, private, (int)val, LINUX_FUTEX_BITSET_MATCH_ANY);
    case LINUX_FUTEX_WAKE_BITSET:
      if (!val3) return -LINUX_EINVAL;
      return futex_wake(uaddr, private, (int)val, val3);
    case LINUX_FUTEX_REQUEUE: return futex_requeue(uaddr, uaddr2, private, (int)val, val2, false, 0);
    case LINUX_FUTEX_CMP_REQUEUE: return futex_requeue(uaddr, uaddr2, private, (int)val, val2, true, val3);
    case LINUX_FUTEX_WAKE_OP: return futex_wake_op(uaddr, uaddr2, private, (int)val, val2, val3);
    default: return -LINUX_ENOSYS;   /* the PI operations */
  }
}

/* ---- exit ---------------------------------------------------------------------- */
/* A robust futex held by the dying task t: mark it OWNER_DIED (keeping
 * WAITERS) and wake one waiter.  Returns false if the word is unreadable. */
static bool robust_release(struct task *t, uaddr_t uaddr) {
  void *page;
  struct futex_key key;
  if (futex_key(uaddr, false, true, &key, &page) < 0) return false;
  u32 *word = word_at(page, uaddr);
  u32 old = __atomic_load_n(word, __ATOMIC_SEQ_CST);
  bool wake = false;
  while ((old & LINUX_FUTEX_TID_MASK) == (u32)t->tid) {
    u32 nv = (old & LINUX_FUTEX_WAITERS) | LINUX_FUTEX_OWNER_DIED;
    if (__atomic_compare_exchange_n(word, &old, nv, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
      wake = old & LINUX_FUTEX_WAITERS;
      break;
    }
  }
  page_free(page);
  if (wake) futex_wake(uaddr, false, 1, LINUX_FUTEX_BITSET_MATCH_ANY);
  return true;
}

/* Walks t's robust list (set_robust_list): entries are user pointers to a
 * `next` field, bit 0 flagging a PI futex; the word is at entry +
 * futex_offset.  At most ROBUST_LIST_LIMIT entries; stops at a bad pointer. */
static void robust_list_exit(struct task *t) {
  uaddr_t head = t->robust_list;
  u64 h[3];   /* list.next, futex_offset, list_op_pending */
  _Static_assert(LINUX_ROBUST_LIST_HEAD_SIZE == sizeof h && LINUX_ROBUST_LIST_HEAD_OFF_LIST_OP_PENDING == 16, "robust head");
  if (!head || copy_from_user(h, head, sizeof h) < 0) return;
  i64 offset = (i64)h[1];
  uaddr_t pending = h[2] & ~1ull, entry = h[0] & ~1ull;
  for (int n = 0; entry != head && n < LINUX_ROBUST_LIST_LIMIT; n++) {
    u64 next;
    if (copy_from_user(&next, entry, 8) < 0) break;
    if (entry != pending && !robust_release(t, entry + (u64)offset)) break;
    entry = next & ~1ull;
  }
  if (pending) robust_release(t, pending + (u64)offset);
}

void futex_exit_task(struct task *t) {
  if (t != current || !t->vm) return;
  /* only a task sharing its address space has anyone to tell (as Linux) */
  if (t->clear_child_tid && __atomic_load_n(&t->vm->ref, __ATOMIC_RELAXED) > 1) {
    u32 zero = 0;
    if (copy_to_user(t->clear_child_tid, &zero, 4) == 0)
      futex_wake(t->clear_child_tid, false, 1, LINUX_FUTEX_BITSET_MATCH_ANY);
  }
  t->clear_child_tid = 0;
  robust_list_exit(t);
  t->robust_list = 0;
}
