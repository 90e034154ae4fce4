/* spinlock.c - spinlocks on LL/SC, and nested interrupt disabling.
 *
 * The lock word is taken with the compiler's atomic exchange, which clang
 * turns into an LL/SC loop on MIPS; the acquire/release orderings emit the
 * SYNC barriers the MIPS memory model needs. */
#include "hal.h"
#include "lib.h"
#include "spinlock.h"
#include "task.h"

/* Interrupt-disable nesting lives in the CPU's struct cpu (hal_this_cpu()
 * is set before the first lock on each CPU: kern/main.c). */
void push_off(void) {
  bool on = hal_intr_get();
  hal_intr_off();
  struct cpu *c = hal_this_cpu();
  if (c->intr_depth++ == 0) c->intr_was_on = on;
}

void pop_off(void) {
  struct cpu *c = hal_this_cpu();
  if (hal_intr_get() || c->intr_depth <= 0) panic("pop_off: interrupts on or not pushed");
  if (--c->intr_depth == 0 && c->intr_was_on) hal_intr_on();
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

bool intr_saved_state(void) { return hal_this_cpu()->intr_was_on; }
void intr_restore_saved_state(bool on) { hal_this_cpu()->intr_was_on = on; }
