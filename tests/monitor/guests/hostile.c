/* hostile.c - a guest kernel attacking the monitor.  Boot words choose the
 * attacks (attack=NAME ...); each must be contained - the guest sees the
 * exception real hardware would give a supervisor-mode program, or an
 * error from the monitor call - while the monitor and the neighbour VM
 * carry on.  "loop" (a runaway loop with interrupts off) and "bev" (an
 * exception with no vector) end with the VM killed instead. */
#include "guest.h"

#define LO(gpa, flags) ((((unsigned long)(gpa)) >> 12) << 6 | ENTRYLO_CACHED | (flags))
#define MON_IMAGE 0xFFFFFFFF80100000ul
#define PDA_VA 0xFFFFFFFFFFFFA000ul
#define GPA_IO 0x1F000000ul

static volatile unsigned seen, last_code;
static volatile unsigned long last_bad, last_epc;
static unsigned long recover;   /* where the next exception resumes (0: skip the instruction) */
static unsigned long eret_back; /* where a fetch fault at MON_IMAGE resumes */

static void handler(struct gframe *f) {
  seen++;
  last_code = (f->cause >> 2) & 31, last_bad = f->badvaddr, last_epc = f->epc;
  if (eret_back && f->epc == MON_IMAGE) {
    f->epc = eret_back;
    eret_back = 0;
  } else if (recover) {
    f->epc = recover;
    recover = 0;
  } else {
    f->epc += 4;
  }
}

static unsigned long probe(unsigned long va, int store) {
  seen = 0;
  unsigned long v = 0x666;   /* inline assembly: never in a delay slot */
  if (store)
    __asm__ volatile("sd %0, 0(%1)" ::"r"(v), "r"(va) : "memory");
  else
    __asm__ volatile("ld %0, 0(%1)" : "=r"(v) : "r"(va) : "memory");
  return seen == 1 ? last_code : 99;
}

static void set_entry(unsigned idx, unsigned long hi, unsigned long lo0, unsigned long lo1, unsigned long mask) {
  dmtc0(10, hi);
  dmtc0(2, lo0);
  dmtc0(3, lo1);
  mtc0(5, mask);
  mtc0(0, idx);
  __asm__ volatile("tlbwi" ::: "memory");
  mtc0(5, 0);
  dmtc0(10, 0);
}

static long mem;

static void forge(void) {
  set_entry(1, 0x10000, LO(mem + 0x100000, ENTRYLO_V | ENTRYLO_D), LO(0x7F00000, ENTRYLO_V | ENTRYLO_D), 0);
  checkx(probe(0x10000, 0), EXC_DBE, "forged entry past its RAM: load is a bus error");
  checkx(probe(0x11000, 1), EXC_DBE, "forged entry far past its RAM: store is a bus error");
  set_entry(2, 0x20000, LO(0xFFFFFFF000ul, ENTRYLO_V | ENTRYLO_D), LO(GPA_IO, ENTRYLO_V | ENTRYLO_D), 0);
  checkx(probe(0x20000, 0), EXC_DBE, "forged entry at the top of the physical space: bus error");
  checkx(probe(0x21000, 1), EXC_DBE, "forged entry onto the I/O window: bus error");
  /* a PFN is guest-physical: "machine page 0x100" is the guest's own kernel */
  set_entry(3, 0x30000, LO(0x100000, ENTRYLO_V), LO(0x200000, ENTRYLO_V | ENTRYLO_D), 0);
  checkx(*(volatile unsigned *)0x30000, *(volatile unsigned *)DG_KSEG_P2V(0x100000), "a PFN names guest-physical memory, not machine");
  checkx(probe(0x30000, 1), EXC_MOD, "and the guest's D bit holds");
}

static void kseg(void) {
  checkx(probe(MON_IMAGE, 0), EXC_ADEL, "load from the monitor's image (ckseg0): address error");
  checkx(probe(MON_IMAGE, 1), EXC_ADES, "store to the monitor's image: address error");
  checkx(probe(0x9800000000100000ul, 0), EXC_ADEL, "load through xkphys: address error");
  checkx(probe(PDA_VA, 0), EXC_ADEL, "load from the monitor's per-CPU page (ckseg3): address error");
  checkx(probe(0xC000000000000000ul, 1), EXC_ADES, "store to xkseg: address error");
  recover = (unsigned long)&&back;
  seen = 0;
  ((void (*)(void))MON_IMAGE)();
back:
  check(seen == 1 && last_code == EXC_ADEL && last_epc == MON_IMAGE, "jump into the monitor: fetch address error");
}

static void tlbkernel(void) {
  set_entry(4, MON_IMAGE & ~0x1FFFul, LO(0x200000, ENTRYLO_V | ENTRYLO_D | ENTRYLO_G), LO(0x201000, ENTRYLO_V | ENTRYLO_G), 0);
  set_entry(5, PDA_VA & ~0x1FFFul, LO(0x200000, ENTRYLO_V | ENTRYLO_D | ENTRYLO_G), LO(0x201000, ENTRYLO_V | ENTRYLO_G), 0);
  set_entry(6, 0xC000000000000000ul, LO(0x200000, ENTRYLO_V | ENTRYLO_D | ENTRYLO_G), 0, 0);
  checkx(probe(MON_IMAGE, 1), EXC_ADES, "TLB entry for the monitor's image: still an address error");
  checkx(probe(PDA_VA, 1), EXC_ADES, "TLB entry for the per-CPU page: still an address error");
  checkx(mcall(MC_INFO, MCI_VM_ID, 0, 0, 0) >= 0, 1, "the monitor still answers");
}

static void io(void) {
  checkx(probe(DG_XPHYS + GPA_IO + 0x1000, 1), EXC_DBE, "store to the UART's guest-physical address: bus error");
  checkx(probe(DG_XPHYS + GPA_IO + 0x2028, 1), EXC_DBE, "store to cpu-control START: bus error");
  checkx(probe(DG_XPHYS + GPA_IO + 0x4000, 1), EXC_DBE, "store to the disk controller: bus error");
  checkx(probe(DG_IDLE_VA, 0), EXC_DBE, "load from the idle register: bus error");
  checkx(probe(DG_XPHYS + mem, 0), EXC_DBE, "load just past its RAM: bus error");
  checkx(probe(DG_KSEG + mem + 0x1000, 1), EXC_DBE, "store past its RAM through cksseg: bus error");
}

static void flood(void) {
  long bad = 0;
  for (long i = 0; i < 50000; i++) bad += mcall(MC_INFO, MCI_VCPU_ID, 0, 0, 0) != 0;
  for (long i = 0; i < 2000; i++) bad += mcall(MC_DISK_READ, 3, 0, 1, 0x200000) != MCE_NODEV;
  for (long i = 0; i < 2000; i++) bad += mcall(1000 + i, 0, 0, 0, 0) != MCE_NOSYS;
  checkx(bad, 0, "a flood of 54000 monitor calls, all answered");
}

static void eret(void) {
  recover = MON_IMAGE;             /* the Bp handler "returns" into the monitor */
  eret_back = (unsigned long)&&back;
  seen = 0;
  __asm__ volatile("break" ::: "memory");
back:  /* the ERET to MON_IMAGE faulted: AdEL, EPC = MON_IMAGE */
  check(seen == 2 && last_code == EXC_ADEL && last_epc == MON_IMAGE, "ERET into the monitor: fetch address error");
}

static void status(void) {
  unsigned long st = mfc0(12);
  mtc0(12, ST_CU0 | ST_KX | ST_SX | ST_UX);          /* "give me CP0 and kernel mode" */
  set_entry(7, 0x50000, LO(0x220000, ENTRYLO_V | ENTRYLO_D), 0, 0);
  *(volatile unsigned long *)0x50000 = 0x51;
  checkx(*(volatile unsigned long *)DG_XPHYS_P2V(0x220000), 0x51, "Status.CU0 set: TLB writes still emulated");
  checkx(probe(MON_IMAGE, 0), EXC_ADEL, "Status.CU0 set: still no kernel addresses");
  mtc0(12, st);
}

static void tlbindex(void) {
  mtc0(0, 0xFFFFFFFF);
  checkx(mfc0(0), 63, "Index beyond the TLB: masked");
  mtc0(6, 63);
  dmtc0(10, 0x60000);
  dmtc0(2, LO(0x230000, ENTRYLO_V | ENTRYLO_D));
  dmtc0(3, 0);
  __asm__ volatile("tlbwr" ::: "memory");
  __asm__ volatile("tlbp" ::: "memory");
  checkx(mfc0(0), 63, "Wired = 63: TLBWR can only write entry 63");
  mtc0(6, 0);
}

static void bigpage(void) {
  *(volatile unsigned long *)DG_XPHYS_P2V(0x280000) = 0xb16;
  set_entry(8, 0x40000000, LO(0, ENTRYLO_V | ENTRYLO_D), LO(0x1000000, ENTRYLO_V | ENTRYLO_D), 0x1FFE000);
  checkx(*(volatile unsigned long *)(0x40000000 + 0x280000), 0xb16, "16 MB guest page: served as 4 KB machine pages");
  checkx(probe(0x41000000 + 0x1000, 0), EXC_DBE, "16 MB guest page past its RAM: bus error");
}

/* Out-of-range accesses to the privileged-register page, and garbage in
 * every register word but Status, then privileged instructions that use them. */
static void regpage(void) {
  checkx(probe(DG_REGPAGE_PAIR, 1), EXC_DBE, "store below the register page (kernel mode): bus error");
  checkx(probe(DG_REGPAGE + 0xFF8 + 8, 0), EXC_TLBL, "load past the register page: an ordinary TLB miss");
  volatile unsigned long *page = (volatile unsigned long *)DG_REGPAGE;
  for (unsigned r = 0; r < 32; r++)
    if (r != CP0_STATUS) page[r] = ~0ul;
  __asm__ volatile("tlbwi\n\ttlbwr\n\ttlbp\n\ttlbr" ::: "memory");
  (void)mfc0(1);
  for (unsigned r = 0; r < 32; r++)
    if (r != CP0_STATUS) page[r] = 0;
  mtc0(11, mfc0(9) - 1);
  for (unsigned i = 0; i < 64; i++) {   /* a clean TLB again */
    dmtc0(10, 0xFFFFFFFFC0000000ul + i * 0x2000ul);
    mtc0(0, i);
    __asm__ volatile("tlbwi" ::: "memory");
  }
  checkx(mcall(MC_INFO, MCI_MEM_SIZE, 0, 0, 0), mem, "garbage in every register word: the monitor carries on");
}

static void loop(void) {
  rt_printf("looping with interrupts off\n");
  mtc0(12, ST_KX | ST_SX | ST_UX);
  for (;;) {
  }
}

static void bev(void) {
  rt_printf("exception with BEV set\n");
  mtc0(12, ST_KX | ST_SX | ST_UX | ST_BEV);
  __asm__ volatile("break" ::: "memory");
  rt_printf("not ok - survived an exception with BEV set\n");
}

static const struct { const char *name; void (*fn)(void); } attacks[] = {
  {"forge", forge}, {"kseg", kseg}, {"tlbkernel", tlbkernel}, {"io", io}, {"flood", flood}, {"eret", eret},
  {"status", status}, {"tlbindex", tlbindex}, {"bigpage", bigpage}, {"regpage", regpage}, {"loop", loop},
  {"bev", bev},
};

long gmain(long argc, char **argv) {
  install_vectors();
  trap_hook = handler;
  mem = mcall(MC_INFO, MCI_MEM_SIZE, 0, 0, 0);
  for (long i = 1; i < argc; i++)
    for (unsigned a = 0; a < sizeof attacks / sizeof attacks[0]; a++)
      if (!strcmp(argv[i], attacks[a].name)) attacks[a].fn();
  return failures();
}
