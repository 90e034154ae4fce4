/* compute_bare_tiny.c - one round of the bare-metal compute kernel, for the
 * quick smoke test (a separate file so its object gets its own name). */
#define BENCH_ROUNDS 1
#include "compute_bare.c"
