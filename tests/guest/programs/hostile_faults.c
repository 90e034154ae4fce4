/* hostile_faults.c - user code the hardware refuses: a wild pointer, a jump
 * into kernel space, privileged instructions (mtc0, tlbwi, eret, mfc0, cache),
 * a misaligned jump.  Each runs in a child; the kernel must answer with the
 * architectural signal (default action: the child dies of it; with a handler:
 * the handler runs and can leave by siglongjmp), and stay up: a sibling's
 * checksum is unchanged and a fork afterwards still works.  Exits 0.
 *
 * Expected signals (as qemu-mips64 delivers them): a wild access or a jump to
 * kseg0 (0xffffffff80100000) SIGSEGV; CP0 instructions in user mode raise a
 * Coprocessor Unusable exception: SIGILL. */
#include "hostile.h"
#include <setjmp.h>

static volatile uintptr_t launder;
static sigjmp_buf jb;
static volatile int caught;

static void wild_store(void) { launder = 0xdead0000; *(volatile int *)launder = 1; }
static void wild_load(void) { launder = 0x7ff0000000; (void)*(volatile int *)launder; }
static void kernel_load(void) { launder = 0xffffffff80100000ull; (void)*(volatile int *)launder; }
static void kernel_jump(void) { launder = 0xffffffff80100000ull; ((void (*)(void))launder)(); }
static void null_call(void) { launder = 0; ((void (*)(void))launder)(); }
static void insn_mtc0(void) { __asm__ volatile("mtc0 $0, $12" ::: "memory"); }   /* Status := 0 */
static void insn_mfc0(void) { int v; __asm__ volatile("mfc0 %0, $12" : "=r"(v)); }
static void insn_tlbwi(void) { __asm__ volatile("tlbwi" ::: "memory"); }
static void insn_eret(void) { __asm__ volatile(".set push\n.set noreorder\neret\nnop\n.set pop" ::: "memory"); }
static void insn_cache(void) { __asm__ volatile("cache 0, 0($sp)" ::: "memory"); }   /* index invalidate I */

static void handler(int sig) { caught = sig; siglongjmp(jb, 1); }

static void run(const char *name, void (*f)(void), int with_handler) {
  pid_t p = fork();
  if (p == 0) {
    if (with_handler) {
      struct sigaction sa;
      memset(&sa, 0, sizeof sa);
      sa.sa_handler = handler;
      sigaction(SIGSEGV, &sa, NULL);
      sigaction(SIGILL, &sa, NULL);
      sigaction(SIGBUS, &sa, NULL);
      if (sigsetjmp(jb, 1) == 0) f();
      _exit(caught ? 100 + caught : 99);   /* 100 + the signal the handler saw */
    }
    f();
    _exit(99);
  }
  int st;
  waitpid(p, &st, 0);
  say("%-22s %s: %s\n", name, with_handler ? "handled" : "default", wstatus(st));
}

int main(void) {
  int rfd = -1;
  uint64_t expect = 0;
  pid_t sib = sibling_start(&rfd);
  struct {
    const char *name;
    void (*f)(void);
  } t[] = {{"wild store", wild_store}, {"wild load", wild_load},       {"load kseg0", kernel_load},
           {"jump to kseg0", kernel_jump}, {"call NULL", null_call},   {"mtc0", insn_mtc0},
           {"mfc0", insn_mfc0},         {"tlbwi", insn_tlbwi},         {"eret", insn_eret},
           {"cache", insn_cache}};
  for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++) {
    run(t[i].name, t[i].f, 0);
    run(t[i].name, t[i].f, 1);
  }
  expect = sibling_work();
  sibling_check(sib, rfd, expect);
  pid_t p = fork();
  if (p == 0) _exit(12);
  int st;
  waitpid(p, &st, 0);
  say("fork afterwards: %s\n", wstatus(st));
  return 0;
}
