/* compute_bare.c - the compute benchmark as a bare-metal kernel for the
 * freestanding runtime: `discosim run configs/demo.toml compute.elf`, or on
 * QEMU Malta when linked with platform_malta.  The size is fixed at build
 * time (BENCH_ROUNDS); the kernel prints its results and exits 0 only when
 * the self-checks pass. */
#include "compute_core.h"
#include "rt.h"

#ifndef BENCH_ROUNDS
#define BENCH_ROUNDS 12
#endif

int main(void) {
  struct compute_result r;
  compute_run(BENCH_ROUNDS, &r);
  rt_printf("compute rounds=%u crc=%08x matsum=%016llx primes=%u sorted=%u sortsum=%016llx hash=%016llx\n",
            (unsigned)BENCH_ROUNDS, (unsigned)r.crc, (unsigned long long)r.matsum, (unsigned)r.primes,
            (unsigned)r.sorted, (unsigned long long)r.sortsum, (unsigned long long)r.hash);
  return r.primes == COMPUTE_PRIMES_BELOW_LIMIT && r.sorted ? 0 : 1;
}
