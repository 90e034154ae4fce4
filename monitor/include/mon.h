/* mon.h - what every monitor file may use: the console and panic, locks,
 * the machine-page allocator, time, and the per-CPU accessors. */
#ifndef MON_MON_H
#define MON_MON_H
#include "layout.h"
#include "pda.h"
#include "rt.h"
#include "types.h"

/* ---- console (console.c) ---- */
int mon_printf(const char *fmt, ...) __attribute__((format(__printf__, 1, 2)));
#define printf mon_printf
__attribute__((noreturn, format(__printf__, 1, 2))) void panic(const char *fmt, ...);
void console_lock(void);
void console_unlock(void);
int console_getc(void);                 /* a byte of console input, or -1 */
__attribute__((noreturn)) void machine_exit(int status);

/* ---- spinlocks: LL/SC through the compiler's atomics ---- */
typedef struct { volatile u32 v; } spinlock_t;
static inline void spin_lock(spinlock_t *l) {
  while (__atomic_exchange_n(&l->v, 1, __ATOMIC_ACQUIRE))
    while (l->v) {
    }
}
static inline void spin_unlock(spinlock_t *l) { __atomic_store_n(&l->v, 0, __ATOMIC_RELEASE); }

/* ---- machine pages (pmem.c) ---- */
void pmem_init(u64 image_end_pa);
u64 pmem_alloc(unsigned node);          /* a zeroed machine page (address), or 0 */
u64 pmem_alloc_contig(unsigned node, unsigned npages);  /* zeroed, contiguous, never freed */
void pmem_free(u64 ma);
unsigned pmem_node_of(u64 ma);
unsigned pmem_num_nodes(void);
void *kalloc(u64 bytes);                /* zeroed monitor memory on this CPU's node */
/* memmap: one entry per machine page, naming the VM and guest page using it. */
struct memmap_entry { u16 vm; u16 flags; u32 gpn; };
#define MM_FREE 0
#define MM_MONITOR 1
#define MM_GUEST 2
struct memmap_entry *memmap(u64 ma);

/* ---- time (sched.c): machine cycles since power-on, Count = cycles / 2 ---- */
u64 now_cycles(void);

/* ---- this CPU ---- */
static inline unsigned this_cpu(void) { return (unsigned)PDA->cpu; }
static inline unsigned this_node(void) { return (unsigned)PDA->node; }
extern unsigned num_cpus;

#endif
