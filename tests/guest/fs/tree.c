/* tree.c - whole-tree commands of the harness: dump (copy a tree out of the
 * image to a host directory, for comparison with what the test expects) and
 * walk (read everything, for corrupt images: errors are counted, never
 * fatal; a directory is visited once, so a corrupt cycle ends). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ext2h.h"
#include "linux_n64.h"

static long dump_dir(const char *path, const char *hostdir) {
  int err;
  struct inode *dp = lookup(path, true, &err);
  if (!dp) return err;
  struct dirlist l = {0};
  long r = list_dir(dp, &l), count = 0;
  iput(dp);
  mkdir(hostdir, 0755);
  for (size_t i = 0; i < l.n && r >= 0; i++) {
    const char *name = l.e[i].name;
    if (!strcmp(name, ".") || !strcmp(name, "..")) continue;
    char child[4096], hchild[4096];
    snprintf(child, sizeof child, "%s/%s", strcmp(path, "/") ? path : "", name);
    snprintf(hchild, sizeof hchild, "%s/%s", hostdir, name);
    struct inode *ip = lookup(child, false, &err);
    if (!ip) {
      r = err;
      break;
    }
    ilock(ip);
    u32 mode = ip->mode, rdev = ip->rdev;
    char target[4096];
    long tl = (mode & LINUX_S_IFMT) == LINUX_S_IFLNK ? fs_readlink(ip, false, (u64)(uintptr_t)target, sizeof target - 1) : 0;
    iunlock(ip);
    count++;
    if ((mode & LINUX_S_IFMT) == LINUX_S_IFDIR) {
      iput(ip);
      long c = dump_dir(child, hchild);
      if (c < 0) r = c;
      else count += c;
      continue;
    }
    if ((mode & LINUX_S_IFMT) == LINUX_S_IFREG) {
      char *d;
      long n = read_all(ip, &d);
      if (n >= 0) {
        FILE *f = fopen(hchild, "wb");
        fwrite(d, 1, (size_t)n, f);
        fclose(f);
        free(d);
      } else {
        r = n;
      }
    } else if ((mode & LINUX_S_IFMT) == LINUX_S_IFLNK) {
      if (tl < 0) r = tl;
      else target[tl] = 0, symlink(target, hchild);
    } else {
      printf("  special %s %o %u\n", child, mode, rdev);
    }
    iput(ip);
  }
  free(l.e);
  return r < 0 ? r : count;
}

long dump_tree(const char *path, const char *hostdir) { return dump_dir(path, hostdir); }

/* Reads all of ip, 64 KiB at a time (its size may be absurd). */
static long read_discard(struct inode *ip) {
  static char buf[65536];
  long r = 0;
  ilock(ip);
  for (u64 off = 0; off < ip->size && off < (1ull << 30); off += sizeof buf)
    if ((r = inode_read(ip, false, (u64)(uintptr_t)buf, off, sizeof buf)) <= 0) break;
  iunlock(ip);
  return r;
}

static u32 seen[4096];
static size_t nseen;

static long walk_dir(const char *path, int depth) {
  int err;
  long errors = 0;
  struct inode *dp = lookup(path, false, &err);
  if (!dp) return 1;
  for (size_t i = 0; i < nseen; i++)
    if (seen[i] == dp->ino) {
      iput(dp);
      return 0;
    }
  if (nseen < 4096) seen[nseen++] = dp->ino;
  struct dirlist l = {0};
  if (list_dir(dp, &l) < 0) errors++;
  iput(dp);
  for (size_t i = 0; i < l.n && depth < 64; i++) {
    const char *name = l.e[i].name;
    if (!strcmp(name, ".") || !strcmp(name, "..") || strlen(path) + strlen(name) + 2 > 4000) continue;
    char child[4096];
    snprintf(child, sizeof child, "%s/%s", strcmp(path, "/") ? path : "", name);
    struct inode *ip = lookup(child, false, &err);
    if (!ip) {
      errors++;
      continue;
    }
    ilock(ip);
    u32 t = ip->mode & LINUX_S_IFMT;
    char buf[4096];
    if (t == LINUX_S_IFLNK && fs_readlink(ip, false, (u64)(uintptr_t)buf, sizeof buf) < 0) errors++;
    iunlock(ip);
    if (t == LINUX_S_IFREG) errors += read_discard(ip) < 0;
    iput(ip);
    if (t == LINUX_S_IFDIR) errors += walk_dir(child, depth + 1);
  }
  free(l.e);
  return errors;
}

long walk_tree(const char *path) {
  nseen = 0;
  long e = walk_dir(path, 0);
  printf("  errors=%ld\n", e);
  return 0;
}
