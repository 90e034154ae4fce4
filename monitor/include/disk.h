/* disk.h - a guest disk request as the monitor queues it (disk.c): runs of
 * sectors whose buffer is contiguous in machine memory, from one MC_DISK_READ
 * or MC_DISK_WRITE. */
#ifndef MON_DISK_H
#define MON_DISK_H
#include "types.h"

#define DISK_REQ_MAX_SECTORS 1024      /* per monitor call (512 KiB) */
#define DISK_REQ_RUNS (DISK_REQ_MAX_SECTORS / 8 + 1)

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
};

void disk_submit(struct disk_req *r);
void disk_intr(void);
#endif
