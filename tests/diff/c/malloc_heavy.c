/* malloc_heavy.c - many small and large allocations (brk and mmap paths of
   glibc malloc), realloc growth and shrink, frees in scrambled order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node {
  struct node* next;
  unsigned long value;
  char pad[40];
};

int main(void) {
  struct node* head = NULL;
  for (unsigned long i = 0; i < 50000; ++i) {
    struct node* n = malloc(sizeof *n);
    if (!n) return 1;
    n->value = i * 2654435761u;
    n->next = head;
    head = n;
  }
  unsigned long sum = 0, count = 0;
  while (head) {
    struct node* n = head;
    head = n->next;
    sum += n->value;
    ++count;
    free(n);
  }
  printf("list count=%lu sum=%lu\n", count, sum);

  enum { K = 64 };
  char* big[K];
  for (int i = 0; i < K; ++i) {
    size_t sz = (size_t)(i + 1) * 37 * 1024;  // crosses the 128 KiB mmap threshold
    big[i] = malloc(sz);
    memset(big[i], i, sz);
  }
  unsigned long check = 0;
  for (int i = 0; i < K; ++i) check += (unsigned char)big[i][(size_t)(i + 1) * 37 * 1024 - 1] * (unsigned long)(i + 1);
  for (int i = 0; i < K; i += 2) free(big[i]);
  for (int i = 1; i < K; i += 2) free(big[i]);
  printf("big check=%lu\n", check);

  char* r = NULL;
  size_t cap = 0;
  for (int i = 0; i < 2000; ++i) {
    cap += 1000;
    r = realloc(r, cap);
    r[cap - 1] = (char)i;
  }
  r = realloc(r, 10);
  printf("realloc ok=%d\n", r != NULL);
  free(r);

  void* blocks[1000];
  for (int round = 0; round < 20; ++round) {
    for (int i = 0; i < 1000; ++i) blocks[i] = calloc(1, (size_t)((i * 7 + round) % 500 + 1));
    for (int i = 0; i < 1000; ++i) free(blocks[(i * 389) % 1000]);
  }
  printf("rounds done\n");
  return 0;
}
