/* priv.c - the C half of the privileged-test harness (see priv.h). */
#include "priv.h"

extern char vec_refill[], vec_xrefill[], vec_general[], vec_stub_end[];

struct frame trap_frame;
struct frame last;
volatile int traps;
int (*trap_hook)(struct frame *f);
u64 kctx[12];
char trap_stack[8192] __attribute__((aligned(16)));
__asm__(".globl trap_stack_top\n .set trap_stack_top, trap_stack + 8192\n");

static int failed;

/* Called by trap.S with every register saved.  Returns 1 to leave user or
 * supervisor code (back to run_user's caller), 0 to ERET to f->epc. */
int trap(struct frame *f) {
  last = *f;
  ++traps;
  int from_kernel = (f->status & 0x18) == 0;
  if (!from_kernel) return 1;
  if (trap_hook) {
    int r = trap_hook(f);
    if (r >= 0) return 0;
  }
  f->epc += exc_bd(f) ? 8 : 4;
  return 0;
}

int is_r10000(void) { return ((CP0_GET32(15) >> 8) & 0xff) == 0x09; }
unsigned tlb_entries(void) { return is_r10000() ? 64 : 48; }

void tlb_clear(void) {
  CP0_SET32(C0_PAGEMASK, 0);
  CP0_SET(C0_ENTRYLO0, 0);
  CP0_SET(C0_ENTRYLO1, 0);
  for (unsigned i = 0; i < tlb_entries(); ++i) {
    /* Distinct, never-used kseg3-style addresses so no two entries match. */
    CP0_SET(C0_ENTRYHI, 0xFFFFFFFFE0000000ull + (u64)i * 0x10000);
    CP0_SET32(C0_INDEX, i);
    __asm__ volatile("tlbwi");
  }
  CP0_SET(C0_ENTRYHI, 0);
}

static u64 lo_bits(u64 pa, u64 flags) {
  if (pa == ~0ull) return flags & 1; /* invalid, but G counts for the pair */
  return ((pa >> 12) << 6) | (3u << 3) | flags;
}

void tlb_map(int index, u64 va, u64 asid, u64 page_bytes, u64 pa0, u64 pa1, u64 flags) {
  u64 old_hi = CP0_GET(C0_ENTRYHI);
  CP0_SET32(C0_PAGEMASK, ((page_bytes - 1) & ~0xFFFull) << 1);
  CP0_SET(C0_ENTRYHI, (va & ~(2 * page_bytes - 1)) | asid);
  CP0_SET(C0_ENTRYLO0, lo_bits(pa0, flags));
  CP0_SET(C0_ENTRYLO1, lo_bits(pa1, flags));
  if (index >= 0) {
    CP0_SET32(C0_INDEX, index);
    __asm__ volatile("tlbwi");
  } else {
    __asm__ volatile("tlbwr");
  }
  CP0_SET32(C0_PAGEMASK, 0);
  CP0_SET(C0_ENTRYHI, old_hi);
}

u64 user_pc(void *snippet) { return USER_VA + (u64)((char *)snippet - user_page); }

/* The snippet page at USER_VA: global, valid, read-only (not dirty). */
void map_user_page(void) { tlb_map(0, USER_VA, 0, 4096, kphys(user_page), ~0ull, 3); }

void priv_init(void) {
  char *vec = (char *)0xFFFFFFFF80000000ull;
  unsigned n = (unsigned)(vec_xrefill - vec_refill);
  memcpy(vec + 0x000, vec_refill, n);
  memcpy(vec + 0x080, vec_xrefill, n);
  memcpy(vec + 0x180, vec_general, n);
  CP0_SET32(C0_STATUS, ST_CU1 | ST_FR | ST_KX);
  CP0_SET32(C0_WIRED, 0);
  tlb_clear();
  map_user_page();
  trap_hook = 0;
  traps = 0;
}

void skip(const char *name, const char *why) { rt_printf("skip - %s -- %s\n", name, why); }

void check(int cond, const char *name) {
  if (cond) {
    rt_printf("ok - %s\n", name);
  } else {
    rt_printf("not ok - %s\n", name);
    ++failed;
  }
}

void check_eq(u64 got, u64 want, const char *name) {
  if (got == want) {
    rt_printf("ok - %s\n", name);
  } else {
    rt_printf("not ok - %s: got 0x%llx, want 0x%llx\n", name, (unsigned long long)got, (unsigned long long)want);
    ++failed;
  }
}

int failures(void) { return failed; }
