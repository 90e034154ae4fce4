/* bootargs.c - the monitor's configuration: the boot words the board passes
 * in argv (docs/board.md "Boot arguments"; docs/monitor.md lists them).
 *
 *   vmN.kernel=D        real disk D holds VM N's kernel, a raw ELF64 file (required)
 *   vmN.vcpus=K         virtual CPUs (default 1, at most MAX_VCPUS)
 *   vmN.mem=SIZE        guest-physical RAM, with K/M/G suffix (default 16M)
 *   vmN.disks=D,D,...   real disks the VM owns, its virtual disks 0, 1, ...
 *   vmN.args=WORDS      the guest's boot words (one argv word; split at spaces)
 *   vmN.limit=CYCLES    kill the VM once it has run this many cycles
 *   mon.stats=1         print each VM's exit statistics when it halts
 *   mon.quiet=1         print no banner and no halt lines (errors still print)
 *   mon.quantum=CYCLES  the scheduler's time slice (default 200000)
 *
 * VMs are numbered from 0 without gaps.  A word the monitor does not know
 * stops the boot with a one-line error, as a bad word should. */
#include "mon.h"
#include "vm.h"

struct vm *vms[MAX_VMS];
unsigned num_vms;
bool mon_stats;
bool mon_quiet;
u64 sched_quantum = 200000;

static bool prefix(const char *s, const char *p, const char **rest) {
  while (*p)
    if (*s++ != *p++) return false;
  *rest = s;
  return true;
}

static bool number(const char *s, u64 *out) {
  u64 v = 0;
  if (!*s) return false;
  for (; *s >= '0' && *s <= '9'; s++) v = v * 10 + (u64)(*s - '0');
  switch (*s) {
    case 'K': case 'k': v <<= 10, s++; break;
    case 'M': case 'm': v <<= 20, s++; break;
    case 'G': case 'g': v <<= 30, s++; break;
  }
  *out = v;
  return *s == 0;
}

static struct vm *vm_get(unsigned n) {
  if (n >= MAX_VMS) panic("boot word: vm%u: at most %u VMs", n, MAX_VMS);
  if (!vms[n]) {
    struct vm *vm = kalloc(sizeof *vm);
    vm->id = n;
    vm->nvcpus = 1;
    vm->mem_bytes = 16ull << 20;
    vm->kernel_disk = -1;
    vms[n] = vm;
  }
  return vms[n];
}

static void disk_list(struct vm *vm, const char *s, const char *word) {
  while (*s) {
    u64 d = 0;
    const char *start = s;
    while (*s >= '0' && *s <= '9') d = d * 10 + (u64)(*s++ - '0');
    if (s == start || (*s && *s != ',') || vm->ndisks == MAX_VM_DISKS) panic("bad boot word '%s'", word);
    vm->disks[vm->ndisks++] = (unsigned)d;
    if (*s) s++;
  }
}

static void vm_word(struct vm *vm, const char *key, const char *word) {
  const char *v;
  u64 n = 0;
  if (prefix(key, "args=", &v)) {
    if (strlen(v) >= VM_ARGS_MAX) panic("boot word '%s': too long", word);
    memcpy(vm->args, v, strlen(v) + 1);
  } else if (prefix(key, "disks=", &v)) {
    disk_list(vm, v, word);
  } else if (prefix(key, "vcpus=", &v) && number(v, &n) && n >= 1 && n <= MAX_VCPUS) {
    vm->nvcpus = (unsigned)n;
  } else if (prefix(key, "mem=", &v) && number(v, &n) && n >= (1 << 20) && n <= VM_MEM_MAX) {
    vm->mem_bytes = n & ~(PAGE_SIZE - 1);
  } else if (prefix(key, "kernel=", &v) && number(v, &n)) {
    vm->kernel_disk = (int)n;
  } else if (prefix(key, "limit=", &v) && number(v, &n)) {
    vm->limit_cycles = n;
  } else {
    panic("bad boot word '%s'", word);
  }
}

void bootargs_parse(long argc, u64 argv) {
  char **words = (char **)(uintptr_t)argv;
  for (long i = 1; words && i < argc; i++) {
    const char *w = words[i], *rest;
    u64 n;
    if (prefix(w, "vm", &rest) && *rest >= '0' && *rest <= '9') {
      unsigned id = 0;
      while (*rest >= '0' && *rest <= '9') id = id * 10 + (unsigned)(*rest++ - '0');
      if (*rest != '.') panic("bad boot word '%s'", w);
      vm_word(vm_get(id), rest + 1, w);
    } else if (prefix(w, "mon.stats=", &rest)) {
      mon_stats = rest[0] == '1';
    } else if (prefix(w, "mon.quiet=", &rest)) {
      mon_quiet = rest[0] == '1';
    } else if (prefix(w, "mon.quantum=", &rest) && number(rest, &n) && n >= 1000) {
      sched_quantum = n;
    } else {
      panic("bad boot word '%s'", w);
    }
  }
  while (num_vms < MAX_VMS && vms[num_vms]) num_vms++;
  for (unsigned i = num_vms; i < MAX_VMS; i++)
    if (vms[i]) panic("vm%u defined but vm%u is not: number VMs from 0", i, num_vms);
  if (num_vms == 0) panic("no virtual machine defined (boot words vm0.kernel=D ...)");
}
