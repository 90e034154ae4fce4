/* status.c - how the program's end becomes discosim's exit status:
 * "exit N" exits N, "signal N" raises signal N, "segv" dereferences NULL,
 * "abort" calls abort(). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  if (argc < 2) return 0;
  printf("status: %s %s\n", argv[1], argc > 2 ? argv[2] : "");
  fflush(stdout);
  if (!strcmp(argv[1], "exit") && argc > 2) exit(atoi(argv[2]));
  if (!strcmp(argv[1], "signal") && argc > 2) raise(atoi(argv[2]));
  if (!strcmp(argv[1], "segv")) return *(volatile int *)0;
  if (!strcmp(argv[1], "abort")) abort();
  return 99;
}
