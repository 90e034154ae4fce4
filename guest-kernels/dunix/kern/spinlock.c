/* spinlock.c - spinlocks on LL/SC, and nested interrupt disabling.
 *
 * The lock word is taken with the compiler's atomic exchange, which clang
 * turns into an LL/SC loop on MIPS; the acquire/release orderings emit the
 * SYNC barriers the MIPS memory model needs. */
#include "hal.h"
#include "lib.h"
#include "spinlock.h"

/* Per-CPU interrupt-disable nesting; indexed by CPU id. */
static struct { int depth; bool was_on; } intr_nest[64];

void push_off(void) {
  bool on = hal_intr_get();
  hal_intr_off();
  unsigned c = hal_cpu_id();
  if (intr_nest[c].depth++ == 0) intr_nest[c].was_on = on;
}

void pop_off(void) {
  unsigned c = hal_cpu_id();
  kassert(!hal_intr_get());
  kassert(intr_nest[c].depth > 0);
  if (--intr_nest[c].depth == 0 && intr_nest[c].was_on) hal_intr_on();
}

void spin_init(struct spinlock *lk, const char *name) {
  lk->locked = 0;
  lk->cpu = -1;
  lk->name = name;
}

bool spin_holding(struct spinlock *lk) { return lk->locked && lk->cpu == (int)hal_cpu_id(); }

void spin_lock(struct spinlock *lk) {
  push_off();
  if (spin_holding(lk)) panic("spin_lock: %s already held", lk->name);
  while (__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE)) {
    while (__atomic_load_n(&lk->locked, __ATOMIC_RELAXED)) {
    }
  }
  lk->cpu = (int)hal_cpu_id();
}

void spin_unlock(struct spinlock *lk) {
  if (!spin_holding(lk)) panic("spin_unlock: %s not held", lk->name);
  lk->cpu = -1;
  __atomic_store_n(&lk->locked, 0, __ATOMIC_RELEASE);
  pop_off();
}

bool intr_saved_state(void) { return intr_nest[hal_cpu_id()].was_on; }
void intr_restore_saved_state(bool on) { intr_nest[hal_cpu_id()].was_on = on; }
