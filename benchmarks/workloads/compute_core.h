/* compute_core.h - the integer compute workload shared by the bare-metal
 * kernel (compute_bare.c) and the Linux user program (compute_user.c).
 * Pure C on <stdint.h>: no library calls, so both builds run the same
 * algorithm and differ only in compiler and start-up code. */
#ifndef BENCH_COMPUTE_CORE_H
#define BENCH_COMPUTE_CORE_H

#include <stdint.h>

/* Per-kernel results of one compute_run(), printed by the caller.  Each
 * field has an independent check: `primes` is pi(kSieveLimit) = 78498,
 * `sorted` is 1 when the sort left its keys in order, and the checksums
 * must be identical on every simulator (compared with QEMU). */
struct compute_result {
  uint32_t crc;       /* CRC-32 (bitwise, reflected 0xEDB88320) of the buffer */
  uint64_t matsum;    /* sum of all elements of the integer matrix product */
  uint32_t primes;    /* primes below kSieveLimit, last round */
  uint32_t sorted;    /* 1 when quicksort's output is non-decreasing */
  uint64_t sortsum;   /* position-weighted sum of the sorted keys */
  uint64_t hash;      /* FNV-1a over the buffer, all rounds folded */
};

#define COMPUTE_SIEVE_LIMIT 1000000u
#define COMPUTE_PRIMES_BELOW_LIMIT 78498u /* pi(10^6) */

/* Runs `rounds` rounds of CRC, matrix multiply, sieve, sort and hashing.
 * Work grows linearly with `rounds`; one round is about 70 million
 * MIPS instructions. */
void compute_run(unsigned rounds, struct compute_result *out);

#endif
