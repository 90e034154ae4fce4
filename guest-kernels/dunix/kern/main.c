/* main.c - boot and shutdown.  kmain() is a list of initialisations, as in
 * xv6; the first task (pid 1) then mounts the root file system in task
 * context, sets up the console, and execs init.  When init exits, the kernel
 * syncs and unmounts, and ends the run with init's status. */
#include "buf.h"
#include "file.h"
#include "fs.h"
#include "hal.h"
#include "kalloc.h"
#include "lib.h"
#include "linux_n64.h"
#include "signal.h"
#include "syscall.h"
#include "task.h"
#include "wait.h"

extern char __bss_start[], __bss_end[];

/* With the boot option "bootphase", power-on to init's first instruction is
 * measured phase BOOT_PHASE in the statistics (docs/statistics.md). */
#define BOOT_PHASE 0xB007
void syscall_report_unknown(void);

/* Boot options (README.md). */
static struct {
  unsigned root;
  bool readonly, quiet;
  const char *init, *cwd;
  unsigned cpus;
  bool bootphase;
  char **init_argv, **init_envp;
} opt = {.init = "/sbin/init", .cwd = "/"};

static unsigned parse_uint(const char *s) {
  unsigned v = 0;
  while (*s >= '0' && *s <= '9') v = v * 10 + (unsigned)(*s++ - '0');
  return v;
}

static char *default_env[] = {"PATH=/bin:/usr/bin:/sbin:/usr/sbin", "HOME=/", NULL};
static char *init_argv_buf[64];
static char *init_envp_buf[64];   /* boot env, then setenv= words */

static void parse_args(void) {
  int i = 1, nenv = 0;
  for (char **e = boot_envp; e && *e && nenv < (int)ARRAY_SIZE(init_envp_buf) - 1; e++) init_envp_buf[nenv++] = *e;
  for (; i < boot_argc; i++) {
    const char *a = boot_argv[i];
    if (!strcmp(a, "--")) {
      i++;
      break;
    }
    if (!strncmp(a, "root=", 5)) opt.root = parse_uint(a + 5);
    else if (!strcmp(a, "ro")) opt.readonly = true;
    else if (!strcmp(a, "quiet")) opt.quiet = kernel_quiet = true;
    else if (!strcmp(a, "strace")) syscall_trace = true;
    else if (!strcmp(a, "bootphase")) opt.bootphase = true;
    else if (!strncmp(a, "init=", 5)) opt.init = a + 5;
    else if (!strncmp(a, "cwd=", 4)) opt.cwd = a + 4;
    else if (!strncmp(a, "cpus=", 5)) opt.cpus = parse_uint(a + 5);
    else if (!strncmp(a, "setenv=", 7)) {
      if (nenv < (int)ARRAY_SIZE(init_envp_buf) - 1) init_envp_buf[nenv++] = (char *)a + 7;
    }
    else printk("dunix: ignoring unknown boot option '%s'\n", a);
  }
  int n = 0;
  init_argv_buf[n++] = (char *)opt.init;
  for (; i < boot_argc && n < (int)ARRAY_SIZE(init_argv_buf) - 1; i++) init_argv_buf[n++] = boot_argv[i];
  init_argv_buf[n] = NULL;
  opt.init_argv = init_argv_buf;
  init_envp_buf[nenv] = NULL;
  opt.init_envp = nenv ? init_envp_buf : default_env;
}

/* ---- shutdown -------------------------------------------------------------- */
__attribute__((noreturn)) void kernel_shutdown(int wait_status) {
  int r = fs_unmount();
  if (r < 0) printk("dunix: unmounting the root file system failed (%d)\n", r);
  int code = (wait_status & 0x7F) ? 128 + (wait_status & 0x7F) : (wait_status >> 8) & 0xFF;
  if (!opt.quiet) {
    syscall_report_unknown();
    printk("dunix: init exited with status %d; halting\n", code);
  }
  hal_exit(code);
}

/* ---- the periodic flusher ---------------------------------------------------- */
/* Dirty blocks reach the disk at most FLUSH_INTERVAL_NS after they were first
 * dirtied.  With nothing dirty it sleeps without a deadline, so an idle
 * machine needs no timer (kern/sched.c's tickless idle). */
static void flusher_main(void) {
  static char chan;
  for (;;) {
    bwait_dirty();
    spin_lock(&sched_lock);
    sleep_until(&chan, &sched_lock, hal_time_ns() + FLUSH_INTERVAL_NS, false);
    spin_unlock(&sched_lock);
    bflush(opt.root);
  }
}

/* ---- the first task ---------------------------------------------------------- */
static void init_main(void) {
  struct task *t = current;
  int r = fs_mount(opt.root, opt.readonly);
  if (r < 0) panic("cannot mount the root file system on disk %u (error %d)", opt.root, r);
  t->fs->cwd = fs_root();
  if (!opt.readonly) dev_populate();
  int err = 0;
  struct inode *cwd = namei(t->fs->cwd, opt.cwd, true, &err);
  if (!cwd) panic("cwd=%s: error %d", opt.cwd, err);
  iput(t->fs->cwd);
  t->fs->cwd = cwd;
  struct inode *con = namei(t->fs->cwd, "/dev/console", true, &err);
  if (!con) panic("no /dev/console (error %d)", err);
  struct file *f = file_open_inode(con, LINUX_O_RDWR, &err);   /* takes con's reference */
  if (!f) panic("cannot open /dev/console (error %d)", err);
  fd_install(f, 0, false);
  fd_install(file_dup(f), 1, false);
  fd_install(file_dup(f), 2, false);
  tty_set_session(1, 1);
  r = do_execve(opt.init, 0, 0, opt.init_argv, opt.init_envp);
  if (r < 0) panic("cannot run init %s (error %d)", opt.init, r);
  if (opt.bootphase) hal_phase(false, BOOT_PHASE);
  hal_trap_return(t->tf);
}

static void kernel_task_start(void) {
  spin_unlock(&sched_lock);
  hal_intr_on();
  void (*fn)(void) = (void (*)(void))(uintptr_t)current->tf->regs[0];
  fn();
  panic("kernel task returned");
}

/* A task of its own process running fn in the kernel (pid 1: init). */
static struct task *kernel_task(void (*fn)(void), const char *name) {
  struct task *t = task_alloc();
  if (!t) panic("no task for %s", name);
  spin_lock(&proc_lock);
  struct process *p = process_alloc();
  p->pid = p->pgid = p->sid = t->tid;
  p->nthreads = 1;
  p->leader = t;
  p->exit_signal = LINUX_SIGCHLD;
  for (int i = 0; i < 16; i++) p->rlimit_cur[i] = p->rlimit_max[i] = ~0ull;
  p->rlimit_cur[LINUX_RLIMIT_STACK] = 8ull << 20;
  p->rlimit_cur[LINUX_RLIMIT_NOFILE] = p->rlimit_max[LINUX_RLIMIT_NOFILE] = NOFILE;
  strlcpy(p->comm, name, sizeof p->comm);
  t->proc = p;
  spin_unlock(&proc_lock);
  t->files = files_alloc();
  t->fs = kmalloc(sizeof *t->fs);
  t->sighand = sighand_alloc();
  if (!t->files || !t->fs || !t->sighand) panic("no memory for %s", name);
  spin_init(&t->fs->lock, "fsinfo");
  t->fs->ref = 1;
  t->fs->umask = 022;
  t->tf->regs[0] = (u64)(uintptr_t)fn;   /* regs[0] is free: $zero is never restored */
  hal_context_init(&t->ctx, (u64)(uintptr_t)t->tf - 16, kernel_task_start);
  spin_lock(&sched_lock);
  sched_make_runnable(t);
  spin_unlock(&sched_lock);
  return t;
}

static void secondary_start(unsigned cpu) {
  cpus[cpu].id = cpu;
  hal_set_this_cpu(&cpus[cpu]);
  sched_start_timer();
  scheduler();
}

void kmain(long argc, u64 argv, u64 envp) {
  /* "bootphase" is looked for before anything else, .bss included, is done */
  for (long i = 1; i < argc; i++)
    if (!strcmp(((char **)(uintptr_t)argv)[i], "bootphase")) hal_phase(true, BOOT_PHASE);
  memset(__bss_start, 0, (size_t)(__bss_end - __bss_start));
  hal_cpu_init(0);
  cpus[0].id = 0;
  hal_set_this_cpu(&cpus[0]);   /* before the first lock */
  hal_early_init(argc, argv, envp);
  parse_args();
  unsigned board = hal_num_cpus();
  ncpus = opt.cpus && opt.cpus < board ? opt.cpus : board;
  if (ncpus > NCPU) ncpus = NCPU;
  kalloc_init();
  if (!opt.quiet)
    printk("dunix: %u of %u CPUs, %lu MiB in %u node(s), root on disk %u\n", ncpus, board,
           (unsigned long)(pages_total() >> 8), hal_num_nodes(), opt.root);
  sched_init();
  binit();
  hal_console_rx_enable();
  kernel_task(init_main, "init");
  for (unsigned c = 1; c < ncpus; c++)
    if (hal_start_cpu(c, secondary_start) < 0) panic("cannot start cpu%u", c);
  if (!opt.readonly) kernel_task(flusher_main, "kflushd");
  sched_start_timer();
  scheduler();
}
