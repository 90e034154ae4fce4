/* signals.c - signal handlers: raise() with sigaction, a blocked signal
   delivered on unblock, SIGSEGV from a bad pointer escaped with siglongjmp,
   and an alternate signal stack. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static volatile int hits;
static sigjmp_buf env;

static void on_usr1(int sig) { hits += sig; }
static void on_segv(int sig, siginfo_t* info, void* uc) {
  (void)uc;
  printf("segv sig=%d addr=%p\n", sig, info->si_addr);
  siglongjmp(env, 1);
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_usr1;
  sigaction(SIGUSR1, &sa, NULL);
  raise(SIGUSR1);
  printf("after raise hits=%d\n", hits);

  sigset_t set, old;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigprocmask(SIG_BLOCK, &set, &old);
  raise(SIGUSR1);
  printf("blocked hits=%d\n", hits);
  sigprocmask(SIG_SETMASK, &old, NULL);
  printf("unblocked hits=%d\n", hits);

  static char altstack[65536];
  stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
  sigaltstack(&ss, NULL);
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigaction(SIGSEGV, &sa, NULL);
  for (int i = 0; i < 3; ++i) {
    if (sigsetjmp(env, 1) == 0) {
      volatile int* bad = (int*)(long)(0x10 + i * 0x1000);
      *bad = 1;
      printf("not reached\n");
    } else {
      printf("recovered %d\n", i);
    }
  }
  signal(SIGUSR2, SIG_IGN);
  raise(SIGUSR2);
  printf("ignored ok\n");
  return 0;
}
