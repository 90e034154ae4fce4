/* spinlock.h - mutual exclusion between CPUs, on LL/SC (kern/spinlock.c).
 *
 * Holding a spinlock disables interrupts on this CPU (push_off/pop_off nest,
 * as in xv6), so an interrupt handler never spins on a lock its own CPU holds.
 * Never sleep while holding a spinlock. */
#ifndef DUNIX_SPINLOCK_H
#define DUNIX_SPINLOCK_H

#include "types.h"

struct spinlock {
  volatile u32 locked;
  int cpu;           /* holder, for debugging and holding() */
  const char *name;
};

#define SPINLOCK_INIT(n) {.locked = 0, .cpu = -1, .name = (n)}

void spin_init(struct spinlock *lk, const char *name);
void spin_lock(struct spinlock *lk);
void spin_unlock(struct spinlock *lk);
bool spin_holding(struct spinlock *lk);

/* Interrupts off, nesting: the outermost pop_off restores the state the
 * outermost push_off found. */
void push_off(void);
void pop_off(void);
/* The interrupt state the outermost push_off saved: a context switch carries
 * it across to the next task (kern/sched.c), as xv6 does with intena. */
bool intr_saved_state(void);
void intr_restore_saved_state(bool on);

#endif
