/* user.c - a user-mode program inside the guest: the guest kernel maps a
 * page of code at a user address and ERETs into it.  Its first store
 * misses in the TLB, and the monitor reflects the miss to the guest's own
 * refill handler (the XTLB vector: the guest runs with UX), which maps the
 * page; its SYSCALL is the guest's system call, not a monitor call; its
 * MFC0 and TLBWI raise Coprocessor Unusable in the guest, and its access to
 * a supervisor address an address error - the guest kernel sees each one,
 * the monitor only passes them on. */
#include "guest.h"

extern char user_prog[], user_prog_end[], user_mfc0[], user_tlbwi[], user_kseg[], user_done[];
long user_enter(unsigned long pc, unsigned long arg, unsigned long status);

#define USER_CODE 0x400000ul
#define USER_DATA 0x800000ul
#define GPA_DATA 0x340000ul
#define LO(gpa, flags) (((gpa) >> 12) << 6 | ENTRYLO_CACHED | (flags))
#define UADDR(sym) (USER_CODE + (unsigned long)((sym) - user_prog))

static int refills, syscalls, cpus, kseg, unexpected;
static unsigned long refill_bad, refill_vec_ok, sys_a0;

static void handler(struct gframe *f) {
  unsigned code = (f->cause >> 2) & 31;
  if (f->vec == 1) {                       /* our refill vector */
    refills++;
    refill_bad = f->badvaddr;
    refill_vec_ok = code == EXC_TLBS && ((f->status & ST_KSU_MASK) == ST_KSU_USER);
    dmtc0(2, LO(GPA_DATA, ENTRYLO_V | ENTRYLO_D));
    dmtc0(3, 0);
    __asm__ volatile("tlbwr" ::: "memory");   /* EntryHi was set by the exception */
    return;
  }
  if (code == EXC_SYS && f->regs[2] == 4242) {
    syscalls++;
    sys_a0 = f->regs[4];
    f->epc += 4;
  } else if (code == EXC_SYS && f->regs[2] == 4243) {
    f->epc = (unsigned long)user_done;      /* back to the kernel */
    f->status = (f->status & ~(unsigned long)ST_KSU_MASK) | ST_EXL;
  } else if (code == EXC_CPU && (f->epc == UADDR(user_mfc0) || f->epc == UADDR(user_tlbwi))) {
    cpus++;
    f->epc += 4;
  } else if (code == EXC_ADEL && f->epc == UADDR(user_kseg) && f->badvaddr == DG_KSEG) {
    kseg++;
    f->epc += 4;
  } else {
    unexpected++;
    rt_printf("# unexpected exception %u at %lx\n", code, f->epc);
    f->epc += 4;
  }
}

long gmain(void) {
  install_vectors();
  trap_hook = handler;
  unsigned long code_gpa = (unsigned long)user_prog - DG_KSEG;
  dmtc0(10, USER_CODE | 1);                /* ASID 1: the user's address space */
  dmtc0(2, LO(code_gpa, ENTRYLO_V));       /* read-only code page */
  dmtc0(3, 0);
  mtc0(5, 0);
  mtc0(0, 2);
  __asm__ volatile("tlbwi" ::: "memory");
  *(volatile unsigned long *)DG_XPHYS_P2V(GPA_DATA) = 0;
  unsigned long st = ST_KX | ST_SX | ST_UX | ST_KSU_USER | ST_EXL;
  long ret = user_enter(UADDR(user_prog), USER_DATA, st);
  checkx((unsigned long)ret, 0x5a, "user program ran and came back to the kernel");
  check(refills == 1 && refill_bad == USER_DATA && refill_vec_ok, "user TLB miss reflected to the guest's refill vector");
  checkx(*(volatile unsigned long *)DG_XPHYS_P2V(GPA_DATA), 0x5a, "user store landed in the page the guest mapped");
  check(syscalls == 1 && sys_a0 == 0x5a, "user SYSCALL is the guest's system call");
  check(cpus == 2, "MFC0 and TLBWI in guest user mode: Coprocessor Unusable to the guest");
  check(kseg == 1, "user access to the supervisor window: address error to the guest");
  check(unexpected == 0, "no other exception");
  check((mfc0(12) & ST_KSU_MASK) == 0, "back in kernel mode");
  return failures();
}
