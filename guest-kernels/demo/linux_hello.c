/* linux_hello.c - the demo program for the guest kernel: an ordinary static
 * Linux program (glibc, Debian's mips64 cross compiler) that the quickstart
 * runs under dunix in four virtual machines of the Disco monitor.  It says
 * where it runs, forks a child that counts primes, and waits for it. */
#include <stdio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static int primes_below(int n) {
  int count = 0;
  for (int i = 2; i < n; i++) {
    int prime = 1;
    for (int d = 2; d * d <= i && prime; d++) prime = i % d != 0;
    count += prime;
  }
  return count;
}

int main(void) {
  struct utsname u;
  uname(&u);
  printf("hello from %s %s on %s, pid %d\n", u.sysname, u.release, u.machine, getpid());
  fflush(stdout);
  pid_t child = fork();
  if (child == 0) {
    printf("child %d: %d primes below 20000\n", getpid(), primes_below(20000));
    return 0;
  }
  int status;
  waitpid(child, &status, 0);
  printf("parent: child exited with %d\n", WEXITSTATUS(status));
  return 0;
}
