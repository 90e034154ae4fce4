/* sort.c - qsort and bsearch over integers, doubles and strings with a
   deterministic generator; prints checksums and samples. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long state = 88172645463325252ULL;
static unsigned long long next(void) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}
static int cmp_int(const void* a, const void* b) {
  long x = *(const long*)a, y = *(const long*)b;
  return (x > y) - (x < y);
}
static int cmp_dbl(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return (x > y) - (x < y);
}
static int cmp_str(const void* a, const void* b) { return strcmp(*(char* const*)a, *(char* const*)b); }

int main(void) {
  enum { N = 20000 };
  static long v[N];
  static double d[N];
  for (int i = 0; i < N; ++i) v[i] = (long)(next() % 1000000) - 500000, d[i] = (double)(next() % 1000003) / 7.0;
  qsort(v, N, sizeof v[0], cmp_int);
  qsort(d, N, sizeof d[0], cmp_dbl);
  int sorted = 1;
  for (int i = 1; i < N; ++i) sorted &= v[i - 1] <= v[i] && d[i - 1] <= d[i];
  printf("sorted=%d min=%ld max=%ld median=%ld\n", sorted, v[0], v[N - 1], v[N / 2]);
  printf("dmin=%.6f dmax=%.6f\n", d[0], d[N - 1]);
  long key = v[1234];
  long* hit = bsearch(&key, v, N, sizeof v[0], cmp_int);
  printf("bsearch=%d\n", hit && *hit == key);
  static char words[2000][16];
  static char* ptrs[2000];
  for (int i = 0; i < 2000; ++i) {
    int len = 3 + (int)(next() % 10);
    for (int k = 0; k < len; ++k) words[i][k] = (char)('a' + next() % 26);
    words[i][len] = 0;
    ptrs[i] = words[i];
  }
  qsort(ptrs, 2000, sizeof ptrs[0], cmp_str);
  for (int i = 0; i < 2000; i += 250) printf("%s ", ptrs[i]);
  printf("\n");
  unsigned long long sum = 0;
  for (int i = 0; i < N; ++i) sum = sum * 31 + (unsigned long long)v[i];
  printf("checksum=%llx\n", sum);
  return 0;
}
