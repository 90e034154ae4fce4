/* threads.c - pthreads on the kernel's clone/futex/TLS: 8 threads created and
 * joined (join waits on the CLONE_CHILD_CLEARTID word the kernel clears and
 * wakes at thread exit), a mutex-protected counter, a condition-variable
 * queue between producers and consumers, a barrier, __thread variables
 * (glibc reads the thread pointer with RDHWR $29, which the kernel emulates),
 * a thread's return value, and a thread calling exit_group (exit()) while
 * the others block.
 *
 * usage: threads [NTHREADS]   (default 8).  Exits 0. */
#include "abi.h"
#include <pthread.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define MAXT 64
static int nthreads = 8;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static long counter;
static __thread long tls_value = 1000;
static __thread char tls_name[16];
static long tls_seen[MAXT];
static int tids_distinct[MAXT];
static pthread_barrier_t barrier;

static void *adder(void *arg) {
  long id = (long)arg;
  tls_value += id;                         /* each thread its own copy */
  snprintf(tls_name, sizeof tls_name, "t%ld", id);
  for (int i = 0; i < 20000; i++) {
    pthread_mutex_lock(&mu);
    counter++;
    pthread_mutex_unlock(&mu);
  }
  pthread_barrier_wait(&barrier);          /* everyone has written its TLS */
  tls_seen[id] = (tls_value == 1000 + id && strcmp(tls_name, "t") > 0 && atol(tls_name + 1) == id) ? 1 : 0;
  tids_distinct[id] = (int)syscall(SYS_gettid);
  return (void *)(id * id);
}

/* bounded queue */
#define QN 4
static int q[QN], qhead, qtail, qcount, produced_done;
static long consumed_sum;
static void *producer(void *arg) {
  long base = (long)arg;
  for (int i = 1; i <= 500; i++) {
    pthread_mutex_lock(&mu);
    while (qcount == QN) pthread_cond_wait(&cv, &mu);
    q[qtail] = base + i;
    qtail = (qtail + 1) % QN;
    qcount++;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
  }
  pthread_mutex_lock(&mu);
  produced_done++;
  pthread_cond_broadcast(&cv);
  pthread_mutex_unlock(&mu);
  return NULL;
}
static void *consumer(void *arg) {
  (void)arg;
  long sum = 0;
  for (;;) {
    pthread_mutex_lock(&mu);
    while (qcount == 0 && produced_done < nthreads / 2) pthread_cond_wait(&cv, &mu);
    if (qcount == 0) { pthread_mutex_unlock(&mu); break; }
    sum += q[qhead];
    qhead = (qhead + 1) % QN;
    qcount--;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
  }
  pthread_mutex_lock(&mu);
  consumed_sum += sum;
  pthread_mutex_unlock(&mu);
  return NULL;
}

static void *sleeper(void *arg) {
  (void)arg;
  pthread_mutex_lock(&mu);
  for (;;) pthread_cond_wait(&cv, &mu);    /* woken by broadcasts, never leaves */
  return NULL;
}
static void *late_exiter(void *arg) {
  (void)arg;
  usleep(30000);                           /* main has finished pthread_exit by now */
  exit(77);
}
static void *exiter(void *arg) {
  (void)arg;
  exit(77);                                /* exit_group from a thread: the process ends with 77 */
}

int main(int argc, char **argv) {
  if (argc > 1) nthreads = atoi(argv[1]);
  if (nthreads < 2 || nthreads > MAXT || nthreads % 2) return 2;
  pthread_t th[MAXT];
  pthread_barrier_init(&barrier, NULL, nthreads);
  for (long i = 0; i < nthreads; i++) pthread_create(&th[i], NULL, adder, (void *)i);
  long retsum = 0;
  for (int i = 0; i < nthreads; i++) {
    void *ret;
    pthread_join(th[i], &ret);
    retsum += (long)ret;
  }
  int ok = 0, distinct = 1;
  for (int i = 0; i < nthreads; i++) {
    ok += tls_seen[i];
    for (int j = 0; j < i; j++)
      if (tids_distinct[i] == tids_distinct[j]) distinct = 0;
    if (tids_distinct[i] == getpid()) distinct = 0;
  }
  say("threads %d: counter %ld (expect %d)\n", nthreads, counter, nthreads * 20000);
  say("return values sum %ld, TLS private in %d threads, main's TLS %ld, tids distinct %d\n", retsum, ok, tls_value,
      distinct);

  produced_done = 0;
  for (long i = 0; i < nthreads / 2; i++) pthread_create(&th[i], NULL, producer, (void *)(i * 1000));
  for (long i = nthreads / 2; i < nthreads; i++) pthread_create(&th[i], NULL, consumer, NULL);
  for (int i = 0; i < nthreads; i++) pthread_join(th[i], NULL);
  long expect = 0;
  for (long i = 0; i < nthreads / 2; i++) expect += 500 * i * 1000 + 500 * 501 / 2;
  say("condvar queue: consumed %ld expected %ld\n", consumed_sum, expect);

  /* exit_group from a thread while other threads sleep on a futex */
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    pthread_t a, b, c;
    pthread_create(&a, NULL, sleeper, NULL);
    pthread_create(&b, NULL, sleeper, NULL);
    usleep(20000);
    pthread_create(&c, NULL, exiter, NULL);
    pthread_join(a, NULL);
    _exit(1);
  }
  int st;
  waitpid(p, &st, 0);
  say("thread calling exit(77): %s\n", wstatus(st));
  /* a thread that only calls pthread_exit: the process lives on until main returns */
  pthread_t d;
  pthread_create(&d, NULL, (void *(*)(void *))pthread_exit, (void *)5);
  void *ret;
  pthread_join(d, &ret);
  say("pthread_exit value %ld\n", (long)ret);
  /* the main thread exits with pthread_exit while another thread finishes the process */
  p = fork();
  if (p == 0) {
    pthread_t e;
    pthread_create(&e, NULL, late_exiter, NULL);
    pthread_exit(NULL);
  }
  waitpid(p, &st, 0);
  say("main pthread_exit, other thread exit(77): %s\n", wstatus(st));
  return 0;
}
