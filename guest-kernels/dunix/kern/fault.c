/* fault.c - page faults: the TLB refill handler found no valid entry (or a
 * store hit a clean one), and trap() asks vm_fault() to make the page
 * usable.  Three kinds of work:
 *
 *   demand zero     an anonymous page touched for the first time
 *   file page       a file-backed page: read from the file into a new page
 *   copy on write   a store to a page shared since fork: copy it, unless
 *                   this address space holds the last reference
 *
 * Then the pte is written and this CPU's TLB updated.  A file read sleeps,
 * so it runs without vm->lock (read(2) takes the inode lock and then, to
 * copy out, vm->lock: holding both the other way round would deadlock). */
#include "fs.h"
#include "hal.h"
#include "kalloc.h"
#include "lib.h"
#include "linux_n64.h"
#include "task.h"
#include "vm.h"

static u64 pte_for(paddr_t pa, u32 vflags, bool cow) {
  u64 pte = (pa >> PAGE_SHIFT) << PTE_PFN_SHIFT | PTE_CACHED | PTE_PRESENT;
  if (vflags & (VMA_READ | VMA_WRITE | VMA_EXEC)) pte |= PTE_V | PTE_READ;
  if (vflags & VMA_EXEC) pte |= PTE_EXEC;
  if (vflags & VMA_WRITE) pte |= PTE_WRITE | (cow ? PTE_COW : PTE_D);
  if (vflags & VMA_SHARED) pte |= PTE_SHARED;
  return pte;
}

/* Loads the pair holding va into this CPU's TLB if an entry for it is there. */
static void tlb_refresh(struct vmspace *vm, u64 va) {
  u64 *even = pt_walk(vm->pgd, va & ~0x1FFFull, false);
  u64 *odd = pt_walk(vm->pgd, (va & ~0x1FFFull) + PAGE_SIZE, false);
  unsigned cpu = hal_cpu_id();
  if (!(vm->cpus_active & (1ull << cpu))) return;
  hal_tlb_update(va, (unsigned)(vm->asid[cpu] & 0xFF), even ? *even : 0, odd ? *odd : 0);
}

/* Whether file offset off (page aligned) lies wholly past the end of ip. */
static bool beyond_eof(struct inode *ip, u64 off) {
  bool mine = ilock_unless_held(ip);
  bool r = off >= ROUNDUP(ip->size, PAGE_SIZE);
  if (mine) iunlock(ip);
  return r;
}

/* The stack grows down into the gap below it, up to the process's
 * RLIMIT_STACK (8 MiB by default), as Linux's, and never past USER_STACK_MAX. */
static struct vma *grow_stack(struct vmspace *vm, u64 va) {
  for (struct vma *v = vm->vmas; v; v = v->next) {
    if (!(v->flags & VMA_GROWSDOWN) || va >= v->start) continue;
    u64 limit = current && current->proc ? current->proc->rlimit_cur[LINUX_RLIMIT_STACK] : USER_STACK_MAX;
    if (vm->stack_top - ROUNDDOWN(va, PAGE_SIZE) > MIN(limit, USER_STACK_MAX)) return NULL;
    u64 newstart = ROUNDDOWN(va, PAGE_SIZE);
    for (struct vma *o = vm->vmas; o; o = o->next)
      if (o != v && o->end > newstart && o->start < v->start) return NULL;
    v->start = newstart;
    return v;
  }
  return NULL;
}

int vm_fault(struct vmspace *vm, u64 va, bool write) {
  if (va >= USER_TOP) return -LINUX_EFAULT;
  u64 page_va = ROUNDDOWN(va, PAGE_SIZE);
  sleep_lock(&vm->lock);
  struct vma *v = vm_find(vm, va);
  if (!v) v = grow_stack(vm, va);
  if (!v) {
    sleep_unlock(&vm->lock);
    return -LINUX_EFAULT;
  }
  if (write ? !(v->flags & VMA_WRITE) : !(v->flags & (VMA_READ | VMA_WRITE | VMA_EXEC))) {
    sleep_unlock(&vm->lock);
    return -LINUX_EACCES;
  }
  u64 *pte = pt_walk(vm->pgd, va, true);
  if (!pte) {
    sleep_unlock(&vm->lock);
    return -LINUX_ENOMEM;
  }
  if (*pte & PTE_PRESENT) {
    if (write && (*pte & PTE_COW)) {
      void *old = P2V(PTE_PA(*pte));
      struct page *pg = page_of(PTE_PA(*pte));
      if (__atomic_load_n(&pg->ref, __ATOMIC_ACQUIRE) == 1) {
        *pte = (*pte & ~PTE_COW) | PTE_D;          /* the last user: keep it */
      } else {
        void *copy = page_alloc_user(false);
        if (!copy) {
          sleep_unlock(&vm->lock);
          return -LINUX_ENOMEM;
        }
        memcpy(copy, old, PAGE_SIZE);
        *pte = pte_for(V2P(copy), v->flags, false);
        /* Every CPU that ran this address space may still map the old page:
         * drop those entries before the old page can be freed and reused. */
        vm_tlb_flush_page(vm, va);
        page_free(old);
      }
    }
    tlb_refresh(vm, va);
    sleep_unlock(&vm->lock);
    return 0;
  }

  /* A page of a shared mapping (a file's, or anonymous memory shared by
   * fork): the one page every mapper of that offset shares. */
  void *obj = vma_shared_object(v);
  if (obj) {
    struct inode *ip = v->file ? idup(v->file) : NULL;
    struct shanon *sa = v->shanon;
    if (sa) __atomic_add_fetch(&sa->ref, 1, __ATOMIC_RELAXED);   /* the key stays valid while unlocked */
    u64 off = v->file_off + (page_va - v->start);
    u64 n = ip && off < v->file_end ? v->file_end - off : 0;
    bool writable = v->flags & VMA_WRITE;
    sleep_unlock(&vm->lock);
    int err = ip && beyond_eof(ip, off) ? -LINUX_EIO : 0;
    void *page = err ? NULL : shmap_get(obj, ip, off, n, writable);
    if (!page && !err) err = -LINUX_ENOMEM;
    if (!err) {
      sleep_lock(&vm->lock);
      v = vm_find(vm, va);
      pte = v ? pt_walk(vm->pgd, va, true) : NULL;
      if (!v || !pte || (*pte & PTE_PRESENT) || vma_shared_object(v) != obj) {
        sleep_unlock(&vm->lock);
        shmap_put(obj, ip, off, page);
        err = v ? (pte ? 1 : -LINUX_ENOMEM) : -LINUX_EFAULT;   /* 1: the map changed, fault again */
      }
    }
    if (ip) iput(ip);
    if (sa && __atomic_sub_fetch(&sa->ref, 1, __ATOMIC_ACQ_REL) == 0) {
      shmap_release(sa);
      kfree(sa);
    }
    if (err == 1) return vm_fault(vm, va, write);
    if (err) return err;
    *pte = pte_for(V2P(page), v->flags, false);
    vm->rss_pages++;
    tlb_refresh(vm, va);
    sleep_unlock(&vm->lock);
    return 0;
  }

  /* A new page: zeroed, or read from the file with vm->lock dropped. */
  void *page = page_alloc_user(true);
  if (!page) {
    sleep_unlock(&vm->lock);
    return -LINUX_ENOMEM;
  }
  if (v->file) {
    struct inode *ip = idup(v->file);
    u64 off = v->file_off + (page_va - v->start);
    u64 n = off < v->file_end ? MIN((u64)PAGE_SIZE, v->file_end - off) : 0;
    sleep_unlock(&vm->lock);
    long got = 0;
    if (beyond_eof(ip, off)) {   /* a page wholly past the end of the file: SIGBUS, as Linux */
      iput(ip);
      page_free(page);
      return -LINUX_EIO;
    }
    if (n) {
      bool mine = ilock_unless_held(ip);
      got = inode_read(ip, false, (u64)(uintptr_t)page, off, n);
      if (mine) iunlock(ip);
    }
    iput(ip);
    if (got < 0) {
      page_free(page);
      return (int)got == -LINUX_ENOMEM ? -LINUX_ENOMEM : -LINUX_EIO;
    }
    if (v->flags & VMA_EXEC) hal_icache_sync((u64)(uintptr_t)page, PAGE_SIZE);
    sleep_lock(&vm->lock);
    v = vm_find(vm, va);       /* the map may have changed meanwhile */
    pte = v ? pt_walk(vm->pgd, va, true) : NULL;
    if (!v || !pte || (*pte & PTE_PRESENT)) {
      sleep_unlock(&vm->lock);
      page_free(page);
      return v ? (pte ? vm_fault(vm, va, write) : -LINUX_ENOMEM) : -LINUX_EFAULT;
    }
  }
  *pte = pte_for(V2P(page), v->flags, false);
  vm->rss_pages++;
  tlb_refresh(vm, va);
  sleep_unlock(&vm->lock);
  return 0;
}

void *vm_user_page(struct vmspace *vm, u64 va, bool write) {
  for (int tries = 0; tries < 4; tries++) {
    sleep_lock(&vm->lock);
    u64 *pte = pt_walk(vm->pgd, va, false);
    if (pte && (*pte & PTE_PRESENT) && (*pte & PTE_V) && (!write || (*pte & PTE_D))) {
      void *kva = P2V(PTE_PA(*pte));
      page_ref(kva);
      sleep_unlock(&vm->lock);
      return kva;
    }
    sleep_unlock(&vm->lock);
    if (vm_fault(vm, va, write) < 0) return NULL;
  }
  return NULL;
}

/* Maps an existing kernel page (e.g. the signal trampoline) at va, inside a
 * vma already created for it; the page gains a reference. */
int vm_install_page(struct vmspace *vm, u64 va, void *kva) {
  sleep_lock(&vm->lock);
  struct vma *v = vm_find(vm, va);
  u64 *pte = v ? pt_walk(vm->pgd, va, true) : NULL;
  if (pte) {
    page_ref(kva);
    *pte = pte_for(V2P(kva), v->flags, false);
  }
  sleep_unlock(&vm->lock);
  return pte ? 0 : -LINUX_ENOMEM;
}
