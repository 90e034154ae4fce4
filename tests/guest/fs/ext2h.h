/* ext2h.h - the pieces of the test harness shared between its files. */
#ifndef EXT2H_H
#define EXT2H_H
#include "fs.h"

struct dirent_rec {
  char name[NAME_MAX + 1];
  u32 ino;
  unsigned dtype;
};
struct dirlist {
  struct dirent_rec *e;
  size_t n, cap;
};

const char *errname(long r);
struct inode *lookup(const char *path, bool follow, int *err);  /* from the root */
int create(const char *path, u16 mode, u32 rdev, const char *target, struct inode **out);
int unlink_path(const char *path, bool dir);
int link_path(const char *old, const char *new);
int rename_path(const char *old, const char *new);
long read_all(struct inode *ip, char **out);
int list_dir(struct inode *dp, struct dirlist *l);  /* dp unlocked */

long dump_tree(const char *path, const char *hostdir);  /* tree.c */
long walk_tree(const char *path);
long stress(int nthreads, int iters);                   /* stress.c */
#endif
