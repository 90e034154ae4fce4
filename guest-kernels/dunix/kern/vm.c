/* vm.c - address spaces: creation, copy-on-write fork, teardown, and the
 * list of vmas that mmap, munmap, mprotect and brk edit.  Faults are in
 * kern/fault.c, page tables in kern/pagetable.c, ASIDs in kern/asid.c. */
#include "fs.h"
#include "hal.h"
#include "kalloc.h"
#include "lib.h"
#include "linux_n64.h"
#include "vm.h"

u64 *pt_alloc_pgd(void);
void pt_each(u64 *pgd, u64 start, u64 end, void (*fn)(u64 va, u64 *pte, void *ctx), void *ctx);

struct vmspace *vm_create(void) {
  struct vmspace *vm = kmalloc(sizeof *vm);
  if (!vm) return NULL;
  vm->pgd = pt_alloc_pgd();
  if (!vm->pgd) {
    kfree(vm);
    return NULL;
  }
  sleeplock_init(&vm->lock, "vm");
  spin_init(&vm->ref_lock, "vmref");
  vm->ref = 1;
  vm->mmap_hint = MMAP_TOP;
  return vm;
}

void vm_get(struct vmspace *vm) { __atomic_add_fetch(&vm->ref, 1, __ATOMIC_RELAXED); }

static struct vma *vma_new(u64 start, u64 end, u32 flags, struct inode *file, u64 off, u64 file_end) {
  struct vma *v = kmalloc(sizeof *v);
  if (!v) return NULL;
  *v = (struct vma){.start = start, .end = end, .flags = flags, .file = file ? idup(file) : NULL,
                    .file_off = off, .file_end = file_end};
  return v;
}

/* A copy of v's identity for [start, end): the file or shared object gains a reference. */
static struct vma *vma_like(const struct vma *v, u64 start, u64 end, u64 off) {
  struct vma *n = vma_new(start, end, v->flags, v->file, off, v->file_end);
  if (n && v->shanon) {
    n->shanon = v->shanon;
    __atomic_add_fetch(&v->shanon->ref, 1, __ATOMIC_RELAXED);
  }
  return n;
}

static void vma_free(struct vma *v) {
  if (v->file) iput(v->file);
  if (v->shanon && __atomic_sub_fetch(&v->shanon->ref, 1, __ATOMIC_ACQ_REL) == 0) {
    shmap_release(v->shanon);
    kfree(v->shanon);
  }
  kfree(v);
}

/* ---- teardown ------------------------------------------------------------ */
/* Drops the page a pte maps; ctx is its vma (a shared file page goes back
 * to kern/shmap.c, which writes it back when its last mapping goes). */
static void drop_page(u64 va, u64 *pte, void *ctx) {
  struct vma *v = ctx;
  void *kva = P2V(PTE_PA(*pte));
  void *obj = v ? vma_shared_object(v) : NULL;
  if (obj && (*pte & PTE_SHARED))
    shmap_put(obj, v->file, v->file_off + (va - v->start), kva);
  else
    page_free(kva);
  *pte = 0;
}

void vm_put(struct vmspace *vm) {
  if (__atomic_sub_fetch(&vm->ref, 1, __ATOMIC_ACQ_REL)) return;
  for (struct vma *v = vm->vmas; v;) {
    struct vma *next = v->next;
    pt_each(vm->pgd, v->start, v->end, drop_page, v);
    vma_free(v);
    v = next;
  }
  pt_free(vm->pgd);
  kfree(vm);
}

/* ---- fork ---------------------------------------------------------------- */
struct fork_ctx { struct vmspace *child; bool shared; bool failed; };

static void fork_page(u64 va, u64 *pte, void *vctx) {
  struct fork_ctx *c = vctx;
  u64 *cpte = pt_walk(c->child->pgd, va, true);
  if (!cpte) {
    c->failed = true;
    return;
  }
  if (!c->shared && (*pte & PTE_WRITE)) *pte = (*pte & ~PTE_D) | PTE_COW;  /* both sides copy on write */
  page_ref(P2V(PTE_PA(*pte)));
  *cpte = *pte;
}

struct vmspace *vm_fork(struct vmspace *parent) {
  struct vmspace *vm = vm_create();
  if (!vm) return NULL;
  sleep_lock(&parent->lock);
  vm->brk_start = parent->brk_start;
  vm->brk = parent->brk;
  vm->mmap_hint = parent->mmap_hint;
  vm->stack_top = parent->stack_top;
  struct vma **tail = &vm->vmas;
  struct fork_ctx ctx = {.child = vm};
  for (struct vma *v = parent->vmas; v && !ctx.failed; v = v->next) {
    struct vma *n = vma_like(v, v->start, v->end, v->file_off);
    if (!n) {
      ctx.failed = true;
      break;
    }
    *tail = n;
    tail = &n->next;
    ctx.shared = v->flags & VMA_SHARED;
    pt_each(parent->pgd, v->start, v->end, fork_page, &ctx);
  }
  sleep_unlock(&parent->lock);
  vm_tlb_flush_all(parent);   /* its writable pages are copy-on-write now */
  if (ctx.failed) {
    vm_put(vm);
    return NULL;
  }
  return vm;
}

/* ---- the vma list ---------------------------------------------------------- */
struct vma *vm_find(struct vmspace *vm, u64 addr) {
  for (struct vma *v = vm->vmas; v && v->start <= addr; v = v->next)
    if (addr < v->end) return v;
  return NULL;
}

/* Splits v at addr (inside it) into two vmas. */
static int vma_split(struct vma *v, u64 addr) {
  bool has_offset = v->file || v->shanon;
  struct vma *n = vma_like(v, addr, v->end, has_offset ? v->file_off + (addr - v->start) : 0);
  if (!n) return -LINUX_ENOMEM;
  if (v->file) n->file_end = v->file_end;
  n->next = v->next;
  v->next = n;
  v->end = addr;
  return 0;
}

/* Makes [start, end) begin and end on vma boundaries. */
static int split_range(struct vmspace *vm, u64 start, u64 end) {
  for (struct vma *v = vm->vmas; v; v = v->next) {
    if (v->start < start && start < v->end) {
      int r = vma_split(v, start);
      if (r) return r;
    }
    if (v->start < end && end < v->end) {
      int r = vma_split(v, end);
      if (r) return r;
    }
  }
  return 0;
}

/* Writes a shared file mapping's dirty pages back to its file. */
static void writeback_page(u64 va, u64 *pte, void *ctx) {
  struct vma *v = ctx;
  if (!(*pte & PTE_D)) return;
  u64 off = v->file_off + (va - v->start);
  if (off >= v->file_end) return;
  u64 n = MIN((u64)PAGE_SIZE, v->file_end - off);
  ilock(v->file);
  u64 len = MIN(n, v->file->size > off ? v->file->size - off : 0);
  if (len) inode_write(v->file, false, (u64)(uintptr_t)P2V(PTE_PA(*pte)), off, len);
  iunlock(v->file);
}

void vm_writeback(struct vma *v, struct vmspace *vm, u64 start, u64 end) {
  if (v->file && (v->flags & VMA_SHARED)) pt_each(vm->pgd, start, end, writeback_page, v);
}

/* Removes every mapping in [start, end); vm->lock held. */
static int unmap_locked(struct vmspace *vm, u64 start, u64 end) {
  int r = split_range(vm, start, end);
  if (r) return r;
  struct vma **pp = &vm->vmas;
  while (*pp) {
    struct vma *v = *pp;
    if (v->start >= start && v->end <= end) {
      pt_each(vm->pgd, v->start, v->end, drop_page, v);
      *pp = v->next;
      vma_free(v);
    } else {
      pp = &v->next;
    }
  }
  return 0;
}

int vm_map(struct vmspace *vm, u64 start, u64 len, u32 flags, struct inode *file, u64 off, u64 file_len) {
  u64 end = start + len;
  if (start & (PAGE_SIZE - 1) || !len || end > USER_TOP || end < start) return -LINUX_EINVAL;
  sleep_lock(&vm->lock);
  int r = unmap_locked(vm, start, end);
  struct vma *n = r ? NULL : vma_new(start, end, flags, file, off, off + file_len);
  if (n && !file && (flags & VMA_SHARED)) {   /* shared anonymous memory: a new object */
    n->shanon = kmalloc(sizeof *n->shanon);
    if (n->shanon) n->shanon->ref = 1;
    else vma_free(n), n = NULL;
  }
  if (!r && !n) r = -LINUX_ENOMEM;
  if (n) {
    struct vma **pp = &vm->vmas;
    while (*pp && (*pp)->start < start) pp = &(*pp)->next;
    n->next = *pp;
    *pp = n;
  }
  sleep_unlock(&vm->lock);
  vm_tlb_flush_all(vm);
  return r;
}

int vm_unmap(struct vmspace *vm, u64 start, u64 len) {
  u64 end = ROUNDUP(start + len, PAGE_SIZE);
  if (start & (PAGE_SIZE - 1) || end > USER_TOP || end <= start) return -LINUX_EINVAL;
  sleep_lock(&vm->lock);
  int r = unmap_locked(vm, start, end);
  sleep_unlock(&vm->lock);
  vm_tlb_flush_all(vm);
  return r;
}

struct protect_ctx { u32 flags; };
static void protect_page(u64 va, u64 *pte, void *vctx) {
  (void)va;
  struct protect_ctx *c = vctx;
  u64 p = *pte & ~(PTE_READ | PTE_WRITE | PTE_EXEC | PTE_D | PTE_V);
  if (c->flags & (VMA_READ | VMA_WRITE | VMA_EXEC)) p |= PTE_V;
  if (c->flags & VMA_READ) p |= PTE_READ;
  if (c->flags & VMA_EXEC) p |= PTE_EXEC | PTE_READ;
  if (c->flags & VMA_WRITE) {
    p |= PTE_WRITE;
    if (!(p & PTE_COW)) p |= PTE_D;
  }
  *pte = p;
}

int vm_protect(struct vmspace *vm, u64 start, u64 len, u32 flags) {
  u64 end = ROUNDUP(start + len, PAGE_SIZE);
  if (start & (PAGE_SIZE - 1) || end > USER_TOP || end < start) return -LINUX_EINVAL;
  if (end == start) return 0;
  sleep_lock(&vm->lock);
  /* every page of the range must be mapped */
  u64 a = start;
  for (struct vma *v = vm->vmas; v && a < end; v = v->next)
    if (v->start <= a && a < v->end) a = v->end;
  int r = a < end ? -LINUX_ENOMEM : split_range(vm, start, end);
  if (!r) {
    struct protect_ctx c = {flags};
    for (struct vma *v = vm->vmas; v; v = v->next) {
      if (v->start < start || v->end > end) continue;
      v->flags = (v->flags & ~(VMA_READ | VMA_WRITE | VMA_EXEC)) | (flags & (VMA_READ | VMA_WRITE | VMA_EXEC));
      /* a private file page that becomes writable must still be copied: COW keeps it */
      pt_each(vm->pgd, v->start, v->end, protect_page, &c);
    }
  }
  sleep_unlock(&vm->lock);
  vm_tlb_flush_all(vm);
  return r;
}

/* The highest free gap of len bytes below hint (mmap's top-down search). */
u64 vm_find_free(struct vmspace *vm, u64 len, u64 hint) {
  u64 top = hint && hint <= MMAP_TOP ? hint : MMAP_TOP;
  for (;;) {
    if (top < len + USER_MIN) return 0;
    u64 start = ROUNDDOWN(top - len, PAGE_SIZE);
    struct vma *clash = NULL;
    for (struct vma *v = vm->vmas; v; v = v->next)
      if (v->start < start + len && start < v->end) clash = v;
    if (!clash) return start;
    top = clash->start;
  }
}

/* ---- for mremap and madvise ------------------------------------------------- */
/* Drops the pages of [start, end) but keeps the mappings (MADV_DONTNEED):
 * anonymous pages read back as zeros, file pages from the file. */
int vm_discard(struct vmspace *vm, u64 start, u64 end) {
  sleep_lock(&vm->lock);
  for (struct vma *v = vm->vmas; v; v = v->next) {
    u64 s = MAX(start, v->start), e = MIN(end, v->end);
    if (s >= e) continue;
    vm_writeback(v, vm, s, e);
    pt_each(vm->pgd, s, e, drop_page, v);
  }
  sleep_unlock(&vm->lock);
  vm_tlb_flush_all(vm);
  return 0;
}

/* Moves the mapping [old, old+len) - one vma - to new (free), taking its
 * pages along: mremap with MREMAP_MAYMOVE. */
struct move_ctx { struct vmspace *vm; u64 delta; bool failed; };
static void move_page(u64 va, u64 *pte, void *vctx) {
  struct move_ctx *c = vctx;
  u64 *dst = pt_walk(c->vm->pgd, va + c->delta, true);
  if (!dst) {
    c->failed = true;
    return;
  }
  *dst = *pte;
  *pte = 0;
}

int vm_move(struct vmspace *vm, u64 old, u64 len, u64 new, u64 newlen) {
  sleep_lock(&vm->lock);
  struct vma *v = vm_find(vm, old);
  int r = 0;
  if (!v || v->start != old || v->end != old + len) r = -LINUX_EFAULT;
  struct vma *n = r ? NULL : vma_like(v, new, new + newlen, v->file_off);
  if (!r && !n) r = -LINUX_ENOMEM;
  if (!r) {
    struct move_ctx c = {vm, new - old, false};
    pt_each(vm->pgd, old, old + len, move_page, &c);
    struct vma **pp = &vm->vmas;
    while (*pp != v) pp = &(*pp)->next;
    *pp = v->next;
    vma_free(v);
    pp = &vm->vmas;
    while (*pp && (*pp)->start < new) pp = &(*pp)->next;
    n->next = *pp;
    *pp = n;
    if (c.failed) r = -LINUX_ENOMEM;
  }
  sleep_unlock(&vm->lock);
  vm_tlb_flush_all(vm);
  return r;
}

/* Grows the vma ending at end by extra bytes, if nothing is mapped there. */
int vm_grow(struct vmspace *vm, u64 start, u64 end, u64 extra) {
  sleep_lock(&vm->lock);
  struct vma *v = vm_find(vm, start);
  int r = 0;
  if (!v || v->end != end) r = -LINUX_EFAULT;
  for (struct vma *o = vm->vmas; o && !r; o = o->next)
    if (o != v && o->start < end + extra && end < o->end) r = -LINUX_ENOMEM;
  if (!r && end + extra > USER_STACK_TOP - USER_STACK_MAX) r = -LINUX_ENOMEM;
  if (!r) v->end = end + extra;
  sleep_unlock(&vm->lock);
  return r;
}

/* True if any of [start, end) is mapped. */
bool vm_overlaps(struct vmspace *vm, u64 start, u64 end) {
  sleep_lock(&vm->lock);
  bool r = false;
  for (struct vma *v = vm->vmas; v && !r; v = v->next) r = v->start < end && start < v->end;
  sleep_unlock(&vm->lock);
  return r;
}

/* msync: shared file pages of [start, end) reach the file. */
int vm_sync(struct vmspace *vm, u64 start, u64 end) {
  sleep_lock(&vm->lock);
  for (struct vma *v = vm->vmas; v; v = v->next) {
    u64 s = MAX(start, v->start), e = MIN(end, v->end);
    if (s < e) vm_writeback(v, vm, s, e);
  }
  sleep_unlock(&vm->lock);
  return 0;
}
