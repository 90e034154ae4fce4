/* ext2_rename.c - rename(2) with POSIX semantics.
 *
 * One rename at a time (ext2.rename_lock, as Linux's s_vfs_rename_mutex): so
 * no directory changes parent while we look, and the ancestor tests made
 * before locking stay true.  Then the locks are taken in the file system's
 * order (ext2_inode.c): of the two directories the ancestor first (either
 * first if unrelated: only a rename locks two unrelated directories), then
 * the source, then the target.  Path lookup holds one inode at a time, so it
 * cannot deadlock against us.  The names are looked up again once the
 * directories are locked; if a concurrent unlink/create changed them we let
 * go and start over.
 *
 *   source a directory, target inside it          -EINVAL
 *   target a directory that contains the source   -ENOTEMPTY (as Linux)
 *   target and source the same inode              nothing, 0
 *   moving a directory to a new parent            its ".." repointed, the
 *                                                 parents' nlink moved */
#include "ext2.h"
#include "lib.h"
#include "linux_n64.h"

#define MAX_DEPTH 65536  /* bounds the walk up through a corrupt ".." cycle */

/* 1 if directory inode `anc` is dir or one of its ancestors, 0 if not, or
 * -errno.  Locks one directory at a time; rename_lock held. */
static int is_ancestor(u32 anc, struct inode *dir) {
  struct inode *cur = idup(dir);
  for (int steps = 0; steps < MAX_DEPTH; steps++) {
    if (cur->ino == anc || cur->ino == ROOT_INO) {
      bool hit = cur->ino == anc;
      iput(cur);
      return hit;
    }
    u32 parent;
    ilock(cur);
    int r = ext2_inode_ok(cur);
    if (r == 0) r = dir_lookup(cur, "..", &parent);
    iunlock(cur);
    iput(cur);
    if (r < 0 || !(cur = ext2_iget(parent, &r))) return r;
  }
  return ext2_corrupt("\"..\" chain does not reach the root", dir->ino, 0);
}

/* Looks name up in dp, locking dp: *ino and *mode of what it names. */
static int peek(struct inode *dp, const char *name, u32 *ino, struct inode **ipp, u16 *mode) {
  ilock(dp);
  int r = ext2_inode_ok(dp);
  if (r == 0 && dp->nlink == 0) r = -LINUX_ENOENT;
  if (r == 0) r = dir_lookup(dp, name, ino);
  iunlock(dp);
  if (r < 0) return r;
  if (!(*ipp = ext2_iget(*ino, &r))) return r;
  ilock(*ipp);
  r = ext2_inode_ok(*ipp);
  *mode = (*ipp)->mode;
  iunlock(*ipp);
  return r;
}

/* Is name in dp (locked) still `ino` (0: still absent)? */
static bool still(struct inode *dp, const char *name, u32 ino) {
  u32 now = 0;
  int r = dir_lookup(dp, name, &now);
  return ino ? r == 0 && now == ino : r == -LINUX_ENOENT;
}

/* Does the locked part of the rename: both directories, src and dst locked. */
static int do_rename(struct inode *olddp, const char *oldname, struct inode *newdp, const char *newname,
                     struct inode *src, struct inode *dst) {
  bool sdir = (src->mode & LINUX_S_IFMT) == LINUX_S_IFDIR;
  bool ddir = dst && (dst->mode & LINUX_S_IFMT) == LINUX_S_IFDIR;
  if (olddp->nlink == 0 || newdp->nlink == 0) return -LINUX_ENOENT;
  if (ddir) {
    int e = ext2_dir_empty(dst);
    if (e <= 0) return e == 0 ? -LINUX_ENOTEMPTY : e;
  }
  if (sdir && olddp != newdp && !ddir && newdp->nlink >= EXT2_LINK_MAX) return -LINUX_EMLINK;
  int r = dst ? ext2_dir_set(newdp, newname, src->ino, src->mode) : ext2_dir_add(newdp, newname, src->ino, src->mode);
  if (r < 0) return r;
  if ((r = ext2_dir_remove(olddp, oldname)) < 0) return r;
  u32 now = ext2_now();
  if (dst) {
    if (ddir) {
      dst->nlink = 0;
      newdp->nlink--;  /* dst's ".." */
    } else {
      dst->nlink--;
    }
    dst->ctime = now;
    inode_update(dst);
  }
  if (sdir && olddp != newdp) {
    if ((r = ext2_dir_set(src, "..", newdp->ino, newdp->mode)) < 0) return r;
    olddp->nlink--;
    newdp->nlink++;
  }
  src->ctime = now;
  inode_update(src);
  inode_update(olddp);
  if (newdp != olddp) inode_update(newdp);
  return 0;
}

int fs_rename(struct inode *olddp, const char *oldname, struct inode *newdp, const char *newname) {
  if (ext2.readonly) return -LINUX_EROFS;
  if (olddp->dev != newdp->dev) return -LINUX_EXDEV;
  int r = ext2_name_check(oldname);
  if (r == 0) r = ext2_name_check(newname);
  if (r < 0) return r;
  if (!strcmp(oldname, ".") || !strcmp(oldname, "..") || !strcmp(newname, ".") || !strcmp(newname, ".."))
    return -LINUX_EINVAL;
  sleep_lock(&ext2.rename_lock);
  for (;;) {
    struct inode *src = NULL, *dst = NULL;
    u32 sino, dino = 0;
    u16 smode, dmode = 0;
    if ((r = peek(olddp, oldname, &sino, &src, &smode)) < 0) goto out;
    r = peek(newdp, newname, &dino, &dst, &dmode);
    if (r == -LINUX_ENOENT && !dst) r = 0, dino = 0;
    if (r < 0) goto out;
    if (dino == sino) goto out;  /* the same file: nothing to do */
    bool sdir = (smode & LINUX_S_IFMT) == LINUX_S_IFDIR, ddir = dst && (dmode & LINUX_S_IFMT) == LINUX_S_IFDIR;
    if (dst && sdir && !ddir) r = -LINUX_ENOTDIR;
    else if (dst && !sdir && ddir) r = -LINUX_EISDIR;
    else if (sdir && (r = is_ancestor(sino, newdp)) == 1) r = -LINUX_EINVAL;
    else if (r == 0 && ddir && (r = is_ancestor(dino, olddp)) == 1) r = -LINUX_ENOTEMPTY;
    if (r < 0) goto out;
    int above = olddp == newdp ? 0 : is_ancestor(newdp->ino, olddp);
    if ((r = above) < 0) goto out;
    struct inode *first = above ? newdp : olddp, *second = above ? olddp : newdp;
    ilock(first);
    if (second != first) ilock(second);
    bool same = still(olddp, oldname, sino) && still(newdp, newname, dino);
    if (same) {
      ilock(src);
      if (dst) ilock(dst);
      r = do_rename(olddp, oldname, newdp, newname, src, dst);
      if (dst) iunlock(dst);
      iunlock(src);
    }
    if (second != first) iunlock(second);
    iunlock(first);
    if (same) goto out;
    iput(src);  /* changed under us: again */
    if (dst) iput(dst);
    continue;
  out:
    if (src) iput(src);
    if (dst) iput(dst);
    break;
  }
  sleep_unlock(&ext2.rename_lock);
  return r;
}
