/* sleeplock.c - locks held across sleeps. */
#include "sleeplock.h"
#include "task.h"
#include "wait.h"

void sleeplock_init(struct sleeplock *sl, const char *name) {
  spin_init(&sl->lk, name);
  sl->locked = false;
  sl->tid = 0;
  sl->name = name;
}

void sleep_lock(struct sleeplock *sl) {
  spin_lock(&sl->lk);
  while (sl->locked) sleep(sl, &sl->lk);
  sl->locked = true;
  sl->tid = current ? current->tid : 0;
  spin_unlock(&sl->lk);
}

void sleep_unlock(struct sleeplock *sl) {
  spin_lock(&sl->lk);
  sl->locked = false;
  sl->tid = 0;
  wakeup(sl);
  spin_unlock(&sl->lk);
}

bool sleep_holding(struct sleeplock *sl) {
  spin_lock(&sl->lk);
  bool r = sl->locked && sl->tid == (current ? current->tid : 0);
  spin_unlock(&sl->lk);
  return r;
}
