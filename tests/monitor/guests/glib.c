/* glib.c - the test guests' library (guest.h). */
#include "guest.h"

struct gframe gframe;
void (*trap_hook)(struct gframe *f);
static int nfail;
extern char gvec_refill[], gvec_general[], gvec_end[];

void rt_putc(char c) { mcall(MC_PUTC, c, 0, 0, 0); }
void rt_exit(int code) {
  mcall(MC_HALT, code, 0, 0, 0);
  for (;;) {
  }
}

void gtrap(struct gframe *f) {
  if (trap_hook) {
    trap_hook(f);
    return;
  }
  rt_printf("not ok - unexpected exception %lu at %lx (badvaddr %lx)\n", (f->cause >> 2) & 31, f->epc, f->badvaddr);
  rt_exit(100);
}

void install_vectors(void) {
  unsigned long n = (unsigned long)(gvec_general - gvec_refill);
  memcpy((void *)DG_VEC_REFILL, gvec_refill, n);
  memcpy((void *)DG_VEC_XREFILL, gvec_refill, n);
  memcpy((void *)DG_VEC_GENERAL, gvec_general, (unsigned long)(gvec_end - gvec_general));
}

void check(int ok, const char *what) {
  if (!ok) nfail++;
  rt_printf("%s - %s\n", ok ? "ok" : "not ok", what);
}
void checkx(unsigned long got, unsigned long want, const char *what) {
  if (got != want) {
    nfail++;
    rt_printf("not ok - %s: got %lx, want %lx\n", what, got, want);
  } else {
    rt_printf("ok - %s\n", what);
  }
}
int failures(void) { return nfail; }

/* Guests with several vCPUs define their own (gstart.S: secondary_start). */
__attribute__((weak)) void secondary_main(void) { rt_exit(101); }
