/* vm.h - user address spaces (kern/vm.c, kern/pagetable.c, kern/fault.c).
 *
 * A vmspace is a 3-level page table that the TLB refill handler walks
 * (hal/bare/locore.S), plus a sorted list of vmas saying what each range of the
 * address space is.  Pages are created lazily: the first touch of a page
 * takes a TLB Invalid exception and vm_fault() fills it in (demand zero, a
 * file page, or a private copy for copy-on-write).
 *
 * Page-table entry: the R10000's EntryLo, with the kernel's software bits
 * above bit 34 (which the TLB ignores):
 *
 *   63   40 39  38  37  36  35  34 33        6 5   3  2   1   0
 *  +-------+---+---+---+---+---+---+-----------+-----+---+---+---+
 *  |   0   |SHR|COW|EXC|WR |RD |PRS|    PFN    |  C  | D | V | G |
 *  +-------+---+---+---+---+---+---+-----------+-----+---+---+---+
 *   PRS: a page is present (V may still be 0 for PROT_NONE)
 *   RD/WR/EXC: the protection the vma allows; D is set only when WR is and
 *   the page is not shared copy-on-write.  SHR: a MAP_SHARED page.
 *
 * Locks: vm->lock (a sleeplock) serialises changes to the vma list and page
 * faults; pt_lock (spinlock) guards page-table pages against the refill
 * handler's readers only in the sense that entries are written with one
 * 64-bit store. */
#ifndef DUNIX_VM_H
#define DUNIX_VM_H

#include "param.h"
#include "sleeplock.h"
#include "spinlock.h"
#include "types.h"

#define PTE_G 0x1ull
#define PTE_V 0x2ull
#define PTE_D 0x4ull
#define PTE_CACHED (3ull << 3)
#define PTE_PFN_SHIFT 6
#define PTE_PFN_MASK (0x0FFFFFFFull << PTE_PFN_SHIFT)
#define PTE_PRESENT (1ull << 34)
#define PTE_READ (1ull << 35)
#define PTE_WRITE (1ull << 36)
#define PTE_EXEC (1ull << 37)
#define PTE_COW (1ull << 38)
#define PTE_SHARED (1ull << 39)
#define PTE_PA(pte) ((((pte) & PTE_PFN_MASK) >> PTE_PFN_SHIFT) << PAGE_SHIFT)

/* vma flags */
#define VMA_READ 0x1
#define VMA_WRITE 0x2
#define VMA_EXEC 0x4
#define VMA_SHARED 0x8
#define VMA_GROWSDOWN 0x10    /* the stack */
#define VMA_ANON 0x20

struct inode;
/* The memory object behind a MAP_SHARED|MAP_ANONYMOUS mapping: every vma
 * that maps it (fork copies, split pieces) holds a reference, and its pages
 * live in kern/shmap.c keyed by (object, offset), like a file's. */
struct shanon { u32 ref; };

struct vma {
  u64 start, end;             /* page aligned, [start, end) */
  u32 flags;
  struct inode *file;         /* file-backed: referenced inode, or NULL */
  struct shanon *shanon;      /* shared anonymous: referenced object, or NULL */
  u64 file_off;               /* offset of start in the file or object */
  u64 file_end;               /* bytes of the file mapped (beyond: zeros) */
  struct vma *next;           /* sorted by start */
};
/* The key of a shared mapping's pages in kern/shmap.c, or NULL for a private one. */
static inline void *vma_shared_object(const struct vma *v) {
  if (!(v->flags & VMA_SHARED)) return NULL;
  return v->file ? (void *)v->file : (void *)v->shanon;
}

struct vmspace {
  struct sleeplock lock;      /* vma list, faults */
  struct spinlock ref_lock;
  u32 ref;                    /* tasks using it (CLONE_VM) */
  u64 *pgd;                   /* 1024 entries: two pages */
  struct vma *vmas;
  u64 brk_start, brk;         /* the heap: [brk_start, brk) */
  u64 mmap_hint;              /* next top-down mmap search start */
  u64 stack_top;
  /* ASIDs: per CPU, generation << 8 | asid (kern/asid.c) */
  u64 asid[NCPU];
  u64 cpus_active;            /* bit n: running on CPU n now (for shootdowns) */
  u64 rss_pages;
};

struct vmspace *vm_create(void);
struct vmspace *vm_fork(struct vmspace *parent);   /* copy-on-write copy; NULL if out of memory */
void vm_get(struct vmspace *vm);
void vm_put(struct vmspace *vm);                   /* frees at the last reference */
void vm_activate(struct vmspace *vm);              /* on this CPU: page tables, ASID */
void vm_deactivate(struct vmspace *vm);

/* Maps [start, start+len) (page aligned).  file may be NULL. Replaces what was there. */
int vm_map(struct vmspace *vm, u64 start, u64 len, u32 flags, struct inode *file, u64 off, u64 file_len);
int vm_unmap(struct vmspace *vm, u64 start, u64 len);
int vm_protect(struct vmspace *vm, u64 start, u64 len, u32 flags);
struct vma *vm_find(struct vmspace *vm, u64 addr);   /* the vma holding addr, or NULL; lock held */
u64 vm_find_free(struct vmspace *vm, u64 len, u64 hint);  /* top-down; 0 if none */
int vm_discard(struct vmspace *vm, u64 start, u64 end);     /* MADV_DONTNEED */
int vm_move(struct vmspace *vm, u64 old, u64 len, u64 new, u64 newlen);  /* mremap, moving */
int vm_grow(struct vmspace *vm, u64 start, u64 end, u64 extra);         /* mremap, in place */
bool vm_overlaps(struct vmspace *vm, u64 start, u64 end);
int vm_sync(struct vmspace *vm, u64 start, u64 end);        /* msync */
int vm_install_page(struct vmspace *vm, u64 va, void *kva);

/* Pages of MAP_SHARED file mappings, one per (file, offset) (kern/shmap.c). */
/* Pages of shared mappings, one per (object, offset) (kern/shmap.c); ip is
 * the file (read from and written back to) or NULL for anonymous memory. */
void *shmap_get(void *obj, struct inode *ip, u64 off, u64 file_len, bool writable);
void shmap_put(void *obj, struct inode *ip, u64 off, void *kva);
void shmap_release(void *obj);   /* an anonymous object's last reference went */

/* A fault at va (write: a store; exec: a fetch).  0 if the page is now
 * mapped, -LINUX_EFAULT (SIGSEGV), -LINUX_EACCES (SIGSEGV, permission), or
 * -LINUX_ENOMEM / -LINUX_EIO (SIGBUS). */
int vm_fault(struct vmspace *vm, u64 va, bool write);

/* Page tables (kern/pagetable.c). */
u64 *pt_walk(u64 *pgd, u64 va, bool create);     /* the pte for va, or NULL */
void pt_free(u64 *pgd);                          /* page-table pages only */
/* After changing ptes of vm: make every CPU drop stale TLB entries. */
void vm_tlb_flush_page(struct vmspace *vm, u64 va);
void vm_tlb_flush_all(struct vmspace *vm);
void vm_ipi(void);          /* the shootdown side, run by ipi_intr */
/* The kernel address of user page va, faulted in (for writing if write),
 * with a reference the caller drops with page_free() when done - so a
 * concurrent munmap by another thread cannot free it mid-copy.  NULL on a
 * bad address. */
void *vm_user_page(struct vmspace *vm, u64 va, bool write);

#endif
