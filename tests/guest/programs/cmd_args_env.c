/* args_env.c - `discosim guest` hands init its arguments and environment:
 * prints argc, argv[1..] and the variables named on its command line, then
 * exits with N when an argument is "exit=N". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  int status = 0;
  printf("argc %d\n", argc);
  for (int i = 1; i < argc; i++) {
    printf("argv[%d] \"%s\"\n", i, argv[i]);
    if (!strncmp(argv[i], "exit=", 5)) status = atoi(argv[i] + 5);
  }
  const char *names[] = {"HOME", "PATH", "GUEST_VAR", "EMPTY_VAR"};
  for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
    const char *v = getenv(names[i]);
    printf("%s %s%s%s\n", names[i], v ? "\"" : "", v ? v : "(unset)", v ? "\"" : "");
  }
  return status;
}
