/* wait.h - sleep and wakeup on a channel (any address), as in Unix v6/xv6.
 *
 * sleep(chan, lk): atomically releases lk and sleeps until wakeup(chan);
 * reacquires lk before returning.  The caller must re-check its condition in
 * a loop: wakeups may be spurious.  sleep_intr() also returns early, with
 * -LINUX_EINTR, when a signal is pending for the task; sleep() ignores signals
 * (use it only for short waits: disk I/O, locks).  The timeout variants take
 * an absolute deadline in nanoseconds of simulated time (0: none) and return
 * -LINUX_ETIMEDOUT when it passes.  wakeup(chan) wakes every sleeper on chan;
 * callable from interrupt handlers. */
#ifndef DUNIX_WAIT_H
#define DUNIX_WAIT_H

#include "spinlock.h"

void sleep(void *chan, struct spinlock *lk);
int sleep_intr(void *chan, struct spinlock *lk);
int sleep_until(void *chan, struct spinlock *lk, u64 deadline_ns, bool interruptible);
void wakeup(void *chan);

#endif
