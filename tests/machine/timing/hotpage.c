/* hotpage.c - the per-page miss counters through their device window
 * (sim/devices/page_counters.h) and the hot-page interrupt on Cause.IP5:
 * counts of one page from both nodes (misses and upgrades count; hits and a
 * silent store to a clean-exclusive line do not), RESET_PAGE, the FLASH
 * trigger (POLICY 0: a node's count reaches THRESHOLD, exactly on that
 * miss, once until re-armed) and the Origin trigger (POLICY 1: remote minus
 * home reaches THRESHOLD).  Runs in the timing model (the counters see the
 * memory system's requests); prints raw values, hotpage_test.py knows what
 * they must be. */
#include "../priv/priv.h"
#include "timed.h"

enum { THRESHOLD = 0x00, POLICY = 0x08, HOT_PAGE = 0x10, HOT_NODE = 0x18, HOT_ACK = 0x20, PAGE_SEL = 0x28,
       RESET_PAGE = 0x30, RESET_ALL = 0x38, NUM_NODES = 0x40, COUNT = 0x100 };
#define CTR(reg) DEV(PAGECTR, reg)
#define CAUSE_IP(n) (0x100u << (n))

static volatile uint64_t progress; /* loads done by load_lines so far */

/* What the interrupt handler saw, interrupt by interrupt. */
struct hot {
  uint64_t page, node, progress, count0, count1, after_ack;
};
static struct hot seen[16];
static volatile unsigned hot_ints;

static int hook(struct frame *f) {
  if (exc_code(f) != EXC_INT || !(f->cause & CAUSE_IP(5))) return -1;
  struct hot h;
  h.page = CTR(HOT_PAGE);
  h.node = CTR(HOT_NODE);
  h.progress = progress;
  CTR(PAGE_SEL) = h.page;
  h.count0 = CTR(COUNT + 0);
  h.count1 = CTR(COUNT + 8);
  CTR(HOT_ACK) = 1;
  h.after_ack = CTR(HOT_PAGE); /* ~0: nothing else queued */
  if (hot_ints < 16) seen[hot_ints] = h;
  ++hot_ints;
  return 0;
}

/* n loads of consecutive L2 lines of `page`, from line `first`. */
static void load_lines(volatile uint64_t *page, unsigned first, unsigned n) {
  for (unsigned k = 0; k < n; ++k) {
    (void)page[(first + k) * (L2_LINE / 8)];
    progress = k + 1;
  }
}

static void counts(const char *what, uint64_t pa) {
  CTR(PAGE_SEL) = pa;
  rt_printf("%s page %llx count %llu %llu\n", what, (unsigned long long)CTR(PAGE_SEL),
            (unsigned long long)CTR(COUNT + 0), (unsigned long long)CTR(COUNT + 8));
}

static void interrupts(const char *what, unsigned from) {
  for (unsigned k = from; k < hot_ints && k < 16; ++k)
    rt_printf("%s hot page %llx node %llu after %llu loads counts %llu %llu then %llx\n", what,
              (unsigned long long)seen[k].page, (unsigned long long)seen[k].node,
              (unsigned long long)seen[k].progress, (unsigned long long)seen[k].count0,
              (unsigned long long)seen[k].count1, (unsigned long long)seen[k].after_ack);
  rt_printf("%s interrupts %u\n", what, hot_ints - from);
}

/* RESET_ALL, POLICY 0, THRESHOLD 8; 16 misses to the page (one interrupt,
 * at the 8th), RESET_PAGE, 8 more (the page is hot again at the last). */
static void policy0(const char *what, uint64_t page_pa) {
  volatile uint64_t *page = KSEG0(page_pa);
  CTR(RESET_ALL) = 1;
  CTR(POLICY) = 0;
  CTR(THRESHOLD) = 8;
  unsigned before = hot_ints;
  load_lines(page, 0, 16);
  interrupts(what, before);
  counts(what, page_pa);
  before = hot_ints;
  CTR(RESET_PAGE) = page_pa;
  load_lines(page, 16, 8);
  interrupts(what, before);
}

int main(void) {
  priv_init();
  trap_hook = hook;
  workers_start();
  rt_printf("nodes %llu\n", (unsigned long long)CTR(NUM_NODES));
  uint64_t a = REGION(1), b = REGION(1) + PAGE, c = REGION(1) + 2 * PAGE;
  volatile uint64_t *pa = KSEG0(a), *pc = KSEG0(c);

  /* Counting, detection off (THRESHOLD 0 at reset). */
  load_lines(pa, 0, 5);                         /* cpu 0: lines 0-4 */
  run_on(2, OP_LOAD, pa + 5 * 16, 3, L2_LINE, 0); /* cpu 2: lines 5-7 */
  run_on(2, OP_LOAD, pa, 1, 0, 0);              /* cpu 2: line 0, cpu 0's (intervention) */
  run_on(0, OP_STORE, pa + 1 * 16, 1, 0, 0);    /* cpu 0: line 1, clean exclusive: silent */
  run_on(0, OP_STORE, pa, 1, 0, 0);             /* cpu 0: line 0, shared: upgrade */
  load_lines(pa, 2, 1);                         /* cpu 0: line 2 again: a hit */
  counts("counting", a);
  CTR(RESET_PAGE) = a + 200; /* any address in the page */
  counts("reset", a);

  /* POLICY 0 (FLASH): node 0's count for a page reaches 8.  Done first on
   * a page the driver ignores, so that every line of code and data the
   * handler and the printing use is in the caches by the time it counts:
   * then the only misses are the ones to the page under test. */
  u32 st = CP0_GET32(C0_STATUS);
  CP0_SET32(C0_STATUS, st | ST_IE | ST_IM(5));
  policy0("warmup", REGION(1) + 3 * PAGE);
  policy0("policy0", b);

  /* POLICY 1 (Origin): c's home, node 1, misses 3 times; node 0 must then
   * exceed it by 4. */
  CTR(RESET_ALL) = 1;
  CTR(POLICY) = 1;
  CTR(THRESHOLD) = 4;
  unsigned before = hot_ints;
  run_on(2, OP_LOAD, pc, 3, L2_LINE, 0);
  load_lines(pc, 3, 10);
  interrupts("policy1", before);
  counts("policy1", c);

  CP0_SET32(C0_STATUS, st);
  rt_printf("done\n");
  return 0;
}
