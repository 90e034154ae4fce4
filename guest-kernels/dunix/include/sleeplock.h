/* sleeplock.h - a lock held across sleeps (disk I/O, inodes): a waiter
 * sleeps instead of spinning.  Only in task context (kern/sleeplock.c). */
#ifndef DUNIX_SLEEPLOCK_H
#define DUNIX_SLEEPLOCK_H

#include "spinlock.h"

struct sleeplock {
  struct spinlock lk;  /* protects the fields below */
  bool locked;
  int tid;             /* holder */
  const char *name;
};

void sleeplock_init(struct sleeplock *sl, const char *name);
void sleep_lock(struct sleeplock *sl);
void sleep_unlock(struct sleeplock *sl);
bool sleep_holding(struct sleeplock *sl);

#endif
