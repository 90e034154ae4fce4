/* latency.c - one measured phase per way a memory reference can be
 * satisfied on a 2-node x 2-CPU machine: L1 hit, L2 hit, local and remote
 * misses, three-hop misses to a line dirty in another cache, writes that
 * invalidate sharers, upgrades, uncached references, streams of misses, and
 * the CACHE instruction emptying a line.  Each experiment takes fresh lines,
 * prepares them with other CPUs' references (workers.c), then has one CPU
 * make the measured references (timed.S) and prints
 *   exp <phase> <name> cpu <c> home <node> n <refs> setup <s> count <Count> insns <INSNS>
 * where <s> lists what happened to the line before, in order ("-" if
 * nothing): <cpu>l a load, <cpu>s a store, <cpu>c a CACHE instruction that
 * took it out of that CPU's L2, <cpu>w one that wrote it back but kept it.
 * latency_test.py replays the setup through the documented directory
 * protocol and computes what each phase must cost from the machine
 * description and docs/memory-system.md. */
#include "timed.h"

static uint64_t phase;
static uint64_t next_line[2];
static char setup[64];
static unsigned setup_len;

/* Records what happened to the experiment's line. */
static void note(unsigned cpu, char what) {
  if (setup_len + 3 >= sizeof setup) return;
  if (setup_len) setup[setup_len++] = ',';
  setup[setup_len++] = (char)('0' + cpu);
  setup[setup_len++] = what;
  setup[setup_len] = 0;
}

/* The line at physical pa, which nobody has touched. */
static volatile uint64_t *untouched(uint64_t pa) {
  setup_len = 0;
  setup[0] = 0;
  return KSEG0(pa);
}
/* A fresh line on `node`. */
static volatile uint64_t *fresh(unsigned node) {
  uint64_t pa = REGION(node) + next_line[node];
  next_line[node] += L2_LINE;
  return untouched(pa);
}
/* n consecutive fresh lines. */
static volatile uint64_t *fresh_lines(unsigned node, unsigned n) {
  volatile uint64_t *p = fresh(node);
  next_line[node] += (uint64_t)(n - 1) * L2_LINE;
  return p;
}

static void report(const char *name, unsigned cpu, volatile void *p, uint64_t n, struct timed t) {
  rt_printf("exp %llu %s cpu %u home %llu n %llu setup %s count %llu insns %llu\n", (unsigned long long)phase, name,
            cpu, (unsigned long long)(PHYS(p) / MEM_PER_NODE), (unsigned long long)n, setup_len ? setup : "-",
            (unsigned long long)t.count, (unsigned long long)t.insns);
}

static void measure(const char *name, unsigned cpu, enum op op, volatile void *p, uint64_t n) {
  ++phase;
  report(name, cpu, p, n, run_on(cpu, op, p, n, L2_LINE, phase));
  note(cpu, op == OP_TLOAD ? 'l' : 's');
}

static void load(unsigned cpu, volatile void *p) {
  run_on(cpu, OP_LOAD, p, 1, 0, 0);
  note(cpu, 'l');
}
static void store(unsigned cpu, volatile void *p) {
  run_on(cpu, OP_STORE, p, 1, 0, 0);
  note(cpu, 's');
}

/* CACHE op, p: the R10000's op field, bits 1:0 the cache (0 I, 1 D, 3 S),
 * bits 4:2 the operation. */
#define CACHE(op, p) __asm__ volatile("cache %0, 0(%1)" : : "i"(op), "r"(p) : "memory")
enum { INDEX_WB_INV_D = 0x01, INDEX_WB_INV_S = 0x03, HIT_INV_S = 0x13, HIT_WB_INV_D = 0x15, HIT_WB_INV_S = 0x17,
       HIT_WB_S = 0x1B };
/* A phase around a single CACHE instruction on CPU 0 (its writebacks and
 * invalidations are what the driver checks). */
#define CACHE_PHASE(name, op, p)                 \
  do {                                           \
    ++phase;                                     \
    DEV(SIMCTL, 0x10) = phase;                   \
    CACHE(op, p);                                \
    DEV(SIMCTL, 0x18) = phase;                   \
    struct timed none_ = {0, 0};                 \
    report(name, 0, p, 1, none_);                \
  } while (0)

int main(void) {
  if (rt_num_cpus() != 4) {
    rt_printf("needs 2 nodes x 2 CPUs\n");
    return 2;
  }
  workers_start();
  volatile uint64_t *x;

  /* Hits. */
  x = fresh(0);
  load(0, x);
  measure("l1_hit", 0, OP_TLOAD, x, 1);
  /* Three lines 16 KiB apart share a set of the 2-way L1 D (32 KiB): the
   * third evicts the first, which stays in the L2 (different L2 sets). */
  x = untouched(REGION(0) + 0x20000);
  load(0, x);
  run_on(0, OP_LOAD, x + 16384 / 8, 1, 0, 0);
  run_on(0, OP_LOAD, x + 32768 / 8, 1, 0, 0);
  measure("l2_hit", 0, OP_TLOAD, x, 1);

  /* Clean misses: the home node answers. */
  measure("load_miss_local", 0, OP_TLOAD, fresh(0), 1);
  measure("load_miss_remote", 0, OP_TLOAD, fresh(1), 1);
  measure("load_miss_remote", 2, OP_TLOAD, fresh(0), 1);
  measure("load_miss_local", 3, OP_TLOAD, fresh(1), 1);
  measure("store_miss_local", 0, OP_TSTORE, fresh(0), 1);
  measure("store_miss_remote", 1, OP_TSTORE, fresh(1), 1);
  x = fresh(0);
  load(0, x);
  measure("store_to_clean_exclusive", 0, OP_TSTORE, x, 1);
  x = fresh(0);
  load(2, x);
  measure("load_exclusive_clean_remote_owner", 0, OP_TLOAD, x, 1);
  x = fresh(0);
  load(2, x);
  load(3, x);
  measure("load_shared_remote_sharers", 0, OP_TLOAD, x, 1); /* memory replies: local */

  /* Three hops: another cache holds the line dirty. */
  x = fresh(0);
  store(1, x);
  measure("load_dirty_local_owner", 0, OP_TLOAD, x, 1);
  x = fresh(0);
  store(2, x);
  measure("load_dirty_remote_owner", 0, OP_TLOAD, x, 1);
  x = fresh(1);
  store(3, x);
  measure("load_dirty_remote_home", 0, OP_TLOAD, x, 1);
  x = fresh(1);
  store(3, x);
  measure("load_dirty_local_owner", 2, OP_TLOAD, x, 1);
  x = fresh(0);
  store(2, x);
  measure("store_dirty_remote_owner", 0, OP_TSTORE, x, 1);

  /* Writes that invalidate copies. */
  x = fresh(0);
  load(1, x);
  load(2, x);
  load(3, x);
  measure("store_invalidates_three_sharers", 0, OP_TSTORE, x, 1);
  x = fresh(0);
  load(1, x);
  measure("store_invalidates_local_owner", 0, OP_TSTORE, x, 1);
  x = fresh(0);
  load(0, x);
  load(2, x);
  measure("upgrade_remote_sharer", 0, OP_TSTORE, x, 1);
  x = fresh(0);
  load(0, x);
  load(1, x);
  measure("upgrade_local_sharer", 0, OP_TSTORE, x, 1);

  /* Uncached: RAM through kseg1 never reaches the caches. */
  measure("uncached_load", 0, OP_TLOAD, KSEG1(PHYS(fresh(0))), 1);

  /* Streams of misses, one per line. */
  measure("load_miss_local", 0, OP_TLOAD, fresh_lines(0, 32), 32);
  measure("load_miss_remote", 0, OP_TLOAD, fresh_lines(1, 32), 32);
  measure("store_miss_remote", 3, OP_TSTORE, fresh_lines(0, 32), 32);

  /* The CACHE instruction (docs/memory-system.md's table).  An L1-only
   * operation leaves the line in the L2; an L2 one takes it out (inclusion
   * takes the L1 lines with it) and tells the directory. */
  x = fresh(0);
  load(0, x);
  CACHE(HIT_WB_INV_D, x);
  measure("l2_hit", 0, OP_TLOAD, x, 1);
  x = fresh(0);
  load(0, x);
  CACHE(INDEX_WB_INV_D, x); /* both ways of x's L1 D set: way = address bit 0 */
  CACHE(INDEX_WB_INV_D, (volatile char *)x + 1);
  measure("l2_hit", 0, OP_TLOAD, x, 1);
  x = fresh(0);
  load(0, x);
  CACHE(HIT_WB_INV_S, x);
  note(0, 'c');
  measure("load_after_cache", 0, OP_TLOAD, x, 1);
  x = fresh(1);
  store(0, x);
  CACHE_PHASE("cache_writeback", HIT_WB_INV_S, x); /* dirty: written back */
  note(0, 'c');
  measure("load_after_cache", 0, OP_TLOAD, x, 1);
  x = fresh(0);
  store(0, x);
  CACHE(INDEX_WB_INV_S, x); /* both ways of x's L2 set */
  CACHE(INDEX_WB_INV_S, (volatile char *)x + 1);
  note(0, 'c');
  measure("load_after_cache", 0, OP_TLOAD, x, 1);
  x = fresh(0);
  store(0, x);
  CACHE_PHASE("cache_no_writeback", HIT_INV_S, x); /* dirty data dropped, not written back */
  note(0, 'c');
  measure("load_after_cache", 0, OP_TLOAD, x, 1);
  x = fresh(0);
  store(0, x);
  CACHE_PHASE("cache_writeback", HIT_WB_S, x); /* written back, kept CleanExclusive */
  note(0, 'w');
  measure("l1_hit", 0, OP_TLOAD, x, 1);
  measure("store_to_clean_exclusive", 0, OP_TSTORE, x, 1);

  rt_printf("done %llu phases\n", (unsigned long long)phase);
  return 0;
}
