/* compute_mp_tiny.c - one round per CPU of the multiprocessor compute
 * kernel, for the smoke test (a separate file so its object gets its own name). */
#define BENCH_ROUNDS 1
#include "compute_mp.c"
