/* isa_r2.c - the machine's `isa` option (config.h, docs/privileged.md):
 * MIPS64 Release 2 instructions (seb, wsbh, rotr, ext, dext, dsbh) in kernel,
 * supervisor and user mode, and RDHWR $29, which the R10000 does not have.
 * Prints one line per instruction and mode, "<mode> <insn> 0x<result>" or
 * "<mode> <insn> RI"; isa_r2_test.py knows what each ISA level must print,
 * for either byte order. */
#include "priv/priv.h"

#define OPERAND 0x1122334455667788ull
#define R2_USER_VA 0x00800000ull

u64 k_seb(u64), k_wsbh(u64), k_rotr(u64), k_ext(u64), k_dext(u64), k_dsbh(u64), k_rdhwr(u64);
extern char r2_user_page[], u_seb[], u_wsbh[], u_rotr[], u_ext[], u_dext[], u_dsbh[], u_rdhwr[];

static const struct {
  const char *name;
  u64 (*kernel)(u64);
  char *snippet;
} insns[] = {
    {"seb", k_seb, u_seb},    {"wsbh", k_wsbh, u_wsbh}, {"rotr", k_rotr, u_rotr},    {"ext", k_ext, u_ext},
    {"dext", k_dext, u_dext}, {"dsbh", k_dsbh, u_dsbh}, {"rdhwr", k_rdhwr, u_rdhwr},
};

static void report(const char *mode, const char *name, int ri, u64 v) {
  if (ri)
    rt_printf("%s %s RI\n", mode, name);
  else
    rt_printf("%s %s 0x%llx\n", mode, name, (unsigned long long)v);
}

int main(void) {
  priv_init();
  tlb_map(1, R2_USER_VA, 0, 4096, kphys(r2_user_page), ~0ull, 3);
  rt_printf("isa test\n");
  for (unsigned k = 0; k < sizeof insns / sizeof insns[0]; ++k) {
    int before = traps;
    u64 v = insns[k].kernel(OPERAND);
    int ri = traps != before;
    if (ri && exc_code(&last) != EXC_RI) rt_printf("kernel %s: exception %u\n", insns[k].name, exc_code(&last));
    report("kernel", insns[k].name, ri, v);
  }
  static const struct {
    const char *name;
    u64 status;
  } modes[] = {{"supervisor", ST_KSU_SUP | ST_SX}, {"user", ST_KSU_USER | ST_UX}};
  for (unsigned m = 0; m < 2; ++m)
    for (unsigned k = 0; k < sizeof insns / sizeof insns[0]; ++k) {
      u64 pc = R2_USER_VA + (u64)(insns[k].snippet - r2_user_page);
      u64 v = run_user(pc, modes[m].status | ST_KX, OPERAND, 0);
      unsigned code = exc_code(&last);
      if (code != EXC_SYS && code != EXC_RI) rt_printf("%s %s: exception %u\n", modes[m].name, insns[k].name, code);
      report(modes[m].name, insns[k].name, code == EXC_RI, v);
    }
  return 0;
}
