/* smp.c - a VM with several vCPUs (possibly more than the machine has
 * CPUs): vCPU 0 starts the others with MC_VCPU_START; each adds to a shared
 * counter with LL/SC, reports, then idles (MC_IDLE) until vCPU 0's virtual
 * IPI arrives, acknowledges it and idles for good.  Checks the count, that
 * every vCPU ran and woke, and that starting a vCPU twice is refused. */
#include "guest.h"

#define MAXV 32
#define ADDS 20000
extern char secondary_start[];
static char stacks[MAXV][4096] __attribute__((aligned(16)));
static volatile unsigned long counter, done_mask, acked_mask;
static volatile unsigned long ids[MAXV];

static void atomic_add(volatile unsigned long *p, unsigned long v) {
  __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
}

void secondary_main(void) {
  long id = mcall(MC_INFO, MCI_VCPU_ID, 0, 0, 0);
  ids[id] = (unsigned long)id;
  for (int i = 0; i < ADDS; i++) atomic_add(&counter, 1);
  __atomic_fetch_or(&done_mask, 1ul << id, __ATOMIC_SEQ_CST);
  mtc0(12, ST_KX | ST_SX | ST_UX | ST_IM(IRQ_IPI));   /* IE off: idle still wakes */
  while (!(mfc0(13) & CAUSE_IP(IRQ_IPI))) mcall(MC_IDLE, 0, 0, 0, 0);
  mcall(MC_IPI_CLEAR, 0, 0, 0, 0);
  __atomic_fetch_or(&acked_mask, 1ul << id, __ATOMIC_SEQ_CST);
  mtc0(12, ST_KX | ST_SX | ST_UX);
  for (;;) mcall(MC_IDLE, 0, 0, 0, 0);
}

long gmain(void) {
  long n = mcall(MC_INFO, MCI_NUM_VCPUS, 0, 0, 0);
  rt_printf("smp: %ld vCPUs\n", n);
  for (long i = 1; i < n; i++)
    checkx(mcall(MC_VCPU_START, i, (long)secondary_start, (long)(stacks[i] + 4096), 0), 0, "start a vCPU");
  if (n > 1) checkx(mcall(MC_VCPU_START, 1, (long)secondary_start, 0, 0), (unsigned long)MCE_PERM, "start it twice: refused");
  checkx(mcall(MC_VCPU_START, n, (long)secondary_start, 0, 0), (unsigned long)MCE_INVAL, "start a vCPU it does not have: refused");
  for (int i = 0; i < ADDS; i++) atomic_add(&counter, 1);
  unsigned long all = ((1ul << n) - 1) & ~1ul;
  while (done_mask != all) {
  }
  checkx(counter, (unsigned long)n * ADDS, "every vCPU's LL/SC additions counted");
  int ids_ok = 1;
  for (long i = 1; i < n; i++) ids_ok &= ids[i] == (unsigned long)i;
  check(ids_ok, "each vCPU knows its number");
  for (long i = 1; i < n; i++) mcall(MC_IPI_SEND, i, 0, 0, 0);
  while (acked_mask != all) {
  }
  check(1, "every idle vCPU woke on its virtual IPI");
  checkx(mcall(MC_IPI_SEND, n + 5, 0, 0, 0), (unsigned long)MCE_INVAL, "IPI to a vCPU it does not have: refused");
  return failures();
}
