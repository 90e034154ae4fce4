/* memsys_user.c - the memory- and syscall-heavy benchmark as a static Linux
 * n64 program, for `discosim user` and qemu-mips64.
 * Usage: memsys-user [rounds].  Each round
 *   - walks a 16 MiB array with page, cache-line and word strides
 *     (soft-TLB misses, loads and stores of every width),
 *   - copies 1 MiB blocks with memcpy and compares them with memcmp,
 *   - makes 2,000 small write()s to /dev/null and passes 2,000 small
 *     messages through a pipe (write() then read()).
 * Prints a checksum (compared across simulators) and exits 0 only when every
 * system call returned what it should. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ARRAY_BYTES (16u << 20)
#define BLOCK_BYTES (1u << 20)
#define SMALL_IOS 2000u

static uint8_t array[ARRAY_BYTES];
static uint8_t copy[BLOCK_BYTES];

/* Touches the array at `stride`, writing a value derived from the index and
 * reading back its neighbour; returns a running sum of what was read. */
static uint64_t stride_walk(uint32_t stride, uint32_t salt) {
  uint64_t sum = 0;
  for (uint32_t i = 0; i + 8 <= ARRAY_BYTES; i += stride) {
    uint32_t *w = (uint32_t *)(array + i);
    *w = i ^ salt;
    sum += array[i + 5] + *(uint16_t *)(array + i + 6);
  }
  return sum;
}

static uint64_t copy_blocks(void) {
  uint64_t sum = 0;
  for (uint32_t off = 0; off < ARRAY_BYTES; off += BLOCK_BYTES) {
    memcpy(copy, array + off, BLOCK_BYTES);
    if (memcmp(copy, array + off, BLOCK_BYTES) != 0) return 0;
    sum += ((uint64_t *)copy)[off / BLOCK_BYTES];
  }
  return sum;
}

/* Returns the number of failed system calls. */
static unsigned small_ios(int null_fd, const int pipe_fd[2], uint64_t *sum) {
  unsigned failures = 0;
  char msg[32], got[32];
  for (uint32_t i = 0; i < SMALL_IOS; ++i) {
    int n = snprintf(msg, sizeof msg, "message %u\n", (unsigned)i);
    if (write(null_fd, msg, (size_t)n) != n) ++failures;
    if (write(pipe_fd[1], msg, (size_t)n) != n) ++failures;
    if (read(pipe_fd[0], got, (size_t)n) != n || memcmp(got, msg, (size_t)n) != 0) ++failures;
    *sum += (uint8_t)got[n - 2];
  }
  return failures;
}

int main(int argc, char **argv) {
  unsigned rounds = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 4;
  int null_fd = open("/dev/null", O_WRONLY);
  int pipe_fd[2];
  if (null_fd < 0 || pipe(pipe_fd) != 0) {
    fprintf(stderr, "memsys: cannot open /dev/null or make a pipe\n");
    return 2;
  }
  uint64_t sum = 0;
  unsigned failures = 0;
  for (unsigned r = 0; r < rounds; ++r) {
    sum += stride_walk(4096, r);
    sum += stride_walk(64, r * 3);
    sum += stride_walk(8, r * 7);
    sum += copy_blocks();
    failures += small_ios(null_fd, pipe_fd, &sum);
  }
  close(null_fd);
  close(pipe_fd[0]);
  close(pipe_fd[1]);
  printf("memsys rounds=%u sum=%016llx failures=%u\n", rounds, (unsigned long long)sum, failures);
  return failures == 0 ? 0 : 1;
}
