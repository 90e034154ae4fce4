/* vtlb.c - memory virtualization: the vCPU's virtual TLB (64 entries, what
 * TLBR/TLBWI/TLBWR/TLBP see), the real TLB entries derived from it, the
 * L2TLB, and the TLB exits.
 *
 * A guest entry maps guest-virtual to guest-physical; the monitor turns each
 * 4 KB page of it into guest-virtual -> machine through the pmap and puts
 * that into the real TLB (4 KB pairs only, as the paper's Disco) and into
 * the vCPU's L2TLB, which refill.S consults before anything else.  Only
 * the guest-mapped regions (xuseg, xsseg above the window) are ever taken
 * from the guest's TLB: an entry naming any other address is kept in the
 * virtual TLB but never reaches the real one, and an entry naming a page
 * outside the VM's RAM reaches it invalid - the access becomes a bus error
 * in the guest.  Guest ASIDs are used as they are; the real TLB holds one
 * vCPU's entries at a time (sched.c flushes it at a vCPU switch). */
#include "cp0.h"
#include "disco_guest.h"
#include "mon.h"
#include "trap.h"
#include "vm.h"

void tlb_flush_all(void);

static bool guest_mapped(u64 va) {
  return va < (1ull << 40) || (va >= GUEST_XPHYS + GUEST_XPHYS_SIZE && va < GUEST_XPHYS + (1ull << 44));
}
static bool window_gpa(u64 va, u64 *gpa) {
  if (va >= GUEST_KSEG && va - GUEST_KSEG < GUEST_KSEG_SIZE) return *gpa = va - GUEST_KSEG, true;
  if (va >= GUEST_XPHYS && va - GUEST_XPHYS < GUEST_XPHYS_SIZE) return *gpa = va - GUEST_XPHYS, true;
  return false;
}
static bool regpage_pair(u64 va) { return (va & ~0x1FFFull) == DG_REGPAGE_PAIR; }
static u64 asid_now(struct vcpu *v) { return v->cp0[CP0_ENTRYHI] & ENTRYHI_ASID_MASK; }
static bool global(const struct vtlb_entry *e) { return e->lo0 & e->lo1 & ENTRYLO_G; }
static u64 page_bytes(const struct vtlb_entry *e) { return ((e->mask | 0x1FFF) + 1) / 2; }

/* ---- the real TLB ---- */
static void real_insert(u64 hi, u64 lo0, u64 lo1) {
  u64 saved = dmfc0(10);
  dmtc0(10, hi);
  tlbp();
  i32 index = (i32)mfc0(0);
  dmtc0(2, lo0);
  dmtc0(3, lo1);
  if (index < 0) tlbwr(); else tlbwi();
  dmtc0(10, saved);
}
static void real_invalidate(u64 hi) {
  u64 saved = dmfc0(10);
  dmtc0(10, hi);
  tlbp();
  i32 index = (i32)mfc0(0);
  if (index > 0) {   /* never the wired PDA entry */
    dmtc0(10, KSEG0_BASE + (u64)index * 0x2000);
    dmtc0(2, 0);
    dmtc0(3, 0);
    tlbwi();
  }
  dmtc0(10, saved);
}

/* ---- the L2TLB: direct-mapped, keyed by R | VPN2 | ASID (refill.S) ---- */
static struct l2tlb_entry *l2_slot(struct vcpu *v, u64 key) {
  return &v->l2tlb[((key >> 13) ^ key) & (L2TLB_SIZE - 1)];
}
static void l2_flush(struct vcpu *v) { memset(v->l2tlb, 0, L2TLB_SIZE * sizeof *v->l2tlb); }
void vtlb_l2_flush(struct vcpu *v) { l2_flush(v); }
static void l2_forget(struct vcpu *v, u64 key) {
  struct l2tlb_entry *s = l2_slot(v, key);
  if (s->tag == (key | L2TLB_VALID)) s->tag = 0;
}

/* ---- the virtual TLB ---- */
/* The first entry matching va under asid (the R10000 leaves several matches
 * undefined), from the fields vtlb_write precomputed. */
static int vtlb_match(struct vcpu *v, u64 va, u64 asid) {
  const struct vtlb_entry *e = v->tlb;
  for (int i = 0; i < VTLB_SIZE; i++, e++)
    if (((e->hi ^ va) & e->vmask) == 0 && (e->asid == asid || e->asid == ~0ull)) return i;
  return -1;
}

/* The machine EntryLo of the 4 KB page at va under guest entry e, or 0 (invalid)
 * when the guest's half is invalid or names a page outside the VM's RAM. */
static u64 machine_lo(struct vcpu *v, const struct vtlb_entry *e, u64 va) {
  u64 size = page_bytes(e);
  u64 lo = (va & size) ? e->lo1 : e->lo0;
  if (!(lo & ENTRYLO_V)) return lo & ENTRYLO_G;
  u64 gpa = ((lo & ENTRYLO_PFN_MASK) >> ENTRYLO_PFN_SHIFT << PAGE_SHIFT) + (va & (size - 1));
  u64 m = pmap_entry(v->vm, gpa >> PAGE_SHIFT);
  if (!m) return lo & ENTRYLO_G;
  return (m & ENTRYLO_PFN_MASK) | ENTRYLO_CACHED | (lo & (ENTRYLO_D | ENTRYLO_G)) | ENTRYLO_V;
}

/* Puts the 4 KB pair around va of entry e into the real TLB and the L2TLB,
 * under the current ASID. */
static void fill_pair(struct vcpu *v, const struct vtlb_entry *e, u64 va) {
  u64 base = va & ~0x1FFFull & ENTRYHI_VPN2_MASK;
  u64 key = base | asid_now(v);
  u64 lo0 = machine_lo(v, e, base), lo1 = machine_lo(v, e, base + PAGE_SIZE);
  real_insert(key, lo0, lo1);
  if (regpage_pair(base)) return;   /* mode-dependent: never in the L2TLB */
  struct l2tlb_entry *s = l2_slot(v, key);
  *s = (struct l2tlb_entry){key | L2TLB_VALID, lo0, lo1, 0};
}

void vtlb_read(struct vcpu *v) {
  const struct vtlb_entry *e = &v->tlb[v->cp0[CP0_INDEX] & 63];
  v->cp0[CP0_ENTRYHI] = e->hi;
  v->cp0[CP0_ENTRYLO0] = e->lo0;
  v->cp0[CP0_ENTRYLO1] = e->lo1;
  v->cp0[CP0_PAGEMASK] = e->mask;
}

/* TLBP.  A guest probes before it invalidates or rewrites an entry, so with
 * l2_keep the probed translation also leaves the L2TLB: an entry the guest's
 * TLB already evicted may still be there (see vtlb_write). */
void vtlb_probe(struct vcpu *v) {
  u64 hi = v->cp0[CP0_ENTRYHI];
  int i = vtlb_match(v, hi, hi & ENTRYHI_ASID_MASK);
  v->cp0[CP0_INDEX] = i < 0 ? 0x80000000ull : (u64)i;
  if (v->l2_keep && guest_mapped(hi)) l2_forget(v, (hi & ENTRYHI_VPN2_MASK) | (hi & ENTRYHI_ASID_MASK));
}

/* TLBWI/TLBWR: drop what the old entry put in the real TLB and the L2TLB,
 * store the new one, and install it at once when it is a 4 KB pair.
 *
 * The L2TLB exception: a guest that flushes through MC_TLB_FLUSH (l2_keep)
 * manages its TLB the way dunix and Linux do - explicitly by TLBP then TLBWI
 * (both forget the L2TLB entry), by a new ASID, or by a whole flush - so an
 * entry that TLBWR merely evicts for room is still a good translation, and
 * stays in the L2TLB: the virtual machine sees a TLB as large as the L2TLB,
 * as the paper's Disco did. */
void vtlb_write(struct vcpu *v, unsigned index, bool random) {
  struct vtlb_entry *e = &v->tlb[index];
  if (guest_mapped(e->hi) && ((e->lo0 | e->lo1) & ENTRYLO_V)) {
    if (e->mask || global(e)) {
      tlb_flush_all();
      l2_flush(v);
    } else {
      u64 key = (e->hi & ENTRYHI_VPN2_MASK) | (e->hi & ENTRYHI_ASID_MASK);
      real_invalidate(key);
      if (!(random && v->l2_keep)) l2_forget(v, key);
    }
  }
  u64 g = v->cp0[CP0_ENTRYLO0] & v->cp0[CP0_ENTRYLO1] & ENTRYLO_G;
  /* the register page lets the guest store anything: keep the fields' bits */
  e->mask = v->cp0[CP0_PAGEMASK] & 0x01FFE000;
  e->hi = v->cp0[CP0_ENTRYHI] & (ENTRYHI_VPN2_MASK | ENTRYHI_ASID_MASK) & ~e->mask;
  e->lo0 = (v->cp0[CP0_ENTRYLO0] & 0xC0000003FFFFFFFEull) | g;
  e->lo1 = (v->cp0[CP0_ENTRYLO1] & 0xC0000003FFFFFFFEull) | g;
  e->vmask = ENTRYHI_VPN2_MASK & ~(e->mask | 0x1FFF);
  e->asid = g ? ~0ull : e->hi & ENTRYHI_ASID_MASK;
  if (e->mask == 0 && guest_mapped(e->hi) && (e->hi & ENTRYHI_ASID_MASK) == asid_now(v) && !regpage_pair(e->hi))
    fill_pair(v, e, e->hi);
}

/* Guest-virtual to guest-physical as the guest's MMU would see it: the
 * windows, then the virtual TLB.  False: the guest would take an exception. */
bool vtlb_translate(struct vcpu *v, u64 va, bool write, u64 *gpa) {
  if (window_gpa(va, gpa)) return true;
  if (!guest_mapped(va)) return false;
  int i = vtlb_match(v, va, asid_now(v));
  if (i < 0) return false;
  const struct vtlb_entry *e = &v->tlb[i];
  u64 size = page_bytes(e), lo = (va & size) ? e->lo1 : e->lo0;
  if (!(lo & ENTRYLO_V) || (write && !(lo & ENTRYLO_D))) return false;
  *gpa = ((lo & ENTRYLO_PFN_MASK) >> ENTRYLO_PFN_SHIFT << PAGE_SHIFT) + (va & (size - 1));
  return true;
}

/* A window access the refill handler could not serve: allocate the pair,
 * or emulate the I/O window, or a bus error beyond the VM's RAM. */
static enum outcome window_miss(struct vcpu *v, u64 va, u64 gpa) {
  if (gpa >= GPA_IO_BASE && gpa < GPA_IO_BASE + GPA_IO_SIZE) return v->kind = EX_DEVICE, emulate_io(v, gpa);
  u64 gpn = gpa >> PAGE_SHIFT;
  if (gpn >= v->vm->npages) {
    bool fetch = va == trapped_pc(v);
    v->x_cause = (v->x_cause & ~0x7Cull) | (u64)(fetch ? EXC_IBE : EXC_DBE) << 2;
    return REFLECT;
  }
  u64 even = gpn & ~1ull;
  u64 lo0 = pmap_entry(v->vm, even), lo1 = pmap_entry(v->vm, even + 1);
  real_insert((va & ~0x1FFFull & ENTRYHI_VPN2_MASK) | asid_now(v), lo0 | ENTRYLO_G, lo1 | ENTRYLO_G);
  v->kind = EX_TLB_PMAP;
  return RESUME;
}

/* ---- the privileged-register page (disco_guest.h) ----
 * In kernel mode the pair at DG_REGPAGE_PAIR is the monitor's: its odd page
 * is the vCPU's cp0[] page, its even page a bus error.  In user mode it is
 * the guest's like any user address.  The real TLB entry for the pair is
 * dropped whenever the guest crosses between user and kernel mode, and the
 * pair never enters the L2TLB, so each mode's refill comes to C. */
void regpage_switch(struct vcpu *v) {
  u64 user = vcpu_user_mode(v);
  if (PDA->user == user) return;
  PDA->user = user;
  real_invalidate(DG_REGPAGE_PAIR | asid_now(v));
}

static enum outcome regpage_miss(struct vcpu *v, u64 va) {
  if (!(va & PAGE_SIZE)) {
    v->x_cause = (v->x_cause & ~0x7Cull) | (u64)(va == trapped_pc(v) ? EXC_IBE : EXC_DBE) << 2;
    return REFLECT;
  }
  real_insert(DG_REGPAGE_PAIR | asid_now(v), ENTRYLO_G, v->regpage_lo);
  v->kind = EX_TLB_PMAP;
  return RESUME;
}

/* TLBL/TLBS, from the refill handler (no real entry) or not (an invalid one). */
enum outcome exit_tlb(struct vcpu *v) {
  u64 va = v->x_badvaddr, gpa;
  bool write = CAUSE_EXCCODE(v->x_cause) == EXC_TLBS;
  v->pc = v->x_epc;
  if (window_gpa(va, &gpa)) return window_miss(v, va, gpa);
  if (regpage_pair(va) && !vcpu_user_mode(v)) return regpage_miss(v, va);
  int i = guest_mapped(va) ? vtlb_match(v, va, asid_now(v)) : -1;
  if (i < 0) {
    v->kind = EX_TLB_REFLECT;
    v->x_refill = true;       /* the guest's refill vector */
    return REFLECT;
  }
  const struct vtlb_entry *e = &v->tlb[i];
  u64 lo = (va & page_bytes(e)) ? e->lo1 : e->lo0;
  v->x_refill = false;
  if (!(lo & ENTRYLO_V)) return v->kind = EX_TLB_REFLECT, REFLECT;     /* TLB invalid */
  if (!machine_lo(v, e, va)) {                                         /* outside its RAM */
    v->x_cause = (v->x_cause & ~0x7Cull) | (u64)(va == trapped_pc(v) ? EXC_IBE : EXC_DBE) << 2;
    return v->kind = EX_TLB_FAULT, REFLECT;
  }
  (void)write;
  fill_pair(v, e, va);
  v->kind = EX_TLB_VTLB;
  return RESUME;
}

/* Mod: the real entry is clean because the guest's is; the guest decides. */
enum outcome exit_tlb_mod(struct vcpu *v) {
  v->kind = EX_TLB_REFLECT;
  v->x_refill = false;
  return REFLECT;
}
