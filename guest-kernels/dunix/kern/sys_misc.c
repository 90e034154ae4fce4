/* sys_misc.c - system calls that describe or tune the machine: uname and
 * sethostname, getrandom, resource limits (prlimit64, getrlimit, setrlimit),
 * sysinfo and reboot.
 *
 * Everything here is deterministic: getrandom draws from a fixed-seed
 * generator, so two runs of the same workload see the same bytes.
 *
 * Locks: uts_lock guards the host name; rand_lock the generator's state;
 * proc_lock the rlimit arrays of every process (task.h). */
#include "kalloc.h"
#include "ktime.h"
#include "lib.h"
#include "linux_n64.h"
#include "signal.h"
#include "syscall.h"
#include "task.h"
#include "uaccess.h"

/* ---- uname, sethostname ------------------------------------------------------ */
#define HOSTNAME_MAX 64   /* __NEW_UTS_LEN */
_Static_assert(HOSTNAME_MAX + 1 == LINUX_UTSNAME_LEN, "utsname field length");

static struct spinlock uts_lock = SPINLOCK_INIT("uts");
static char hostname[HOSTNAME_MAX + 1] = "dunix";   /* uts_lock */

/* glibc refuses to start on a kernel older than its configured minimum, which
 * it reads from the release string: claim the 6.1 ABI this kernel follows. */
SYSCALL(uname) {
  char u[LINUX_UTSNAME_SIZE];
  memset(u, 0, sizeof u);
  strlcpy(u + LINUX_UTSNAME_OFF_SYSNAME, "Linux", LINUX_UTSNAME_LEN);
  spin_lock(&uts_lock);
  strlcpy(u + LINUX_UTSNAME_OFF_NODENAME, hostname, LINUX_UTSNAME_LEN);
  spin_unlock(&uts_lock);
  strlcpy(u + LINUX_UTSNAME_OFF_RELEASE, "6.1.0-dunix", LINUX_UTSNAME_LEN);
  strlcpy(u + LINUX_UTSNAME_OFF_VERSION, "#1 SMP", LINUX_UTSNAME_LEN);
  strlcpy(u + LINUX_UTSNAME_OFF_MACHINE, "mips64", LINUX_UTSNAME_LEN);
  strlcpy(u + LINUX_UTSNAME_OFF_DOMAINNAME, "(none)", LINUX_UTSNAME_LEN);
  return copy_to_user(arg[0], u, sizeof u);
}

/* sethostname(name, len): the name need not be NUL-terminated. */
SYSCALL(sethostname) {
  u64 len = arg[1];
  if (len > HOSTNAME_MAX) return -LINUX_EINVAL;
  char name[HOSTNAME_MAX + 1];
  memset(name, 0, sizeof name);
  if (copy_from_user(name, arg[0], len) < 0) return -LINUX_EFAULT;
  spin_lock(&uts_lock);
  memcpy(hostname, name, sizeof hostname);
  spin_unlock(&uts_lock);
  return 0;
}

/* ---- getrandom ------------------------------------------------------------- */
static struct spinlock rand_lock = SPINLOCK_INIT("rand");
static u64 rand_state = 0x6469736373696d31ull;   /* "discsim1": fixed, runs are reproducible */

/* splitmix64: one 64-bit output per call (rand_lock held). */
static u64 rand_next(void) {
  u64 z = (rand_state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/* getrandom(buf, len, flags): never blocks (the pool is always "ready").  A
 * large request that a signal interrupts returns the bytes written so far. */
SYSCALL(getrandom) {
  uaddr_t buf = arg[0];
  u64 len = MIN(arg[1], 0x7fffffffull);
  if (arg[2] & ~(u64)(LINUX_GRND_NONBLOCK | LINUX_GRND_RANDOM | LINUX_GRND_INSECURE)) return -LINUX_EINVAL;
  if ((arg[2] & LINUX_GRND_RANDOM) && (arg[2] & LINUX_GRND_INSECURE)) return -LINUX_EINVAL;
  u64 done = 0;
  while (done < len) {
    u64 chunk[32];
    spin_lock(&rand_lock);
    for (unsigned i = 0; i < ARRAY_SIZE(chunk); i++) chunk[i] = rand_next();
    spin_unlock(&rand_lock);
    u64 n = MIN(len - done, sizeof chunk);
    if (copy_to_user(buf + done, chunk, n) < 0) return done ? (long)done : -LINUX_EFAULT;
    done += n;
    if (done < len && signal_pending(current)) return (long)done;
  }
  return (long)done;
}

/* ---- resource limits --------------------------------------------------------- */
_Static_assert(LINUX_RLIM_NLIMITS == ARRAY_SIZE(((struct process *)0)->rlimit_cur), "rlimit array size");

/* Reads and/or sets one limit of process `pid` (0: the caller's).  old and
 * new are user addresses of struct rlimit (0: none).  Takes proc_lock.
 * (The first process gets its defaults in kern/main.c; fork copies them.) */
static long do_prlimit(int pid, u64 resource, uaddr_t new_lim, uaddr_t old_lim) {
  if (resource >= LINUX_RLIM_NLIMITS) return -LINUX_EINVAL;
  u64 nv[2];   /* cur, max */
  _Static_assert(LINUX_RLIMIT_OFF_CUR == 0 && LINUX_RLIMIT_OFF_MAX == 8 && LINUX_RLIMIT_SIZE == 16, "rlimit");
  if (new_lim) {
    if (copy_from_user(nv, new_lim, sizeof nv) < 0) return -LINUX_EFAULT;
    if (nv[0] > nv[1]) return -LINUX_EINVAL;
    if (resource == LINUX_RLIMIT_NOFILE && nv[1] > NOFILE) return -LINUX_EPERM;
  }
  u64 ov[2];
  spin_lock(&proc_lock);
  struct process *p = pid == 0 ? current->proc : process_by_pid(pid);
  if (!p || p->zombie) {
    spin_unlock(&proc_lock);
    return -LINUX_ESRCH;
  }
  ov[0] = p->rlimit_cur[resource];
  ov[1] = p->rlimit_max[resource];
  if (new_lim) {
    p->rlimit_cur[resource] = nv[0];
    p->rlimit_max[resource] = nv[1];
  }
  spin_unlock(&proc_lock);
  if (old_lim && copy_to_user(old_lim, ov, sizeof ov) < 0) return -LINUX_EFAULT;
  return 0;
}

SYSCALL(prlimit64) { return do_prlimit((int)arg[0], arg[1], arg[2], arg[3]); }
SYSCALL(getrlimit) { return do_prlimit(0, arg[0], 0, arg[1]); }
SYSCALL(setrlimit) {
  if (!arg[1]) return -LINUX_EFAULT;
  return do_prlimit(0, arg[0], arg[1], 0);
}

/* ---- sysinfo, reboot --------------------------------------------------------- */
static void put_u64(u8 *buf, unsigned off, u64 v) { memcpy(buf + off, &v, 8); }

/* sysinfo(info): uptime, memory in bytes (mem_unit 1), tasks; no swap, and
 * load averages of 0 (the kernel keeps none). */
SYSCALL(sysinfo) {
  u8 si[LINUX_SYSINFO_SIZE];
  memset(si, 0, sizeof si);
  u64 ns = ktime_ns();
  put_u64(si, LINUX_SYSINFO_OFF_UPTIME, ns / 1000000000ull + (ns % 1000000000ull != 0));
  put_u64(si, LINUX_SYSINFO_OFF_TOTALRAM, pages_total() * PAGE_SIZE);
  put_u64(si, LINUX_SYSINFO_OFF_FREERAM, pages_free_count() * PAGE_SIZE);
  u16 procs = 0;
  for (int i = 0; i < NTASK; i++) {
    enum task_state s = __atomic_load_n(&task_table[i].state, __ATOMIC_RELAXED);
    if (s != T_UNUSED && s != T_ZOMBIE && s != T_EMBRYO) procs++;
  }
  memcpy(si + LINUX_SYSINFO_OFF_PROCS, &procs, 2);
  u32 unit = 1;
  memcpy(si + LINUX_SYSINFO_OFF_MEM_UNIT, &unit, 4);
  return copy_to_user(arg[0], si, sizeof si);
}

/* Only the kernel ends the run (when init exits). */
SYSCALL(reboot) {
  (void)arg;
  return -LINUX_EPERM;
}
