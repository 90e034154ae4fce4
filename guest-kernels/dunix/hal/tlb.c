/* tlb.c - the bare HAL's TLB maintenance.  The refill handler (locore.S)
 * loads entries lazily from the page tables; these functions keep the TLB
 * from holding stale ones when the kernel changes a page table.  Each runs
 * with interrupts off and puts EntryHi (the current ASID) back. */
#include "cp0.h"
#include "hal.h"
#include "pda.h"
#include "spinlock.h"

void tlb_flush_machine(void);   /* each machine's cpu.c */

#define TLB_ENTRIES 64
#define TLB_WIRED 1   /* entry 0: the PDA */

static void invalidate_index(unsigned i) {
  write_entryhi(KSEG0_BASE + (u64)i * 0x2000);  /* unmapped: never matches */
  write_entrylo0(0);
  write_entrylo1(0);
  write_index(i);
  tlbwi();
}

void hal_set_user_space(u64 *pgd, unsigned asid) {
  PDA->pgd = pgd;
  write_entryhi(asid);
}

unsigned hal_asid_bits(void) { return 8; }

void hal_tlb_flush_all(void) {
  push_off();
  u64 hi = read_entryhi();
  for (unsigned i = TLB_WIRED; i < TLB_ENTRIES; i++) invalidate_index(i);
  write_entryhi(hi);
  tlb_flush_machine();   /* whatever else the machine caches (cpu.c) */
  pop_off();
}

/* Index of the entry mapping va in asid, or -1. */
static int probe(u64 va, unsigned asid) {
  write_entryhi((va & ~0x1FFFull) | asid);
  tlbp();
  return read_index();
}

void hal_tlb_flush_page(u64 va, unsigned asid) {
  push_off();
  u64 hi = read_entryhi();
  int i = probe(va, asid);
  if (i >= TLB_WIRED) invalidate_index((unsigned)i);
  write_entryhi(hi);
  pop_off();
}

void hal_tlb_update(u64 va, unsigned asid, u64 pte_even, u64 pte_odd) {
  push_off();
  u64 hi = read_entryhi();
  int i = probe(va, asid);
  if (i >= TLB_WIRED) {
    write_entrylo0(pte_even);
    write_entrylo1(pte_odd);
    tlbwi();
  }
  write_entryhi(hi);
  pop_off();
}
