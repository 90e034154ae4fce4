/*
 * linux_n64.h - the Linux MIPS64 n64 user ABI as numbers: system call
 * numbers, errno values, flag bits, signal numbers and the byte layouts of
 * the structures the kernel and a program exchange.
 *
 * One definition shared by the user-mode runner (host C++, sim/user/) and
 * the guest kernel (freestanding C for MIPS, guest-kernels/).  Rules:
 *
 *  - plain C11 / C++17, no includes, no types, no functions: only integer
 *    constants and a few function-like macros (wait status, ioctl encoding,
 *    the X-macro lists);
 *  - every name starts with LINUX_ so that it never meets a host libc macro
 *    (the runner includes this next to the host's <errno.h> and <fcntl.h>);
 *  - a structure is a size and, per field, a byte offset and a width:
 *        LINUX_<STRUCT>_SIZE, LINUX_<STRUCT>_OFF_<FIELD>, LINUX_<STRUCT>_W_<FIELD>
 *    never a C struct, so that a little-endian host can write a big-endian
 *    guest's structure field by field (and a guest kernel can use the same
 *    numbers with its own accessors);
 *  - the name after LINUX_ is the uapi name (LINUX_ENOSYS, LINUX_O_CREAT,
 *    LINUX_SIGBUS); system calls are LINUX_NR_<name> (uapi __NR_<name>);
 *    the kernel's double-underscore names drop the underscores
 *    (__WALL -> LINUX_WALL, _NSIG -> LINUX_NSIG).
 *
 * Values are those of Linux 6.1 for MIPS, n64 (_MIPS_SIM_ABI64), taken from
 * the uapi headers named above each group; many differ from x86-64 and from
 * the asm-generic values.  tests/abi/check_linux_n64.py compiles every
 * constant and every layout against Debian's mips64 kernel and glibc headers.
 *
 * X-macro lists (LINUX_N64_SYSCALLS, LINUX_ERRNOS, LINUX_SIGNALS) pass the
 * bare name as a token, e.g. X(read, LINUX_NR_read) or X(EPERM, LINUX_EPERM):
 * use it only with # (a string) or ## (pasting), since a host header may
 * define EPERM or SIGBUS as a macro.
 */
#ifndef DISCOSIM_ABI_LINUX_N64_H
#define DISCOSIM_ABI_LINUX_N64_H

/* ==== System call convention (arch/mips/kernel/scall64-n64.S) ============
 * Number in $2 (v0), arguments in $4..$11 (a0..a7), `syscall`.  Result in
 * $2; $7 (a3) = 0 on success, or $2 = positive errno and $7 = 1 on failure.
 * The kernel restarts an interrupted call by re-executing the SYSCALL
 * (EPC - 4) with the original number, which the entry code saves.
 * pipe(2) returns the two descriptors in $2 and $3.
 * clone is CLONE_BACKWARDS: clone(flags, stack, parent_tid, tls, child_tid).
 */
#define LINUX_NR_BASE 5000 /* uapi __NR_Linux for n64 */
#define LINUX_NR_COUNT 451 /* numbers are LINUX_NR_BASE + 0 .. + 450 */

/* ==== System call numbers (asm/unistd_n64.h; syscall_n64.tbl) ============
 * Offsets 238 and 329..423 and 447 are unassigned on n64.
 */
#define LINUX_NR_read 5000
#define LINUX_NR_write 5001
#define LINUX_NR_open 5002
#define LINUX_NR_close 5003
#define LINUX_NR_stat 5004
#define LINUX_NR_fstat 5005
#define LINUX_NR_lstat 5006
#define LINUX_NR_poll 5007
#define LINUX_NR_lseek 5008
#define LINUX_NR_mmap 5009
#define LINUX_NR_mprotect 5010
#define LINUX_NR_munmap 5011
#define LINUX_NR_brk 5012
#define LINUX_NR_rt_sigaction 5013
#define LINUX_NR_rt_sigprocmask 5014
#define LINUX_NR_ioctl 5015
#define LINUX_NR_pread64 5016
#define LINUX_NR_pwrite64 5017
#define LINUX_NR_readv 5018
#define LINUX_NR_writev 5019
#define LINUX_NR_access 5020
#define LINUX_NR_pipe 5021
#define LINUX_NR__newselect 5022
#define LINUX_NR_sched_yield 5023
#define LINUX_NR_mremap 5024
#define LINUX_NR_msync 5025
#define LINUX_NR_mincore 5026
#define LINUX_NR_madvise 5027
#define LINUX_NR_shmget 5028
#define LINUX_NR_shmat 5029
#define LINUX_NR_shmctl 5030
#define LINUX_NR_dup 5031
#define LINUX_NR_dup2 5032
#define LINUX_NR_pause 5033
#define LINUX_NR_nanosleep 5034
#define LINUX_NR_getitimer 5035
#define LINUX_NR_setitimer 5036
#define LINUX_NR_alarm 5037
#define LINUX_NR_getpid 5038
#define LINUX_NR_sendfile 5039
#define LINUX_NR_socket 5040
#define LINUX_NR_connect 5041
#define LINUX_NR_accept 5042
#define LINUX_NR_sendto 5043
#define LINUX_NR_recvfrom 5044
#define LINUX_NR_sendmsg 5045
#define LINUX_NR_recvmsg 5046
#define LINUX_NR_shutdown 5047
#define LINUX_NR_bind 5048
#define LINUX_NR_listen 5049
#define LINUX_NR_getsockname 5050
#define LINUX_NR_getpeername 5051
#define LINUX_NR_socketpair 5052
#define LINUX_NR_setsockopt 5053
#define LINUX_NR_getsockopt 5054
#define LINUX_NR_clone 5055
#define LINUX_NR_fork 5056
#define LINUX_NR_execve 5057
#define LINUX_NR_exit 5058
#define LINUX_NR_wait4 5059
#define LINUX_NR_kill 5060
#define LINUX_NR_uname 5061
#define LINUX_NR_semget 5062
#define LINUX_NR_semop 5063
#define LINUX_NR_semctl 5064
#define LINUX_NR_shmdt 5065
#define LINUX_NR_msgget 5066
#define LINUX_NR_msgsnd 5067
#define LINUX_NR_msgrcv 5068
#define LINUX_NR_msgctl 5069
#define LINUX_NR_fcntl 5070
#define LINUX_NR_flock 5071
#define LINUX_NR_fsync 5072
#define LINUX_NR_fdatasync 5073
#define LINUX_NR_truncate 5074
#define LINUX_NR_ftruncate 5075
#define LINUX_NR_getdents 5076
#define LINUX_NR_getcwd 5077
#define LINUX_NR_chdir 5078
#define LINUX_NR_fchdir 5079
#define LINUX_NR_rename 5080
#define LINUX_NR_mkdir 5081
#define LINUX_NR_rmdir 5082
#define LINUX_NR_creat 5083
#define LINUX_NR_link 5084
#define LINUX_NR_unlink 5085
#define LINUX_NR_symlink 5086
#define LINUX_NR_readlink 5087
#define LINUX_NR_chmod 5088
#define LINUX_NR_fchmod 5089
#define LINUX_NR_chown 5090
#define LINUX_NR_fchown 5091
#define LINUX_NR_lchown 5092
#define LINUX_NR_umask 5093
#define LINUX_NR_gettimeofday 5094
#define LINUX_NR_getrlimit 5095
#define LINUX_NR_getrusage 5096
#define LINUX_NR_sysinfo 5097
#define LINUX_NR_times 5098
#define LINUX_NR_ptrace 5099
#define LINUX_NR_getuid 5100
#define LINUX_NR_syslog 5101
#define LINUX_NR_getgid 5102
#define LINUX_NR_setuid 5103
#define LINUX_NR_setgid 5104
#define LINUX_NR_geteuid 5105
#define LINUX_NR_getegid 5106
#define LINUX_NR_setpgid 5107
#define LINUX_NR_getppid 5108
#define LINUX_NR_getpgrp 5109
#define LINUX_NR_setsid 5110
#define LINUX_NR_setreuid 5111
#define LINUX_NR_setregid 5112
#define LINUX_NR_getgroups 5113
#define LINUX_NR_setgroups 5114
#define LINUX_NR_setresuid 5115
#define LINUX_NR_getresuid 5116
#define LINUX_NR_setresgid 5117
#define LINUX_NR_getresgid 5118
#define LINUX_NR_getpgid 5119
#define LINUX_NR_setfsuid 5120
#define LINUX_NR_setfsgid 5121
#define LINUX_NR_getsid 5122
#define LINUX_NR_capget 5123
#define LINUX_NR_capset 5124
#define LINUX_NR_rt_sigpending 5125
#define LINUX_NR_rt_sigtimedwait 5126
#define LINUX_NR_rt_sigqueueinfo 5127
#define LINUX_NR_rt_sigsuspend 5128
#define LINUX_NR_sigaltstack 5129
#define LINUX_NR_utime 5130
#define LINUX_NR_mknod 5131
#define LINUX_NR_personality 5132
#define LINUX_NR_ustat 5133
#define LINUX_NR_statfs 5134
#define LINUX_NR_fstatfs 5135
#define LINUX_NR_sysfs 5136
#define LINUX_NR_getpriority 5137
#define LINUX_NR_setpriority 5138
#define LINUX_NR_sched_setparam 5139
#define LINUX_NR_sched_getparam 5140
#define LINUX_NR_sched_setscheduler 5141
#define LINUX_NR_sched_getscheduler 5142
#define LINUX_NR_sched_get_priority_max 5143
#define LINUX_NR_sched_get_priority_min 5144
#define LINUX_NR_sched_rr_get_interval 5145
#define LINUX_NR_mlock 5146
#define LINUX_NR_munlock 5147
#define LINUX_NR_mlockall 5148
#define LINUX_NR_munlockall 5149
#define LINUX_NR_vhangup 5150
#define LINUX_NR_pivot_root 5151
#define LINUX_NR__sysctl 5152
#define LINUX_NR_prctl 5153
#define LINUX_NR_adjtimex 5154
#define LINUX_NR_setrlimit 5155
#define LINUX_NR_chroot 5156
#define LINUX_NR_sync 5157
#define LINUX_NR_acct 5158
#define LINUX_NR_settimeofday 5159
#define LINUX_NR_mount 5160
#define LINUX_NR_umount2 5161
#define LINUX_NR_swapon 5162
#define LINUX_NR_swapoff 5163
#define LINUX_NR_reboot 5164
#define LINUX_NR_sethostname 5165
#define LINUX_NR_setdomainname 5166
#define LINUX_NR_create_module 5167
#define LINUX_NR_init_module 5168
#define LINUX_NR_delete_module 5169
#define LINUX_NR_get_kernel_syms 5170
#define LINUX_NR_query_module 5171
#define LINUX_NR_quotactl 5172
#define LINUX_NR_nfsservctl 5173
#define LINUX_NR_getpmsg 5174
#define LINUX_NR_putpmsg 5175
#define LINUX_NR_afs_syscall 5176
#define LINUX_NR_reserved177 5177
#define LINUX_NR_gettid 5178
#define LINUX_NR_readahead 5179
#define LINUX_NR_setxattr 5180
#define LINUX_NR_lsetxattr 5181
#define LINUX_NR_fsetxattr 5182
#define LINUX_NR_getxattr 5183
#define LINUX_NR_lgetxattr 5184
#define LINUX_NR_fgetxattr 5185
#define LINUX_NR_listxattr 5186
#define LINUX_NR_llistxattr 5187
#define LINUX_NR_flistxattr 5188
#define LINUX_NR_removexattr 5189
#define LINUX_NR_lremovexattr 5190
#define LINUX_NR_fremovexattr 5191
#define LINUX_NR_tkill 5192
#define LINUX_NR_reserved193 5193
#define LINUX_NR_futex 5194
#define LINUX_NR_sched_setaffinity 5195
#define LINUX_NR_sched_getaffinity 5196
#define LINUX_NR_cacheflush 5197
#define LINUX_NR_cachectl 5198
#define LINUX_NR_sysmips 5199
#define LINUX_NR_io_setup 5200
#define LINUX_NR_io_destroy 5201
#define LINUX_NR_io_getevents 5202
#define LINUX_NR_io_submit 5203
#define LINUX_NR_io_cancel 5204
#define LINUX_NR_exit_group 5205
#define LINUX_NR_lookup_dcookie 5206
#define LINUX_NR_epoll_create 5207
#define LINUX_NR_epoll_ctl 5208
#define LINUX_NR_epoll_wait 5209
#define LINUX_NR_remap_file_pages 5210
#define LINUX_NR_rt_sigreturn 5211
#define LINUX_NR_set_tid_address 5212
#define LINUX_NR_restart_syscall 5213
#define LINUX_NR_semtimedop 5214
#define LINUX_NR_fadvise64 5215
#define LINUX_NR_timer_create 5216
#define LINUX_NR_timer_settime 5217
#define LINUX_NR_timer_gettime 5218
#define LINUX_NR_timer_getoverrun 5219
#define LINUX_NR_timer_delete 5220
#define LINUX_NR_clock_settime 5221
#define LINUX_NR_clock_gettime 5222
#define LINUX_NR_clock_getres 5223
#define LINUX_NR_clock_nanosleep 5224
#define LINUX_NR_tgkill 5225
#define LINUX_NR_utimes 5226
#define LINUX_NR_mbind 5227
#define LINUX_NR_get_mempolicy 5228
#define LINUX_NR_set_mempolicy 5229
#define LINUX_NR_mq_open 5230
#define LINUX_NR_mq_unlink 5231
#define LINUX_NR_mq_timedsend 5232
#define LINUX_NR_mq_timedreceive 5233
#define LINUX_NR_mq_notify 5234
#define LINUX_NR_mq_getsetattr 5235
#define LINUX_NR_vserver 5236
#define LINUX_NR_waitid 5237
#define LINUX_NR_add_key 5239
#define LINUX_NR_request_key 5240
#define LINUX_NR_keyctl 5241
#define LINUX_NR_set_thread_area 5242
#define LINUX_NR_inotify_init 5243
#define LINUX_NR_inotify_add_watch 5244
#define LINUX_NR_inotify_rm_watch 5245
#define LINUX_NR_migrate_pages 5246
#define LINUX_NR_openat 5247
#define LINUX_NR_mkdirat 5248
#define LINUX_NR_mknodat 5249
#define LINUX_NR_fchownat 5250
#define LINUX_NR_futimesat 5251
#define LINUX_NR_newfstatat 5252
#define LINUX_NR_unlinkat 5253
#define LINUX_NR_renameat 5254
#define LINUX_NR_linkat 5255
#define LINUX_NR_symlinkat 5256
#define LINUX_NR_readlinkat 5257
#define LINUX_NR_fchmodat 5258
#define LINUX_NR_faccessat 5259
#define LINUX_NR_pselect6 5260
#define LINUX_NR_ppoll 5261
#define LINUX_NR_unshare 5262
#define LINUX_NR_splice 5263
#define LINUX_NR_sync_file_range 5264
#define LINUX_NR_tee 5265
#define LINUX_NR_vmsplice 5266
#define LINUX_NR_move_pages 5267
#define LINUX_NR_set_robust_list 5268
#define LINUX_NR_get_robust_list 5269
#define LINUX_NR_kexec_load 5270
#define LINUX_NR_getcpu 5271
#define LINUX_NR_epoll_pwait 5272
#define LINUX_NR_ioprio_set 5273
#define LINUX_NR_ioprio_get 5274
#define LINUX_NR_utimensat 5275
#define LINUX_NR_signalfd 5276
#define LINUX_NR_timerfd 5277
#define LINUX_NR_eventfd 5278
#define LINUX_NR_fallocate 5279
#define LINUX_NR_timerfd_create 5280
#define LINUX_NR_timerfd_gettime 5281
#define LINUX_NR_timerfd_settime 5282
#define LINUX_NR_signalfd4 5283
#define LINUX_NR_eventfd2 5284
#define LINUX_NR_epoll_create1 5285
#define LINUX_NR_dup3 5286
#define LINUX_NR_pipe2 5287
#define LINUX_NR_inotify_init1 5288
#define LINUX_NR_preadv 5289
#define LINUX_NR_pwritev 5290
#define LINUX_NR_rt_tgsigqueueinfo 5291
#define LINUX_NR_perf_event_open 5292
#define LINUX_NR_accept4 5293
#define LINUX_NR_recvmmsg 5294
#define LINUX_NR_fanotify_init 5295
#define LINUX_NR_fanotify_mark 5296
#define LINUX_NR_prlimit64 5297
#define LINUX_NR_name_to_handle_at 5298
#define LINUX_NR_open_by_handle_at 5299
#define LINUX_NR_clock_adjtime 5300
#define LINUX_NR_syncfs 5301
#define LINUX_NR_sendmmsg 5302
#define LINUX_NR_setns 5303
#define LINUX_NR_process_vm_readv 5304
#define LINUX_NR_process_vm_writev 5305
#define LINUX_NR_kcmp 5306
#define LINUX_NR_finit_module 5307
#define LINUX_NR_getdents64 5308
#define LINUX_NR_sched_setattr 5309
#define LINUX_NR_sched_getattr 5310
#define LINUX_NR_renameat2 5311
#define LINUX_NR_seccomp 5312
#define LINUX_NR_getrandom 5313
#define LINUX_NR_memfd_create 5314
#define LINUX_NR_bpf 5315
#define LINUX_NR_execveat 5316
#define LINUX_NR_userfaultfd 5317
#define LINUX_NR_membarrier 5318
#define LINUX_NR_mlock2 5319
#define LINUX_NR_copy_file_range 5320
#define LINUX_NR_preadv2 5321
#define LINUX_NR_pwritev2 5322
#define LINUX_NR_pkey_mprotect 5323
#define LINUX_NR_pkey_alloc 5324
#define LINUX_NR_pkey_free 5325
#define LINUX_NR_statx 5326
#define LINUX_NR_rseq 5327
#define LINUX_NR_io_pgetevents 5328
#define LINUX_NR_pidfd_send_signal 5424
#define LINUX_NR_io_uring_setup 5425
#define LINUX_NR_io_uring_enter 5426
#define LINUX_NR_io_uring_register 5427
#define LINUX_NR_open_tree 5428
#define LINUX_NR_move_mount 5429
#define LINUX_NR_fsopen 5430
#define LINUX_NR_fsconfig 5431
#define LINUX_NR_fsmount 5432
#define LINUX_NR_fspick 5433
#define LINUX_NR_pidfd_open 5434
#define LINUX_NR_clone3 5435
#define LINUX_NR_close_range 5436
#define LINUX_NR_openat2 5437
#define LINUX_NR_pidfd_getfd 5438
#define LINUX_NR_faccessat2 5439
#define LINUX_NR_process_madvise 5440
#define LINUX_NR_epoll_pwait2 5441
#define LINUX_NR_mount_setattr 5442
#define LINUX_NR_quotactl_fd 5443
#define LINUX_NR_landlock_create_ruleset 5444
#define LINUX_NR_landlock_add_rule 5445
#define LINUX_NR_landlock_restrict_self 5446
#define LINUX_NR_process_mrelease 5448
#define LINUX_NR_futex_waitv 5449
#define LINUX_NR_set_mempolicy_home_node 5450

/* Every system call as X(name, number), in number order. */
#define LINUX_N64_SYSCALLS(X) \
  X(read, LINUX_NR_read) X(write, LINUX_NR_write) X(open, LINUX_NR_open) X(close, LINUX_NR_close) \
  X(stat, LINUX_NR_stat) X(fstat, LINUX_NR_fstat) X(lstat, LINUX_NR_lstat) X(poll, LINUX_NR_poll) \
  X(lseek, LINUX_NR_lseek) X(mmap, LINUX_NR_mmap) X(mprotect, LINUX_NR_mprotect) \
  X(munmap, LINUX_NR_munmap) X(brk, LINUX_NR_brk) X(rt_sigaction, LINUX_NR_rt_sigaction) \
  X(rt_sigprocmask, LINUX_NR_rt_sigprocmask) X(ioctl, LINUX_NR_ioctl) X(pread64, LINUX_NR_pread64) \
  X(pwrite64, LINUX_NR_pwrite64) X(readv, LINUX_NR_readv) X(writev, LINUX_NR_writev) \
  X(access, LINUX_NR_access) X(pipe, LINUX_NR_pipe) X(_newselect, LINUX_NR__newselect) \
  X(sched_yield, LINUX_NR_sched_yield) X(mremap, LINUX_NR_mremap) X(msync, LINUX_NR_msync) \
  X(mincore, LINUX_NR_mincore) X(madvise, LINUX_NR_madvise) X(shmget, LINUX_NR_shmget) \
  X(shmat, LINUX_NR_shmat) X(shmctl, LINUX_NR_shmctl) X(dup, LINUX_NR_dup) X(dup2, LINUX_NR_dup2) \
  X(pause, LINUX_NR_pause) X(nanosleep, LINUX_NR_nanosleep) X(getitimer, LINUX_NR_getitimer) \
  X(setitimer, LINUX_NR_setitimer) X(alarm, LINUX_NR_alarm) X(getpid, LINUX_NR_getpid) \
  X(sendfile, LINUX_NR_sendfile) X(socket, LINUX_NR_socket) X(connect, LINUX_NR_connect) \
  X(accept, LINUX_NR_accept) X(sendto, LINUX_NR_sendto) X(recvfrom, LINUX_NR_recvfrom) \
  X(sendmsg, LINUX_NR_sendmsg) X(recvmsg, LINUX_NR_recvmsg) X(shutdown, LINUX_NR_shutdown) \
  X(bind, LINUX_NR_bind) X(listen, LINUX_NR_listen) X(getsockname, LINUX_NR_getsockname) \
  X(getpeername, LINUX_NR_getpeername) X(socketpair, LINUX_NR_socketpair) \
  X(setsockopt, LINUX_NR_setsockopt) X(getsockopt, LINUX_NR_getsockopt) X(clone, LINUX_NR_clone) \
  X(fork, LINUX_NR_fork) X(execve, LINUX_NR_execve) X(exit, LINUX_NR_exit) X(wait4, LINUX_NR_wait4) \
  X(kill, LINUX_NR_kill) X(uname, LINUX_NR_uname) X(semget, LINUX_NR_semget) X(semop, LINUX_NR_semop) \
  X(semctl, LINUX_NR_semctl) X(shmdt, LINUX_NR_shmdt) X(msgget, LINUX_NR_msgget) \
  X(msgsnd, LINUX_NR_msgsnd) X(msgrcv, LINUX_NR_msgrcv) X(msgctl, LINUX_NR_msgctl) \
  X(fcntl, LINUX_NR_fcntl) X(flock, LINUX_NR_flock) X(fsync, LINUX_NR_fsync) \
  X(fdatasync, LINUX_NR_fdatasync) X(truncate, LINUX_NR_truncate) X(ftruncate, LINUX_NR_ftruncate) \
  X(getdents, LINUX_NR_getdents) X(getcwd, LINUX_NR_getcwd) X(chdir, LINUX_NR_chdir) \
  X(fchdir, LINUX_NR_fchdir) X(rename, LINUX_NR_rename) X(mkdir, LINUX_NR_mkdir) \
  X(rmdir, LINUX_NR_rmdir) X(creat, LINUX_NR_creat) X(link, LINUX_NR_link) X(unlink, LINUX_NR_unlink) \
  X(symlink, LINUX_NR_symlink) X(readlink, LINUX_NR_readlink) X(chmod, LINUX_NR_chmod) \
  X(fchmod, LINUX_NR_fchmod) X(chown, LINUX_NR_chown) X(fchown, LINUX_NR_fchown) \
  X(lchown, LINUX_NR_lchown) X(umask, LINUX_NR_umask) X(gettimeofday, LINUX_NR_gettimeofday) \
  X(getrlimit, LINUX_NR_getrlimit) X(getrusage, LINUX_NR_getrusage) X(sysinfo, LINUX_NR_sysinfo) \
  X(times, LINUX_NR_times) X(ptrace, LINUX_NR_ptrace) X(getuid, LINUX_NR_getuid) \
  X(syslog, LINUX_NR_syslog) X(getgid, LINUX_NR_getgid) X(setuid, LINUX_NR_setuid) \
  X(setgid, LINUX_NR_setgid) X(geteuid, LINUX_NR_geteuid) X(getegid, LINUX_NR_getegid) \
  X(setpgid, LINUX_NR_setpgid) X(getppid, LINUX_NR_getppid) X(getpgrp, LINUX_NR_getpgrp) \
  X(setsid, LINUX_NR_setsid) X(setreuid, LINUX_NR_setreuid) X(setregid, LINUX_NR_setregid) \
  X(getgroups, LINUX_NR_getgroups) X(setgroups, LINUX_NR_setgroups) X(setresuid, LINUX_NR_setresuid) \
  X(getresuid, LINUX_NR_getresuid) X(setresgid, LINUX_NR_setresgid) X(getresgid, LINUX_NR_getresgid) \
  X(getpgid, LINUX_NR_getpgid) X(setfsuid, LINUX_NR_setfsuid) X(setfsgid, LINUX_NR_setfsgid) \
  X(getsid, LINUX_NR_getsid) X(capget, LINUX_NR_capget) X(capset, LINUX_NR_capset) \
  X(rt_sigpending, LINUX_NR_rt_sigpending) X(rt_sigtimedwait, LINUX_NR_rt_sigtimedwait) \
  X(rt_sigqueueinfo, LINUX_NR_rt_sigqueueinfo) X(rt_sigsuspend, LINUX_NR_rt_sigsuspend) \
  X(sigaltstack, LINUX_NR_sigaltstack) X(utime, LINUX_NR_utime) X(mknod, LINUX_NR_mknod) \
  X(personality, LINUX_NR_personality) X(ustat, LINUX_NR_ustat) X(statfs, LINUX_NR_statfs) \
  X(fstatfs, LINUX_NR_fstatfs) X(sysfs, LINUX_NR_sysfs) X(getpriority, LINUX_NR_getpriority) \
  X(setpriority, LINUX_NR_setpriority) X(sched_setparam, LINUX_NR_sched_setparam) \
  X(sched_getparam, LINUX_NR_sched_getparam) X(sched_setscheduler, LINUX_NR_sched_setscheduler) \
  X(sched_getscheduler, LINUX_NR_sched_getscheduler) \
  X(sched_get_priority_max, LINUX_NR_sched_get_priority_max) \
  X(sched_get_priority_min, LINUX_NR_sched_get_priority_min) \
  X(sched_rr_get_interval, LINUX_NR_sched_rr_get_interval) X(mlock, LINUX_NR_mlock) \
  X(munlock, LINUX_NR_munlock) X(mlockall, LINUX_NR_mlockall) X(munlockall, LINUX_NR_munlockall) \
  X(vhangup, LINUX_NR_vhangup) X(pivot_root, LINUX_NR_pivot_root) X(_sysctl, LINUX_NR__sysctl) \
  X(prctl, LINUX_NR_prctl) X(adjtimex, LINUX_NR_adjtimex) X(setrlimit, LINUX_NR_setrlimit) \
  X(chroot, LINUX_NR_chroot) X(sync, LINUX_NR_sync) X(acct, LINUX_NR_acct) \
  X(settimeofday, LINUX_NR_settimeofday) X(mount, LINUX_NR_mount) X(umount2, LINUX_NR_umount2) \
  X(swapon, LINUX_NR_swapon) X(swapoff, LINUX_NR_swapoff) X(reboot, LINUX_NR_reboot) \
  X(sethostname, LINUX_NR_sethostname) X(setdomainname, LINUX_NR_setdomainname) \
  X(create_module, LINUX_NR_create_module) X(init_module, LINUX_NR_init_module) \
  X(delete_module, LINUX_NR_delete_module) X(get_kernel_syms, LINUX_NR_get_kernel_syms) \
  X(query_module, LINUX_NR_query_module) X(quotactl, LINUX_NR_quotactl) \
  X(nfsservctl, LINUX_NR_nfsservctl) X(getpmsg, LINUX_NR_getpmsg) X(putpmsg, LINUX_NR_putpmsg) \
  X(afs_syscall, LINUX_NR_afs_syscall) X(reserved177, LINUX_NR_reserved177) X(gettid, LINUX_NR_gettid) \
  X(readahead, LINUX_NR_readahead) X(setxattr, LINUX_NR_setxattr) X(lsetxattr, LINUX_NR_lsetxattr) \
  X(fsetxattr, LINUX_NR_fsetxattr) X(getxattr, LINUX_NR_getxattr) X(lgetxattr, LINUX_NR_lgetxattr) \
  X(fgetxattr, LINUX_NR_fgetxattr) X(listxattr, LINUX_NR_listxattr) X(llistxattr, LINUX_NR_llistxattr) \
  X(flistxattr, LINUX_NR_flistxattr) X(removexattr, LINUX_NR_removexattr) \
  X(lremovexattr, LINUX_NR_lremovexattr) X(fremovexattr, LINUX_NR_fremovexattr) \
  X(tkill, LINUX_NR_tkill) X(reserved193, LINUX_NR_reserved193) X(futex, LINUX_NR_futex) \
  X(sched_setaffinity, LINUX_NR_sched_setaffinity) X(sched_getaffinity, LINUX_NR_sched_getaffinity) \
  X(cacheflush, LINUX_NR_cacheflush) X(cachectl, LINUX_NR_cachectl) X(sysmips, LINUX_NR_sysmips) \
  X(io_setup, LINUX_NR_io_setup) X(io_destroy, LINUX_NR_io_destroy) \
  X(io_getevents, LINUX_NR_io_getevents) X(io_submit, LINUX_NR_io_submit) \
  X(io_cancel, LINUX_NR_io_cancel) X(exit_group, LINUX_NR_exit_group) \
  X(lookup_dcookie, LINUX_NR_lookup_dcookie) X(epoll_create, LINUX_NR_epoll_create) \
  X(epoll_ctl, LINUX_NR_epoll_ctl) X(epoll_wait, LINUX_NR_epoll_wait) \
  X(remap_file_pages, LINUX_NR_remap_file_pages) X(rt_sigreturn, LINUX_NR_rt_sigreturn) \
  X(set_tid_address, LINUX_NR_set_tid_address) X(restart_syscall, LINUX_NR_restart_syscall) \
  X(semtimedop, LINUX_NR_semtimedop) X(fadvise64, LINUX_NR_fadvise64) \
  X(timer_create, LINUX_NR_timer_create) X(timer_settime, LINUX_NR_timer_settime) \
  X(timer_gettime, LINUX_NR_timer_gettime) X(timer_getoverrun, LINUX_NR_timer_getoverrun) \
  X(timer_delete, LINUX_NR_timer_delete) X(clock_settime, LINUX_NR_clock_settime) \
  X(clock_gettime, LINUX_NR_clock_gettime) X(clock_getres, LINUX_NR_clock_getres) \
  X(clock_nanosleep, LINUX_NR_clock_nanosleep) X(tgkill, LINUX_NR_tgkill) X(utimes, LINUX_NR_utimes) \
  X(mbind, LINUX_NR_mbind) X(get_mempolicy, LINUX_NR_get_mempolicy) \
  X(set_mempolicy, LINUX_NR_set_mempolicy) X(mq_open, LINUX_NR_mq_open) \
  X(mq_unlink, LINUX_NR_mq_unlink) X(mq_timedsend, LINUX_NR_mq_timedsend) \
  X(mq_timedreceive, LINUX_NR_mq_timedreceive) X(mq_notify, LINUX_NR_mq_notify) \
  X(mq_getsetattr, LINUX_NR_mq_getsetattr) X(vserver, LINUX_NR_vserver) X(waitid, LINUX_NR_waitid) \
  X(add_key, LINUX_NR_add_key) X(request_key, LINUX_NR_request_key) X(keyctl, LINUX_NR_keyctl) \
  X(set_thread_area, LINUX_NR_set_thread_area) X(inotify_init, LINUX_NR_inotify_init) \
  X(inotify_add_watch, LINUX_NR_inotify_add_watch) X(inotify_rm_watch, LINUX_NR_inotify_rm_watch) \
  X(migrate_pages, LINUX_NR_migrate_pages) X(openat, LINUX_NR_openat) X(mkdirat, LINUX_NR_mkdirat) \
  X(mknodat, LINUX_NR_mknodat) X(fchownat, LINUX_NR_fchownat) X(futimesat, LINUX_NR_futimesat) \
  X(newfstatat, LINUX_NR_newfstatat) X(unlinkat, LINUX_NR_unlinkat) X(renameat, LINUX_NR_renameat) \
  X(linkat, LINUX_NR_linkat) X(symlinkat, LINUX_NR_symlinkat) X(readlinkat, LINUX_NR_readlinkat) \
  X(fchmodat, LINUX_NR_fchmodat) X(faccessat, LINUX_NR_faccessat) X(pselect6, LINUX_NR_pselect6) \
  X(ppoll, LINUX_NR_ppoll) X(unshare, LINUX_NR_unshare) X(splice, LINUX_NR_splice) \
  X(sync_file_range, LINUX_NR_sync_file_range) X(tee, LINUX_NR_tee) X(vmsplice, LINUX_NR_vmsplice) \
  X(move_pages, LINUX_NR_move_pages) X(set_robust_list, LINUX_NR_set_robust_list) \
  X(get_robust_list, LINUX_NR_get_robust_list) X(kexec_load, LINUX_NR_kexec_load) \
  X(getcpu, LINUX_NR_getcpu) X(epoll_pwait, LINUX_NR_epoll_pwait) X(ioprio_set, LINUX_NR_ioprio_set) \
  X(ioprio_get, LINUX_NR_ioprio_get) X(utimensat, LINUX_NR_utimensat) X(signalfd, LINUX_NR_signalfd) \
  X(timerfd, LINUX_NR_timerfd) X(eventfd, LINUX_NR_eventfd) X(fallocate, LINUX_NR_fallocate) \
  X(timerfd_create, LINUX_NR_timerfd_create) X(timerfd_gettime, LINUX_NR_timerfd_gettime) \
  X(timerfd_settime, LINUX_NR_timerfd_settime) X(signalfd4, LINUX_NR_signalfd4) \
  X(eventfd2, LINUX_NR_eventfd2) X(epoll_create1, LINUX_NR_epoll_create1) X(dup3, LINUX_NR_dup3) \
  X(pipe2, LINUX_NR_pipe2) X(inotify_init1, LINUX_NR_inotify_init1) X(preadv, LINUX_NR_preadv) \
  X(pwritev, LINUX_NR_pwritev) X(rt_tgsigqueueinfo, LINUX_NR_rt_tgsigqueueinfo) \
  X(perf_event_open, LINUX_NR_perf_event_open) X(accept4, LINUX_NR_accept4) \
  X(recvmmsg, LINUX_NR_recvmmsg) X(fanotify_init, LINUX_NR_fanotify_init) \
  X(fanotify_mark, LINUX_NR_fanotify_mark) X(prlimit64, LINUX_NR_prlimit64) \
  X(name_to_handle_at, LINUX_NR_name_to_handle_at) X(open_by_handle_at, LINUX_NR_open_by_handle_at) \
  X(clock_adjtime, LINUX_NR_clock_adjtime) X(syncfs, LINUX_NR_syncfs) X(sendmmsg, LINUX_NR_sendmmsg) \
  X(setns, LINUX_NR_setns) X(process_vm_readv, LINUX_NR_process_vm_readv) \
  X(process_vm_writev, LINUX_NR_process_vm_writev) X(kcmp, LINUX_NR_kcmp) \
  X(finit_module, LINUX_NR_finit_module) X(getdents64, LINUX_NR_getdents64) \
  X(sched_setattr, LINUX_NR_sched_setattr) X(sched_getattr, LINUX_NR_sched_getattr) \
  X(renameat2, LINUX_NR_renameat2) X(seccomp, LINUX_NR_seccomp) X(getrandom, LINUX_NR_getrandom) \
  X(memfd_create, LINUX_NR_memfd_create) X(bpf, LINUX_NR_bpf) X(execveat, LINUX_NR_execveat) \
  X(userfaultfd, LINUX_NR_userfaultfd) X(membarrier, LINUX_NR_membarrier) X(mlock2, LINUX_NR_mlock2) \
  X(copy_file_range, LINUX_NR_copy_file_range) X(preadv2, LINUX_NR_preadv2) \
  X(pwritev2, LINUX_NR_pwritev2) X(pkey_mprotect, LINUX_NR_pkey_mprotect) \
  X(pkey_alloc, LINUX_NR_pkey_alloc) X(pkey_free, LINUX_NR_pkey_free) X(statx, LINUX_NR_statx) \
  X(rseq, LINUX_NR_rseq) X(io_pgetevents, LINUX_NR_io_pgetevents) \
  X(pidfd_send_signal, LINUX_NR_pidfd_send_signal) X(io_uring_setup, LINUX_NR_io_uring_setup) \
  X(io_uring_enter, LINUX_NR_io_uring_enter) X(io_uring_register, LINUX_NR_io_uring_register) \
  X(open_tree, LINUX_NR_open_tree) X(move_mount, LINUX_NR_move_mount) X(fsopen, LINUX_NR_fsopen) \
  X(fsconfig, LINUX_NR_fsconfig) X(fsmount, LINUX_NR_fsmount) X(fspick, LINUX_NR_fspick) \
  X(pidfd_open, LINUX_NR_pidfd_open) X(clone3, LINUX_NR_clone3) X(close_range, LINUX_NR_close_range) \
  X(openat2, LINUX_NR_openat2) X(pidfd_getfd, LINUX_NR_pidfd_getfd) X(faccessat2, LINUX_NR_faccessat2) \
  X(process_madvise, LINUX_NR_process_madvise) X(epoll_pwait2, LINUX_NR_epoll_pwait2) \
  X(mount_setattr, LINUX_NR_mount_setattr) X(quotactl_fd, LINUX_NR_quotactl_fd) \
  X(landlock_create_ruleset, LINUX_NR_landlock_create_ruleset) \
  X(landlock_add_rule, LINUX_NR_landlock_add_rule) \
  X(landlock_restrict_self, LINUX_NR_landlock_restrict_self) \
  X(process_mrelease, LINUX_NR_process_mrelease) X(futex_waitv, LINUX_NR_futex_waitv) \
  X(set_mempolicy_home_node, LINUX_NR_set_mempolicy_home_node)

/* ==== errno (asm-generic/errno-base.h for 1..34, asm/errno.h above) =======
 * MIPS keeps the SVR4 numbering above 34: ENOSYS is 89 (38 on x86),
 * ENOTEMPTY 93, ENAMETOOLONG 78, ETIMEDOUT 145, EDQUOT 1133.  A system call
 * reports failure as -errno in the range -LINUX_MAX_ERRNO..-1.
 */
#define LINUX_EPERM 1
#define LINUX_ENOENT 2
#define LINUX_ESRCH 3
#define LINUX_EINTR 4
#define LINUX_EIO 5
#define LINUX_ENXIO 6
#define LINUX_E2BIG 7
#define LINUX_ENOEXEC 8
#define LINUX_EBADF 9
#define LINUX_ECHILD 10
#define LINUX_EAGAIN 11
#define LINUX_ENOMEM 12
#define LINUX_EACCES 13
#define LINUX_EFAULT 14
#define LINUX_ENOTBLK 15
#define LINUX_EBUSY 16
#define LINUX_EEXIST 17
#define LINUX_EXDEV 18
#define LINUX_ENODEV 19
#define LINUX_ENOTDIR 20
#define LINUX_EISDIR 21
#define LINUX_EINVAL 22
#define LINUX_ENFILE 23
#define LINUX_EMFILE 24
#define LINUX_ENOTTY 25
#define LINUX_ETXTBSY 26
#define LINUX_EFBIG 27
#define LINUX_ENOSPC 28
#define LINUX_ESPIPE 29
#define LINUX_EROFS 30
#define LINUX_EMLINK 31
#define LINUX_EPIPE 32
#define LINUX_EDOM 33
#define LINUX_ERANGE 34
#define LINUX_ENOMSG 35
#define LINUX_EIDRM 36
#define LINUX_ECHRNG 37
#define LINUX_EL2NSYNC 38
#define LINUX_EL3HLT 39
#define LINUX_EL3RST 40
#define LINUX_ELNRNG 41
#define LINUX_EUNATCH 42
#define LINUX_ENOCSI 43
#define LINUX_EL2HLT 44
#define LINUX_EDEADLK 45
#define LINUX_ENOLCK 46
#define LINUX_EBADE 50
#define LINUX_EBADR 51
#define LINUX_EXFULL 52
#define LINUX_ENOANO 53
#define LINUX_EBADRQC 54
#define LINUX_EBADSLT 55
#define LINUX_EDEADLOCK 56
#define LINUX_EBFONT 59
#define LINUX_ENOSTR 60
#define LINUX_ENODATA 61
#define LINUX_ETIME 62
#define LINUX_ENOSR 63
#define LINUX_ENONET 64
#define LINUX_ENOPKG 65
#define LINUX_EREMOTE 66
#define LINUX_ENOLINK 67
#define LINUX_EADV 68
#define LINUX_ESRMNT 69
#define LINUX_ECOMM 70
#define LINUX_EPROTO 71
#define LINUX_EDOTDOT 73
#define LINUX_EMULTIHOP 74
#define LINUX_EBADMSG 77
#define LINUX_ENAMETOOLONG 78
#define LINUX_EOVERFLOW 79
#define LINUX_ENOTUNIQ 80
#define LINUX_EBADFD 81
#define LINUX_EREMCHG 82
#define LINUX_ELIBACC 83
#define LINUX_ELIBBAD 84
#define LINUX_ELIBSCN 85
#define LINUX_ELIBMAX 86
#define LINUX_ELIBEXEC 87
#define LINUX_EILSEQ 88
#define LINUX_ENOSYS 89
#define LINUX_ELOOP 90
#define LINUX_ERESTART 91
#define LINUX_ESTRPIPE 92
#define LINUX_ENOTEMPTY 93
#define LINUX_EUSERS 94
#define LINUX_ENOTSOCK 95
#define LINUX_EDESTADDRREQ 96
#define LINUX_EMSGSIZE 97
#define LINUX_EPROTOTYPE 98
#define LINUX_ENOPROTOOPT 99
#define LINUX_EPROTONOSUPPORT 120
#define LINUX_ESOCKTNOSUPPORT 121
#define LINUX_EOPNOTSUPP 122
#define LINUX_EPFNOSUPPORT 123
#define LINUX_EAFNOSUPPORT 124
#define LINUX_EADDRINUSE 125
#define LINUX_EADDRNOTAVAIL 126
#define LINUX_ENETDOWN 127
#define LINUX_ENETUNREACH 128
#define LINUX_ENETRESET 129
#define LINUX_ECONNABORTED 130
#define LINUX_ECONNRESET 131
#define LINUX_ENOBUFS 132
#define LINUX_EISCONN 133
#define LINUX_ENOTCONN 134
#define LINUX_EUCLEAN 135
#define LINUX_ENOTNAM 137
#define LINUX_ENAVAIL 138
#define LINUX_EISNAM 139
#define LINUX_EREMOTEIO 140
#define LINUX_EINIT 141
#define LINUX_EREMDEV 142
#define LINUX_ESHUTDOWN 143
#define LINUX_ETOOMANYREFS 144
#define LINUX_ETIMEDOUT 145
#define LINUX_ECONNREFUSED 146
#define LINUX_EHOSTDOWN 147
#define LINUX_EHOSTUNREACH 148
#define LINUX_EWOULDBLOCK LINUX_EAGAIN
#define LINUX_EALREADY 149
#define LINUX_EINPROGRESS 150
#define LINUX_ESTALE 151
#define LINUX_ECANCELED 158
#define LINUX_ENOMEDIUM 159
#define LINUX_EMEDIUMTYPE 160
#define LINUX_ENOKEY 161
#define LINUX_EKEYEXPIRED 162
#define LINUX_EKEYREVOKED 163
#define LINUX_EKEYREJECTED 164
#define LINUX_EOWNERDEAD 165
#define LINUX_ENOTRECOVERABLE 166
#define LINUX_ERFKILL 167
#define LINUX_EHWPOISON 168
#define LINUX_EDQUOT 1133
#define LINUX_MAX_ERRNO 4095 /* include/linux/err.h */

/* Kernel-internal restart codes (include/linux/errno.h): never seen by a
 * program; a system call returns them to ask the signal code to restart it
 * (ERESTARTSYS: restart unless the handler lacks SA_RESTART, then EINTR). */
#define LINUX_ERESTARTSYS 512
#define LINUX_ERESTARTNOINTR 513
#define LINUX_ERESTARTNOHAND 514
#define LINUX_ENOIOCTLCMD 515
#define LINUX_ERESTART_RESTARTBLOCK 516

/* Every errno as X(name, value), one name per value (EWOULDBLOCK is EAGAIN). */
#define LINUX_ERRNOS(X) \
  X(EPERM, LINUX_EPERM) X(ENOENT, LINUX_ENOENT) X(ESRCH, LINUX_ESRCH) X(EINTR, LINUX_EINTR) \
  X(EIO, LINUX_EIO) X(ENXIO, LINUX_ENXIO) X(E2BIG, LINUX_E2BIG) X(ENOEXEC, LINUX_ENOEXEC) \
  X(EBADF, LINUX_EBADF) X(ECHILD, LINUX_ECHILD) X(EAGAIN, LINUX_EAGAIN) X(ENOMEM, LINUX_ENOMEM) \
  X(EACCES, LINUX_EACCES) X(EFAULT, LINUX_EFAULT) X(ENOTBLK, LINUX_ENOTBLK) X(EBUSY, LINUX_EBUSY) \
  X(EEXIST, LINUX_EEXIST) X(EXDEV, LINUX_EXDEV) X(ENODEV, LINUX_ENODEV) X(ENOTDIR, LINUX_ENOTDIR) \
  X(EISDIR, LINUX_EISDIR) X(EINVAL, LINUX_EINVAL) X(ENFILE, LINUX_ENFILE) X(EMFILE, LINUX_EMFILE) \
  X(ENOTTY, LINUX_ENOTTY) X(ETXTBSY, LINUX_ETXTBSY) X(EFBIG, LINUX_EFBIG) X(ENOSPC, LINUX_ENOSPC) \
  X(ESPIPE, LINUX_ESPIPE) X(EROFS, LINUX_EROFS) X(EMLINK, LINUX_EMLINK) X(EPIPE, LINUX_EPIPE) \
  X(EDOM, LINUX_EDOM) X(ERANGE, LINUX_ERANGE) X(ENOMSG, LINUX_ENOMSG) X(EIDRM, LINUX_EIDRM) \
  X(ECHRNG, LINUX_ECHRNG) X(EL2NSYNC, LINUX_EL2NSYNC) X(EL3HLT, LINUX_EL3HLT) \
  X(EL3RST, LINUX_EL3RST) X(ELNRNG, LINUX_ELNRNG) X(EUNATCH, LINUX_EUNATCH) X(ENOCSI, LINUX_ENOCSI) \
  X(EL2HLT, LINUX_EL2HLT) X(EDEADLK, LINUX_EDEADLK) X(ENOLCK, LINUX_ENOLCK) X(EBADE, LINUX_EBADE) \
  X(EBADR, LINUX_EBADR) X(EXFULL, LINUX_EXFULL) X(ENOANO, LINUX_ENOANO) X(EBADRQC, LINUX_EBADRQC) \
  X(EBADSLT, LINUX_EBADSLT) X(EDEADLOCK, LINUX_EDEADLOCK) X(EBFONT, LINUX_EBFONT) \
  X(ENOSTR, LINUX_ENOSTR) X(ENODATA, LINUX_ENODATA) X(ETIME, LINUX_ETIME) X(ENOSR, LINUX_ENOSR) \
  X(ENONET, LINUX_ENONET) X(ENOPKG, LINUX_ENOPKG) X(EREMOTE, LINUX_EREMOTE) \
  X(ENOLINK, LINUX_ENOLINK) X(EADV, LINUX_EADV) X(ESRMNT, LINUX_ESRMNT) X(ECOMM, LINUX_ECOMM) \
  X(EPROTO, LINUX_EPROTO) X(EDOTDOT, LINUX_EDOTDOT) X(EMULTIHOP, LINUX_EMULTIHOP) \
  X(EBADMSG, LINUX_EBADMSG) X(ENAMETOOLONG, LINUX_ENAMETOOLONG) X(EOVERFLOW, LINUX_EOVERFLOW) \
  X(ENOTUNIQ, LINUX_ENOTUNIQ) X(EBADFD, LINUX_EBADFD) X(EREMCHG, LINUX_EREMCHG) \
  X(ELIBACC, LINUX_ELIBACC) X(ELIBBAD, LINUX_ELIBBAD) X(ELIBSCN, LINUX_ELIBSCN) \
  X(ELIBMAX, LINUX_ELIBMAX) X(ELIBEXEC, LINUX_ELIBEXEC) X(EILSEQ, LINUX_EILSEQ) \
  X(ENOSYS, LINUX_ENOSYS) X(ELOOP, LINUX_ELOOP) X(ERESTART, LINUX_ERESTART) \
  X(ESTRPIPE, LINUX_ESTRPIPE) X(ENOTEMPTY, LINUX_ENOTEMPTY) X(EUSERS, LINUX_EUSERS) \
  X(ENOTSOCK, LINUX_ENOTSOCK) X(EDESTADDRREQ, LINUX_EDESTADDRREQ) X(EMSGSIZE, LINUX_EMSGSIZE) \
  X(EPROTOTYPE, LINUX_EPROTOTYPE) X(ENOPROTOOPT, LINUX_ENOPROTOOPT) \
  X(EPROTONOSUPPORT, LINUX_EPROTONOSUPPORT) X(ESOCKTNOSUPPORT, LINUX_ESOCKTNOSUPPORT) \
  X(EOPNOTSUPP, LINUX_EOPNOTSUPP) X(EPFNOSUPPORT, LINUX_EPFNOSUPPORT) \
  X(EAFNOSUPPORT, LINUX_EAFNOSUPPORT) X(EADDRINUSE, LINUX_EADDRINUSE) \
  X(EADDRNOTAVAIL, LINUX_EADDRNOTAVAIL) X(ENETDOWN, LINUX_ENETDOWN) \
  X(ENETUNREACH, LINUX_ENETUNREACH) X(ENETRESET, LINUX_ENETRESET) \
  X(ECONNABORTED, LINUX_ECONNABORTED) X(ECONNRESET, LINUX_ECONNRESET) X(ENOBUFS, LINUX_ENOBUFS) \
  X(EISCONN, LINUX_EISCONN) X(ENOTCONN, LINUX_ENOTCONN) X(EUCLEAN, LINUX_EUCLEAN) \
  X(ENOTNAM, LINUX_ENOTNAM) X(ENAVAIL, LINUX_ENAVAIL) X(EISNAM, LINUX_EISNAM) \
  X(EREMOTEIO, LINUX_EREMOTEIO) X(EINIT, LINUX_EINIT) X(EREMDEV, LINUX_EREMDEV) \
  X(ESHUTDOWN, LINUX_ESHUTDOWN) X(ETOOMANYREFS, LINUX_ETOOMANYREFS) X(ETIMEDOUT, LINUX_ETIMEDOUT) \
  X(ECONNREFUSED, LINUX_ECONNREFUSED) X(EHOSTDOWN, LINUX_EHOSTDOWN) \
  X(EHOSTUNREACH, LINUX_EHOSTUNREACH) X(EALREADY, LINUX_EALREADY) X(EINPROGRESS, LINUX_EINPROGRESS) \
  X(ESTALE, LINUX_ESTALE) X(ECANCELED, LINUX_ECANCELED) X(ENOMEDIUM, LINUX_ENOMEDIUM) \
  X(EMEDIUMTYPE, LINUX_EMEDIUMTYPE) X(ENOKEY, LINUX_ENOKEY) X(EKEYEXPIRED, LINUX_EKEYEXPIRED) \
  X(EKEYREVOKED, LINUX_EKEYREVOKED) X(EKEYREJECTED, LINUX_EKEYREJECTED) \
  X(EOWNERDEAD, LINUX_EOWNERDEAD) X(ENOTRECOVERABLE, LINUX_ENOTRECOVERABLE) \
  X(ERFKILL, LINUX_ERFKILL) X(EHWPOISON, LINUX_EHWPOISON) X(EDQUOT, LINUX_EDQUOT)

/* ==== open(2) flags (asm/fcntl.h for MIPS, asm-generic/fcntl.h) ===========
 * The MIPS bits differ from x86 below O_DIRECTORY: O_CREAT is 0x100 here,
 * 0x40 there.  O_LARGEFILE is a real bit (ignored on n64, where every
 * file is large); glibc passes it, a kernel should accept it.
 */
#define LINUX_O_ACCMODE 0x3
#define LINUX_O_RDONLY 0x0
#define LINUX_O_WRONLY 0x1
#define LINUX_O_RDWR 0x2
#define LINUX_O_APPEND 0x8
#define LINUX_O_DSYNC 0x10
#define LINUX_O_NONBLOCK 0x80
#define LINUX_O_NDELAY LINUX_O_NONBLOCK
#define LINUX_O_CREAT 0x100
#define LINUX_O_TRUNC 0x200
#define LINUX_O_EXCL 0x400
#define LINUX_O_NOCTTY 0x800
#define LINUX_FASYNC 0x1000
#define LINUX_O_LARGEFILE 0x2000
#define LINUX_O_SYNC 0x4010 /* __O_SYNC (0x4000) | O_DSYNC */
#define LINUX_O_DIRECT 0x8000
#define LINUX_O_DIRECTORY 0x10000
#define LINUX_O_NOFOLLOW 0x20000
#define LINUX_O_NOATIME 0x40000
#define LINUX_O_CLOEXEC 0x80000
#define LINUX_O_PATH 0x200000
#define LINUX_O_TMPFILE 0x410000 /* __O_TMPFILE (0x400000) | O_DIRECTORY */

/* ==== fcntl(2) (asm/fcntl.h for MIPS, asm-generic/fcntl.h, linux/fcntl.h) ==
 * F_GETLK, F_SETOWN, F_GETOWN differ from asm-generic (5, 8, 9 there).
 */
#define LINUX_F_DUPFD 0
#define LINUX_F_GETFD 1
#define LINUX_F_SETFD 2
#define LINUX_F_GETFL 3
#define LINUX_F_SETFL 4
#define LINUX_F_SETLK 6
#define LINUX_F_SETLKW 7
#define LINUX_F_SETSIG 10
#define LINUX_F_GETSIG 11
#define LINUX_F_GETLK 14
#define LINUX_F_SETOWN_EX 15
#define LINUX_F_GETOWN_EX 16
#define LINUX_F_GETOWNER_UIDS 17
#define LINUX_F_GETOWN 23
#define LINUX_F_SETOWN 24
#define LINUX_F_OFD_GETLK 36
#define LINUX_F_OFD_SETLK 37
#define LINUX_F_OFD_SETLKW 38
#define LINUX_F_SETLEASE 1024
#define LINUX_F_GETLEASE 1025
#define LINUX_F_NOTIFY 1026
#define LINUX_F_DUPFD_CLOEXEC 1030
#define LINUX_F_SETPIPE_SZ 1031
#define LINUX_F_GETPIPE_SZ 1032
#define LINUX_F_ADD_SEALS 1033
#define LINUX_F_GET_SEALS 1034
#define LINUX_FD_CLOEXEC 1
#define LINUX_F_RDLCK 0
#define LINUX_F_WRLCK 1
#define LINUX_F_UNLCK 2

/* struct flock (asm-generic/fcntl.h; n64 has no l_sysid/pad, unlike o32) */
#define LINUX_FLOCK_SIZE 32
#define LINUX_FLOCK_OFF_TYPE 0
#define LINUX_FLOCK_W_TYPE 2
#define LINUX_FLOCK_OFF_WHENCE 2
#define LINUX_FLOCK_W_WHENCE 2
#define LINUX_FLOCK_OFF_START 8
#define LINUX_FLOCK_W_START 8
#define LINUX_FLOCK_OFF_LEN 16
#define LINUX_FLOCK_W_LEN 8
#define LINUX_FLOCK_OFF_PID 24
#define LINUX_FLOCK_W_PID 4

/* ==== *at() flags (linux/fcntl.h) ========================================== */
#define LINUX_AT_FDCWD (-100)
#define LINUX_AT_SYMLINK_NOFOLLOW 0x100
#define LINUX_AT_EACCESS 0x200 /* faccessat */
#define LINUX_AT_REMOVEDIR 0x200 /* unlinkat */
#define LINUX_AT_SYMLINK_FOLLOW 0x400
#define LINUX_AT_NO_AUTOMOUNT 0x800
#define LINUX_AT_EMPTY_PATH 0x1000
#define LINUX_AT_STATX_SYNC_TYPE 0x6000
#define LINUX_AT_STATX_SYNC_AS_STAT 0x0
#define LINUX_AT_STATX_FORCE_SYNC 0x2000
#define LINUX_AT_STATX_DONT_SYNC 0x4000
#define LINUX_AT_RECURSIVE 0x8000

/* ==== access(2) modes (glibc <unistd.h>; the kernel's fs/open.c) ========== */
#define LINUX_F_OK 0
#define LINUX_X_OK 1
#define LINUX_W_OK 2
#define LINUX_R_OK 4

/* ==== lseek(2) whence (linux/fs.h) ========================================= */
#define LINUX_SEEK_SET 0
#define LINUX_SEEK_CUR 1
#define LINUX_SEEK_END 2
#define LINUX_SEEK_DATA 3
#define LINUX_SEEK_HOLE 4
#define LINUX_SEEK_MAX LINUX_SEEK_HOLE

/* ==== renameat2(2) flags (linux/fs.h) ====================================== */
#define LINUX_RENAME_NOREPLACE 0x1
#define LINUX_RENAME_EXCHANGE 0x2
#define LINUX_RENAME_WHITEOUT 0x4

/* ==== file mode bits (linux/stat.h) ======================================== */
#define LINUX_S_IFMT 0170000
#define LINUX_S_IFSOCK 0140000
#define LINUX_S_IFLNK 0120000
#define LINUX_S_IFREG 0100000
#define LINUX_S_IFBLK 0060000
#define LINUX_S_IFDIR 0040000
#define LINUX_S_IFCHR 0020000
#define LINUX_S_IFIFO 0010000
#define LINUX_S_ISUID 0004000
#define LINUX_S_ISGID 0002000
#define LINUX_S_ISVTX 0001000
#define LINUX_S_IRWXU 00700
#define LINUX_S_IRUSR 00400
#define LINUX_S_IWUSR 00200
#define LINUX_S_IXUSR 00100
#define LINUX_S_IRWXG 00070
#define LINUX_S_IRGRP 00040
#define LINUX_S_IWGRP 00020
#define LINUX_S_IXGRP 00010
#define LINUX_S_IRWXO 00007
#define LINUX_S_IROTH 00004
#define LINUX_S_IWOTH 00002
#define LINUX_S_IXOTH 00001

/* ==== struct linux_dirent64 (include/linux/dirent.h; glibc struct dirent64)
 * Records are LINUX_DIRENT64_OFF_NAME + strlen(name) + 1 bytes rounded up to
 * 8 (d_reclen); d_off is the opaque position of the next record.
 */
#define LINUX_DIRENT64_OFF_INO 0
#define LINUX_DIRENT64_W_INO 8
#define LINUX_DIRENT64_OFF_OFF 8
#define LINUX_DIRENT64_W_OFF 8
#define LINUX_DIRENT64_OFF_RECLEN 16
#define LINUX_DIRENT64_W_RECLEN 2
#define LINUX_DIRENT64_OFF_TYPE 18
#define LINUX_DIRENT64_W_TYPE 1
#define LINUX_DIRENT64_OFF_NAME 19
#define LINUX_DIRENT64_ALIGN 8

/* d_type values (include/linux/fs_types.h; glibc <dirent.h>): S_IFMT >> 12 */
#define LINUX_DT_UNKNOWN 0
#define LINUX_DT_FIFO 1
#define LINUX_DT_CHR 2
#define LINUX_DT_DIR 4
#define LINUX_DT_BLK 6
#define LINUX_DT_REG 8
#define LINUX_DT_LNK 10
#define LINUX_DT_SOCK 12
#define LINUX_DT_WHT 14

/* ==== limits (linux/limits.h) ============================================= */
#define LINUX_PATH_MAX 4096 /* including the NUL */
#define LINUX_NAME_MAX 255
#define LINUX_ARG_MAX 131072
#define LINUX_NGROUPS_MAX 65536
#define LINUX_PIPE_BUF 4096
#define LINUX_XATTR_NAME_MAX 255
#define LINUX_XATTR_SIZE_MAX 65536

/* ==== mmap(2), mprotect(2), msync(2), mlockall(2) (asm/mman.h for MIPS) ===
 * MIPS keeps the IRIX bits: MAP_ANONYMOUS is 0x800 (0x20 on x86),
 * MAP_NORESERVE 0x400, MAP_GROWSDOWN 0x1000, MS_SYNC 4.
 */
#define LINUX_PROT_NONE 0x0
#define LINUX_PROT_READ 0x1
#define LINUX_PROT_WRITE 0x2
#define LINUX_PROT_EXEC 0x4
#define LINUX_PROT_SEM 0x10
#define LINUX_PROT_GROWSDOWN 0x01000000
#define LINUX_PROT_GROWSUP 0x02000000
#define LINUX_MAP_SHARED 0x001
#define LINUX_MAP_PRIVATE 0x002
#define LINUX_MAP_SHARED_VALIDATE 0x003
#define LINUX_MAP_TYPE 0x00f
#define LINUX_MAP_FIXED 0x010
#define LINUX_MAP_RENAME 0x020
#define LINUX_MAP_AUTOGROW 0x040
#define LINUX_MAP_LOCAL 0x080
#define LINUX_MAP_AUTORSRV 0x100
#define LINUX_MAP_NORESERVE 0x0400
#define LINUX_MAP_ANONYMOUS 0x0800
#define LINUX_MAP_ANON LINUX_MAP_ANONYMOUS
#define LINUX_MAP_GROWSDOWN 0x1000
#define LINUX_MAP_DENYWRITE 0x2000
#define LINUX_MAP_EXECUTABLE 0x4000
#define LINUX_MAP_LOCKED 0x8000
#define LINUX_MAP_POPULATE 0x10000
#define LINUX_MAP_NONBLOCK 0x20000
#define LINUX_MAP_STACK 0x40000
#define LINUX_MAP_HUGETLB 0x80000
#define LINUX_MAP_FIXED_NOREPLACE 0x100000
#define LINUX_MS_ASYNC 0x0001
#define LINUX_MS_INVALIDATE 0x0002
#define LINUX_MS_SYNC 0x0004
#define LINUX_MCL_CURRENT 1
#define LINUX_MCL_FUTURE 2
#define LINUX_MCL_ONFAULT 4
#define LINUX_MLOCK_ONFAULT 0x01

/* madvise(2) advice (asm/mman.h for MIPS) */
#define LINUX_MADV_NORMAL 0
#define LINUX_MADV_RANDOM 1
#define LINUX_MADV_SEQUENTIAL 2
#define LINUX_MADV_WILLNEED 3
#define LINUX_MADV_DONTNEED 4
#define LINUX_MADV_FREE 8
#define LINUX_MADV_REMOVE 9
#define LINUX_MADV_DONTFORK 10
#define LINUX_MADV_DOFORK 11
#define LINUX_MADV_MERGEABLE 12
#define LINUX_MADV_UNMERGEABLE 13
#define LINUX_MADV_HUGEPAGE 14
#define LINUX_MADV_NOHUGEPAGE 15
#define LINUX_MADV_DONTDUMP 16
#define LINUX_MADV_DODUMP 17
#define LINUX_MADV_WIPEONFORK 18
#define LINUX_MADV_KEEPONFORK 19
#define LINUX_MADV_COLD 20
#define LINUX_MADV_PAGEOUT 21
#define LINUX_MADV_POPULATE_READ 22
#define LINUX_MADV_POPULATE_WRITE 23
#define LINUX_MADV_DONTNEED_LOCKED 24
#define LINUX_MADV_HWPOISON 100

/* mremap(2) flags (linux/mman.h) */
#define LINUX_MREMAP_MAYMOVE 1
#define LINUX_MREMAP_FIXED 2
#define LINUX_MREMAP_DONTUNMAP 4

/* ==== signal numbers (asm/signal.h for MIPS) ===============================
 * MIPS keeps the SVR4 numbering: SIGBUS 10 (7 on x86), SIGUSR1 16,
 * SIGCHLD 18, SIGSTOP 23, SIGCONT 25; SIGEMT 7 exists.  There are 128
 * signals (1..128; x86 has 64): sigset_t is two 64-bit words, signal s is
 * bit (s-1) % 64 of word (s-1) / 64.  The wait status keeps a signal in 7
 * bits, so glibc stops real-time signals at 127.
 */
#define LINUX_SIGHUP 1
#define LINUX_SIGINT 2
#define LINUX_SIGQUIT 3
#define LINUX_SIGILL 4
#define LINUX_SIGTRAP 5
#define LINUX_SIGIOT 6
#define LINUX_SIGABRT 6
#define LINUX_SIGEMT 7
#define LINUX_SIGFPE 8
#define LINUX_SIGKILL 9
#define LINUX_SIGBUS 10
#define LINUX_SIGSEGV 11
#define LINUX_SIGSYS 12
#define LINUX_SIGPIPE 13
#define LINUX_SIGALRM 14
#define LINUX_SIGTERM 15
#define LINUX_SIGUSR1 16
#define LINUX_SIGUSR2 17
#define LINUX_SIGCHLD 18
#define LINUX_SIGCLD 18
#define LINUX_SIGPWR 19
#define LINUX_SIGWINCH 20
#define LINUX_SIGURG 21
#define LINUX_SIGIO 22
#define LINUX_SIGPOLL 22
#define LINUX_SIGSTOP 23
#define LINUX_SIGTSTP 24
#define LINUX_SIGCONT 25
#define LINUX_SIGTTIN 26
#define LINUX_SIGTTOU 27
#define LINUX_SIGVTALRM 28
#define LINUX_SIGPROF 29
#define LINUX_SIGXCPU 30
#define LINUX_SIGXFSZ 31
#define LINUX_SIGRTMIN 32
#define LINUX_SIGRTMAX 128
#define LINUX_NSIG 128 /* _NSIG */
#define LINUX_NSIG_BPW 64 /* _NSIG_BPW: bits per sigset word */
#define LINUX_NSIG_WORDS 2 /* _NSIG_WORDS */
#define LINUX_SIGSET_SIZE 16 /* bytes; the sigsetsize argument of rt_sig*() */

/* Default actions (kernel/signal.c: SIG_KERNEL_{COREDUMP,IGNORE,STOP}_MASK;
 * signal(7)).  Real-time signals (32..128) terminate. */
#define LINUX_SIGACT_TERM 1 /* terminate */
#define LINUX_SIGACT_CORE 2 /* terminate and dump core */
#define LINUX_SIGACT_IGN 3  /* ignore */
#define LINUX_SIGACT_STOP 4 /* stop the process */
#define LINUX_SIGACT_CONT 5 /* continue a stopped process, else ignore */

/* The 31 classic signals as X(name, number, default action), one name per
 * number (SIGIOT, SIGCLD, SIGPOLL are aliases). */
#define LINUX_SIGNALS(X) \
  X(SIGHUP, LINUX_SIGHUP, LINUX_SIGACT_TERM) X(SIGINT, LINUX_SIGINT, LINUX_SIGACT_TERM) \
  X(SIGQUIT, LINUX_SIGQUIT, LINUX_SIGACT_CORE) X(SIGILL, LINUX_SIGILL, LINUX_SIGACT_CORE) \
  X(SIGTRAP, LINUX_SIGTRAP, LINUX_SIGACT_CORE) X(SIGABRT, LINUX_SIGABRT, LINUX_SIGACT_CORE) \
  X(SIGEMT, LINUX_SIGEMT, LINUX_SIGACT_CORE) X(SIGFPE, LINUX_SIGFPE, LINUX_SIGACT_CORE) \
  X(SIGKILL, LINUX_SIGKILL, LINUX_SIGACT_TERM) X(SIGBUS, LINUX_SIGBUS, LINUX_SIGACT_CORE) \
  X(SIGSEGV, LINUX_SIGSEGV, LINUX_SIGACT_CORE) X(SIGSYS, LINUX_SIGSYS, LINUX_SIGACT_CORE) \
  X(SIGPIPE, LINUX_SIGPIPE, LINUX_SIGACT_TERM) X(SIGALRM, LINUX_SIGALRM, LINUX_SIGACT_TERM) \
  X(SIGTERM, LINUX_SIGTERM, LINUX_SIGACT_TERM) X(SIGUSR1, LINUX_SIGUSR1, LINUX_SIGACT_TERM) \
  X(SIGUSR2, LINUX_SIGUSR2, LINUX_SIGACT_TERM) X(SIGCHLD, LINUX_SIGCHLD, LINUX_SIGACT_IGN) \
  X(SIGPWR, LINUX_SIGPWR, LINUX_SIGACT_TERM) X(SIGWINCH, LINUX_SIGWINCH, LINUX_SIGACT_IGN) \
  X(SIGURG, LINUX_SIGURG, LINUX_SIGACT_IGN) X(SIGIO, LINUX_SIGIO, LINUX_SIGACT_TERM) \
  X(SIGSTOP, LINUX_SIGSTOP, LINUX_SIGACT_STOP) X(SIGTSTP, LINUX_SIGTSTP, LINUX_SIGACT_STOP) \
  X(SIGCONT, LINUX_SIGCONT, LINUX_SIGACT_CONT) X(SIGTTIN, LINUX_SIGTTIN, LINUX_SIGACT_STOP) \
  X(SIGTTOU, LINUX_SIGTTOU, LINUX_SIGACT_STOP) X(SIGVTALRM, LINUX_SIGVTALRM, LINUX_SIGACT_TERM) \
  X(SIGPROF, LINUX_SIGPROF, LINUX_SIGACT_TERM) X(SIGXCPU, LINUX_SIGXCPU, LINUX_SIGACT_CORE) \
  X(SIGXFSZ, LINUX_SIGXFSZ, LINUX_SIGACT_CORE)

/* ==== sigaction, sigprocmask, sigaltstack (asm/signal.h for MIPS,
 * asm-generic/signal-defs.h, linux/signal.h) ================================
 * MIPS has no SA_RESTORER: the return trampoline is the kernel's (VDSO).
 */
#define LINUX_SA_NOCLDSTOP 0x00000001
#define LINUX_SA_SIGINFO 0x00000008
#define LINUX_SA_UNSUPPORTED 0x00000400
#define LINUX_SA_EXPOSE_TAGBITS 0x00000800
#define LINUX_SA_NOCLDWAIT 0x00010000
#define LINUX_SA_ONSTACK 0x08000000
#define LINUX_SA_RESTART 0x10000000
#define LINUX_SA_NODEFER 0x40000000
#define LINUX_SA_RESETHAND 0x80000000
#define LINUX_SA_NOMASK LINUX_SA_NODEFER
#define LINUX_SA_ONESHOT LINUX_SA_RESETHAND
#define LINUX_SIG_BLOCK 1 /* 0 on x86 */
#define LINUX_SIG_UNBLOCK 2
#define LINUX_SIG_SETMASK 3
#define LINUX_SIG_DFL 0 /* handler values */
#define LINUX_SIG_IGN 1
#define LINUX_SIG_ERR (-1)
#define LINUX_SS_ONSTACK 1
#define LINUX_SS_DISABLE 2
#define LINUX_SS_AUTODISARM 0x80000000
#define LINUX_MINSIGSTKSZ 2048
#define LINUX_SIGSTKSZ 8192

/* struct sigaction as rt_sigaction(2) reads it on MIPS: flags come FIRST and
 * are 32 bits wide (asm/signal.h; x86 puts the handler first). */
#define LINUX_SIGACTION_SIZE 32
#define LINUX_SIGACTION_OFF_FLAGS 0
#define LINUX_SIGACTION_W_FLAGS 4
#define LINUX_SIGACTION_OFF_HANDLER 8
#define LINUX_SIGACTION_W_HANDLER 8
#define LINUX_SIGACTION_OFF_MASK 16
#define LINUX_SIGACTION_W_MASK 16

/* stack_t (asm/signal.h for MIPS): ss_sp, ss_size, ss_flags - in this order
 * on MIPS (x86: ss_sp, ss_flags, ss_size). */
#define LINUX_STACK_SIZE 24
#define LINUX_STACK_OFF_SP 0
#define LINUX_STACK_W_SP 8
#define LINUX_STACK_OFF_SIZE 8
#define LINUX_STACK_W_SIZE 8
#define LINUX_STACK_OFF_FLAGS 16
#define LINUX_STACK_W_FLAGS 4

/* ==== siginfo_t (asm/siginfo.h for MIPS, asm-generic/siginfo.h) ===========
 * 128 bytes.  MIPS swaps si_code and si_errno: si_signo, si_code, si_errno.
 * The union starts at 16 on 64-bit; which of its members is valid depends
 * on the signal and si_code (kill: pid/uid; faults: addr; SIGCHLD: pid,
 * uid, status, utime, stime; timers: tid/overrun/value; SIGPOLL: band/fd).
 */
#define LINUX_SIGINFO_SIZE 128
#define LINUX_SIGINFO_OFF_SIGNO 0
#define LINUX_SIGINFO_W_SIGNO 4
#define LINUX_SIGINFO_OFF_CODE 4
#define LINUX_SIGINFO_W_CODE 4
#define LINUX_SIGINFO_OFF_ERRNO 8
#define LINUX_SIGINFO_W_ERRNO 4
#define LINUX_SIGINFO_OFF_PID 16 /* kill, rt, SIGCHLD */
#define LINUX_SIGINFO_W_PID 4
#define LINUX_SIGINFO_OFF_UID 20
#define LINUX_SIGINFO_W_UID 4
#define LINUX_SIGINFO_OFF_VALUE 24 /* rt, timer: union sigval */
#define LINUX_SIGINFO_W_VALUE 8
#define LINUX_SIGINFO_OFF_TIMERID 16 /* POSIX timers */
#define LINUX_SIGINFO_W_TIMERID 4
#define LINUX_SIGINFO_OFF_OVERRUN 20
#define LINUX_SIGINFO_W_OVERRUN 4
#define LINUX_SIGINFO_OFF_STATUS 24 /* SIGCHLD: exit code or signal */
#define LINUX_SIGINFO_W_STATUS 4
#define LINUX_SIGINFO_OFF_UTIME 32
#define LINUX_SIGINFO_W_UTIME 8
#define LINUX_SIGINFO_OFF_STIME 40
#define LINUX_SIGINFO_W_STIME 8
#define LINUX_SIGINFO_OFF_ADDR 16 /* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP */
#define LINUX_SIGINFO_W_ADDR 8
#define LINUX_SIGINFO_OFF_BAND 16 /* SIGPOLL */
#define LINUX_SIGINFO_W_BAND 8
#define LINUX_SIGINFO_OFF_FD 24
#define LINUX_SIGINFO_W_FD 4
#define LINUX_SIGINFO_OFF_CALL_ADDR 16 /* SIGSYS */
#define LINUX_SIGINFO_W_CALL_ADDR 8
#define LINUX_SIGINFO_OFF_SYSCALL 24
#define LINUX_SIGINFO_W_SYSCALL 4
#define LINUX_SIGINFO_OFF_ARCH 28
#define LINUX_SIGINFO_W_ARCH 4

/* si_code values (asm-generic/siginfo.h; MIPS renumbers SI_TIMER,
 * SI_MESGQ and SI_ASYNCIO in asm/siginfo.h) */
#define LINUX_SI_USER 0
#define LINUX_SI_KERNEL 0x80
#define LINUX_SI_QUEUE (-1)
#define LINUX_SI_ASYNCIO (-2)
#define LINUX_SI_TIMER (-3)
#define LINUX_SI_MESGQ (-4)
#define LINUX_SI_SIGIO (-5)
#define LINUX_SI_TKILL (-6)
#define LINUX_SI_DETHREAD (-7)
#define LINUX_SI_ASYNCNL (-60)
#define LINUX_ILL_ILLOPC 1
#define LINUX_ILL_ILLOPN 2
#define LINUX_ILL_ILLADR 3
#define LINUX_ILL_ILLTRP 4
#define LINUX_ILL_PRVOPC 5
#define LINUX_ILL_PRVREG 6
#define LINUX_ILL_COPROC 7
#define LINUX_ILL_BADSTK 8
#define LINUX_ILL_BADIADDR 9
#define LINUX_FPE_INTDIV 1
#define LINUX_FPE_INTOVF 2
#define LINUX_FPE_FLTDIV 3
#define LINUX_FPE_FLTOVF 4
#define LINUX_FPE_FLTUND 5
#define LINUX_FPE_FLTRES 6
#define LINUX_FPE_FLTINV 7
#define LINUX_FPE_FLTSUB 8
#define LINUX_FPE_FLTUNK 14
#define LINUX_FPE_CONDTRAP 15
#define LINUX_SEGV_MAPERR 1
#define LINUX_SEGV_ACCERR 2
#define LINUX_SEGV_BNDERR 3
#define LINUX_SEGV_PKUERR 4
#define LINUX_BUS_ADRALN 1
#define LINUX_BUS_ADRERR 2
#define LINUX_BUS_OBJERR 3
#define LINUX_BUS_MCEERR_AR 4
#define LINUX_BUS_MCEERR_AO 5
#define LINUX_TRAP_BRKPT 1
#define LINUX_TRAP_TRACE 2
#define LINUX_TRAP_BRANCH 3
#define LINUX_TRAP_HWBKPT 4
#define LINUX_TRAP_UNK 5
#define LINUX_CLD_EXITED 1
#define LINUX_CLD_KILLED 2
#define LINUX_CLD_DUMPED 3
#define LINUX_CLD_TRAPPED 4
#define LINUX_CLD_STOPPED 5
#define LINUX_CLD_CONTINUED 6
#define LINUX_POLL_IN 1
#define LINUX_POLL_OUT 2
#define LINUX_POLL_MSG 3
#define LINUX_POLL_ERR 4
#define LINUX_POLL_PRI 5
#define LINUX_POLL_HUP 6
#define LINUX_SYS_SECCOMP 1

/* Trap codes the kernel reads from BREAK / TEQ (asm/break.h): 6 and 7 make
 * SIGFPE (FPE_INTOVF / FPE_INTDIV; gcc's divide-by-zero check is `teq x,$0,7`),
 * the others SIGTRAP. */
#define LINUX_BRK_USERBP 0
#define LINUX_BRK_SSTEPBP 5
#define LINUX_BRK_OVERFLOW 6
#define LINUX_BRK_DIVZERO 7
#define LINUX_BRK_RANGE 8
#define LINUX_BRK_BUG 12
#define LINUX_BRK_MULOVF 1023

/* ==== signal frame (arch/mips/kernel/signal.c, asm/ucontext.h,
 * asm/sigcontext.h for _MIPS_SIM_ABI64) ====================================
 * To run a handler the kernel builds on the user stack (the alternate stack
 * with SA_ONSTACK, if one is set and not in use), 16-byte aligned:
 *
 *   sp -> rt_sigframe:  +0    rs_ass[4], rs_pad[2]  (u32; o32 argument area)
 *                       +24   siginfo_t             (128 bytes)
 *                       +152  struct ucontext       (656 bytes)
 *
 * and enters the handler with a0 = signal, a1 = &siginfo, a2 = &ucontext,
 * t9 = pc = handler, sp = the frame, ra = the return trampoline
 * `li v0, LINUX_NR_rt_sigreturn; syscall`.  Linux 6.1 keeps that trampoline
 * in the VDSO page (mm->context.vdso + off_rt_sigreturn), no longer on the
 * stack.  rt_sigreturn reads the ucontext at sp + LINUX_RT_SIGFRAME_OFF_UC
 * and restores registers, pc (sc_pc) and the blocked mask (uc_sigmask).
 * discosim's user-mode runner maps its own trampoline page (kSigTrampoline,
 * sim/user/address_space.h) and leaves 32 bytes below the old sp before the
 * frame.
 */
#define LINUX_RT_SIGFRAME_SIZE 808
#define LINUX_RT_SIGFRAME_OFF_ASS 0
#define LINUX_RT_SIGFRAME_W_ASS 16
#define LINUX_RT_SIGFRAME_OFF_PAD 16
#define LINUX_RT_SIGFRAME_W_PAD 8
#define LINUX_RT_SIGFRAME_OFF_INFO 24
#define LINUX_RT_SIGFRAME_W_INFO 128
#define LINUX_RT_SIGFRAME_OFF_UC 152
#define LINUX_RT_SIGFRAME_W_UC 656

/* struct ucontext (asm/ucontext.h for MIPS) */
#define LINUX_UCONTEXT_SIZE 656
#define LINUX_UCONTEXT_OFF_FLAGS 0
#define LINUX_UCONTEXT_W_FLAGS 8
#define LINUX_UCONTEXT_OFF_LINK 8
#define LINUX_UCONTEXT_W_LINK 8
#define LINUX_UCONTEXT_OFF_STACK 16 /* stack_t */
#define LINUX_UCONTEXT_W_STACK 24
#define LINUX_UCONTEXT_OFF_MCONTEXT 40 /* struct sigcontext */
#define LINUX_UCONTEXT_W_MCONTEXT 600
#define LINUX_UCONTEXT_OFF_SIGMASK 640 /* sigset_t */
#define LINUX_UCONTEXT_W_SIGMASK 16
#define LINUX_UCONTEXT_OFF_EXTCONTEXT 656 /* MSA/FPU extended context follows */

/* struct sigcontext, 64-bit (asm/sigcontext.h): 32 GPRs, 32 FPRs (FR=1
 * view: each 64-bit register whole), hi/lo and the DSP accumulators, pc. */
#define LINUX_SIGCONTEXT_SIZE 600
#define LINUX_SIGCONTEXT_OFF_REGS 0 /* u64 [32] */
#define LINUX_SIGCONTEXT_W_REGS 256
#define LINUX_SIGCONTEXT_OFF_FPREGS 256 /* u64 [32] */
#define LINUX_SIGCONTEXT_W_FPREGS 256
#define LINUX_SIGCONTEXT_OFF_MDHI 512
#define LINUX_SIGCONTEXT_W_MDHI 8
#define LINUX_SIGCONTEXT_OFF_HI1 520
#define LINUX_SIGCONTEXT_W_HI1 8
#define LINUX_SIGCONTEXT_OFF_HI2 528
#define LINUX_SIGCONTEXT_W_HI2 8
#define LINUX_SIGCONTEXT_OFF_HI3 536
#define LINUX_SIGCONTEXT_W_HI3 8
#define LINUX_SIGCONTEXT_OFF_MDLO 544
#define LINUX_SIGCONTEXT_W_MDLO 8
#define LINUX_SIGCONTEXT_OFF_LO1 552
#define LINUX_SIGCONTEXT_W_LO1 8
#define LINUX_SIGCONTEXT_OFF_LO2 560
#define LINUX_SIGCONTEXT_W_LO2 8
#define LINUX_SIGCONTEXT_OFF_LO3 568
#define LINUX_SIGCONTEXT_W_LO3 8
#define LINUX_SIGCONTEXT_OFF_PC 576
#define LINUX_SIGCONTEXT_W_PC 8
#define LINUX_SIGCONTEXT_OFF_FPC_CSR 584
#define LINUX_SIGCONTEXT_W_FPC_CSR 4
#define LINUX_SIGCONTEXT_OFF_USED_MATH 588
#define LINUX_SIGCONTEXT_W_USED_MATH 4
#define LINUX_SIGCONTEXT_OFF_DSP 592
#define LINUX_SIGCONTEXT_W_DSP 4
#define LINUX_SIGCONTEXT_OFF_RESERVED 596
#define LINUX_SIGCONTEXT_W_RESERVED 4

/* ==== struct stat, n64 (asm/stat.h for _MIPS_SIM_ABI64) ===================
 * 104 bytes.  Devices are 32-bit new_encode_dev() values
 * ((minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12)); times are
 * 32-bit seconds and nanoseconds (fstat, stat, lstat, newfstatat).
 */
#define LINUX_STAT_SIZE 104
#define LINUX_STAT_OFF_DEV 0
#define LINUX_STAT_W_DEV 4
#define LINUX_STAT_OFF_INO 16
#define LINUX_STAT_W_INO 8
#define LINUX_STAT_OFF_MODE 24
#define LINUX_STAT_W_MODE 4
#define LINUX_STAT_OFF_NLINK 28
#define LINUX_STAT_W_NLINK 4
#define LINUX_STAT_OFF_UID 32
#define LINUX_STAT_W_UID 4
#define LINUX_STAT_OFF_GID 36
#define LINUX_STAT_W_GID 4
#define LINUX_STAT_OFF_RDEV 40
#define LINUX_STAT_W_RDEV 4
#define LINUX_STAT_OFF_SIZE 56
#define LINUX_STAT_W_SIZE 8
#define LINUX_STAT_OFF_ATIME 64
#define LINUX_STAT_W_ATIME 4
#define LINUX_STAT_OFF_ATIME_NSEC 68
#define LINUX_STAT_W_ATIME_NSEC 4
#define LINUX_STAT_OFF_MTIME 72
#define LINUX_STAT_W_MTIME 4
#define LINUX_STAT_OFF_MTIME_NSEC 76
#define LINUX_STAT_W_MTIME_NSEC 4
#define LINUX_STAT_OFF_CTIME 80
#define LINUX_STAT_W_CTIME 4
#define LINUX_STAT_OFF_CTIME_NSEC 84
#define LINUX_STAT_W_CTIME_NSEC 4
#define LINUX_STAT_OFF_BLKSIZE 88
#define LINUX_STAT_W_BLKSIZE 4
#define LINUX_STAT_OFF_BLOCKS 96
#define LINUX_STAT_W_BLOCKS 8

/* ==== struct statx (linux/stat.h; one layout on every architecture) ====== */
#define LINUX_STATX_SIZE 256
#define LINUX_STATX_OFF_MASK 0
#define LINUX_STATX_W_MASK 4
#define LINUX_STATX_OFF_BLKSIZE 4
#define LINUX_STATX_W_BLKSIZE 4
#define LINUX_STATX_OFF_ATTRIBUTES 8
#define LINUX_STATX_W_ATTRIBUTES 8
#define LINUX_STATX_OFF_NLINK 16
#define LINUX_STATX_W_NLINK 4
#define LINUX_STATX_OFF_UID 20
#define LINUX_STATX_W_UID 4
#define LINUX_STATX_OFF_GID 24
#define LINUX_STATX_W_GID 4
#define LINUX_STATX_OFF_MODE 28
#define LINUX_STATX_W_MODE 2
#define LINUX_STATX_OFF_INO 32
#define LINUX_STATX_W_INO 8
#define LINUX_STATX_OFF_SIZE 40
#define LINUX_STATX_W_SIZE 8
#define LINUX_STATX_OFF_BLOCKS 48
#define LINUX_STATX_W_BLOCKS 8
#define LINUX_STATX_OFF_ATTRIBUTES_MASK 56
#define LINUX_STATX_W_ATTRIBUTES_MASK 8
#define LINUX_STATX_OFF_ATIME 64 /* struct statx_timestamp */
#define LINUX_STATX_W_ATIME 16
#define LINUX_STATX_OFF_BTIME 80
#define LINUX_STATX_W_BTIME 16
#define LINUX_STATX_OFF_CTIME 96
#define LINUX_STATX_W_CTIME 16
#define LINUX_STATX_OFF_MTIME 112
#define LINUX_STATX_W_MTIME 16
#define LINUX_STATX_OFF_RDEV_MAJOR 128
#define LINUX_STATX_W_RDEV_MAJOR 4
#define LINUX_STATX_OFF_RDEV_MINOR 132
#define LINUX_STATX_W_RDEV_MINOR 4
#define LINUX_STATX_OFF_DEV_MAJOR 136
#define LINUX_STATX_W_DEV_MAJOR 4
#define LINUX_STATX_OFF_DEV_MINOR 140
#define LINUX_STATX_W_DEV_MINOR 4
#define LINUX_STATX_OFF_MNT_ID 144
#define LINUX_STATX_W_MNT_ID 8
#define LINUX_STATX_OFF_DIO_MEM_ALIGN 152
#define LINUX_STATX_W_DIO_MEM_ALIGN 4
#define LINUX_STATX_OFF_DIO_OFFSET_ALIGN 156
#define LINUX_STATX_W_DIO_OFFSET_ALIGN 4
/* struct statx_timestamp */
#define LINUX_STATX_TIMESTAMP_SIZE 16
#define LINUX_STATX_TIMESTAMP_OFF_SEC 0
#define LINUX_STATX_TIMESTAMP_W_SEC 8
#define LINUX_STATX_TIMESTAMP_OFF_NSEC 8
#define LINUX_STATX_TIMESTAMP_W_NSEC 4
/* stx_mask / request bits */
#define LINUX_STATX_TYPE 0x1
#define LINUX_STATX_MODE 0x2
#define LINUX_STATX_NLINK 0x4
#define LINUX_STATX_UID 0x8
#define LINUX_STATX_GID 0x10
#define LINUX_STATX_ATIME 0x20
#define LINUX_STATX_MTIME 0x40
#define LINUX_STATX_CTIME 0x80
#define LINUX_STATX_INO 0x100
#define LINUX_STATX_SIZE_BIT 0x200 /* uapi STATX_SIZE (our _SIZE names a struct size) */
#define LINUX_STATX_BLOCKS 0x400
#define LINUX_STATX_BASIC_STATS 0x7ff
#define LINUX_STATX_BTIME 0x800
#define LINUX_STATX_MNT_ID 0x1000
#define LINUX_STATX_DIOALIGN 0x2000

/* ==== struct statfs, n64 (asm/statfs.h for MIPS: every field a long) ====== */
#define LINUX_STATFS_SIZE 128
#define LINUX_STATFS_OFF_TYPE 0
#define LINUX_STATFS_W_TYPE 8
#define LINUX_STATFS_OFF_BSIZE 8
#define LINUX_STATFS_W_BSIZE 8
#define LINUX_STATFS_OFF_FRSIZE 16
#define LINUX_STATFS_W_FRSIZE 8
#define LINUX_STATFS_OFF_BLOCKS 24
#define LINUX_STATFS_W_BLOCKS 8
#define LINUX_STATFS_OFF_BFREE 32
#define LINUX_STATFS_W_BFREE 8
#define LINUX_STATFS_OFF_FILES 40
#define LINUX_STATFS_W_FILES 8
#define LINUX_STATFS_OFF_FFREE 48
#define LINUX_STATFS_W_FFREE 8
#define LINUX_STATFS_OFF_BAVAIL 56
#define LINUX_STATFS_W_BAVAIL 8
#define LINUX_STATFS_OFF_FSID 64 /* two ints */
#define LINUX_STATFS_W_FSID 8
#define LINUX_STATFS_OFF_NAMELEN 72
#define LINUX_STATFS_W_NAMELEN 8
#define LINUX_STATFS_OFF_FLAGS 80
#define LINUX_STATFS_W_FLAGS 8
/* f_flags bits (glibc <sys/statvfs.h>; ST_VALID is kernel-internal, linux/statfs.h) */
#define LINUX_ST_RDONLY 0x0001
#define LINUX_ST_VALID 0x0020
#define LINUX_ST_RELATIME 0x1000
/* f_type of an ext2 file system (linux/magic.h) */
#define LINUX_EXT2_SUPER_MAGIC 0xEF53

/* ==== utimensat(2) special nanoseconds (glibc <sys/stat.h>) ================ */
#define LINUX_UTIME_NOW ((1L << 30) - 1L)
#define LINUX_UTIME_OMIT ((1L << 30) - 2L)

/* ==== close_range(2) flags (linux/close_range.h) ============================ */
#define LINUX_CLOSE_RANGE_UNSHARE (1U << 1)
#define LINUX_CLOSE_RANGE_CLOEXEC (1U << 2)

/* ==== flock(2) operations (asm-generic/fcntl.h) ============================= */
#define LINUX_LOCK_SH 1
#define LINUX_LOCK_EX 2
#define LINUX_LOCK_NB 4
#define LINUX_LOCK_UN 8

/* ==== time (linux/time_types.h __kernel_timespec, linux/time.h) ========== */
#define LINUX_TIMESPEC_SIZE 16
#define LINUX_TIMESPEC_OFF_SEC 0
#define LINUX_TIMESPEC_W_SEC 8
#define LINUX_TIMESPEC_OFF_NSEC 8
#define LINUX_TIMESPEC_W_NSEC 8
#define LINUX_TIMEVAL_SIZE 16
#define LINUX_TIMEVAL_OFF_SEC 0
#define LINUX_TIMEVAL_W_SEC 8
#define LINUX_TIMEVAL_OFF_USEC 8
#define LINUX_TIMEVAL_W_USEC 8
/* struct timezone (gettimeofday's second argument) */
#define LINUX_TIMEZONE_SIZE 8
#define LINUX_TIMEZONE_OFF_MINUTESWEST 0
#define LINUX_TIMEZONE_W_MINUTESWEST 4
#define LINUX_TIMEZONE_OFF_DSTTIME 4
#define LINUX_TIMEZONE_W_DSTTIME 4
/* struct itimerspec / itimerval: interval, then value */
#define LINUX_ITIMERSPEC_SIZE 32
#define LINUX_ITIMERSPEC_OFF_INTERVAL 0
#define LINUX_ITIMERSPEC_W_INTERVAL 16
#define LINUX_ITIMERSPEC_OFF_VALUE 16
#define LINUX_ITIMERSPEC_W_VALUE 16
#define LINUX_ITIMERVAL_SIZE 32
#define LINUX_ITIMERVAL_OFF_INTERVAL 0
#define LINUX_ITIMERVAL_W_INTERVAL 16
#define LINUX_ITIMERVAL_OFF_VALUE 16
#define LINUX_ITIMERVAL_W_VALUE 16

/* clock ids (linux/time.h) */
#define LINUX_CLOCK_REALTIME 0
#define LINUX_CLOCK_MONOTONIC 1
#define LINUX_CLOCK_PROCESS_CPUTIME_ID 2
#define LINUX_CLOCK_THREAD_CPUTIME_ID 3
#define LINUX_CLOCK_MONOTONIC_RAW 4
#define LINUX_CLOCK_REALTIME_COARSE 5
#define LINUX_CLOCK_MONOTONIC_COARSE 6
#define LINUX_CLOCK_BOOTTIME 7
#define LINUX_CLOCK_REALTIME_ALARM 8
#define LINUX_CLOCK_BOOTTIME_ALARM 9
#define LINUX_CLOCK_SGI_CYCLE 10
#define LINUX_CLOCK_TAI 11
#define LINUX_MAX_CLOCKS 16
#define LINUX_TIMER_ABSTIME 0x01 /* clock_nanosleep, timer_settime */
#define LINUX_ITIMER_REAL 0
#define LINUX_ITIMER_VIRTUAL 1
#define LINUX_ITIMER_PROF 2
#define LINUX_CLK_TCK 100 /* USER_HZ: times(2) and AT_CLKTCK count in 1/100 s */

/* ==== struct new_utsname (linux/utsname.h): six 65-byte strings ========== */
#define LINUX_UTSNAME_LEN 65
#define LINUX_UTSNAME_SIZE 390
#define LINUX_UTSNAME_OFF_SYSNAME 0
#define LINUX_UTSNAME_OFF_NODENAME 65
#define LINUX_UTSNAME_OFF_RELEASE 130
#define LINUX_UTSNAME_OFF_VERSION 195
#define LINUX_UTSNAME_OFF_MACHINE 260
#define LINUX_UTSNAME_OFF_DOMAINNAME 325

/* ==== resources (linux/resource.h, asm/resource.h for MIPS) ===============
 * MIPS renumbers RLIMIT_NOFILE..RLIMIT_MEMLOCK (x86: NPROC 6, NOFILE 7,
 * MEMLOCK 8, AS 9).
 */
#define LINUX_RLIMIT_CPU 0
#define LINUX_RLIMIT_FSIZE 1
#define LINUX_RLIMIT_DATA 2
#define LINUX_RLIMIT_STACK 3
#define LINUX_RLIMIT_CORE 4
#define LINUX_RLIMIT_NOFILE 5
#define LINUX_RLIMIT_AS 6
#define LINUX_RLIMIT_RSS 7
#define LINUX_RLIMIT_NPROC 8
#define LINUX_RLIMIT_MEMLOCK 9
#define LINUX_RLIMIT_LOCKS 10
#define LINUX_RLIMIT_SIGPENDING 11
#define LINUX_RLIMIT_MSGQUEUE 12
#define LINUX_RLIMIT_NICE 13
#define LINUX_RLIMIT_RTPRIO 14
#define LINUX_RLIMIT_RTTIME 15
#define LINUX_RLIM_NLIMITS 16
#define LINUX_RLIM_INFINITY 0xffffffffffffffffULL /* n64; o32 uses 0x7fffffff */
/* struct rlimit and struct rlimit64 (prlimit64) */
#define LINUX_RLIMIT_SIZE 16
#define LINUX_RLIMIT_OFF_CUR 0
#define LINUX_RLIMIT_W_CUR 8
#define LINUX_RLIMIT_OFF_MAX 8
#define LINUX_RLIMIT_W_MAX 8
#define LINUX_RUSAGE_SELF 0
#define LINUX_RUSAGE_CHILDREN (-1)
#define LINUX_RUSAGE_BOTH (-2)
#define LINUX_RUSAGE_THREAD 1
#define LINUX_PRIO_PROCESS 0
#define LINUX_PRIO_PGRP 1
#define LINUX_PRIO_USER 2
/* struct rusage: two timevals, then fourteen longs */
#define LINUX_RUSAGE_SIZE 144
#define LINUX_RUSAGE_OFF_UTIME 0
#define LINUX_RUSAGE_W_UTIME 16
#define LINUX_RUSAGE_OFF_STIME 16
#define LINUX_RUSAGE_W_STIME 16
#define LINUX_RUSAGE_OFF_MAXRSS 32
#define LINUX_RUSAGE_W_MAXRSS 8
#define LINUX_RUSAGE_OFF_IXRSS 40
#define LINUX_RUSAGE_W_IXRSS 8
#define LINUX_RUSAGE_OFF_IDRSS 48
#define LINUX_RUSAGE_W_IDRSS 8
#define LINUX_RUSAGE_OFF_ISRSS 56
#define LINUX_RUSAGE_W_ISRSS 8
#define LINUX_RUSAGE_OFF_MINFLT 64
#define LINUX_RUSAGE_W_MINFLT 8
#define LINUX_RUSAGE_OFF_MAJFLT 72
#define LINUX_RUSAGE_W_MAJFLT 8
#define LINUX_RUSAGE_OFF_NSWAP 80
#define LINUX_RUSAGE_W_NSWAP 8
#define LINUX_RUSAGE_OFF_INBLOCK 88
#define LINUX_RUSAGE_W_INBLOCK 8
#define LINUX_RUSAGE_OFF_OUBLOCK 96
#define LINUX_RUSAGE_W_OUBLOCK 8
#define LINUX_RUSAGE_OFF_MSGSND 104
#define LINUX_RUSAGE_W_MSGSND 8
#define LINUX_RUSAGE_OFF_MSGRCV 112
#define LINUX_RUSAGE_W_MSGRCV 8
#define LINUX_RUSAGE_OFF_NSIGNALS 120
#define LINUX_RUSAGE_W_NSIGNALS 8
#define LINUX_RUSAGE_OFF_NVCSW 128
#define LINUX_RUSAGE_W_NVCSW 8
#define LINUX_RUSAGE_OFF_NIVCSW 136
#define LINUX_RUSAGE_W_NIVCSW 8

/* ==== struct tms (linux/times.h): clock ticks of LINUX_CLK_TCK ============ */
#define LINUX_TMS_SIZE 32
#define LINUX_TMS_OFF_UTIME 0
#define LINUX_TMS_W_UTIME 8
#define LINUX_TMS_OFF_STIME 8
#define LINUX_TMS_W_STIME 8
#define LINUX_TMS_OFF_CUTIME 16
#define LINUX_TMS_W_CUTIME 8
#define LINUX_TMS_OFF_CSTIME 24
#define LINUX_TMS_W_CSTIME 8

/* ==== struct sysinfo (linux/sysinfo.h) =================================== */
#define LINUX_SYSINFO_SIZE 112
#define LINUX_SYSINFO_OFF_UPTIME 0
#define LINUX_SYSINFO_W_UPTIME 8
#define LINUX_SYSINFO_OFF_LOADS 8 /* three longs, fixed point << 16 */
#define LINUX_SYSINFO_W_LOADS 24
#define LINUX_SYSINFO_OFF_TOTALRAM 32
#define LINUX_SYSINFO_W_TOTALRAM 8
#define LINUX_SYSINFO_OFF_FREERAM 40
#define LINUX_SYSINFO_W_FREERAM 8
#define LINUX_SYSINFO_OFF_SHAREDRAM 48
#define LINUX_SYSINFO_W_SHAREDRAM 8
#define LINUX_SYSINFO_OFF_BUFFERRAM 56
#define LINUX_SYSINFO_W_BUFFERRAM 8
#define LINUX_SYSINFO_OFF_TOTALSWAP 64
#define LINUX_SYSINFO_W_TOTALSWAP 8
#define LINUX_SYSINFO_OFF_FREESWAP 72
#define LINUX_SYSINFO_W_FREESWAP 8
#define LINUX_SYSINFO_OFF_PROCS 80
#define LINUX_SYSINFO_W_PROCS 2
#define LINUX_SYSINFO_OFF_TOTALHIGH 88
#define LINUX_SYSINFO_W_TOTALHIGH 8
#define LINUX_SYSINFO_OFF_FREEHIGH 96
#define LINUX_SYSINFO_W_FREEHIGH 8
#define LINUX_SYSINFO_OFF_MEM_UNIT 104 /* the *ram and *swap fields count in these bytes */
#define LINUX_SYSINFO_W_MEM_UNIT 4

/* ==== struct iovec (linux/uio.h) ========================================= */
#define LINUX_IOVEC_SIZE 16
#define LINUX_IOVEC_OFF_BASE 0
#define LINUX_IOVEC_W_BASE 8
#define LINUX_IOVEC_OFF_LEN 8
#define LINUX_IOVEC_W_LEN 8
#define LINUX_UIO_MAXIOV 1024

/* ==== poll(2) (asm/poll.h for MIPS, asm-generic/poll.h) ==================
 * MIPS: POLLWRNORM is POLLOUT and POLLWRBAND is 0x100 (0x100 / 0x200 on x86).
 */
#define LINUX_POLLIN 0x0001
#define LINUX_POLLPRI 0x0002
#define LINUX_POLLOUT 0x0004
#define LINUX_POLLERR 0x0008
#define LINUX_POLLHUP 0x0010
#define LINUX_POLLNVAL 0x0020
#define LINUX_POLLRDNORM 0x0040
#define LINUX_POLLRDBAND 0x0080
#define LINUX_POLLWRNORM LINUX_POLLOUT
#define LINUX_POLLWRBAND 0x0100
#define LINUX_POLLMSG 0x0400
#define LINUX_POLLREMOVE 0x1000
#define LINUX_POLLRDHUP 0x2000
#define LINUX_POLLFD_SIZE 8
#define LINUX_POLLFD_OFF_FD 0
#define LINUX_POLLFD_W_FD 4
#define LINUX_POLLFD_OFF_EVENTS 4
#define LINUX_POLLFD_W_EVENTS 2
#define LINUX_POLLFD_OFF_REVENTS 6
#define LINUX_POLLFD_W_REVENTS 2

/* ==== ioctl number encoding (asm/ioctl.h for MIPS) ========================
 * MIPS: 13 size bits and 3 direction bits, NONE = 1, READ = 2, WRITE = 4
 * (x86: 14 bits, NONE 0, WRITE 1, READ 2).
 */
#define LINUX_IOC_NRSHIFT 0
#define LINUX_IOC_TYPESHIFT 8
#define LINUX_IOC_SIZESHIFT 16
#define LINUX_IOC_DIRSHIFT 29
#define LINUX_IOC_SIZEMASK 0x1fff
#define LINUX_IOC_NONE 1U
#define LINUX_IOC_READ 2U
#define LINUX_IOC_WRITE 4U
#define LINUX_IOC(dir, type, nr, size) \
  (((dir) << LINUX_IOC_DIRSHIFT) | ((size) << LINUX_IOC_SIZESHIFT) | ((type) << LINUX_IOC_TYPESHIFT) | (nr))

/* ==== terminal ioctls (asm/ioctls.h for MIPS) ============================ */
#define LINUX_TCGETA 0x5401
#define LINUX_TCSETA 0x5402
#define LINUX_TCSETAW 0x5403
#define LINUX_TCSETAF 0x5404
#define LINUX_TCSBRK 0x5405
#define LINUX_TCXONC 0x5406
#define LINUX_TCFLSH 0x5407
#define LINUX_TCGETS 0x540d /* struct termios */
#define LINUX_TCSETS 0x540e
#define LINUX_TCSETSW 0x540f
#define LINUX_TCSETSF 0x5410
#define LINUX_TIOCEXCL 0x740d
#define LINUX_TIOCNXCL 0x740e
#define LINUX_TIOCOUTQ 0x7472
#define LINUX_TIOCSTI 0x5472
#define LINUX_TIOCMGET 0x741d
#define LINUX_TIOCMBIS 0x741b
#define LINUX_TIOCMBIC 0x741c
#define LINUX_TIOCMSET 0x741a
#define LINUX_TIOCPKT 0x5470
#define LINUX_TIOCSWINSZ 0x80087467 /* _IOW('t', 103, struct winsize) */
#define LINUX_TIOCGWINSZ 0x40087468 /* _IOR('t', 104, struct winsize) */
#define LINUX_TIOCNOTTY 0x5471
#define LINUX_TIOCSETD 0x7401
#define LINUX_TIOCGETD 0x7400
#define LINUX_FIOCLEX 0x6601
#define LINUX_FIONCLEX 0x6602
#define LINUX_FIOASYNC 0x667d
#define LINUX_FIONBIO 0x667e
#define LINUX_FIOQSIZE 0x667f
#define LINUX_TIOCLINUX 0x5483
#define LINUX_TIOCSPGRP 0x80047476 /* _IOW('t', 118, int) */
#define LINUX_TIOCGPGRP 0x40047477 /* _IOR('t', 119, int) */
#define LINUX_TIOCCONS 0x80047478 /* _IOW('t', 120, int) */
#define LINUX_FIONREAD 0x467f
#define LINUX_TIOCINQ LINUX_FIONREAD
#define LINUX_TIOCSBRK 0x5427
#define LINUX_TIOCCBRK 0x5428
#define LINUX_TIOCGSID 0x7416
#define LINUX_TCGETS2 0x4030542a /* _IOR('T', 0x2a, struct termios2) */
#define LINUX_TCSETS2 0x8030542b
#define LINUX_TCSETSW2 0x8030542c
#define LINUX_TCSETSF2 0x8030542d
#define LINUX_TIOCGPTN 0x40045430
#define LINUX_TIOCSPTLCK 0x80045431
#define LINUX_TIOCGDEV 0x40045432
#define LINUX_TIOCSIG 0x80045436
#define LINUX_TIOCVHANGUP 0x5437
#define LINUX_TIOCGPKT 0x40045438
#define LINUX_TIOCGPTLCK 0x40045439
#define LINUX_TIOCGEXCL 0x40045440
#define LINUX_TIOCGPTPEER 0x20005441
#define LINUX_TIOCSCTTY 0x5480
#define LINUX_TIOCGSOFTCAR 0x5481
#define LINUX_TIOCSSOFTCAR 0x5482

/* struct winsize (asm/termios.h for MIPS): four u16 */
#define LINUX_WINSIZE_SIZE 8
#define LINUX_WINSIZE_OFF_ROW 0
#define LINUX_WINSIZE_W_ROW 2
#define LINUX_WINSIZE_OFF_COL 2
#define LINUX_WINSIZE_W_COL 2
#define LINUX_WINSIZE_OFF_XPIXEL 4
#define LINUX_WINSIZE_W_XPIXEL 2
#define LINUX_WINSIZE_OFF_YPIXEL 6
#define LINUX_WINSIZE_W_YPIXEL 2

/* ==== struct termios (asm/termbits.h for MIPS) ============================
 * The kernel's termios (TCGETS/TCSETS), not glibc's: NCCS is 23 and c_line
 * comes before c_cc; 40 bytes.  termios2 (TCGETS2) adds the two speeds.
 */
#define LINUX_NCCS 23
#define LINUX_TERMIOS_SIZE 40
#define LINUX_TERMIOS_OFF_IFLAG 0
#define LINUX_TERMIOS_W_IFLAG 4
#define LINUX_TERMIOS_OFF_OFLAG 4
#define LINUX_TERMIOS_W_OFLAG 4
#define LINUX_TERMIOS_OFF_CFLAG 8
#define LINUX_TERMIOS_W_CFLAG 4
#define LINUX_TERMIOS_OFF_LFLAG 12
#define LINUX_TERMIOS_W_LFLAG 4
#define LINUX_TERMIOS_OFF_LINE 16
#define LINUX_TERMIOS_W_LINE 1
#define LINUX_TERMIOS_OFF_CC 17
#define LINUX_TERMIOS_W_CC 23
#define LINUX_TERMIOS2_SIZE 48
#define LINUX_TERMIOS2_OFF_ISPEED 40
#define LINUX_TERMIOS2_W_ISPEED 4
#define LINUX_TERMIOS2_OFF_OSPEED 44
#define LINUX_TERMIOS2_W_OSPEED 4

/* c_cc indices (MIPS order: VMIN/VTIME at 4/5, VEOF/VEOL at 16/17) */
#define LINUX_VINTR 0
#define LINUX_VQUIT 1
#define LINUX_VERASE 2
#define LINUX_VKILL 3
#define LINUX_VMIN 4
#define LINUX_VTIME 5
#define LINUX_VEOL2 6
#define LINUX_VSWTC 7
#define LINUX_VSWTCH LINUX_VSWTC
#define LINUX_VSTART 8
#define LINUX_VSTOP 9
#define LINUX_VSUSP 10
#define LINUX_VREPRINT 12
#define LINUX_VDISCARD 13
#define LINUX_VWERASE 14
#define LINUX_VLNEXT 15
#define LINUX_VEOF 16
#define LINUX_VEOL 17

/* c_iflag */
#define LINUX_IGNBRK 0000001
#define LINUX_BRKINT 0000002
#define LINUX_IGNPAR 0000004
#define LINUX_PARMRK 0000010
#define LINUX_INPCK 0000020
#define LINUX_ISTRIP 0000040
#define LINUX_INLCR 0000100
#define LINUX_IGNCR 0000200
#define LINUX_ICRNL 0000400
#define LINUX_IUCLC 0001000
#define LINUX_IXON 0002000
#define LINUX_IXANY 0004000
#define LINUX_IXOFF 0010000
#define LINUX_IMAXBEL 0020000
#define LINUX_IUTF8 0040000

/* c_oflag */
#define LINUX_OPOST 0000001
#define LINUX_OLCUC 0000002
#define LINUX_ONLCR 0000004
#define LINUX_OCRNL 0000010
#define LINUX_ONOCR 0000020
#define LINUX_ONLRET 0000040
#define LINUX_OFILL 0000100
#define LINUX_OFDEL 0000200
#define LINUX_NLDLY 0000400
#define LINUX_CRDLY 0003000
#define LINUX_TABDLY 0014000
#define LINUX_XTABS 0014000
#define LINUX_BSDLY 0020000
#define LINUX_VTDLY 0040000
#define LINUX_FFDLY 0100000

/* c_cflag */
#define LINUX_CBAUD 0010017
#define LINUX_B0 0000000
#define LINUX_B50 0000001
#define LINUX_B75 0000002
#define LINUX_B110 0000003
#define LINUX_B134 0000004
#define LINUX_B150 0000005
#define LINUX_B200 0000006
#define LINUX_B300 0000007
#define LINUX_B600 0000010
#define LINUX_B1200 0000011
#define LINUX_B1800 0000012
#define LINUX_B2400 0000013
#define LINUX_B4800 0000014
#define LINUX_B9600 0000015
#define LINUX_B19200 0000016
#define LINUX_B38400 0000017
#define LINUX_CSIZE 0000060
#define LINUX_CS5 0000000
#define LINUX_CS6 0000020
#define LINUX_CS7 0000040
#define LINUX_CS8 0000060
#define LINUX_CSTOPB 0000100
#define LINUX_CREAD 0000200
#define LINUX_PARENB 0000400
#define LINUX_PARODD 0001000
#define LINUX_HUPCL 0002000
#define LINUX_CLOCAL 0004000
#define LINUX_CBAUDEX 0010000
#define LINUX_BOTHER 0010000
#define LINUX_B57600 0010001
#define LINUX_B115200 0010002
#define LINUX_B230400 0010003
#define LINUX_B460800 0010004
#define LINUX_CIBAUD 002003600000
#define LINUX_CMSPAR 010000000000
#define LINUX_CRTSCTS 020000000000
#define LINUX_IBSHIFT 16

/* c_lflag (MIPS: IEXTEN 0x100 and TOSTOP 0x8000, swapped against x86) */
#define LINUX_ISIG 0000001
#define LINUX_ICANON 0000002
#define LINUX_XCASE 0000004
#define LINUX_ECHO 0000010
#define LINUX_ECHOE 0000020
#define LINUX_ECHOK 0000040
#define LINUX_ECHONL 0000100
#define LINUX_NOFLSH 0000200
#define LINUX_IEXTEN 0000400
#define LINUX_ECHOCTL 0001000
#define LINUX_ECHOPRT 0002000
#define LINUX_ECHOKE 0004000
#define LINUX_FLUSHO 0020000
#define LINUX_PENDIN 0040000
#define LINUX_TOSTOP 0100000
#define LINUX_ITOSTOP LINUX_TOSTOP
#define LINUX_EXTPROC 0200000

/* tcflow / tcflush / tcsetattr arguments (asm/termbits.h for MIPS; the
 * TCSA* values are the ioctl numbers themselves on MIPS) */
#define LINUX_TCOOFF 0
#define LINUX_TCOON 1
#define LINUX_TCIOFF 2
#define LINUX_TCION 3
#define LINUX_TCIFLUSH 0
#define LINUX_TCOFLUSH 1
#define LINUX_TCIOFLUSH 2
#define LINUX_TCSANOW LINUX_TCSETS
#define LINUX_TCSADRAIN LINUX_TCSETSW
#define LINUX_TCSAFLUSH LINUX_TCSETSF

/* ==== clone(2), clone3(2) (linux/sched.h) ================================
 * n64 clone(flags, stack, parent_tid, tls, child_tid); the low byte of
 * flags (CSIGNAL) is the signal sent to the parent when the child exits.
 * CLONE_SETTLS sets the child's UserLocal (what rdhwr $29 reads).
 */
#define LINUX_CSIGNAL 0x000000ff
#define LINUX_CLONE_NEWTIME 0x00000080
#define LINUX_CLONE_VM 0x00000100
#define LINUX_CLONE_FS 0x00000200
#define LINUX_CLONE_FILES 0x00000400
#define LINUX_CLONE_SIGHAND 0x00000800
#define LINUX_CLONE_PIDFD 0x00001000
#define LINUX_CLONE_PTRACE 0x00002000
#define LINUX_CLONE_VFORK 0x00004000
#define LINUX_CLONE_PARENT 0x00008000
#define LINUX_CLONE_THREAD 0x00010000
#define LINUX_CLONE_NEWNS 0x00020000
#define LINUX_CLONE_SYSVSEM 0x00040000
#define LINUX_CLONE_SETTLS 0x00080000
#define LINUX_CLONE_PARENT_SETTID 0x00100000
#define LINUX_CLONE_CHILD_CLEARTID 0x00200000
#define LINUX_CLONE_DETACHED 0x00400000
#define LINUX_CLONE_UNTRACED 0x00800000
#define LINUX_CLONE_CHILD_SETTID 0x01000000
#define LINUX_CLONE_NEWCGROUP 0x02000000
#define LINUX_CLONE_NEWUTS 0x04000000
#define LINUX_CLONE_NEWIPC 0x08000000
#define LINUX_CLONE_NEWUSER 0x10000000
#define LINUX_CLONE_NEWPID 0x20000000
#define LINUX_CLONE_NEWNET 0x40000000
#define LINUX_CLONE_IO 0x80000000
#define LINUX_CLONE_CLEAR_SIGHAND 0x100000000ULL /* clone3 only */
#define LINUX_CLONE_INTO_CGROUP 0x200000000ULL /* clone3 only */
/* struct clone_args (clone3): every field a u64 */
#define LINUX_CLONE_ARGS_SIZE 88 /* CLONE_ARGS_SIZE_VER2 */
#define LINUX_CLONE_ARGS_OFF_FLAGS 0
#define LINUX_CLONE_ARGS_W_FLAGS 8
#define LINUX_CLONE_ARGS_OFF_PIDFD 8
#define LINUX_CLONE_ARGS_W_PIDFD 8
#define LINUX_CLONE_ARGS_OFF_CHILD_TID 16
#define LINUX_CLONE_ARGS_W_CHILD_TID 8
#define LINUX_CLONE_ARGS_OFF_PARENT_TID 24
#define LINUX_CLONE_ARGS_W_PARENT_TID 8
#define LINUX_CLONE_ARGS_OFF_EXIT_SIGNAL 32
#define LINUX_CLONE_ARGS_W_EXIT_SIGNAL 8
#define LINUX_CLONE_ARGS_OFF_STACK 40
#define LINUX_CLONE_ARGS_W_STACK 8
#define LINUX_CLONE_ARGS_OFF_STACK_SIZE 48
#define LINUX_CLONE_ARGS_W_STACK_SIZE 8
#define LINUX_CLONE_ARGS_OFF_TLS 56
#define LINUX_CLONE_ARGS_W_TLS 8
#define LINUX_CLONE_ARGS_OFF_SET_TID 64
#define LINUX_CLONE_ARGS_W_SET_TID 8
#define LINUX_CLONE_ARGS_OFF_SET_TID_SIZE 72
#define LINUX_CLONE_ARGS_W_SET_TID_SIZE 8
#define LINUX_CLONE_ARGS_OFF_CGROUP 80
#define LINUX_CLONE_ARGS_W_CGROUP 8

/* scheduling policies (linux/sched.h) */
#define LINUX_SCHED_NORMAL 0
#define LINUX_SCHED_FIFO 1
#define LINUX_SCHED_RR 2
#define LINUX_SCHED_BATCH 3
#define LINUX_SCHED_IDLE 5
#define LINUX_SCHED_DEADLINE 6
#define LINUX_SCHED_RESET_ON_FORK 0x40000000

/* ==== wait4(2), waitid(2) (linux/wait.h) ================================= */
#define LINUX_WNOHANG 0x00000001
#define LINUX_WUNTRACED 0x00000002
#define LINUX_WSTOPPED LINUX_WUNTRACED
#define LINUX_WEXITED 0x00000004
#define LINUX_WCONTINUED 0x00000008
#define LINUX_WNOWAIT 0x01000000
#define LINUX_WNOTHREAD 0x20000000 /* __WNOTHREAD */
#define LINUX_WALL 0x40000000 /* __WALL */
#define LINUX_WCLONE 0x80000000 /* __WCLONE */
#define LINUX_P_ALL 0
#define LINUX_P_PID 1
#define LINUX_P_PGID 2
#define LINUX_P_PIDFD 3

/* The wait status word (kernel/exit.c; glibc bits/waitstatus.h):
 *   exited with code c:        c << 8
 *   killed by signal s:        s, | 0x80 if it dumped core
 *   stopped by signal s:       s << 8 | 0x7f
 *   continued:                 0xffff
 */
#define LINUX_WCOREFLAG 0x80
#define LINUX_W_EXITCODE(code, sig) (((code) << 8) | (sig))
#define LINUX_W_STOPCODE(sig) (((sig) << 8) | 0x7f)
#define LINUX_W_CONTINUED 0xffff
#define LINUX_WEXITSTATUS(status) (((status) & 0xff00) >> 8)
#define LINUX_WTERMSIG(status) ((status) & 0x7f)
#define LINUX_WSTOPSIG(status) LINUX_WEXITSTATUS(status)
#define LINUX_WIFEXITED(status) (LINUX_WTERMSIG(status) == 0)
#define LINUX_WIFSTOPPED(status) (((status) & 0xff) == 0x7f)
#define LINUX_WIFSIGNALED(status) (LINUX_WTERMSIG(status) != 0 && LINUX_WTERMSIG(status) != 0x7f)
#define LINUX_WIFCONTINUED(status) ((status) == LINUX_W_CONTINUED)
#define LINUX_WCOREDUMP(status) ((status) & LINUX_WCOREFLAG)

/* ==== futex(2) (linux/futex.h) ==========================================
 * op = command | LINUX_FUTEX_PRIVATE_FLAG | LINUX_FUTEX_CLOCK_REALTIME.
 */
#define LINUX_FUTEX_WAIT 0
#define LINUX_FUTEX_WAKE 1
#define LINUX_FUTEX_FD 2
#define LINUX_FUTEX_REQUEUE 3
#define LINUX_FUTEX_CMP_REQUEUE 4
#define LINUX_FUTEX_WAKE_OP 5
#define LINUX_FUTEX_LOCK_PI 6
#define LINUX_FUTEX_UNLOCK_PI 7
#define LINUX_FUTEX_TRYLOCK_PI 8
#define LINUX_FUTEX_WAIT_BITSET 9
#define LINUX_FUTEX_WAKE_BITSET 10
#define LINUX_FUTEX_WAIT_REQUEUE_PI 11
#define LINUX_FUTEX_CMP_REQUEUE_PI 12
#define LINUX_FUTEX_LOCK_PI2 13
#define LINUX_FUTEX_PRIVATE_FLAG 128
#define LINUX_FUTEX_CLOCK_REALTIME 256
#define LINUX_FUTEX_CMD_MASK (~(LINUX_FUTEX_PRIVATE_FLAG | LINUX_FUTEX_CLOCK_REALTIME))
#define LINUX_FUTEX_BITSET_MATCH_ANY 0xffffffff
/* FUTEX_WAKE_OP's encoded operation: op << 28 | cmp << 24 | oparg << 12 | cmparg */
#define LINUX_FUTEX_OP_SET 0
#define LINUX_FUTEX_OP_ADD 1
#define LINUX_FUTEX_OP_OR 2
#define LINUX_FUTEX_OP_ANDN 3
#define LINUX_FUTEX_OP_XOR 4
#define LINUX_FUTEX_OP_OPARG_SHIFT 8 /* flag in op: oparg is a shift count */
#define LINUX_FUTEX_OP_CMP_EQ 0
#define LINUX_FUTEX_OP_CMP_NE 1
#define LINUX_FUTEX_OP_CMP_LT 2
#define LINUX_FUTEX_OP_CMP_LE 3
#define LINUX_FUTEX_OP_CMP_GT 4
#define LINUX_FUTEX_OP_CMP_GE 5
/* PI / robust futex word bits */
#define LINUX_FUTEX_WAITERS 0x80000000
#define LINUX_FUTEX_OWNER_DIED 0x40000000
#define LINUX_FUTEX_TID_MASK 0x3fffffff
/* struct robust_list_head (set_robust_list): list.next, futex_offset,
 * list_op_pending; the list is walked at thread exit, at most
 * LINUX_ROBUST_LIST_LIMIT entries. */
#define LINUX_ROBUST_LIST_HEAD_SIZE 24
#define LINUX_ROBUST_LIST_HEAD_OFF_LIST 0
#define LINUX_ROBUST_LIST_HEAD_W_LIST 8
#define LINUX_ROBUST_LIST_HEAD_OFF_FUTEX_OFFSET 8
#define LINUX_ROBUST_LIST_HEAD_W_FUTEX_OFFSET 8
#define LINUX_ROBUST_LIST_HEAD_OFF_LIST_OP_PENDING 16
#define LINUX_ROBUST_LIST_HEAD_W_LIST_OP_PENDING 8
#define LINUX_ROBUST_LIST_LIMIT 2048

/* ==== getrandom(2) (linux/random.h) ====================================== */
#define LINUX_GRND_NONBLOCK 0x0001
#define LINUX_GRND_RANDOM 0x0002
#define LINUX_GRND_INSECURE 0x0004

/* ==== prctl(2) (linux/prctl.h), the options a libc start-up may use ====== */
#define LINUX_PR_SET_PDEATHSIG 1
#define LINUX_PR_GET_PDEATHSIG 2
#define LINUX_PR_GET_DUMPABLE 3
#define LINUX_PR_SET_DUMPABLE 4
#define LINUX_PR_SET_NAME 15 /* 16-byte comm, NUL included */
#define LINUX_PR_GET_NAME 16
#define LINUX_PR_SET_SECCOMP 22
#define LINUX_PR_SET_CHILD_SUBREAPER 36
#define LINUX_PR_GET_CHILD_SUBREAPER 37
#define LINUX_PR_SET_NO_NEW_PRIVS 38
#define LINUX_PR_GET_NO_NEW_PRIVS 39
#define LINUX_PR_SET_FP_MODE 45 /* MIPS: FR / FRE mode of the FPU */
#define LINUX_PR_GET_FP_MODE 46
#define LINUX_PR_FP_MODE_FR 1
#define LINUX_PR_FP_MODE_FRE 2

/* ==== cacheflush(2) (asm/cachectl.h) ===================================== */
#define LINUX_ICACHE 0x1
#define LINUX_DCACHE 0x2
#define LINUX_BCACHE 0x3

/* ==== auxiliary vector tags (linux/auxvec.h, asm/auxvec.h for MIPS) ======
 * The initial stack of a new program (fs/binfmt_elf.c: create_elf_tables),
 * from the top of the stack down:
 *
 *     end marker (8 zero bytes), the program path (AT_EXECFN), the
 *     environment strings, the argument strings, the platform string
 *     (AT_PLATFORM, "mips64"), 16 random bytes (AT_RANDOM), padding to 16
 *     bytes, then, 16-byte aligned, upward from sp:
 *
 *   sp ->  argc | argv[0] .. argv[argc-1] | 0 | envp[0] .. | 0 |
 *          auxv (tag, value) pairs ... (LINUX_AT_NULL, 0)
 *
 * Every slot is 8 bytes in the program's byte order.  At entry every GPR is
 * 0 except sp (the dynamic linker's exit hook in v0 is 0 for a static
 * program) and pc = AT_ENTRY (or the interpreter's entry).
 */
#define LINUX_AT_NULL 0
#define LINUX_AT_IGNORE 1
#define LINUX_AT_EXECFD 2
#define LINUX_AT_PHDR 3
#define LINUX_AT_PHENT 4
#define LINUX_AT_PHNUM 5
#define LINUX_AT_PAGESZ 6
#define LINUX_AT_BASE 7
#define LINUX_AT_FLAGS 8
#define LINUX_AT_ENTRY 9
#define LINUX_AT_NOTELF 10
#define LINUX_AT_UID 11
#define LINUX_AT_EUID 12
#define LINUX_AT_GID 13
#define LINUX_AT_EGID 14
#define LINUX_AT_PLATFORM 15
#define LINUX_AT_HWCAP 16
#define LINUX_AT_CLKTCK 17
#define LINUX_AT_SECURE 23
#define LINUX_AT_BASE_PLATFORM 24
#define LINUX_AT_RANDOM 25
#define LINUX_AT_HWCAP2 26
#define LINUX_AT_EXECFN 31
#define LINUX_AT_SYSINFO_EHDR 33 /* the VDSO's ELF header */
#define LINUX_AT_MINSIGSTKSZ 51

#endif /* DISCOSIM_ABI_LINUX_N64_H */
