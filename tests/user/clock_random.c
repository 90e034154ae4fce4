/* clock_random.c - prints everything a run could take from the host's
   clocks or entropy: two clock readings around some work, time(),
   gettimeofday, getrandom bytes, pid and a malloc'd address.  Under
   `discosim user` two runs must print the same bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  struct timespec a, b, r;
  clock_gettime(CLOCK_MONOTONIC, &a);
  volatile unsigned long x = 0;
  for (unsigned long i = 0; i < 200000; ++i) x += i * i;
  clock_gettime(CLOCK_MONOTONIC, &b);
  clock_gettime(CLOCK_REALTIME, &r);
  struct timeval tv;
  gettimeofday(&tv, NULL);
  printf("mono %lld.%09ld -> %lld.%09ld\n", (long long)a.tv_sec, a.tv_nsec, (long long)b.tv_sec, b.tv_nsec);
  printf("real %lld.%09ld time %lld tv %lld.%06ld\n", (long long)r.tv_sec, r.tv_nsec, (long long)time(NULL),
         (long long)tv.tv_sec, (long)tv.tv_usec);
  unsigned char rnd[16];
  getrandom(rnd, sizeof rnd, 0);
  for (int i = 0; i < 16; ++i) printf("%02x", rnd[i]);
  printf("\npid %d ppid %d uid %d heap %p stack %p\n", getpid(), getppid(), getuid(), malloc(100), (void*)&a);
  printf("x %lu\n", x);
  return 0;
}
