/* regpage.c - the privileged-register page (disco_guest.h): in kernel mode
 * the guest reads and writes its virtual CP0 with plain loads and stores at
 * DG_REGPAGE ($zero-relative), without trapping; the words are the ones
 * MFC0/MTC0 see; an interrupt enabled through the page arrives at the next
 * exit; the page's even neighbour is a bus error; and in user mode the
 * same addresses are ordinary user memory, mapped by the guest. */
#include "guest.h"

#define REG(n) (*(volatile unsigned long *)DG_REG(n))
#define LO(gpa, flags) (((gpa) >> 12) << 6 | ENTRYLO_CACHED | (flags))
#define USER_CODE 0x400000ul
#define GPA_DATA 0x340000ul
extern char user_prog[], user_done[];
long user_enter(unsigned long pc, unsigned long arg, unsigned long status);

static volatile int ticks, dbe, user_refills;
static void handler(struct gframe *f) {
  unsigned code = (f->cause >> 2) & 31;
  if (f->vec == 1) {                                 /* the user's miss at 0x7008 */
    user_refills += f->badvaddr == 0x7008;
    dmtc0(2, LO(GPA_DATA, ENTRYLO_V | ENTRYLO_D));
    dmtc0(3, LO(GPA_DATA + 0x1000, ENTRYLO_V | ENTRYLO_D));
    __asm__ volatile("tlbwr" ::: "memory");
    return;
  }
  if (code == EXC_INT) {
    ticks++;
    mtc0(11, mfc0(9) - 1);
    return;
  }
  if (code == EXC_DBE) dbe++;
  if (code == EXC_SYS && f->regs[2] == 4243) {
    f->epc = (unsigned long)user_done;
    f->status = (f->status & ~(unsigned long)ST_KSU_MASK) | ST_EXL;
    return;
  }
  f->epc += 4;
}

long gmain(void) {
  install_vectors();
  trap_hook = handler;
  unsigned long st = ST_KX | ST_SX | ST_UX;
  mtc0(12, st | ST_IM(2));
  checkx(REG(CP0_STATUS), mfc0(12), "Status through the page equals MFC0");
  REG(CP0_EPC) = 0xFFFFFFFFC0abc000ul;
  checkx(dmfc0(14), 0xFFFFFFFFC0abc000ul, "EPC stored through the page, read by DMFC0");
  dmtc0(2, LO(0x222000, ENTRYLO_V));
  checkx(REG(CP0_ENTRYLO0), LO(0x222000, ENTRYLO_V), "EntryLo0 written by DMTC0, read through the page");
  checkx(REG(CP0_PRID), 0x900, "PRId through the page");
  *(volatile unsigned long *)(DG_PDA + 8) = 0x9da;
  mcall(MC_INFO, 0, 0, 0, 0);
  checkx(*(volatile unsigned long *)(DG_PDA + 8), 0x9da, "the guest's half of the page keeps its words across exits");
  /* a timer pending while masked, then enabled by a store to the page */
  mtc0(12, st);
  mtc0(11, mfc0(9) + 2000);
  for (volatile int i = 0; i < 5000; i++) {
  }
  mcall(MC_INFO, 0, 0, 0, 0);                        /* an exit refreshes Cause.IP in the page */
  check(REG(CP0_CAUSE) & CAUSE_IP(7), "Cause.IP7 through the page");
  REG(CP0_STATUS) = st | ST_IM(7) | ST_IE;           /* no trap */
  check(ticks == 0, "enabling through the page does not trap");
  mcall(MC_INFO, 0, 0, 0, 0);                        /* ... the next exit delivers it */
  check(ticks == 1, "the interrupt enabled through the page arrives at the next exit");
  mtc0(12, st);
  (void)*(volatile unsigned long *)0x6008;
  check(dbe == 1, "the page's even neighbour is a bus error in kernel mode");
  /* user mode: 0x7008 is plain user memory there, mapped by the guest */
  unsigned long code_gpa = (unsigned long)user_prog - DG_KSEG;
  dmtc0(10, USER_CODE | 1);
  dmtc0(2, LO(code_gpa, ENTRYLO_V));
  dmtc0(3, 0);
  mtc0(0, 2);
  __asm__ volatile("tlbwi" ::: "memory");
  user_enter(USER_CODE, 0x7008, st | ST_KSU_USER | ST_EXL);
  check(user_refills == 1, "user access to 0x7008: the guest's own TLB miss");
  checkx(*(volatile unsigned long *)DG_XPHYS_P2V(GPA_DATA + 0x1008), 0x5a, "the user's store went to the guest's page");
  checkx(REG(CP0_STATUS), mfc0(12), "back in kernel mode the page is the register page again");
  check(REG(CP0_RANDOM) != 0x5a, "the register page did not see the user's store");
  return failures();
}
