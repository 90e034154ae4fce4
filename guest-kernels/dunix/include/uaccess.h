/* uaccess.h - moving bytes between the kernel and the current task's user
 * address space (kern/uaccess.c).  User pointers are never dereferenced
 * directly: these check the range lies in user space, fault pages in (demand
 * zero, copy-on-write, file pages) and return -LINUX_EFAULT instead of
 * crashing when an address is bad. */
#ifndef DUNIX_UACCESS_H
#define DUNIX_UACCESS_H

#include "types.h"

int copy_to_user(uaddr_t dst, const void *src, size_t n);     /* 0 or -EFAULT */
int copy_from_user(void *dst, uaddr_t src, size_t n);         /* 0 or -EFAULT */
int clear_user(uaddr_t dst, size_t n);                        /* 0 or -EFAULT */
/* Copies a NUL-terminated string of at most max bytes (NUL included).
 * Returns its length, -EFAULT, or -ENAMETOOLONG. */
long strncpy_from_user(char *dst, uaddr_t src, size_t max);

/* Copies to a buffer that is either in the kernel (is_user false: dst/src are
 * kernel addresses cast to u64) or in user space: lets one file-system read
 * path serve read(2), exec and page-ins. */
int copy_out_either(bool is_user, u64 dst, const void *src, size_t n);
int copy_in_either(bool is_user, void *dst, u64 src, size_t n);

#endif
