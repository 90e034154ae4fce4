/* compute_core.c - integer kernels of the compute benchmark: a bitwise
 * CRC-32, a 64x64 integer matrix product, a sieve of Eratosthenes, a
 * recursive quicksort and FNV-1a hashing, each over data from a xorshift
 * generator so that every run is the same.  Exercises ALU, shifts,
 * multiplies, branches, calls and loads/stores of every width. */
#include "compute_core.h"

#define BUF_BYTES (64u * 1024u)
#define MAT_N 64u
#define SORT_KEYS 50000u

static uint8_t buf[BUF_BYTES];
static uint32_t mat_a[MAT_N * MAT_N], mat_b[MAT_N * MAT_N];
static uint8_t composite[COMPUTE_SIEVE_LIMIT];
static uint32_t keys[SORT_KEYS];

static uint64_t xorshift64(uint64_t *s) {
  uint64_t x = *s;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return *s = x;
}

static uint32_t crc32_bitwise(const uint8_t *p, uint32_t n) {
  uint32_t crc = 0xFFFFFFFFu;
  for (uint32_t i = 0; i < n; ++i) {
    crc ^= p[i];
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

static uint64_t matmul_sum(void) {
  uint64_t sum = 0;
  for (uint32_t i = 0; i < MAT_N; ++i)
    for (uint32_t j = 0; j < MAT_N; ++j) {
      uint32_t acc = 0;
      for (uint32_t k = 0; k < MAT_N; ++k) acc += mat_a[i * MAT_N + k] * mat_b[k * MAT_N + j];
      sum += acc;
    }
  return sum;
}

static uint32_t sieve(void) {
  uint32_t count = 0;
  for (uint32_t i = 0; i < COMPUTE_SIEVE_LIMIT; ++i) composite[i] = 0;
  for (uint32_t i = 2; i < COMPUTE_SIEVE_LIMIT; ++i) {
    if (composite[i]) continue;
    ++count;
    for (uint32_t j = i * 2; j < COMPUTE_SIEVE_LIMIT; j += i) composite[j] = 1;
  }
  return count;
}

static void quicksort(uint32_t *a, int lo, int hi) {
  while (lo < hi) {
    uint32_t pivot = a[lo + (hi - lo) / 2];
    int i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) ++i;
      while (a[j] > pivot) --j;
      if (i <= j) {
        uint32_t t = a[i];
        a[i] = a[j], a[j] = t;
        ++i, --j;
      }
    }
    /* Recurse into the smaller part, loop on the larger: bounded stack. */
    if (j - lo < hi - i) {
      quicksort(a, lo, j);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j;
    }
  }
}

static uint64_t fnv1a(const uint8_t *p, uint32_t n, uint64_t h) {
  for (uint32_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x100000001B3ull;
  return h;
}

void compute_run(unsigned rounds, struct compute_result *out) {
  uint64_t seed = 0x9E3779B97F4A7C15ull;
  out->crc = 0, out->matsum = 0, out->primes = 0, out->sorted = 1, out->sortsum = 0;
  out->hash = 0xCBF29CE484222325ull;
  for (unsigned r = 0; r < rounds; ++r) {
    for (uint32_t i = 0; i < BUF_BYTES; i += 8) {
      uint64_t v = xorshift64(&seed);
      for (int k = 0; k < 8; ++k) buf[i + k] = (uint8_t)(v >> (8 * k));
    }
    out->crc ^= crc32_bitwise(buf, BUF_BYTES);
    for (uint32_t i = 0; i < MAT_N * MAT_N; ++i) {
      mat_a[i] = (uint32_t)xorshift64(&seed);
      mat_b[i] = (uint32_t)(xorshift64(&seed) >> 32);
    }
    out->matsum += matmul_sum();
    out->primes = sieve();
    for (uint32_t i = 0; i < SORT_KEYS; ++i) keys[i] = (uint32_t)xorshift64(&seed);
    quicksort(keys, 0, SORT_KEYS - 1);
    for (uint32_t i = 0; i < SORT_KEYS; ++i) {
      if (i && keys[i - 1] > keys[i]) out->sorted = 0;
      out->sortsum += (uint64_t)keys[i] * (i + 1);
    }
    out->hash = fnv1a(buf, BUF_BYTES, out->hash);
  }
}
