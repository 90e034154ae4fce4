/* syscall.h - the Linux n64 system calls the kernel implements.
 *
 * Every handler has one signature: it receives the six argument registers
 * (a0-a5) and returns a value or a negative Linux errno.  kern/syscall.c maps
 * numbers to handlers in one table; a number without a handler returns
 * -ENOSYS and is counted.  Handlers are declared weak there, so a group of
 * calls can land file by file.  Which file implements each group is noted. */
#ifndef DUNIX_SYSCALL_H
#define DUNIX_SYSCALL_H

#include "types.h"

struct trapframe;

typedef long (*syscall_fn)(const u64 *arg);
#define SYSCALL(name) long sys_##name(const u64 *arg)

/* Marks a restartable interruption: converted to -EINTR, or restarted when the
 * handler has SA_RESTART (kern/signal.c). */
#define ERESTARTSYS 512
#define ERESTARTNOHAND 514

/* A handler that has rewritten the whole trapframe itself (rt_sigreturn,
 * execve) returns this, and dispatch leaves v0 and a3 alone.  It lies
 * outside the errno range (-4095..-1). */
#define SYSCALL_KEEP_REGS (-8192L)

void syscall(struct trapframe *tf);
extern bool syscall_trace;      /* kernel option "strace": log every call */
u64 syscalls_unknown(void);     /* count of calls answered -ENOSYS */

/* kern/sys_proc.c */
SYSCALL(clone); SYSCALL(fork); SYSCALL(vfork); SYSCALL(execve); SYSCALL(exit); SYSCALL(exit_group);
SYSCALL(wait4); SYSCALL(waitid); SYSCALL(getpid); SYSCALL(getppid); SYSCALL(gettid);
SYSCALL(set_tid_address); SYSCALL(getpgid); SYSCALL(setpgid); SYSCALL(getpgrp); SYSCALL(getsid);
SYSCALL(setsid); SYSCALL(getuid); SYSCALL(geteuid); SYSCALL(getgid); SYSCALL(getegid);
SYSCALL(setuid); SYSCALL(setgid); SYSCALL(getresuid); SYSCALL(getresgid); SYSCALL(getgroups);
SYSCALL(sched_yield); SYSCALL(set_thread_area); SYSCALL(set_robust_list); SYSCALL(prctl);
SYSCALL(sched_getaffinity); SYSCALL(sched_setaffinity); SYSCALL(getpriority); SYSCALL(setpriority);
SYSCALL(rseq);
/* kern/sys_mem.c */
SYSCALL(brk); SYSCALL(mmap); SYSCALL(munmap); SYSCALL(mprotect); SYSCALL(mremap); SYSCALL(madvise);
SYSCALL(msync); SYSCALL(mincore); SYSCALL(mlock); SYSCALL(munlock);
/* kern/sys_file.c, kern/sys_dir.c */
SYSCALL(read); SYSCALL(write); SYSCALL(readv); SYSCALL(writev); SYSCALL(pread64); SYSCALL(pwrite64);
SYSCALL(preadv); SYSCALL(pwritev); SYSCALL(open); SYSCALL(openat); SYSCALL(close); SYSCALL(lseek);
SYSCALL(dup); SYSCALL(dup2); SYSCALL(dup3); SYSCALL(fcntl); SYSCALL(ioctl); SYSCALL(pipe);
SYSCALL(pipe2); SYSCALL(fstat); SYSCALL(stat); SYSCALL(lstat); SYSCALL(newfstatat); SYSCALL(statx);
SYSCALL(getdents64); SYSCALL(mkdir); SYSCALL(mkdirat); SYSCALL(rmdir); SYSCALL(unlink);
SYSCALL(unlinkat); SYSCALL(rename); SYSCALL(renameat); SYSCALL(renameat2); SYSCALL(link);
SYSCALL(linkat); SYSCALL(symlink); SYSCALL(symlinkat); SYSCALL(readlink); SYSCALL(readlinkat);
SYSCALL(ftruncate); SYSCALL(truncate); SYSCALL(fsync); SYSCALL(fdatasync); SYSCALL(sync);
SYSCALL(chdir); SYSCALL(fchdir); SYSCALL(getcwd); SYSCALL(umask); SYSCALL(chmod); SYSCALL(fchmod);
SYSCALL(fchmodat); SYSCALL(chown); SYSCALL(fchown); SYSCALL(lchown); SYSCALL(fchownat);
SYSCALL(access); SYSCALL(faccessat); SYSCALL(faccessat2); SYSCALL(utimensat); SYSCALL(mknod);
SYSCALL(mknodat); SYSCALL(statfs); SYSCALL(fstatfs); SYSCALL(poll); SYSCALL(ppoll);
SYSCALL(select); SYSCALL(pselect6); SYSCALL(sendfile); SYSCALL(fadvise64); SYSCALL(fallocate);
SYSCALL(flock); SYSCALL(close_range);
/* kern/sys_signal.c */
SYSCALL(rt_sigaction); SYSCALL(rt_sigprocmask); SYSCALL(rt_sigreturn); SYSCALL(rt_sigsuspend);
SYSCALL(rt_sigpending); SYSCALL(rt_sigtimedwait); SYSCALL(sigaltstack); SYSCALL(kill);
SYSCALL(tkill); SYSCALL(tgkill); SYSCALL(rt_sigqueueinfo); SYSCALL(pause); SYSCALL(alarm);
SYSCALL(setitimer); SYSCALL(getitimer);
/* kern/futex.c */
SYSCALL(futex);
/* kern/sys_time.c */
SYSCALL(clock_gettime); SYSCALL(clock_getres); SYSCALL(clock_nanosleep); SYSCALL(nanosleep);
SYSCALL(gettimeofday); SYSCALL(time); SYSCALL(times); SYSCALL(getrusage);
/* kern/sys_misc.c */
SYSCALL(uname); SYSCALL(getrandom); SYSCALL(prlimit64); SYSCALL(getrlimit); SYSCALL(setrlimit);
SYSCALL(sysinfo); SYSCALL(sethostname); SYSCALL(reboot);

#endif
