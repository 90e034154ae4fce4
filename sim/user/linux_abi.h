// linux_abi.h - the numbers and layouts of the Linux MIPS n64 user ABI that
// the user-mode runner speaks: syscall numbers, errno values, open/mmap flag
// bits, signal numbers and the offsets of the structures it writes into guest
// memory.  Values are transcribed from the kernel's MIPS uapi headers
// (arch/mips/include/uapi/asm/{unistd_n64,errno,fcntl,mman,signal,stat,
// sigcontext}.h); many differ from x86-64, so host values are never passed
// through without translation.
#pragma once
#include "sim/types.h"

namespace ds::user {

// ---- syscall numbers (n64: 5000 + the offset in unistd_n64.h) --------------
namespace nr {
constexpr u64 kBase = 5000;
enum : u64 {
  read = kBase + 0, write = kBase + 1, open = kBase + 2, close = kBase + 3, stat = kBase + 4,
  fstat = kBase + 5, lstat = kBase + 6, poll = kBase + 7, lseek = kBase + 8, mmap = kBase + 9,
  mprotect = kBase + 10, munmap = kBase + 11, brk = kBase + 12, rt_sigaction = kBase + 13,
  rt_sigprocmask = kBase + 14, ioctl = kBase + 15, pread64 = kBase + 16, pwrite64 = kBase + 17,
  readv = kBase + 18, writev = kBase + 19, access = kBase + 20, pipe = kBase + 21,
  sched_yield = kBase + 23, mremap = kBase + 24, madvise = kBase + 27, dup = kBase + 31,
  dup2 = kBase + 32, nanosleep = kBase + 34, getpid = kBase + 38, clone = kBase + 55,
  fork = kBase + 56, execve = kBase + 57, exit = kBase + 58, wait4 = kBase + 59, kill = kBase + 60,
  uname = kBase + 61, fcntl = kBase + 70, fsync = kBase + 72, fdatasync = kBase + 73,
  truncate = kBase + 74, ftruncate = kBase + 75, getcwd = kBase + 77, chdir = kBase + 78,
  fchdir = kBase + 79, rename = kBase + 80, mkdir = kBase + 81, rmdir = kBase + 82,
  unlink = kBase + 85, readlink = kBase + 87, chmod = kBase + 88, fchmod = kBase + 89,
  umask = kBase + 93, gettimeofday = kBase + 94, getrlimit = kBase + 95, getrusage = kBase + 96,
  sysinfo = kBase + 97, times = kBase + 98, getuid = kBase + 100, getgid = kBase + 102, setuid = kBase + 103, setgid = kBase + 104,
  geteuid = kBase + 105, getegid = kBase + 106, setpgid = kBase + 107, getppid = kBase + 108,
  getpgrp = kBase + 109, setsid = kBase + 110, getpgid = kBase + 119, getsid = kBase + 122,
  rt_sigsuspend = kBase + 128, sigaltstack = kBase + 129, prctl = kBase + 153,
  setrlimit = kBase + 155, gettid = kBase + 178, tkill = kBase + 192, futex = kBase + 194,
  sched_getaffinity = kBase + 196, exit_group = kBase + 205, rt_sigreturn = kBase + 211,
  set_tid_address = kBase + 212, clock_gettime = kBase + 222, clock_getres = kBase + 223,
  clock_nanosleep = kBase + 224, tgkill = kBase + 225, set_thread_area = kBase + 242,
  openat = kBase + 247, mkdirat = kBase + 248, newfstatat = kBase + 252, unlinkat = kBase + 253,
  renameat = kBase + 254, readlinkat = kBase + 257, fchmodat = kBase + 258,
  faccessat = kBase + 259, ppoll = kBase + 261, set_robust_list = kBase + 268,
  utimensat = kBase + 275, dup3 = kBase + 286, pipe2 = kBase + 287, prlimit64 = kBase + 297,
  getdents64 = kBase + 308, renameat2 = kBase + 311, getrandom = kBase + 313,
  statx = kBase + 326, rseq = kBase + 327, faccessat2 = kBase + 439,
};
}  // namespace nr

// ---- errno values (MIPS numbering; 1..34 agree with every Linux port) -------
namespace err {
enum : i64 {
  kEPERM = 1, kENOENT = 2, kESRCH = 3, kEINTR = 4, kEIO = 5, kEBADF = 9, kECHILD = 10, kEAGAIN = 11,
  kENOMEM = 12, kEACCES = 13, kEFAULT = 14, kEEXIST = 17, kENOTDIR = 20, kEISDIR = 21, kEINVAL = 22,
  kEMFILE = 24, kENOTTY = 25, kESPIPE = 29, kERANGE = 34, kENAMETOOLONG = 78, kENOSYS = 89,
  kENOTEMPTY = 93,
};
}  // namespace err

// Host errno -> MIPS errno (identity for 1..34, table for the rest).
i64 mips_errno(int host_errno);

// ---- open(2) flags --------------------------------------------------------
// Guest O_* bits -> host O_* bits (O_ACCMODE bits are shared).
int host_open_flags(u64 guest_flags);
// Host O_* bits (fcntl F_GETFL) -> guest bits.
u64 guest_open_flags(int host_flags);

// ---- mmap(2) ----------------------------------------------------------------
enum : u64 {
  kProtRead = 1, kProtWrite = 2, kProtExec = 4,
  kMapShared = 0x1, kMapPrivate = 0x2, kMapType = 0xf, kMapFixed = 0x10, kMapAnonymous = 0x800,
  kMapFixedNoreplace = 0x100000,
  kMremapMaymove = 1, kMremapFixed = 2,
};

// ---- signals ----------------------------------------------------------------
enum Sig : int {
  kSIGHUP = 1, kSIGINT = 2, kSIGQUIT = 3, kSIGILL = 4, kSIGTRAP = 5, kSIGABRT = 6, kSIGEMT = 7,
  kSIGFPE = 8, kSIGKILL = 9, kSIGBUS = 10, kSIGSEGV = 11, kSIGSYS = 12, kSIGPIPE = 13, kSIGALRM = 14,
  kSIGTERM = 15, kSIGUSR1 = 16, kSIGUSR2 = 17, kSIGCHLD = 18, kSIGPWR = 19, kSIGWINCH = 20,
  kSIGURG = 21, kSIGIO = 22, kSIGSTOP = 23, kSIGTSTP = 24, kSIGCONT = 25, kSIGTTIN = 26, kSIGTTOU = 27,
  kSIGVTALRM = 28, kSIGPROF = 29, kSIGXCPU = 30, kSIGXFSZ = 31,
};
constexpr int kNumSignals = 128;  // _NSIG; signals are 1..128
const char* signal_name(int sig);  // "SIGSEGV"; "SIG42" for real-time ones

enum : u64 {
  kSaNocldstop = 0x1, kSaSiginfo = 0x8, kSaOnstack = 0x08000000, kSaRestart = 0x10000000,
  kSaNodefer = 0x40000000, kSaResethand = 0x80000000,
  kSigBlock = 1, kSigUnblock = 2, kSigSetmask = 3,
  kSigDfl = 0, kSigIgn = 1,
  kSsOnstack = 1, kSsDisable = 2, kMinSigStkSz = 2048,
};
// si_code values used for faults.
enum : int {
  kSegvMaperr = 1, kSegvAccerr = 2, kBusAdraln = 1, kIllIllopc = 1, kFpeIntdiv = 1,
  kFpeIntovf = 2, kTrapBrkpt = 1, kSiUser = 0, kSiTkill = -6,
};

// Layout of the kernel's struct sigaction on MIPS (asm/signal.h).
struct KSigactionLayout {
  static constexpr u64 flags = 0, handler = 8, mask = 16, size = 32;
};

// The rt_sigframe the kernel builds on the user stack (arch/mips/kernel/
// signal.c): o32 argument save area, siginfo, then a ucontext whose
// uc_mcontext is the 64-bit struct sigcontext.
struct SigFrameLayout {
  static constexpr u64 info = 24;  // siginfo_t, 128 bytes
  static constexpr u64 uc = info + 128;
  static constexpr u64 uc_flags = uc + 0, uc_link = uc + 8, uc_stack = uc + 16;
  static constexpr u64 mcontext = uc + 40;
  static constexpr u64 sc_regs = mcontext + 0, sc_fpregs = mcontext + 256;
  static constexpr u64 sc_mdhi = mcontext + 512, sc_mdlo = mcontext + 544;
  static constexpr u64 sc_pc = mcontext + 576, sc_fpc_csr = mcontext + 584;
  static constexpr u64 sc_used_math = mcontext + 588;
  static constexpr u64 uc_sigmask = mcontext + 600;
  static constexpr u64 size = uc_sigmask + 16;
};

// ---- ioctl ------------------------------------------------------------------
enum : u64 { kTCGETS = 0x540d, kTIOCGWINSZ = 0x40087468, kFIONREAD = 0x467f };

// ---- *at() ------------------------------------------------------------------
enum : i64 { kAtFdcwd = -100 };
enum : u64 {
  kAtSymlinkNofollow = 0x100, kAtRemovedir = 0x200, kAtEaccess = 0x200, kAtEmptyPath = 0x1000,
};

// ---- auxiliary vector tags ----------------------------------------------------
enum : u64 {
  kAT_NULL = 0, kAT_PHDR = 3, kAT_PHENT = 4, kAT_PHNUM = 5, kAT_PAGESZ = 6, kAT_BASE = 7, kAT_FLAGS = 8,
  kAT_ENTRY = 9, kAT_UID = 11, kAT_EUID = 12, kAT_GID = 13, kAT_EGID = 14, kAT_PLATFORM = 15,
  kAT_HWCAP = 16, kAT_CLKTCK = 17, kAT_SECURE = 23, kAT_RANDOM = 25, kAT_HWCAP2 = 26, kAT_EXECFN = 31,
};

}  // namespace ds::user
