/* intr.c (Disco) - interrupts of a virtual CPU: IP7 the virtual
 * Count/Compare timer, IP3 virtual IPIs (MC_IPI_SEND/CLEAR).  Idling is
 * MC_IDLE: the monitor deschedules the vCPU until an interrupt is pending
 * for it.  Time is the virtual Count (an emulated MFC0), extended to 64 bits. */
#include "cp0.h"
#include "hal.h"
#include "lib.h"
#include "mcall.h"
#include "spinlock.h"

#define IRQ_IPI 3
#define IRQ_TIMER 7

void hal_idle(void) {
  if (read_cause() & read_status() & ST_IM_MASK) return;
  mcall(MC_IDLE, 0, 0, 0, 0);
}

void hal_ipi_send(unsigned cpu) { mcall(MC_IPI_SEND, cpu, 0, 0, 0); }

/* ---- time -------------------------------------------------------------------- */
static u64 clock_mhz;
static struct spinlock clock_lock = SPINLOCK_INIT("clock");
static u64 count_high, count_last;   /* Count extended past its 32 bits */

static u64 count64(void) {
  spin_lock(&clock_lock);
  u32 c = read_count();
  if (c < (u32)count_last) count_high += 1ull << 32;
  count_last = count_high | c;
  u64 r = count_last;
  spin_unlock(&clock_lock);
  return r;
}

u64 hal_time_ns(void) {
  if (!clock_mhz) clock_mhz = (u64)mcall(MC_INFO, MCI_CLOCK_MHZ, 0, 0, 0);
  return count64() * 2000 / clock_mhz;
}

void hal_timer_arm(u64 ns) {
  if (!clock_mhz) clock_mhz = (u64)mcall(MC_INFO, MCI_CLOCK_MHZ, 0, 0, 0);
  u64 counts = ns * clock_mhz / 2000;
  if (counts < 100) counts = 100;
  if (counts > 0x7FFFFFFF) counts = 0x7FFFFFFF;
  write_compare(read_count() + (u32)counts);
  write_status(read_status() | ST_IM(IRQ_TIMER));
}

void hal_timer_stop(void) {
  write_status(read_status() & ~ST_IM(IRQ_TIMER));
  write_compare(read_count() - 1);
}

void console_poll(void);

void hal_interrupt(struct trapframe *tf) {
  u32 pending = CAUSE_IP(tf->cause) & (read_status() >> ST_IM_SHIFT);
  if (pending & (1u << IRQ_TIMER)) {
    write_compare(read_count() - 1);
    if (hal_cpu_id() == 0) console_poll();
    timer_intr();
  }
  if (pending & (1u << IRQ_IPI)) {
    mcall(MC_IPI_CLEAR, 0, 0, 0, 0);
    ipi_intr();
  }
}
