/* tlb.c - the JTLB and the mapped segments: refill vs XTLB refill vs
 * general vector, TLB Invalid and Modified, Context/XContext/EntryHi/BadVAddr
 * on a miss, large pages, TLBP/TLBR, Wired and Random, ASID switches, and
 * the supervisor segment seen from supervisor and user mode. */
#include "priv.h"

/* Physical pages the tests map (inside the 64 MiB both boards have). */
#define PA_A 0x00800000ull
#define PA_B 0x00801000ull
#define PA_BIG 0x01000000ull /* 16 MiB: room for a 1 MiB and a 16 KiB pair */
#define KSEG0(pa) ((volatile u64 *)(uintptr_t)(0xFFFFFFFF80000000ull | (pa)))

/* ---- a refill handler in C: maps the missing page on demand -------------- */
static u64 refill_pa;
static int refill_calls;
static int refill_hook(struct frame *f) {
  unsigned c = exc_code(f);
  if (c != EXC_TLBL && c != EXC_TLBS) return -1;
  ++refill_calls;
  tlb_map(-1, f->badvaddr, f->entryhi & 0xff, 4096, refill_pa, refill_pa, 7);
  return 0; /* retry the access */
}

static u64 load64(u64 va) {
  u64 v;
  __asm__ volatile("ld %0, 0(%1)" : "=r"(v) : "r"(va) : "memory");
  return v;
}
static void store64(u64 va, u64 v) { __asm__ volatile("sd %0, 0(%1)" : : "r"(v), "r"(va) : "memory"); }

static void refills(void) {
  u32 st = CP0_GET32(C0_STATUS);
  *KSEG0(PA_A + 8) = 0xA5A5;
  /* 32-bit kuseg miss (UX=0): TLB refill vector, then the handler's entry. */
  u64 va = 0x10002008ull;
  refill_pa = PA_A;
  refill_calls = 0;
  trap_hook = refill_hook;
  CP0_SET(C0_CONTEXT, 0xFFFFFFFFC0000000ull);
  u64 got = load64(va);
  trap_hook = 0;
  check_eq(got, 0xA5A5, "kuseg load through a refilled entry");
  check_eq(refill_calls, 1, "kuseg miss: one refill");
  check_eq(last.vector, 0x000, "32-bit kuseg miss: TLB refill vector");
  check_eq(exc_code(&last), EXC_TLBL, "kuseg load miss: TLBL");
  check_eq(last.badvaddr, va, "kuseg miss: BadVAddr");
  check_eq(last.context, 0xFFFFFFFFC0000000ull | ((va >> 13) << 4), "kuseg miss: Context = PTEBase | BadVPN2");
  check_eq(last.entryhi & ~0xffull, va & ~0x1fffull, "kuseg miss: EntryHi.VPN2");

  /* A store miss is TLBS; the page is then writable (D set by the hook). */
  va = 0x20004010ull;
  refill_pa = PA_B;
  trap_hook = refill_hook;
  store64(va, 0x5A5A);
  trap_hook = 0;
  check_eq(exc_code(&last), EXC_TLBS, "kuseg store miss: TLBS");
  check_eq(*KSEG0(PA_B + 0x10), 0x5A5A, "store through the refilled entry reaches memory");

  /* 64-bit user addressing (UX=1): the XTLB refill vector, XContext. */
  CP0_SET32(C0_STATUS, st | ST_UX);
  va = 0x0000001234567008ull;
  refill_pa = PA_A;
  trap_hook = refill_hook;
  got = load64(va);
  trap_hook = 0;
  check_eq(got, 0xA5A5, "xuseg load above 4 GB through a refilled entry");
  check_eq(last.vector, 0x080, "xuseg miss (UX=1): XTLB refill vector");
  check_eq(last.entryhi & ~0xffull, va & ~0x1fffull, "xuseg miss: EntryHi.VPN2");
  /* XContext: BadVPN2 = VA 43:13 at bit 4 on the R10000 (31 bits); the
   * VR5432 (40-bit segments) keeps VA 39:13 (27 bits). */
  u64 bits = is_r10000() ? 31 : 27;
  check_eq(last.xcontext & ((1ull << (bits + 4)) - 1), ((va >> 13) & ((1ull << bits) - 1)) << 4, "xuseg miss: XContext.BadVPN2");
  /* A kuseg miss also uses the XTLB vector once UX is set. */
  refill_pa = PA_A;
  trap_hook = refill_hook;
  load64(0x30000008ull);
  trap_hook = 0;
  check_eq(last.vector, 0x080, "kuseg miss with UX=1: XTLB refill vector");
  CP0_SET32(C0_STATUS, st);
  /* ... and an xuseg address with UX=0 is an address error. */
  load64(0x0000001234567008ull);
  check_eq(exc_code(&last), EXC_ADEL, "xuseg address with UX=0: AdEL");

  /* kseg3: XTLB refill with KX=1, TLB refill with KX=0. */
  refill_pa = PA_A;
  trap_hook = refill_hook;
  load64(0xFFFFFFFFE8000008ull);
  check_eq(last.vector, 0x080, "kseg3 miss with KX=1: XTLB refill vector");
  CP0_SET32(C0_STATUS, st & ~ST_KX);
  load64(0xFFFFFFFFE8100008ull);
  check_eq(last.vector, 0x000, "kseg3 miss with KX=0: TLB refill vector");
  /* xkseg needs KX. */
  load64(0xC000000000010008ull);
  check_eq(exc_code(&last), EXC_ADEL, "xkseg with KX=0: AdEL");
  CP0_SET32(C0_STATUS, st);
  got = load64(0xC000000000010008ull);
  check(got == 0xA5A5 && last.vector == 0x080, "xkseg miss with KX=1: XTLB refill, then mapped");
  trap_hook = 0;

  /* A miss while EXL=1 goes to the general vector (ExcCode TLBL). */
  static u64 resume;
  __asm__ volatile("dla %0, 7f" : "=r"(resume));
  CP0_SET(C0_EPC, resume);
  CP0_SET32(C0_STATUS, st | ST_EXL);
  __asm__ volatile("ld $8, 0(%0)\n 7:" : : "r"(0x50000000ull) : "$8", "memory");
  CP0_SET32(C0_STATUS, st);
  check(exc_code(&last) == EXC_TLBL && last.vector == 0x180, "miss with EXL=1: general vector");
}

/* ---- Invalid and Modified ---------------------------------------------------- */
static void invalid_and_modified(void) {
  *KSEG0(PA_A) = 77;
  tlb_map(5, 0x60000000ull, 0, 4096, PA_A, ~0ull, 2 | 1); /* even page valid, clean; odd invalid */
  check_eq(load64(0x60000000ull), 77, "clean valid page: load works");
  store64(0x60000000ull, 1);
  check_eq(exc_code(&last), EXC_MOD, "store to a clean page: Mod");
  check_eq(last.vector, 0x180, "Mod: general vector");
  check_eq(last.badvaddr, 0x60000000ull, "Mod: BadVAddr");
  check_eq(*KSEG0(PA_A), 77, "Mod: memory unchanged");
  load64(0x60001000ull);
  check_eq(exc_code(&last), EXC_TLBL, "load from an invalid page: TLBL");
  check_eq(last.vector, 0x180, "TLB invalid: general vector (not refill)");
  store64(0x60001008ull, 1);
  check_eq(exc_code(&last), EXC_TLBS, "store to an invalid page: TLBS");
  check_eq(last.entryhi & ~0xffull, 0x60000000ull, "TLB invalid: EntryHi.VPN2");

  /* The same in 64-bit user addressing (UX=1), above 4 GB. */
  u32 st = CP0_GET32(C0_STATUS);
  CP0_SET32(C0_STATUS, st | ST_UX);
  u64 va = 0x0000002000000000ull;
  tlb_map(5, va, 0, 4096, PA_A, ~0ull, 2 | 1);
  check_eq(load64(va), 77, "xuseg clean valid page: load works");
  store64(va, 1);
  check(exc_code(&last) == EXC_MOD && last.vector == 0x180 && last.badvaddr == va, "xuseg store to a clean page: Mod");
  load64(va + 0x1000);
  check(exc_code(&last) == EXC_TLBL && last.vector == 0x180, "xuseg invalid page: TLBL, general vector");
  store64(va + 0x1000, 1);
  check(exc_code(&last) == EXC_TLBS && last.vector == 0x180, "xuseg invalid page store: TLBS, general vector");
  CP0_SET32(C0_STATUS, st);
}

/* ---- large pages --------------------------------------------------------- */
static void large_pages(void) {
  static const u64 sizes[] = {16 << 10, 64 << 10, 256 << 10, 1 << 20, 4 << 20};
  char name[96];
  for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; ++i) {
    u64 sz = sizes[i];
    u64 pa0 = PA_BIG, pa1 = PA_BIG + sz;
    u64 va = 0x40000000ull;
    *KSEG0(pa0 + sz - 8) = 0x1000 + i;
    *KSEG0(pa1) = 0x2000 + i;
    *KSEG0(pa1 + sz - 8) = 0x3000 + i;
    tlb_map(6, va, 0, sz, pa0, pa1, 7);
    u64 a = load64(va + sz - 8), b = load64(va + sz), c = load64(va + 2 * sz - 8);
    rt_snprintf(name, sizeof name, "%llu KiB pages: end of even, both ends of odd page", (unsigned long long)(sz >> 10));
    check(a == 0x1000 + i && b == 0x2000 + i && c == 0x3000 + i, name);
    load64(va + 2 * sz);
    rt_snprintf(name, sizeof name, "%llu KiB pages: beyond the pair misses", (unsigned long long)(sz >> 10));
    check_eq(exc_code(&last), EXC_TLBL, name);
  }
  /* 16 MiB pages: the even page at 16 MiB, the odd one invalid. */
  *KSEG0(PA_BIG + 0xFFFFF8) = 0x16;
  tlb_map(6, 0x40000000ull, 0, 16 << 20, PA_BIG, ~0ull, 7);
  check_eq(load64(0x40000000ull + 0xFFFFF8), 0x16, "16 MiB page: last word");
  load64(0x41000000ull);
  check_eq(exc_code(&last), EXC_TLBL, "16 MiB page pair: odd page invalid");
  tlb_map(6, 0xFFFFFFFFE0000000ull + 0x3000000, 0, 4096, ~0ull, ~0ull, 0);
}

/* ---- TLBP, TLBR, Wired, Random --------------------------------------------- */
static void probe_read_wired(void) {
  tlb_map(9, 0x70002000ull, 0x21, 4096, PA_A, PA_B, 6);
  CP0_SET(C0_ENTRYHI, 0x70002000ull | 0x21);
  __asm__ volatile("tlbp");
  check_eq(CP0_GET32(C0_INDEX), 9, "TLBP finds the entry");
  CP0_SET(C0_ENTRYHI, 0x70002000ull | 0x22);
  __asm__ volatile("tlbp");
  check(CP0_GET32(C0_INDEX) & 0x80000000u, "TLBP with another ASID: P set");
  CP0_SET32(C0_INDEX, 9);
  __asm__ volatile("tlbr");
  check_eq(CP0_GET(C0_ENTRYHI), 0x70002000ull | 0x21, "TLBR: EntryHi");
  check_eq(CP0_GET(C0_ENTRYLO0), ((PA_A >> 12) << 6) | (3 << 3) | 6, "TLBR: EntryLo0");
  check_eq(CP0_GET(C0_ENTRYLO1), ((PA_B >> 12) << 6) | (3 << 3) | 6, "TLBR: EntryLo1");
  check_eq(CP0_GET32(C0_PAGEMASK), 0, "TLBR: PageMask");
  CP0_SET(C0_ENTRYHI, 0);

  /* Wired entries survive TLBWR; Random stays in [Wired, top]. */
  unsigned top = tlb_entries() - 1;
  CP0_SET32(C0_WIRED, 8);
  for (unsigned i = 0; i < 8; ++i) tlb_map((int)i, 0x10000000ull + i * 0x2000, 0, 4096, PA_A, ~0ull, 3);
  int in_range = 1;
  for (unsigned i = 0; i < 300; ++i) {
    u32 r = CP0_GET32(C0_RANDOM);
    if (r < 8 || r > top) in_range = 0;
    tlb_map(-1, 0x18000000ull + i * 0x2000, 0, 4096, PA_B, ~0ull, 3);
  }
  check(in_range, "Random stays within [Wired, last entry]");
  int kept = 1;
  for (unsigned i = 0; i < 8; ++i) {
    CP0_SET32(C0_INDEX, i);
    __asm__ volatile("tlbr");
    if ((CP0_GET(C0_ENTRYHI) & ~0xffull) != 0x10000000ull + i * 0x2000) kept = 0;
  }
  CP0_SET(C0_ENTRYHI, 0);
  check(kept, "TLBWR never replaces a wired entry");
  if (is_r10000()) {
    u64 a, b;
    CP0_SET32(C0_WIRED, 3);
    __asm__ volatile("mfc0 %0, $1\n mfc0 %1, $1" : "=r"(a), "=r"(b));
    check(a <= 63 && a >= 58 && b == a - 1, "R10000 Random: reset to 63 by a Wired write, then one down per instruction");
  } else {
    skip("R10000 Random: reset to 63 by a Wired write, then one down per instruction", "VR5432 Random is pseudo-random");
  }
  CP0_SET32(C0_WIRED, 0);
  tlb_clear();
  map_user_page();
}

/* ---- ASIDs ------------------------------------------------------------------ */
static void asids(void) {
  *KSEG0(PA_A) = 0xAAAA;
  *KSEG0(PA_B) = 0xBBBB;
  tlb_map(10, 0x00600000ull, 5, 4096, PA_A, ~0ull, 2); /* not global */
  tlb_map(11, 0x00600000ull, 6, 4096, PA_B, ~0ull, 2);
  CP0_SET(C0_ENTRYHI, 5);
  u64 a = load64(0x00600000ull);
  CP0_SET(C0_ENTRYHI, 6);
  u64 b = load64(0x00600000ull);
  CP0_SET(C0_ENTRYHI, 5);
  u64 a2 = load64(0x00600000ull);
  check(a == 0xAAAA && b == 0xBBBB && a2 == 0xAAAA, "same VA, ASID 5 and 6 map different pages");
  CP0_SET(C0_ENTRYHI, 7);
  traps = 0;
  load64(0x00600000ull);
  check(traps == 1 && exc_code(&last) == EXC_TLBL && last.vector == 0x000, "ASID 7: refill");
  check_eq(last.entryhi & 0xff, 7, "refill keeps EntryHi.ASID");
  load64(USER_VA);
  check_eq(traps, 1, "a global entry matches any ASID");
  CP0_SET(C0_ENTRYHI, 0);
}

/* ---- the supervisor segment ------------------------------------------------- */
static void supervisor_segment(void) {
  u32 st = CP0_GET32(C0_STATUS);
  *KSEG0(PA_A) = 0x5E6ull << 32; /* lw reads the high word (big-endian) */
  tlb_map(12, 0xFFFFFFFFC0000000ull, 0, 4096, PA_A, ~0ull, 3);
  u64 v = run_user(user_pc(u_load), (st & ~(ST_CU1 | ST_FR)) | ST_KSU_SUP, 0xFFFFFFFFC0000000ull, 0);
  CP0_SET32(C0_STATUS, st);
  check(exc_code(&last) == EXC_SYS && (u32)v == 0x5E6, "supervisor reads sseg");
  run_user(user_pc(u_load), (st & ~(ST_CU1 | ST_FR)) | ST_KSU_USER, 0xFFFFFFFFC0000000ull, 0);
  CP0_SET32(C0_STATUS, st);
  check(exc_code(&last) == EXC_ADEL && last.badvaddr == 0xFFFFFFFFC0000000ull, "user load from sseg: AdEL");
  run_user(user_pc(u_load), (st & ~(ST_CU1 | ST_FR)) | ST_KSU_SUP, 0xFFFFFFFFE0000000ull, 0);
  CP0_SET32(C0_STATUS, st);
  check_eq(exc_code(&last), EXC_ADEL, "supervisor load from kseg3: AdEL");
  run_user(user_pc(u_load), (st & ~(ST_CU1 | ST_FR)) | ST_KSU_SUP | ST_SX, 0x4000000000000000ull, 0);
  CP0_SET32(C0_STATUS, st);
  check(exc_code(&last) == EXC_TLBL && last.vector == 0x080, "supervisor xsseg miss with SX=1: XTLB refill");
  run_user(user_pc(u_load), (st & ~(ST_CU1 | ST_FR)) | ST_KSU_SUP, 0x4000000000000000ull, 0);
  CP0_SET32(C0_STATUS, st);
  check_eq(exc_code(&last), EXC_ADEL, "supervisor xsseg with SX=0: AdEL");
  run_user(user_pc(u_load), (st & ~(ST_CU1 | ST_FR)) | ST_KSU_USER | ST_UX, 0x4000000000000000ull, 0);
  CP0_SET32(C0_STATUS, st);
  check_eq(exc_code(&last), EXC_ADEL, "user xsseg: AdEL");
  /* User code runs from a mapped page; stores to a read-only page: Mod. */
  run_user(user_pc(u_store), (st & ~(ST_CU1 | ST_FR)) | ST_KSU_USER, USER_VA, 0);
  CP0_SET32(C0_STATUS, st);
  check_eq(exc_code(&last), EXC_MOD, "user store to its clean code page: Mod");
}

int main(void) {
  priv_init();
  refills();
  invalid_and_modified();
  large_pages();
  probe_read_wired();
  asids();
  supervisor_segment();
  rt_printf("tlb: %d failed\n", failures());
  return failures();
}
