/* work.c - a little of everything a real program does: a few MiB of heap
 * (demand paging), sorting, floating point, fork + pipe + wait, and threads
 * sharing a mutex (run with --cpus 2 as well as on one CPU). */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define N (1 << 20)
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long long total;

static int cmp(const void *a, const void *b) {
  unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
  return x < y ? -1 : x > y;
}

static void *worker(void *arg) {
  unsigned long long sum = 0;
  for (unsigned i = 0; i < 200000; i++) sum += (i ^ (unsigned)(unsigned long)arg) % 7;
  pthread_mutex_lock(&lock);
  total += sum;
  pthread_mutex_unlock(&lock);
  return 0;
}

int main(void) {
  unsigned *v = malloc(N * sizeof *v);
  unsigned x = 12345;
  for (unsigned i = 0; i < N; i++) v[i] = x = x * 1103515245 + 12345;
  qsort(v, N, sizeof *v, cmp);
  printf("sorted: first %u median %u last %u\n", v[0], v[N / 2], v[N - 1]);
  free(v);

  double s = 0;
  for (int i = 1; i <= 1000; i++) s += sqrt((double)i) / i + sin(i) * 1e-3;
  printf("float: %.12f\n", s);

  int fds[2];
  if (pipe(fds) != 0) return 1;
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    const char msg[] = "hello through a pipe";
    write(fds[1], msg, sizeof msg);
    _exit(42);
  }
  close(fds[1]);
  char buf[64] = "";
  ssize_t n = read(fds[0], buf, sizeof buf);
  int status = 0;
  waitpid(pid, &status, 0);
  printf("child: read %zd \"%s\", exit %d\n", n, buf, WEXITSTATUS(status));

  pthread_t t[4];
  for (long i = 0; i < 4; i++) pthread_create(&t[i], 0, worker, (void *)i);
  for (int i = 0; i < 4; i++) pthread_join(t[i], 0);
  printf("threads: total %llu\n", total);
  return 0;
}
