/* exceptions.c - every exception cause the R10000 raises synchronously, in
 * kernel, supervisor and user mode: ExcCode, EPC, Cause.BD/CE, BadVAddr,
 * the general vector; ERET with EXL and with ERL; privileged instructions
 * (Coprocessor Unusable) and mode-gated instructions (Reserved Instruction)
 * from supervisor and user mode. */
#include "priv.h"

static const u64 kKseg0Word = 0xFFFFFFFF80000100ull; /* a kernel-only address */

/* Address of the instruction at local label 1 inside an asm block. */
#define HERE_AND(insns) ({ u64 a_; __asm__ volatile(".set push\n.set noreorder\n dla %0, 1f\n1: " insns "\n.set pop" : "=r"(a_) : : "$8", "memory"); a_; })

static void expect_trap(unsigned code, u64 epc, const char *what) {
  char name[120];
  rt_snprintf(name, sizeof name, "%s: ExcCode", what);
  check_eq(exc_code(&last), code, name);
  rt_snprintf(name, sizeof name, "%s: EPC", what);
  check_eq(last.epc, epc, name);
  rt_snprintf(name, sizeof name, "%s: general vector", what);
  check_eq(last.vector, 0x180, name);
}

static u64 resume_at;
static int resume_hook(struct frame *f) {
  f->epc = resume_at;
  return 0;
}

static void kernel_mode(void) {
  u64 at;
  at = HERE_AND("syscall");
  expect_trap(EXC_SYS, at, "kernel syscall");
  check(!exc_bd(&last) && (last.status & ST_EXL), "kernel syscall: BD clear, EXL set in handler");
  at = HERE_AND("break");
  expect_trap(EXC_BP, at, "kernel break");
  at = HERE_AND("teq $0, $0");
  expect_trap(EXC_TR, at, "kernel teq");
  at = HERE_AND("tne $0, $0\n nop\n tge $0, $0");
  expect_trap(EXC_TR, at + 8, "kernel tge after untaken tne");
  at = HERE_AND("lui $8, 0x7fff\n add $8, $8, $8");
  expect_trap(EXC_OV, at + 4, "kernel add overflow");
  at = HERE_AND(".word 0xEC000000");
  expect_trap(EXC_RI, at, "kernel reserved opcode");
  at = HERE_AND(".word 0x7C081420"); /* seb $2, $8: MIPS32 Release 2 */
  expect_trap(EXC_RI, at, "kernel Release 2 instruction (seb): RI");

  u64 odd = (u64)(uintptr_t)&last + 2;
  __asm__ volatile("lw $8, 0(%0)" : : "r"(odd) : "$8", "memory");
  check_eq(exc_code(&last), EXC_ADEL, "kernel misaligned lw: AdEL");
  check_eq(last.badvaddr, odd, "kernel misaligned lw: BadVAddr");
  __asm__ volatile("sw $0, 0(%0)" : : "r"(odd + 1) : "memory");
  check_eq(exc_code(&last), EXC_ADES, "kernel misaligned sw: AdES");
  check_eq(last.badvaddr, odd + 1, "kernel misaligned sw: BadVAddr");

  /* A fault in a branch delay slot: EPC is the branch, Cause.BD is set. */
  u64 br;
  __asm__ volatile(".set push\n.set noreorder\n dla %0, 1f\n1: beq $0, $0, 2f\n lw $8, 0(%1)\n2:\n.set pop"
                   : "=r"(br) : "r"(odd) : "$8", "memory");
  check_eq(last.epc, br, "kernel delay-slot fault: EPC = branch");
  check(exc_bd(&last), "kernel delay-slot fault: Cause.BD set");
  __asm__ volatile(".set push\n.set noreorder\n dla %0, 1f\n1: jal 3f\n lw $8, 0(%1)\n3:\n.set pop"
                   : "=r"(br) : "r"(odd) : "$8", "$31", "memory");
  check_eq(last.epc, br, "kernel fault in a jal delay slot: EPC = jal");

  /* Coprocessor 1 unusable with CU1 clear: ExcCode CpU, Cause.CE = 1. */
  u32 st = CP0_GET32(C0_STATUS);
  CP0_SET32(C0_STATUS, st & ~ST_CU1);
  at = HERE_AND("mfc1 $8, $f0");
  CP0_SET32(C0_STATUS, st);
  expect_trap(EXC_CPU, at, "kernel mfc1 with CU1=0");
  check_eq(exc_ce(&last), 1, "kernel mfc1 with CU1=0: Cause.CE = 1");

  /* Bus errors where no memory is (discosim board only: Malta has flash and
   * devices there). */
  if (is_r10000()) {
    __asm__ volatile("lw $8, 0(%0)" : : "r"(0xFFFFFFFFBE000000ull) : "$8", "memory");
    check_eq(exc_code(&last), EXC_DBE, "kernel load from no memory: DBE");
    __asm__ volatile("dla %0, 6f" : "=r"(resume_at));
    trap_hook = resume_hook;
    __asm__ volatile(".set push\n.set noreorder\n jr %0\n nop\n.set pop\n 6:" : : "r"(0xFFFFFFFFBE000000ull) : "memory");
    trap_hook = 0;
    check(exc_code(&last) == EXC_IBE && last.epc == 0xFFFFFFFFBE000000ull, "kernel fetch from no memory: IBE, EPC = target");
  } else {
    skip("kernel load from no memory: DBE", "Malta has devices there");
    skip("kernel fetch from no memory: IBE, EPC = target", "Malta has flash there");
  }

  /* TLB exceptions in kernel mode: a kuseg miss takes the refill vector. */
  u64 v;
  __asm__ volatile("lw %0, 0(%1)" : "=r"(v) : "r"(0x70000000ull) : "memory");
  check(exc_code(&last) == EXC_TLBL && last.vector == 0x000, "kernel kuseg load miss: TLBL, refill vector");
  __asm__ volatile("sw $0, 0(%0)" : : "r"(0x70000000ull) : "memory");
  check(exc_code(&last) == EXC_TLBS && last.vector == 0x000, "kernel kuseg store miss: TLBS, refill vector");
  __asm__ volatile("sw $0, 0(%0)" : : "r"(USER_VA) : "memory");
  check(exc_code(&last) == EXC_MOD && last.vector == 0x180, "kernel store to a clean page: Mod");
}

/* ---- EXL and ERL ------------------------------------------------------------ */

static void exl_and_erl(void) {
  /* An exception with EXL already set leaves EPC and BD alone. */
  u32 st = CP0_GET32(C0_STATUS);
  CP0_SET(C0_EPC, 0xFFFFFFFF80001234ull);
  __asm__ volatile("dla %0, 2f" : "=r"(resume_at));
  trap_hook = resume_hook;
  CP0_SET32(C0_STATUS, st | ST_EXL);
  __asm__ volatile("syscall\n 2:" ::: "memory");
  trap_hook = 0;
  check_eq(last.epc, 0xFFFFFFFF80001234ull, "syscall with EXL=1 keeps EPC");
  check_eq(last.vector, 0x180, "syscall with EXL=1 uses the general vector");
  check((CP0_GET32(C0_STATUS) & ST_EXL) == 0, "ERET cleared EXL");

  /* ERET with ERL set returns to ErrorEPC and clears ERL, leaving EXL. */
  u64 target, landed;
  __asm__ volatile("dla %0, 4f" : "=r"(target));
  __asm__ volatile("dmtc0 %0, $30" : : "r"(target));
  CP0_SET32(C0_STATUS, st | ST_ERL | ST_EXL);
  __asm__ volatile(".set push\n.set noreorder\n eret\n nop\n.set pop\n 4: dla %0, 4b" : "=r"(landed) : : "memory");
  u32 after = CP0_GET32(C0_STATUS);
  check_eq(landed, target, "ERET with ERL=1 jumps to ErrorEPC");
  check((after & ST_ERL) == 0 && (after & ST_EXL), "ERET with ERL=1 clears ERL only");
  CP0_SET32(C0_STATUS, st);

  /* ERET clears the LL bit: an SC after it fails. */
  static volatile u32 word;
  u64 ok;
  __asm__ volatile("dla %0, 5f" : "=r"(target));
  CP0_SET(C0_EPC, target);
  CP0_SET32(C0_STATUS, st | ST_EXL);
  __asm__ volatile(".set push\n.set noreorder\n ll $8, 0(%1)\n eret\n nop\n.set pop\n5: li %0, 7\n sc %0, 0(%1)"
                   : "=&r"(ok) : "r"(&word) : "$8", "memory");
  check_eq(ok, 0, "ERET clears the LL bit (SC fails)");
  CP0_SET32(C0_STATUS, st);

  /* With ERL set, kuseg is unmapped: VA = PA. */
  static volatile u64 probe = 0x1122334455667788ull;
  u64 got;
  CP0_SET32(C0_STATUS, st | ST_ERL);
  __asm__ volatile("ld %0, 0(%1)" : "=r"(got) : "r"(kphys((const void *)&probe)) : "memory");
  CP0_SET32(C0_STATUS, st);
  check_eq(got, probe, "ERL=1: kuseg is unmapped (VA = PA)");
}

/* ---- supervisor and user mode ------------------------------------------------ */

static u32 base_status;
static u64 in_mode(u32 mode_bits, void *snippet, u64 a0, u64 a1) {
  traps = 0;
  u64 v = run_user(user_pc(snippet), (base_status & ~(ST_CU1 | ST_FR)) | mode_bits, a0, a1);
  CP0_SET32(C0_STATUS, base_status);
  return v;
}

static void expect_user_trap(unsigned code, u64 epc, const char *what) {
  char name[120];
  rt_snprintf(name, sizeof name, "%s: ExcCode", what);
  check_eq(exc_code(&last), code, name);
  rt_snprintf(name, sizeof name, "%s: EPC", what);
  check_eq(last.epc, epc, name);
}

static void lower_modes(void) {
  static const struct { u32 bits; const char *name; } modes[] = {{ST_KSU_SUP, "supervisor"}, {ST_KSU_USER, "user"}};
  char name[120];
  for (unsigned m = 0; m < 2; ++m) {
    u32 k = modes[m].bits;
    const char *mn = modes[m].name;
#define NAME(s) (rt_snprintf(name, sizeof name, "%s %s", mn, s), name)
    in_mode(k, u_exit, 0, 0);
    expect_user_trap(EXC_SYS, user_pc(u_exit), NAME("syscall"));
    check((last.status & 0x18) == k, NAME("syscall: Status.KSU still shows the mode in the handler"));
    in_mode(k, u_break, 0, 0);
    expect_user_trap(EXC_BP, user_pc(u_break), NAME("break"));
    in_mode(k, u_teq, 0, 0);
    expect_user_trap(EXC_TR, user_pc(u_teq), NAME("teq"));
    in_mode(k, u_ov, 0, 0);
    expect_user_trap(EXC_OV, user_pc(u_ov) + 4, NAME("add overflow"));
    in_mode(k, u_ri, 0, 0);
    expect_user_trap(EXC_RI, user_pc(u_ri), NAME("reserved opcode"));

    /* CP0 instructions without CU0: Coprocessor Unusable, CE = 0. */
    in_mode(k, u_mfc0, 0, 0);
    expect_user_trap(EXC_CPU, user_pc(u_mfc0), NAME("mfc0 without CU0"));
    check_eq(exc_ce(&last), 0, NAME("mfc0 without CU0: Cause.CE = 0"));
    in_mode(k, u_tlbwi, 0, 0);
    expect_user_trap(EXC_CPU, user_pc(u_tlbwi), NAME("tlbwi without CU0"));
    in_mode(k, u_eret, 0, 0);
    expect_user_trap(EXC_CPU, user_pc(u_eret), NAME("eret without CU0"));
    in_mode(k, u_cache, 0, 0);
    expect_user_trap(EXC_CPU, user_pc(u_cache), NAME("cache without CU0"));
    u64 v = in_mode(k | ST_CU0, u_mfc0, 0, 0);
    check(exc_code(&last) == EXC_SYS && (v & 0x18) == k, NAME("mfc0 with CU0 reads Status"));

    in_mode(k, u_mfc1, 0, 0);
    expect_user_trap(EXC_CPU, user_pc(u_mfc1), NAME("mfc1 without CU1"));
    check_eq(exc_ce(&last), 1, NAME("mfc1 without CU1: Cause.CE = 1"));

    /* Kernel addresses: address error, BadVAddr = the address. */
    in_mode(k, u_load, kKseg0Word, 0);
    expect_user_trap(EXC_ADEL, user_pc(u_load), NAME("load from kseg0"));
    check_eq(last.badvaddr, kKseg0Word, NAME("load from kseg0: BadVAddr"));
    in_mode(k, u_store, kKseg0Word, 0);
    expect_user_trap(EXC_ADES, user_pc(u_store), NAME("store to kseg0"));
    in_mode(k, u_delay, kKseg0Word, 0);
    expect_user_trap(EXC_ADEL, user_pc(u_delay), NAME("delay-slot load from kseg0 (EPC = branch)"));
    check(exc_bd(&last), NAME("delay-slot load from kseg0: Cause.BD"));
    in_mode(k, u_load, 0x70000000ull, 0);
    check(exc_code(&last) == EXC_TLBL && last.vector == 0x000 && last.epc == user_pc(u_load),
          NAME("kuseg load miss: TLBL, refill vector"));
    in_mode(k, u_store, 0x70000000ull, 0);
    check(exc_code(&last) == EXC_TLBS && last.vector == 0x000, NAME("kuseg store miss: TLBS, refill vector"));
    in_mode(k, u_store, USER_VA, 0);
    check(exc_code(&last) == EXC_MOD && last.vector == 0x180, NAME("store to a clean page: Mod"));
    in_mode(k, u_jump, kKseg0Word, 0);
    expect_user_trap(EXC_ADEL, kKseg0Word, NAME("fetch from kseg0 (EPC = target)"));
    check_eq(last.badvaddr, kKseg0Word, NAME("fetch from kseg0: BadVAddr"));

    /* 64-bit operations need UX (user) / SX (supervisor). */
    u32 x = m == 0 ? ST_SX : ST_UX;
    v = in_mode(k | x, u_daddu, 1ull << 40, 5);
    check(exc_code(&last) == EXC_SYS && v == (1ull << 40) + 5, NAME("daddu with the X bit set"));
    if (m == 1 || is_r10000()) {
      in_mode(k, u_daddu, 1, 2);
      expect_user_trap(EXC_RI, user_pc(u_daddu), NAME("daddu in 32-bit mode: RI"));
    } else {
      skip(NAME("daddu in 32-bit mode: RI"), "QEMU allows 64-bit ops in supervisor mode whatever SX");
    }
  }

  /* COP1X in user mode needs CU1 and XX. */
  if (is_r10000()) {
    in_mode(ST_KSU_USER | ST_CU1 | ST_FR | ST_XX, u_lwxc1, USER_VA, 0);
    check_eq(exc_code(&last), EXC_SYS, "user lwxc1 with CU1 and XX");
  } else {
    skip("user lwxc1 with CU1 and XX", "QEMU's VR5432 raises RI for COP1X even with XX set");
  }
  in_mode(ST_KSU_USER | ST_CU1 | ST_FR, u_lwxc1, USER_VA, 0);
  expect_user_trap(EXC_RI, user_pc(u_lwxc1), "user lwxc1 with XX=0: RI");
  in_mode(ST_KSU_USER | ST_XX, u_lwxc1, USER_VA, 0);
  expect_user_trap(EXC_CPU, user_pc(u_lwxc1), "user lwxc1 with CU1=0: CpU");

  /* MIPS IV additions in user mode need XX (R10000; the VR5432 ignores it). */
  u64 v = in_mode(ST_KSU_USER | ST_XX, u_movn, 9, 1);
  check(exc_code(&last) == EXC_SYS && v == 9, "user movn with XX=1");
  if (is_r10000()) {
    in_mode(ST_KSU_USER, u_movn, 9, 1);
    expect_user_trap(EXC_RI, user_pc(u_movn), "user movn with XX=0: RI");
    in_mode(ST_KSU_SUP, u_movn, 9, 1);
    check(exc_code(&last) == EXC_SYS, "supervisor movn with XX=0 (MIPS IV always on)");
  } else {
    skip("user movn with XX=0: RI", "VR5432 does not gate MIPS IV on XX");
    skip("supervisor movn with XX=0 (MIPS IV always on)", "R10000 rule");
  }
#undef NAME
}

int main(void) {
  priv_init();
  base_status = CP0_GET32(C0_STATUS);
  kernel_mode();
  exl_and_erl();
  lower_modes();
  rt_printf("exceptions: %d failed\n", failures());
  return failures();
}
