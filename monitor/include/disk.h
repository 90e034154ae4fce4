/* disk.h - a guest disk request as the monitor queues it (disk.c): runs of
 * sectors whose buffer is contiguous in machine memory, from one MC_DISK_READ
 * or MC_DISK_WRITE. */
#ifndef MON_DISK_H
#define MON_DISK_H
#include "types.h"

#define DISK_REQ_MAX_SECTORS 1024      /* per monitor call (512 KiB) */
#define DISK_REQ_RUNS (DISK_REQ_MAX_SECTORS / 8 + 1)

/* Every controller command costs the disk's command time (docs/board.md), so
 * a request whose guest-contiguous buffer is scattered in machine memory
 * would take one command per run where the bare kernel takes one.  A request
 * of at most DISK_BOUNCE_SECTORS goes through the vCPU's machine-contiguous
 * bounce buffer instead: one command, and a copy by the monitor (its cycles
 * are simulated like the rest). */
#define DISK_BOUNCE_SECTORS 256        /* 128 KiB: the controller's MAX_SECTORS */

struct vcpu;
struct disk_run { u64 sector, ma; u32 count, pad; };
struct disk_req {
  struct vcpu *v;
  unsigned disk;                 /* the real disk */
  bool write;
  unsigned nruns, cur;           /* runs, and the one on the controller */
  u32 done, chunk;               /* sectors of runs[cur] done, and in flight */
  int result;                    /* 0 or MCE_IO */
  struct disk_req *next;
  struct disk_run runs[DISK_REQ_RUNS];
  u64 bounce_ma;                 /* the vCPU's bounce buffer, 0 until first needed */
  unsigned nscatter;             /* >0: runs[0] is the bounce buffer, these the guest's */
  struct disk_run scatter[DISK_BOUNCE_SECTORS / 8 + 1];
};

void disk_submit(struct disk_req *r);
void disk_intr(void);
#endif
