/* timed.h - what the timing-model test programs share: the measured
 * references of timed.S, the board addresses they use, the memory regions
 * experiments take their lines from, and a mailbox through which CPU 0 has
 * the other CPUs make references (workers.c). */
#ifndef TIMED_H
#define TIMED_H
#include <stdint.h>

#include "rt.h"

/* timed.S: a phase around n references; see there for what it contains. */
struct timed {
  uint64_t count; /* CP0 Count after the references (zeroed before them) */
  uint64_t insns; /* sim-control INSNS just before PHASE_BEGIN */
};
struct timed timed_loads(uint64_t phase, const volatile void *p, uint64_t n, uint64_t stride);
struct timed timed_stores(uint64_t phase, volatile void *p, uint64_t n, uint64_t stride);
void delay(uint64_t n); /* 2n + 4 cycles, no data references */

/* Addresses: kseg0 is cached, kseg1 uncached, both map physical directly. */
#define KSEG0(pa) ((volatile uint64_t *)(0xFFFFFFFF80000000ull | (uint64_t)(pa)))
#define KSEG1(pa) ((volatile uint64_t *)(0xFFFFFFFFA0000000ull | (uint64_t)(pa)))
#define PHYS(p) ((uint64_t)(uintptr_t)(p) & 0x1FFFFFFFull)
#define DEV(base, off) (*(volatile uint64_t *)(0xFFFFFFFFA0000000ull | ((base) + (off))))
#define SIMCTL 0x1F000000ull
#define CPUCTL 0x1F002000ull
#define PAGECTR 0x1F005000ull
#define DISK 0x1F004000ull

/* The machines of this directory have 16 MiB per node: node n owns
 * physical [n * 16M, (n + 1) * 16M).  The program, its data and stacks sit
 * at 1 MiB on node 0, in L2 sets 0x000-0x3FF of each 512 KiB way span (the
 * L2 is 1 MiB, 2-way, 128-byte lines: an address's set is bits 18:7).
 * Experiments take their lines from node-relative offsets 0x840000-0x87FFFF,
 * sets 0x800-0xFFF, so no experiment's line ever evicts code or data. */
#define MEM_PER_NODE (16ull << 20)
#define REGION(node) ((uint64_t)(node) * MEM_PER_NODE + 0x840000ull)
#define REGION_BYTES 0x40000ull
#define L2_LINE 128
#define L1D_LINE 32
#define PAGE 4096

/* workers.c: CPU 0 starts CPUs 1..n-1, which then wait for requests. */
enum op { OP_LOAD, OP_STORE, OP_TLOAD, OP_TSTORE };
void workers_start(void);
/* Makes `cpu` (0 included) perform op on n references from p by stride.
 * Timed ops first delay() for longer than a quantum and return what
 * timed.S measured; untimed ops return zeros. */
struct timed run_on(unsigned cpu, enum op op, volatile void *p, uint64_t n, uint64_t stride, uint64_t phase);

#endif
