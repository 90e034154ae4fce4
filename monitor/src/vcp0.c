/* vcp0.c - the virtual CP0: one row per register, as sim/mips/cp0.cpp
 * models the real one - the bits MTC0 may change, an optional computed
 * read and an optional write hook.  vcp0_read() has no side effects;
 * vcp0_write() keeps the writable bits and runs the hook.  Storage is
 * v->cp0[reg]; Count, Random and Cause are computed from time and from the
 * interrupts posted to the vCPU. */
#include "cp0.h"
#include "mon.h"
#include "trap.h"
#include "vcpu.h"

#define COUNT_PERIOD (1ull << 33)     /* machine cycles per 2^32 counts */

struct cp0_row {
  const char *name;
  u64 writable;
  u64 reset;
  u64 (*read)(struct vcpu *v);
  void (*hook)(struct vcpu *v, u64 old);
};

/* Count runs at half the machine clock, offset by what a guest write gave it. */
static u64 read_count(struct vcpu *v) { return (u32)(now_cycles() / 2 + v->count_bias); }

u32 vcp0_random(struct vcpu *v) {
  u32 wired = (u32)v->cp0[CP0_WIRED] & 63;
  return 63 - (u32)(now_cycles() % (64 - wired));
}
static u64 read_random(struct vcpu *v) { return vcp0_random(v); }

/* IP7..IP2 are the lines posted to the vCPU; the stored word has the rest
 * (the guest may have scribbled on it through the register page). */
static u64 read_cause(struct vcpu *v) { return (v->cp0[CP0_CAUSE] & 0xFFFF03FFull) | v->irq_pending; }

static void write_count(struct vcpu *v, u64 old) {
  (void)old;
  v->count_bias = (u32)(v->cp0[CP0_COUNT] - now_cycles() / 2);
  vcp0_write(v, CP0_COMPARE, v->cp0[CP0_COMPARE]);   /* re-arm against the new Count */
}

/* The timer: the cycle at which Count next equals Compare (2^32 counts
 * away if it equals it now); writing Compare lowers IP7. */
static void write_compare(struct vcpu *v, u64 old) {
  (void)old;
  u64 now = now_cycles();
  u32 delta = (u32)v->cp0[CP0_COMPARE] - (u32)(now / 2 + v->count_bias);
  v->compare_due = now + (delta ? 2ull * delta : COUNT_PERIOD);
  __atomic_fetch_and(&v->irq_pending, ~CAUSE_IP(IRQ_TIMER), __ATOMIC_RELAXED);
}

static void write_status(struct vcpu *v, u64 old) {
  (void)old;
  if (v->cp0[CP0_STATUS] & ST_CU1) v->fpu_used = true;
}

static const struct cp0_row rows[32] = {
  [CP0_INDEX] = {"Index", 0x3F, 0, 0, 0},
  [CP0_RANDOM] = {"Random", 0, 63, read_random, 0},
  [CP0_ENTRYLO0] = {"EntryLo0", 0xC0000003FFFFFFFFull, 0, 0, 0},
  [CP0_ENTRYLO1] = {"EntryLo1", 0xC0000003FFFFFFFFull, 0, 0, 0},
  [CP0_CONTEXT] = {"Context", 0xFFFFFFFFFF800000ull, 0, 0, 0},
  [CP0_PAGEMASK] = {"PageMask", 0x01FFE000, 0, 0, 0},
  [CP0_WIRED] = {"Wired", 0x3F, 0, 0, 0},
  [CP0_BADVADDR] = {"BadVAddr", 0, 0, 0, 0},
  [CP0_COUNT] = {"Count", 0xFFFFFFFF, 0, read_count, write_count},
  [CP0_ENTRYHI] = {"EntryHi", 0xC00000FFFFFFE0FFull, 0, 0, 0},
  [CP0_COMPARE] = {"Compare", 0xFFFFFFFF, 0, 0, write_compare},
  [CP0_STATUS] = {"Status", 0xFFFFFFFF & ~(1u << 23 | 1u << 24 | 1u << 27), ST_KX | ST_SX | ST_UX, 0, write_status},
  [CP0_CAUSE] = {"Cause", 0x300, 0, read_cause, 0},
  [CP0_EPC] = {"EPC", ~0ull, 0, 0, 0},
  [CP0_PRID] = {"PRId", 0, 0x0900, 0, 0},
  [CP0_CONFIG] = {"Config", 0x7, 3, 0, 0},
  [CP0_LLADDR] = {"LLAddr", 0, 0, 0, 0},
  [18] = {"WatchLo", 0xFFFFFFFF, 0, 0, 0},
  [19] = {"WatchHi", 0xFFFFFFFF, 0, 0, 0},
  [CP0_XCONTEXT] = {"XContext", 0xFFFFFFE000000000ull, 0, 0, 0},
  [21] = {"FrameMask", 0xFFFFFFFF, 0, 0, 0},
  [22] = {"Diagnostic", 0xFFFFFFFF, 0, 0, 0},
  [25] = {"PerfCount", 0xFFFFFFFF, 0, 0, 0},
  [26] = {"ECC", 0xFFFFFFFF, 0, 0, 0},
  [27] = {"CacheErr", 0, 0, 0, 0},
  [28] = {"TagLo", 0xFFFFFFFF, 0, 0, 0},
  [29] = {"TagHi", 0xFFFFFFFF, 0, 0, 0},
  [CP0_ERROREPC] = {"ErrorEPC", ~0ull, 0, 0, 0},
};

u64 vcp0_read(struct vcpu *v, unsigned reg) {
  const struct cp0_row *r = &rows[reg & 31];
  return r->read ? r->read(v) : v->cp0[reg & 31];
}

void vcp0_write(struct vcpu *v, unsigned reg, u64 value) {
  const struct cp0_row *r = &rows[reg & 31];
  u64 old = v->cp0[reg & 31];
  v->cp0[reg & 31] = (old & ~r->writable) | (value & r->writable);
  if (r->hook) r->hook(v, old);
}

/* The state a vCPU starts in (disco_guest.h): kernel mode, 64-bit
 * addressing, interrupts off, the timer quiet, an empty TLB. */
void vcp0_reset(struct vcpu *v) {
  for (unsigned i = 0; i < 32; i++) v->cp0[i] = rows[i].reset;
  v->count_bias = (u32)(0 - now_cycles() / 2);      /* Count starts at 0 */
  v->compare_due = ~0ull;                             /* until Compare is written */
  v->irq_pending = 0;
  for (unsigned i = 0; i < VTLB_SIZE; i++)
    v->tlb[i] = (struct vtlb_entry){KSEG0_BASE + (u64)i * 0x2000, 0, 0, 0, ENTRYHI_VPN2_MASK, 0};
}
