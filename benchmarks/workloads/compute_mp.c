/* compute_mp.c - the compute benchmark on every CPU of a multiprocessor (at
 * most MP_SLOTS): CPU 0 starts the others through the boot protocol
 * (sim/devices/cpu_control.h, as guest-kernels/demo/mp_hello.c does), and
 * each CPU runs compute_run() on its own code and data - the build compiles
 * compute_core.c once per slot, as compute_run_0 .. compute_run_7, so every
 * slot has its own static arrays.  The last CPU to finish checks that all
 * CPUs got the same results, prints them exactly as compute_bare.c does (so
 * the output can be compared with a one-CPU run on QEMU) and exits 0 only
 * if they agree and pass the self-checks.  The others write sim-control
 * IDLE with interrupts off and stop using cycles.  On a one-CPU board (QEMU
 * Malta) CPU 0 does everything alone. */
#include "compute_core.h"
#include "rt.h"

#ifndef BENCH_ROUNDS
#define BENCH_ROUNDS 2
#endif
#define MP_SLOTS 8
#define STACK_BYTES 16384
#define SIMCTL_IDLE (*(volatile uint64_t *)0xFFFFFFFFBF000038ull) /* sim/devices/sim_control.h */

typedef void (*compute_fn)(unsigned rounds, struct compute_result *out);
void compute_run_0(unsigned, struct compute_result *);
void compute_run_1(unsigned, struct compute_result *);
void compute_run_2(unsigned, struct compute_result *);
void compute_run_3(unsigned, struct compute_result *);
void compute_run_4(unsigned, struct compute_result *);
void compute_run_5(unsigned, struct compute_result *);
void compute_run_6(unsigned, struct compute_result *);
void compute_run_7(unsigned, struct compute_result *);
static const compute_fn slot_fn[MP_SLOTS] = {compute_run_0, compute_run_1, compute_run_2, compute_run_3,
                                             compute_run_4, compute_run_5, compute_run_6, compute_run_7};

/* One L2 line (128 bytes) per CPU's result, so writing it shares nothing. */
static struct {
  struct compute_result r;
} __attribute__((aligned(128))) results[MP_SLOTS];
static uint8_t stacks[MP_SLOTS][STACK_BYTES] __attribute__((aligned(16)));
static unsigned ncpus;
static volatile unsigned finished;

static int same(const struct compute_result *a, const struct compute_result *b) {
  return a->crc == b->crc && a->matsum == b->matsum && a->primes == b->primes && a->sorted == b->sorted &&
         a->sortsum == b->sortsum && a->hash == b->hash;
}

static void report_and_exit(void) {
  const struct compute_result *r = &results[0].r;
  for (unsigned c = 1; c < ncpus; ++c)
    if (!same(&results[c].r, r)) {
      rt_printf("compute-mp: cpu %u disagrees with cpu 0\n", c);
      rt_exit(1);
    }
  rt_printf("compute rounds=%u crc=%08x matsum=%016llx primes=%u sorted=%u sortsum=%016llx hash=%016llx\n",
            (unsigned)BENCH_ROUNDS, (unsigned)r->crc, (unsigned long long)r->matsum, (unsigned)r->primes,
            (unsigned)r->sorted, (unsigned long long)r->sortsum, (unsigned long long)r->hash);
  rt_exit(r->primes == COMPUTE_PRIMES_BELOW_LIMIT && r->sorted ? 0 : 1);
}

static void work(unsigned me) {
  slot_fn[me](BENCH_ROUNDS, &results[me].r);
  if (__atomic_add_fetch(&finished, 1, __ATOMIC_SEQ_CST) == ncpus) report_and_exit();
  for (;;) SIMCTL_IDLE = 1; /* interrupts are off: idle until the run ends */
}

int main(void) {
  unsigned n = rt_num_cpus();
  ncpus = n < MP_SLOTS ? n : MP_SLOTS;
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
  for (unsigned c = 1; c < ncpus; ++c)
    if (rt_start_cpu(c, work, stacks[c] + STACK_BYTES) != 0) {
      rt_printf("compute-mp: cannot start cpu %u\n", c);
      return 1;
    }
  work(0);
  return 1; /* not reached: work() exits or idles */
}
