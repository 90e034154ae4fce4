/* args_env.c - argv, envp and the auxiliary vector as a program sees them;
   exits with a status computed from the arguments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

static int cmp(const void* a, const void* b) { return strcmp(*(char* const*)a, *(char* const*)b); }

int main(int argc, char** argv, char** envp) {
  printf("argc=%d\n", argc);
  for (int i = 1; i < argc; ++i) printf("argv[%d]=[%s]\n", i, argv[i]);
  int n = 0;
  for (char** e = envp; *e; ++e) ++n;
  printf("envc=%d\n", n);
  /* sorted: QEMU hands the environment over in reverse order */
  char* sorted[64];
  int m = 0;
  for (char** e = envp; *e && m < 64; ++e) sorted[m++] = *e;
  qsort(sorted, m, sizeof sorted[0], cmp);
  for (int i = 0; i < m; ++i) printf("env %s\n", sorted[i]);
  const char* path = getenv("PATH");
  printf("PATH=%s\n", path ? path : "(unset)");
  printf("pagesz=%lu\n", getauxval(AT_PAGESZ));
  printf("random=%d\n", getauxval(AT_RANDOM) != 0);
  printf("phent=%lu\n", getauxval(AT_PHENT));
  return argc + 10;
}
