/* abort_exit.c - death by signal: abort() raises SIGABRT with the default
   action, so the run ends with status 128 + 6 after flushing nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(void) {
  const char msg[] = "about to abort\n";
  write(1, msg, sizeof msg - 1);
  abort();
}
