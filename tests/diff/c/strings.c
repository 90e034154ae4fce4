/* strings.c - C string handling: copies, searches, tokenising, formatting
   into buffers, case mapping and conversions, checked by printing. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  char buf[256];
  strcpy(buf, "The quick brown fox jumps over the lazy dog");
  printf("len=%zu\n", strlen(buf));
  printf("strchr=%s\n", strchr(buf, 'q'));
  printf("strrchr=%s\n", strrchr(buf, 'o'));
  printf("strstr=%s\n", strstr(buf, "fox"));
  printf("strcmp=%d %d %d\n", strcmp("abc", "abd") < 0, strcmp("b", "a") > 0, strcmp("x", "x"));
  printf("strncmp=%d\n", strncmp("abcdef", "abcxyz", 3));
  char copy[256];
  strncpy(copy, buf, sizeof copy);
  for (char* t = strtok(copy, " "); t; t = strtok(NULL, " ")) printf("[%s]", t);
  printf("\n");
  for (char* p = buf; *p; ++p) *p = (char)toupper((unsigned char)*p);
  printf("upper=%s\n", buf);
  memmove(buf + 4, buf, 10);
  buf[20] = 0;
  printf("memmove=%s\n", buf);
  char num[64];
  snprintf(num, sizeof num, "%d|%5d|%-5d|%05d|%x|%X|%o|%lld", -42, 42, 42, 42, 0xbeef, 0xbeef, 8, -1234567890123LL);
  printf("snprintf=%s\n", num);
  printf("strtol=%ld %ld %ld\n", strtol("12345", 0, 10), strtol("-0x1f", 0, 16), strtol("0777", 0, 0));
  printf("strtoul=%lu\n", strtoul("18446744073709551615", 0, 10));
  printf("atoi=%d\n", atoi("  -99xyz"));
  size_t n = strspn("aaabbbccc", "ab");
  printf("strspn=%zu strcspn=%zu\n", n, strcspn("hello, world", ",!"));
  char big[4096];
  memset(big, 'x', sizeof big - 1);
  big[sizeof big - 1] = 0;
  printf("big=%zu %d\n", strlen(big), memcmp(big, big + 1, 100));
  char* dup = strdup("duplicate me");
  printf("strdup=%s\n", dup);
  free(dup);
  unsigned h = 5381;
  for (int i = 0; i < 100000; ++i) {
    snprintf(num, sizeof num, "item-%d", i * 7919);
    for (char* p = num; *p; ++p) h = h * 33 + (unsigned char)*p;
  }
  printf("hash=%08x\n", h);
  return 0;
}
