/* user_prog.c - a static Linux n64 program for debugging a user program
 * under the dunix guest kernel (tests/debug/gdb_guest_test.py): a few system
 * calls and a function to break in. */
#include <stdio.h>
#include <unistd.h>

__attribute__((noinline)) int user_work(int n) {
  int s = 0;
  for (int i = 0; i < n; ++i) s += i;
  return s;
}

int main(void) {
  printf("user program pid %d: %d\n", (int)getpid(), user_work(10));
  return 0;
}
