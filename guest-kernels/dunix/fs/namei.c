/* namei.c - path lookup: "a/b/../c" from a starting directory or the root,
 * with ".", ".." (the directory's own ".." entry; the root's is itself) and
 * symbolic links.
 *
 * One inode is locked at a time (never a directory and its child together),
 * so lookups cannot deadlock with each other or with the name-space
 * operations.  A symbolic link met on the way is replaced by its target: the
 * unwalked rest of the path is appended to the target in a MAXPATH buffer and
 * the walk goes on from the link's directory (or the root).  More than
 * MAX_SYMLINKS links in one lookup is -ELOOP.  No permission checks: the
 * kernel has no credentials here (-EACCES is never returned). */
#include "ext2.h"
#include "kalloc.h"
#include "lib.h"
#include "linux_n64.h"
#include "param.h"

#define MAX_SYMLINKS 40

/* Copies the next component of *path into elem and advances past it and the
 * slashes after it.  Returns its length (0 at the end) or -ENAMETOOLONG. */
static int next_elem(const char **path, char *elem) {
  const char *p = *path;
  while (*p == '/') p++;
  const char *s = p;
  while (*p && *p != '/') p++;
  size_t len = (size_t)(p - s);
  if (len > NAME_MAX) return -LINUX_ENAMETOOLONG;
  memcpy(elem, s, len);
  elem[len] = 0;
  while (*p == '/') p++;
  *path = p;
  return (int)len;
}

/* Replaces the walk's path with the link's target, followed by "/" and the
 * unwalked rest if there is one (in buf, MAXPATH).  ip is the link, locked. */
static int splice_link(struct inode *ip, char *buf, const char *rest) {
  size_t restlen = strlen(rest);
  if (ip->size == 0) return -LINUX_ENOENT;
  if (ip->size + 1 + restlen + 1 > MAXPATH) return -LINUX_ENAMETOOLONG;
  memmove(buf + ip->size + 1, rest, restlen + 1);  /* rest lies within buf */
  long n = fs_readlink(ip, false, (u64)(uintptr_t)buf, ip->size);
  if (n < 0) return (int)n;
  if ((u64)n != ip->size) return -LINUX_EIO;
  if (restlen) buf[n] = '/';
  else buf[n] = 0;
  return 0;
}

/* The walk.  With parent, stops before the last component (copied to name)
 * and returns its directory.  Returns a referenced, unlocked, valid inode, or
 * NULL with *err. */
static struct inode *walk(struct inode *start, const char *path, bool follow, bool parent, char *name, int *err) {
  char *buf = kmalloc(MAXPATH), *elem = kmalloc(NAME_MAX + 1);
  struct inode *cur = NULL;
  int links = 0;
  bool must_dir = false;  /* the path ended in "/" */
  *err = 0;
  if (!buf || !elem) {
    *err = -LINUX_ENOMEM;
    goto done;
  }
  if (strnlen(path, MAXPATH) >= MAXPATH) {
    *err = -LINUX_ENAMETOOLONG;
    goto done;
  }
  if (path[0] == 0) {
    *err = -LINUX_ENOENT;
    goto done;
  }
  strlcpy(buf, path, MAXPATH);
  const char *p = buf;
  cur = buf[0] == '/' ? fs_root() : idup(start);
  for (;;) {
    int len = next_elem(&p, elem);
    if (len < 0) {
      *err = len;
      break;
    }
    ilock(cur);
    if ((*err = ext2_inode_ok(cur)) == 0 && len > 0 && (cur->mode & LINUX_S_IFMT) != LINUX_S_IFDIR)
      *err = -LINUX_ENOTDIR;
    if (*err || len == 0) {  /* the end: cur is the answer (now valid) */
      if (!*err && must_dir && (cur->mode & LINUX_S_IFMT) != LINUX_S_IFDIR) *err = -LINUX_ENOTDIR;
      iunlock(cur);
      if (parent && !*err) *err = -LINUX_EINVAL;  /* "/" or "" has no last component */
      break;
    }
    bool last = *p == 0;
    if (last && p > buf && p[-1] == '/') must_dir = true;
    if (parent && last) {
      iunlock(cur);
      strlcpy(name, elem, NAME_MAX + 1);
      goto done;
    }
    u32 ino;
    *err = dir_lookup(cur, elem, &ino);
    iunlock(cur);
    struct inode *next = *err ? NULL : ext2_iget(ino, err);
    if (!next) break;
    ilock(next);
    bool is_link = (next->mode & LINUX_S_IFMT) == LINUX_S_IFLNK;
    if (is_link && (!last || follow || must_dir)) {
      if (++links > MAX_SYMLINKS) *err = -LINUX_ELOOP;
      else *err = splice_link(next, buf, p);
      bool absolute = buf[0] == '/';
      iunlockput(next);
      if (*err) break;
      p = buf;
      if (absolute) {
        iput(cur);
        cur = fs_root();
      }
      continue;
    }
    iunlock(next);
    iput(cur);
    cur = next;
  }
  if (*err && cur) {
    iput(cur);
    cur = NULL;
  }
done:
  kfree(buf);
  kfree(elem);
  return cur;
}

struct inode *namei(struct inode *start, const char *path, bool follow, int *err) {
  return walk(start, path, follow, false, NULL, err);
}

struct inode *namei_parent(struct inode *start, const char *path, char *name, int *err) {
  return walk(start, path, false, true, name, err);
}
