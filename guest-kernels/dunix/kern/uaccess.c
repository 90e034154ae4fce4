/* uaccess.c - copying to and from user space.
 *
 * Each user page is looked up (and faulted in if needed) through the
 * current address space's page tables and copied through its kernel
 * address (xkphys), so the kernel never takes a fault on a user address and
 * a bad pointer is just -EFAULT. */
#include "hal.h"
#include "kalloc.h"
#include "lib.h"
#include "linux_n64.h"
#include "task.h"
#include "uaccess.h"
#include "vm.h"

static bool user_range_ok(uaddr_t a, size_t n) { return a < USER_TOP && n <= USER_TOP - a; }

/* Calls fn on each piece of [uaddr, uaddr+n) that lies in one page. */
static int each_page(uaddr_t uaddr, size_t n, bool write, void (*fn)(void *kva, size_t off, size_t len, void *ctx),
                     void *ctx) {
  if (!current || !current->vm) return -LINUX_EFAULT;
  if (!user_range_ok(uaddr, n)) return -LINUX_EFAULT;
  size_t done = 0;
  while (done < n) {
    uaddr_t a = uaddr + done;
    size_t len = MIN(n - done, PAGE_SIZE - (a & (PAGE_SIZE - 1)));
    char *page = vm_user_page(current->vm, a, write);
    if (!page) return -LINUX_EFAULT;
    fn(page + (a & (PAGE_SIZE - 1)), done, len, ctx);
    page_free(page);
    done += len;
  }
  return 0;
}

static void to_user(void *kva, size_t off, size_t len, void *ctx) { memcpy(kva, (const char *)ctx + off, len); }
static void from_user(void *kva, size_t off, size_t len, void *ctx) { memcpy((char *)ctx + off, kva, len); }
static void zero_user(void *kva, size_t off, size_t len, void *ctx) {
  (void)off, (void)ctx;
  memset(kva, 0, len);
}

int copy_to_user(uaddr_t dst, const void *src, size_t n) { return each_page(dst, n, true, to_user, (void *)src); }
int copy_from_user(void *dst, uaddr_t src, size_t n) { return each_page(src, n, false, from_user, dst); }
int clear_user(uaddr_t dst, size_t n) { return each_page(dst, n, true, zero_user, NULL); }

long strncpy_from_user(char *dst, uaddr_t src, size_t max) {
  size_t n = 0;
  while (n < max) {
    uaddr_t a = src + n;
    if (!current || !current->vm || a >= USER_TOP) return -LINUX_EFAULT;
    char *page = vm_user_page(current->vm, a, false);
    if (!page) return -LINUX_EFAULT;
    size_t off = a & (PAGE_SIZE - 1);
    size_t chunk = MIN(max - n, PAGE_SIZE - off);
    for (size_t i = 0; i < chunk; i++) {
      dst[n + i] = page[off + i];
      if (!page[off + i]) {
        page_free(page);
        return (long)(n + i);
      }
    }
    page_free(page);
    n += chunk;
  }
  return -LINUX_ENAMETOOLONG;
}

int copy_out_either(bool is_user, u64 dst, const void *src, size_t n) {
  if (is_user) return copy_to_user(dst, src, n);
  memcpy((void *)(uintptr_t)dst, src, n);
  return 0;
}

int copy_in_either(bool is_user, void *dst, u64 src, size_t n) {
  if (is_user) return copy_from_user(dst, src, n);
  memcpy(dst, (const void *)(uintptr_t)src, n);
  return 0;
}
