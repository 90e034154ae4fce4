// linux_abi.h - the Linux MIPS n64 user ABI in the runner's C++ names:
// syscall numbers (nr::), errno values (err::), signals (Sig), flag bits and
// the structure layouts it writes into guest memory.  Every value comes from
// abi/linux_n64.h, the definition the guest kernels share (checked against
// the kernel's MIPS uapi headers by tests/abi); nothing is written here
// twice.  Many values differ from x86-64, so host values are never passed
// through without translation (linux_abi.cpp).
#pragma once
#include "abi/linux_n64.h"
#include "sim/types.h"

namespace ds::user {

// ---- syscall numbers: nr::read == 5000, one per n64 system call -------------
namespace nr {
constexpr u64 kBase = LINUX_NR_BASE;
constexpr u64 kCount = LINUX_NR_COUNT;  // numbers are kBase .. kBase + kCount - 1
#define DS_USER_NR(name, number) name = number,
enum : u64 { LINUX_N64_SYSCALLS(DS_USER_NR) };
#undef DS_USER_NR
}  // namespace nr

// The system call's name ("openat"), or nullptr for an unassigned number.
const char* syscall_name(u64 number);

// ---- errno values: err::kENOSYS == 89 (MIPS numbering) -----------------------
namespace err {
#define DS_USER_ERRNO(name, value) k##name = value,
enum : i64 { LINUX_ERRNOS(DS_USER_ERRNO) };
#undef DS_USER_ERRNO
}  // namespace err

// Host errno -> MIPS errno, by name; EINVAL for a host errno MIPS lacks.
i64 mips_errno(int host_errno);

// ---- open(2) flags --------------------------------------------------------
// Guest O_* bits -> host O_* bits (O_ACCMODE bits are shared).
int host_open_flags(u64 guest_flags);
// Host O_* bits (fcntl F_GETFL) -> guest bits.
u64 guest_open_flags(int host_flags);

// ---- mmap(2) ----------------------------------------------------------------
enum : u64 {
  kProtRead = LINUX_PROT_READ, kProtWrite = LINUX_PROT_WRITE, kProtExec = LINUX_PROT_EXEC,
  kMapShared = LINUX_MAP_SHARED, kMapPrivate = LINUX_MAP_PRIVATE, kMapType = LINUX_MAP_TYPE,
  kMapFixed = LINUX_MAP_FIXED, kMapAnonymous = LINUX_MAP_ANONYMOUS,
  kMapFixedNoreplace = LINUX_MAP_FIXED_NOREPLACE,
  kMremapMaymove = LINUX_MREMAP_MAYMOVE, kMremapFixed = LINUX_MREMAP_FIXED,
};

// ---- signals: kSIGBUS == 10 (MIPS numbering) ----------------------------------
#define DS_USER_SIG(name, number, action) k##name = number,
enum Sig : int { LINUX_SIGNALS(DS_USER_SIG) };
#undef DS_USER_SIG
constexpr int kNumSignals = LINUX_NSIG;  // signals are 1..128
const char* signal_name(int sig);        // "SIGSEGV"; "SIG42" for real-time ones
// The default action of `sig`: LINUX_SIGACT_TERM, _CORE, _IGN, _STOP or _CONT.
int default_action(int sig);

enum : u64 {
  kSaNocldstop = LINUX_SA_NOCLDSTOP, kSaSiginfo = LINUX_SA_SIGINFO, kSaOnstack = LINUX_SA_ONSTACK,
  kSaRestart = LINUX_SA_RESTART, kSaNodefer = LINUX_SA_NODEFER, kSaResethand = LINUX_SA_RESETHAND,
  kSigBlock = LINUX_SIG_BLOCK, kSigUnblock = LINUX_SIG_UNBLOCK, kSigSetmask = LINUX_SIG_SETMASK,
  kSigDfl = LINUX_SIG_DFL, kSigIgn = LINUX_SIG_IGN,
  kSsOnstack = LINUX_SS_ONSTACK, kSsDisable = LINUX_SS_DISABLE, kMinSigStkSz = LINUX_MINSIGSTKSZ,
  kSigsetSize = LINUX_SIGSET_SIZE,
};
// si_code values used for faults.
enum : int {
  kSegvMaperr = LINUX_SEGV_MAPERR, kSegvAccerr = LINUX_SEGV_ACCERR, kBusAdraln = LINUX_BUS_ADRALN,
  kIllIllopc = LINUX_ILL_ILLOPC, kFpeIntdiv = LINUX_FPE_INTDIV, kFpeIntovf = LINUX_FPE_INTOVF,
  kTrapBrkpt = LINUX_TRAP_BRKPT, kSiUser = LINUX_SI_USER, kSiTkill = LINUX_SI_TKILL,
};

// The kernel's struct sigaction on MIPS (flags first, 32 bits wide).
struct KSigactionLayout {
  static constexpr u64 flags = LINUX_SIGACTION_OFF_FLAGS, handler = LINUX_SIGACTION_OFF_HANDLER;
  static constexpr u64 mask = LINUX_SIGACTION_OFF_MASK, size = LINUX_SIGACTION_SIZE;
};

// stack_t (sigaltstack, uc_stack): ss_sp, ss_size, ss_flags on MIPS.
struct StackLayout {
  static constexpr u64 sp = LINUX_STACK_OFF_SP, size_field = LINUX_STACK_OFF_SIZE;
  static constexpr u64 flags = LINUX_STACK_OFF_FLAGS, size = LINUX_STACK_SIZE;
};

// The rt_sigframe the kernel builds on the user stack (arch/mips/kernel/
// signal.c; see abi/linux_n64.h): o32 argument save area, siginfo, then a
// ucontext whose uc_mcontext is the 64-bit struct sigcontext.  Offsets are
// from the start of the frame.
struct SigFrameLayout {
  // siginfo_t (not si_*: the host <signal.h> defines those as macros)
  static constexpr u64 info = LINUX_RT_SIGFRAME_OFF_INFO;
  static constexpr u64 info_signo = info + LINUX_SIGINFO_OFF_SIGNO, info_code = info + LINUX_SIGINFO_OFF_CODE;
  static constexpr u64 info_addr = info + LINUX_SIGINFO_OFF_ADDR, info_pid = info + LINUX_SIGINFO_OFF_PID;
  static constexpr u64 uc = LINUX_RT_SIGFRAME_OFF_UC;
  static constexpr u64 uc_flags = uc + LINUX_UCONTEXT_OFF_FLAGS, uc_link = uc + LINUX_UCONTEXT_OFF_LINK;
  static constexpr u64 uc_stack = uc + LINUX_UCONTEXT_OFF_STACK;
  static constexpr u64 mcontext = uc + LINUX_UCONTEXT_OFF_MCONTEXT;
  static constexpr u64 sc_regs = mcontext + LINUX_SIGCONTEXT_OFF_REGS;
  static constexpr u64 sc_fpregs = mcontext + LINUX_SIGCONTEXT_OFF_FPREGS;
  static constexpr u64 sc_mdhi = mcontext + LINUX_SIGCONTEXT_OFF_MDHI;
  static constexpr u64 sc_mdlo = mcontext + LINUX_SIGCONTEXT_OFF_MDLO;
  static constexpr u64 sc_pc = mcontext + LINUX_SIGCONTEXT_OFF_PC;
  static constexpr u64 sc_fpc_csr = mcontext + LINUX_SIGCONTEXT_OFF_FPC_CSR;
  static constexpr u64 sc_used_math = mcontext + LINUX_SIGCONTEXT_OFF_USED_MATH;
  static constexpr u64 uc_sigmask = uc + LINUX_UCONTEXT_OFF_SIGMASK;
  static constexpr u64 size = LINUX_RT_SIGFRAME_SIZE;
};

// ---- ioctl ------------------------------------------------------------------
enum : u64 { kTCGETS = LINUX_TCGETS, kTIOCGWINSZ = LINUX_TIOCGWINSZ, kFIONREAD = LINUX_FIONREAD };

// ---- *at() ------------------------------------------------------------------
enum : i64 { kAtFdcwd = LINUX_AT_FDCWD };
enum : u64 {
  kAtSymlinkNofollow = LINUX_AT_SYMLINK_NOFOLLOW, kAtRemovedir = LINUX_AT_REMOVEDIR,
  kAtEaccess = LINUX_AT_EACCESS, kAtEmptyPath = LINUX_AT_EMPTY_PATH,
};

// ---- auxiliary vector tags ----------------------------------------------------
enum : u64 {
  kAT_NULL = LINUX_AT_NULL, kAT_PHDR = LINUX_AT_PHDR, kAT_PHENT = LINUX_AT_PHENT,
  kAT_PHNUM = LINUX_AT_PHNUM, kAT_PAGESZ = LINUX_AT_PAGESZ, kAT_BASE = LINUX_AT_BASE,
  kAT_FLAGS = LINUX_AT_FLAGS, kAT_ENTRY = LINUX_AT_ENTRY, kAT_UID = LINUX_AT_UID,
  kAT_EUID = LINUX_AT_EUID, kAT_GID = LINUX_AT_GID, kAT_EGID = LINUX_AT_EGID,
  kAT_PLATFORM = LINUX_AT_PLATFORM, kAT_HWCAP = LINUX_AT_HWCAP, kAT_CLKTCK = LINUX_AT_CLKTCK,
  kAT_SECURE = LINUX_AT_SECURE, kAT_RANDOM = LINUX_AT_RANDOM, kAT_HWCAP2 = LINUX_AT_HWCAP2,
  kAT_EXECFN = LINUX_AT_EXECFN,
};

}  // namespace ds::user
