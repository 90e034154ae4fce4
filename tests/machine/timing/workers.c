/* workers.c - CPU 0 has other CPUs make memory references: each worker
 * spins on its own 128-byte mailbox (one L2 line, so its spinning hits in
 * its own cache and disturbs nobody) until CPU 0 posts a request. */
#include "timed.h"

#define MAX_CPUS 8
#define STACK_BYTES 8192

struct mailbox {
  volatile uint64_t seq;  /* CPU 0 bumps it to post a request */
  volatile uint64_t done; /* the worker copies seq here when finished */
  uint64_t op, addr, n, stride, phase;
  struct timed result;
} __attribute__((aligned(L2_LINE)));

static struct mailbox box[MAX_CPUS];
static uint8_t stacks[MAX_CPUS][STACK_BYTES] __attribute__((aligned(16)));

static struct timed perform(enum op op, volatile void *p, uint64_t n, uint64_t stride, uint64_t phase) {
  struct timed t = {0, 0};
  volatile uint64_t *q = (volatile uint64_t *)p;
  switch (op) {
    case OP_LOAD:
      for (uint64_t k = 0; k < n; ++k) (void)q[k * stride / 8];
      break;
    case OP_STORE:
      for (uint64_t k = 0; k < n; ++k) q[k * stride / 8] = k;
      break;
    case OP_TLOAD:
    case OP_TSTORE:
      /* Requests other CPUs made are at most a quantum (<= 1000 cycles in
       * this directory's machines) ahead of us in machine time; 4000 cycles
       * later the controllers they used are free again. */
      delay(2000);
      t = op == OP_TLOAD ? timed_loads(phase, p, n, stride) : timed_stores(phase, p, n, stride);
      break;
  }
  return t;
}

static void worker(unsigned me) {
  struct mailbox *b = &box[me];
  uint64_t seen = 0;
  for (;;) {
    while (b->seq == seen) {
    }
    seen = b->seq;
    b->result = perform((enum op)b->op, (volatile void *)(uintptr_t)b->addr, b->n, b->stride, b->phase);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    b->done = seen;
  }
}

void workers_start(void) {
  unsigned n = rt_num_cpus();
  for (unsigned c = 1; c < n && c < MAX_CPUS; ++c)
    if (rt_start_cpu(c, worker, stacks[c] + STACK_BYTES) != 0) {
      rt_printf("cannot start cpu %u\n", c);
      rt_exit(2);
    }
}

struct timed run_on(unsigned cpu, enum op op, volatile void *p, uint64_t n, uint64_t stride, uint64_t phase) {
  if (cpu == 0) return perform(op, p, n, stride, phase);
  struct mailbox *b = &box[cpu];
  b->op = op, b->addr = (uint64_t)(uintptr_t)p, b->n = n, b->stride = stride, b->phase = phase;
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
  uint64_t s = b->seq + 1;
  b->seq = s;
  while (b->done != s) {
  }
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
  return b->result;
}
