/* files.c - the working directory and the files `--file` put there: reads
 * input.txt, lists data/ (sorted) with each file's size and first line,
 * writes out/result.txt and reads it back, and uses /tmp.  Run from the
 * directory that holds them (/work in the guest). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void show(const char *path) {
  struct stat st;
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    printf("%s: a directory\n", path);
    return;
  }
  FILE *f = fopen(path, "r");
  if (!f) {
    printf("%s: %s\n", path, strerror(errno));
    return;
  }
  char line[256] = "";
  if (!fgets(line, sizeof line, f)) line[0] = 0;
  line[strcspn(line, "\n")] = 0;
  fstat(fileno(f), &st);
  printf("%s: %lld bytes, first line \"%s\"\n", path, (long long)st.st_size, line);
  fclose(f);
}

int main(void) {
  show("input.txt");
  DIR *d = opendir("data");
  if (!d) {
    printf("data: %s\n", strerror(errno));
  } else {
    char *names[64];
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) && n < 64;)
      if (e->d_name[0] != '.') names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    for (int i = 0; i < n; i++) {
      char path[512];
      snprintf(path, sizeof path, "data/%s", names[i]);
      show(path);
    }
  }
  if (mkdir("out", 0755) != 0) printf("mkdir out: %s\n", strerror(errno));
  FILE *f = fopen("out/result.txt", "w");
  for (int i = 0; i < 1000; i++) fprintf(f, "line %d of the result\n", i);
  fclose(f);
  show("out/result.txt");
  int fd = open("/tmp/files-scratch", O_CREAT | O_RDWR | O_TRUNC, 0600);
  if (fd < 0 || write(fd, "scratch", 7) != 7 || lseek(fd, 0, SEEK_SET) != 0) printf("/tmp: %s\n", strerror(errno));
  char buf[8] = "";
  printf("/tmp read back %zd\n", read(fd, buf, sizeof buf));
  close(fd);
  printf("unlink %d\n", unlink("/tmp/files-scratch"));
  show("missing.txt");
  return 0;
}
