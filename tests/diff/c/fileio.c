/* fileio.c - file I/O in a temporary directory: create, write, read back,
   seek, stat, rename, list, append with stdio and raw descriptors, remove. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void* a, const void* b) { return strcmp(*(char* const*)a, *(char* const*)b); }

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  const char* dir = argv[1];
  if (chdir(dir) != 0) { perror("chdir"); return 3; }
  if (mkdir("sub", 0755) != 0) { perror("mkdir"); return 4; }
  FILE* f = fopen("sub/data.txt", "w");
  for (int i = 0; i < 1000; ++i) fprintf(f, "line %d: %d\n", i, i * i);
  fclose(f);
  struct stat st;
  stat("sub/data.txt", &st);
  printf("size=%lld regular=%d\n", (long long)st.st_size, S_ISREG(st.st_mode));
  f = fopen("sub/data.txt", "r");
  char line[128];
  long total = 0;
  int lines = 0;
  while (fgets(line, sizeof line, f)) total += strlen(line), ++lines;
  printf("lines=%d bytes=%ld\n", lines, total);
  fseek(f, -12, SEEK_END);
  size_t n = fread(line, 1, 11, f);
  line[n] = 0;
  printf("tail=[%s] pos=%ld\n", line, ftell(f));
  fclose(f);
  int fd = open("raw.bin", O_CREAT | O_WRONLY | O_TRUNC, 0644);
  unsigned char bytes[300];
  for (int i = 0; i < 300; ++i) bytes[i] = (unsigned char)(i * 13);
  printf("write=%zd\n", write(fd, bytes, sizeof bytes));
  close(fd);
  fd = open("raw.bin", O_RDWR | O_APPEND);
  write(fd, "END", 3);
  printf("lseek=%lld\n", (long long)lseek(fd, 0, SEEK_END));
  unsigned char back[8];
  printf("pread=%zd first=%d,%d\n", pread(fd, back, 8, 100), back[0], back[7]);
  close(fd);
  printf("rename=%d\n", rename("raw.bin", "sub/moved.bin"));
  printf("access=%d %d\n", access("sub/moved.bin", R_OK), access("raw.bin", F_OK));
  DIR* d = opendir("sub");
  char* names[16];
  int count = 0;
  struct dirent* e;
  while ((e = readdir(d)) && count < 16)
    if (e->d_name[0] != '.') names[count++] = strdup(e->d_name);
  closedir(d);
  qsort(names, count, sizeof names[0], cmp);
  for (int i = 0; i < count; ++i) printf("entry %s\n", names[i]);
  printf("unlink=%d %d\n", unlink("sub/data.txt"), unlink("sub/moved.bin"));
  printf("rmdir=%d\n", rmdir("sub"));
  printf("missing=%d\n", open("no/such/file", O_RDONLY) < 0);
  return 0;
}
