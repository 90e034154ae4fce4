/* intr.c - interrupts on the bare board: enabling, idling, inter-processor
 * interrupts, the Count/Compare timer, and routing each Cause.IP line to the
 * portable kernel's handler:
 *
 *   IP7 timer  -> timer_intr()      IP3 IPI   -> ipi_intr()
 *   IP2 disk   -> disk_intr()       IP4 UART  -> console_rx() per byte
 */
#include "board.h"
#include "cp0.h"
#include "hal.h"
#include "lib.h"

void hal_idle(void) {
  if (read_cause() & read_status() & ST_IM_MASK) return;
  reg_write64(SIMCTL_BASE, SIMCTL_IDLE, 1);
}

void hal_ipi_send(unsigned cpu) { reg_write64(IPI_BASE, IPI_SEND, cpu); }

static u64 clock_mhz;
u64 hal_time_ns(void) { return reg_read64(NODE_CLOCK_BASE(0), CLOCK_NOW_NS); }

/* Count runs at half the pipeline clock (R10000 manual 14.7). */
void hal_timer_arm(u64 ns) {
  if (!clock_mhz) clock_mhz = reg_read64(NODE_CLOCK_BASE(0), CLOCK_MHZ);
  u64 counts = ns * clock_mhz / 2000;
  if (counts < 100) counts = 100;
  if (counts > 0x7FFFFFFF) counts = 0x7FFFFFFF;
  write_compare(read_count() + (u32)counts);
  write_status(read_status() | ST_IM(IRQ_TIMER));
}

void hal_timer_stop(void) {
  write_status(read_status() & ~ST_IM(IRQ_TIMER));
  write_compare(read_count() - 1);   /* and clear a pending IP7 */
}

void uart_intr(void);

/* Called by trap() for an Interrupt exception, with interrupts off. */
void hal_interrupt(struct trapframe *tf) {
  u32 pending = CAUSE_IP(tf->cause) & (read_status() >> ST_IM_SHIFT);
  if (pending & (1u << IRQ_TIMER)) {
    write_compare(read_count() - 1);  /* acknowledge; timer_intr re-arms */
    timer_intr();
  }
  if (pending & (1u << IRQ_IPI)) {
    reg_write64(IPI_BASE, IPI_CLEAR, 1);
    ipi_intr();
  }
  if (pending & (1u << IRQ_DISK)) disk_intr();
  if (pending & (1u << IRQ_UART)) uart_intr();
}
