/* main.c - the monitor's boot, on CPU 0: its own CPU and memory, the VMs
 * named by the boot words, then every other CPU; all of them then run the
 * scheduler (sched.c) for good. */
#include "mon.h"
#include "vm.h"

extern char __monitor_end[];
void cpu_boot_init(void);
void cpu_start_others(void);
void sched_init(void);
void sched_loop(void) __attribute__((noreturn));

void monitor_main(long argc, u64 argv, u64 envp) {
  (void)envp;
  cpu_boot_init();
  pmem_init(KV2MA(__monitor_end));
  bootargs_parse(argc, argv);
  if (!mon_quiet) printf("disco: monitor on %u CPUs, %u nodes\n", num_cpus, pmem_num_nodes());
  vm_create_all();
  sched_init();
  cpu_start_others();
  sched_loop();
}
