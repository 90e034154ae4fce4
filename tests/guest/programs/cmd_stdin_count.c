/* stdin_count.c - standard input reaches end of file: counts the bytes and
 * lines it reads until read() returns 0 and prints each line upper-cased. */
#include <ctype.h>
#include <stdio.h>

int main(void) {
  long bytes = 0, lines = 0;
  int c, at_start = 1;
  while ((c = getchar()) != EOF) {
    bytes++;
    if (at_start) fputs("> ", stdout);
    putchar(toupper(c));
    at_start = c == '\n';
    lines += at_start;
  }
  if (!at_start) putchar('\n');
  printf("%ld bytes, %ld lines, then end of file\n", bytes, lines);
  return 0;
}
