/* vm.h - a virtual machine: its vCPUs, its guest-physical memory (the pmap:
 * one precomputed EntryLo per guest page, 0 until the page is first
 * touched, then a machine page allocated on the toucher's node), its disks
 * and its console line.  Defined from boot words (bootargs.c). */
#ifndef MON_VM_H
#define MON_VM_H
#include "mon.h"
#include "vcpu.h"

#define MAX_VMS 16
#define MAX_VCPUS 32
#define MAX_VM_DISKS 8
#define VM_ARGS_MAX 512

struct vm {
  unsigned id;
  /* ---- configuration (bootargs.c) ---- */
  unsigned nvcpus;
  u64 mem_bytes;
  int kernel_disk;                  /* real disk holding the kernel ELF */
  unsigned ndisks, disks[MAX_VM_DISKS];  /* virtual disk i = real disk disks[i] */
  u64 limit_cycles;                 /* 0: no CPU-time limit */
  char args[VM_ARGS_MAX];           /* the guest's boot words, space-separated */
  /* ---- memory: pmap[gpn] = machine EntryLo (PFN, C, D, V) or 0 ---- */
  u64 npages;
  u64 *pmap;
  spinlock_t lock;                  /* pmap allocation, console line */
  volatile u64 tlb_gen;             /* bumped when a page is taken back (vm.c) */
  u64 pages_returned;
  volatile u64 disk_inflight;       /* guest disk requests queued or on the controller */
  /* ---- vCPUs and state ---- */
  struct vcpu *vcpus[MAX_VCPUS];
  u64 entry;                        /* the kernel's ELF entry */
  volatile int halted;              /* set once; its vCPUs stop at their next exit */
  int status;                       /* exit status (MC_HALT), 255 when killed */
  u64 used_cycles;                  /* CPU time charged to the VM */
  char line[4096];                  /* console output, flushed per line */
  unsigned line_len;
  bool mid_line;                    /* the last flush was a full buffer, not a line's end */
};

extern struct vm *vms[MAX_VMS];
extern unsigned num_vms;

/* vm.c */
void vm_create_all(void);
u64 pmap_entry(struct vm *vm, u64 gpn);        /* allocates on first use; 0 if gpn is outside RAM */
void pmap_take_back(struct vcpu *v, u64 gpn);  /* the memory hints: the page reads as zeros after */
void tlb_gen_check(struct vcpu *v);            /* before entering the guest */
bool gpa_to_ma(struct vm *vm, u64 gpa, u64 *ma);
void vm_putc(struct vm *vm, char c);
void vm_halt(struct vm *vm, int status, const char *why);
/* bootargs.c */
void bootargs_parse(long argc, u64 argv);
extern bool mon_stats;
extern bool mon_quiet;   /* mon.quiet=1: no banner and no halt lines (errors still print) */
/* elf.c */
int elf_load(struct vm *vm);
/* disk.c */
int disk_rw(unsigned disk, u64 sector, u32 count, u64 ma, bool write);
unsigned disk_count(void);
u64 disk_sectors(unsigned disk);
#endif
