/* param.h - the kernel's fixed limits, in one place. */
#ifndef DUNIX_PARAM_H
#define DUNIX_PARAM_H

#define NCPU 64              /* CPUs the kernel can use (the board has at most 64) */
#define NTASK 512            /* tasks (threads) in the system */
#define NOFILE 256           /* open files per process */
#define NFILE 2048           /* open files in the system */
#define NINODE 512           /* in-memory inodes */
#define NBUF 1024            /* buffer-cache blocks */
#define MAXPATH 4096         /* PATH_MAX */
#define MAXARG (256 * 1024)  /* bytes of argv + envp for execve */
#define KSTACK_SIZE (16 * 1024)
#define HZ 100               /* timer ticks per second of simulated time */
#define PAGE_SIZE 4096
#define PAGE_SHIFT 12

#endif
