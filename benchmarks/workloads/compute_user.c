/* compute_user.c - the compute benchmark as a static Linux n64 program
 * (mips64-linux-gnuabi64-gcc -static -O2), for `discosim user` and
 * qemu-mips64.  Usage: compute-user [rounds]; prints the results and exits 0
 * only when the self-checks pass. */
#include <stdio.h>
#include <stdlib.h>

#include "compute_core.h"

int main(int argc, char **argv) {
  unsigned rounds = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 12;
  struct compute_result r;
  compute_run(rounds, &r);
  printf("compute rounds=%u crc=%08x matsum=%016llx primes=%u sorted=%u sortsum=%016llx hash=%016llx\n",
         rounds, (unsigned)r.crc, (unsigned long long)r.matsum, (unsigned)r.primes, (unsigned)r.sorted,
         (unsigned long long)r.sortsum, (unsigned long long)r.hash);
  return r.primes == COMPUTE_PRIMES_BELOW_LIMIT && r.sorted ? 0 : 1;
}
