#!/usr/bin/env python3
"""Checks abi/linux_n64.h against headers we did not write: Debian's mips64
kernel uapi headers (linux-libc-dev) and glibc, through the cross compiler
mips64-linux-gnuabi64-gcc (n64, big-endian).

For every object-like LINUX_* macro of our header the script finds the
reference it stands for and emits `_Static_assert(ours == reference)` into a
C file compiled for MIPS n64:

  LINUX_NR_<name>             __NR_<name>            (asm/unistd.h)
  LINUX_<S>_SIZE              sizeof(<struct S>)
  LINUX_<S>_OFF_<F>           offsetof(<struct S>, <member F>)
  LINUX_<S>_W_<F>             sizeof of that member
  LINUX_<NAME>                <NAME>, else a renaming listed in RENAMED
                              (__WALL, _NSIG, ...) or a hand check in SPECIAL

A macro with no reference fails the test unless NO_REFERENCE says why.
Then the lists: LINUX_N64_SYSCALLS must name every __NR_* of the uapi header
and nothing else, LINUX_ERRNOS every errno of asm/errno.h, LINUX_SIGNALS
every classic signal with the default action signal(7) gives it; the wait
status macros are compared with glibc's on sample statuses.  Finally the
header must compile on its own as C11 and C++17 on the host (after the host's
libc headers, where a missing LINUX_ prefix would clash) and for MIPS with
clang -ffreestanding, as a guest kernel builds it.

Exit status 0 when everything agrees, 1 with the failing names otherwise,
77 (skip) when the cross compiler is missing.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

# ---- the two reference translation units -----------------------------------
# Kernel uapi headers and glibc headers define clashing structs (struct stat,
# struct termios, struct sigaction differ), so they are compiled separately.
UAPI_HEADERS = """
asm/unistd.h asm/errno.h asm/fcntl.h linux/fcntl.h asm/mman.h linux/mman.h
asm/signal.h linux/signal.h asm/siginfo.h asm/sigcontext.h asm/ucontext.h
asm/stat.h linux/stat.h asm/termbits.h asm/termios.h asm/ioctls.h asm/ioctl.h
asm/resource.h linux/resource.h linux/sched.h linux/wait.h linux/futex.h
linux/time.h linux/time_types.h linux/auxvec.h linux/random.h asm/poll.h
linux/utsname.h linux/times.h linux/sysinfo.h linux/uio.h linux/prctl.h
linux/fs.h linux/limits.h asm/break.h asm/cachectl.h asm/param.h stddef.h
asm/statfs.h linux/magic.h linux/close_range.h
""".split()
LIBC_HEADERS = """
errno.h fcntl.h unistd.h dirent.h sys/wait.h sys/mman.h stddef.h sys/stat.h sys/statvfs.h
""".split()

# struct rt_sigframe is private to arch/mips/kernel/signal.c; this is its
# definition there, built from the uapi siginfo_t and struct ucontext.
UAPI_EXTRA = """
struct ref_rt_sigframe {
  unsigned int rs_ass[4];
  unsigned int rs_pad[2];
  siginfo_t rs_info;
  struct ucontext rs_uc;
};
"""
LIBC_EXTRA = ""

# ---- layouts: LINUX_<prefix>_{SIZE,OFF_F,W_F} -> (tu, C type, member prefix)
LAYOUTS = {
    "STAT": ("uapi", "struct stat", "st_"),
    "STATFS": ("uapi", "struct statfs", "f_"),
    "STATX": ("uapi", "struct statx", "stx_"),
    "STATX_TIMESTAMP": ("uapi", "struct statx_timestamp", "tv_"),
    "FLOCK": ("uapi", "struct flock", "l_"),
    "DIRENT64": ("libc", "struct dirent64", "d_"),
    "SIGACTION": ("uapi", "struct sigaction", "sa_"),
    "STACK": ("uapi", "stack_t", "ss_"),
    "SIGINFO": ("uapi", "siginfo_t", "si_"),
    "RT_SIGFRAME": ("uapi", "struct ref_rt_sigframe", "rs_"),
    "UCONTEXT": ("uapi", "struct ucontext", "uc_"),
    "SIGCONTEXT": ("uapi", "struct sigcontext", "sc_"),
    "SIGSET": ("uapi", "sigset_t", ""),
    "TIMESPEC": ("uapi", "struct __kernel_timespec", "tv_"),
    "TIMEVAL": ("uapi", "struct timeval", "tv_"),
    "TIMEZONE": ("uapi", "struct timezone", "tz_"),
    "ITIMERSPEC": ("uapi", "struct itimerspec", "it_"),
    "ITIMERVAL": ("uapi", "struct itimerval", "it_"),
    "UTSNAME": ("uapi", "struct new_utsname", ""),
    "RLIMIT": ("uapi", "struct rlimit", "rlim_"),
    "RUSAGE": ("uapi", "struct rusage", "ru_"),
    "TMS": ("uapi", "struct tms", "tms_"),
    "SYSINFO": ("uapi", "struct sysinfo", ""),
    "IOVEC": ("uapi", "struct iovec", "iov_"),
    "POLLFD": ("uapi", "struct pollfd", ""),
    "WINSIZE": ("uapi", "struct winsize", "ws_"),
    "TERMIOS": ("uapi", "struct termios", "c_"),
    "TERMIOS2": ("uapi", "struct termios2", "c_"),
    "CLONE_ARGS": ("uapi", "struct clone_args", ""),
    "ROBUST_LIST_HEAD": ("uapi", "struct robust_list_head", ""),
}
# Members whose name is not <prefix><field in lower case>.
MEMBER = {
    ("SIGINFO", "TIMERID"): "si_tid",
}

# Constants whose reference has another name.
RENAMED = {
    "NSIG": "_NSIG", "NSIG_BPW": "_NSIG_BPW", "NSIG_WORDS": "_NSIG_WORDS",
    "NR_BASE": "__NR_Linux", "WALL": "__WALL", "WCLONE": "__WCLONE", "WNOTHREAD": "__WNOTHREAD",
    "STATX_SIZE_BIT": "STATX_SIZE", "CLK_TCK": "HZ", "UTSNAME_LEN": "(__NEW_UTS_LEN + 1)",
    "IOC_NRSHIFT": "_IOC_NRSHIFT", "IOC_TYPESHIFT": "_IOC_TYPESHIFT", "IOC_SIZESHIFT": "_IOC_SIZESHIFT",
    "IOC_DIRSHIFT": "_IOC_DIRSHIFT", "IOC_SIZEMASK": "_IOC_SIZEMASK", "IOC_NONE": "_IOC_NONE",
    "IOC_READ": "_IOC_READ", "IOC_WRITE": "_IOC_WRITE", "W_CONTINUED": "__W_CONTINUED",
}
# Hand checks: (tu, expression that must equal the macro).
SPECIAL = {
    "DIRENT64_ALIGN": ("libc", "_Alignof(struct dirent64)"),
    "DIRENT64_OFF_NAME": ("libc", "offsetof(struct dirent64, d_name)"),
    "SIG_DFL": ("uapi", "(long)SIG_DFL"),
    "SIG_IGN": ("uapi", "(long)SIG_IGN"),
    "SIG_ERR": ("uapi", "(long)SIG_ERR"),
}
# Constants no header we can compile defines, and why.
NO_REFERENCE = {
    "MAX_ERRNO": "kernel-internal (include/linux/err.h)",
    "ERESTARTSYS": "kernel-internal (include/linux/errno.h)",
    "ERESTARTNOINTR": "kernel-internal (include/linux/errno.h)",
    "ERESTARTNOHAND": "kernel-internal (include/linux/errno.h)",
    "ENOIOCTLCMD": "kernel-internal (include/linux/errno.h)",
    "ERESTART_RESTARTBLOCK": "kernel-internal (include/linux/errno.h)",
    "SIGACT_TERM": "our enumeration; LINUX_SIGNALS is checked against signal(7)",
    "SIGACT_CORE": "our enumeration", "SIGACT_IGN": "our enumeration",
    "SIGACT_STOP": "our enumeration", "SIGACT_CONT": "our enumeration",
    "NR_COUNT": "checked against the highest __NR_ number below",
    "ST_VALID": "kernel-internal (include/linux/statfs.h)",
}

# signal(7), "Standard signals": the default action of each signal.
SIGNAL7_ACTION = {
    "SIGHUP": "TERM", "SIGINT": "TERM", "SIGQUIT": "CORE", "SIGILL": "CORE", "SIGTRAP": "CORE",
    "SIGABRT": "CORE", "SIGEMT": "CORE", "SIGFPE": "CORE", "SIGKILL": "TERM", "SIGBUS": "CORE",
    "SIGSEGV": "CORE", "SIGSYS": "CORE", "SIGPIPE": "TERM", "SIGALRM": "TERM", "SIGTERM": "TERM",
    "SIGUSR1": "TERM", "SIGUSR2": "TERM", "SIGCHLD": "IGN", "SIGPWR": "TERM", "SIGWINCH": "IGN",
    "SIGURG": "IGN", "SIGIO": "TERM", "SIGSTOP": "STOP", "SIGTSTP": "STOP", "SIGCONT": "CONT",
    "SIGTTIN": "STOP", "SIGTTOU": "STOP", "SIGVTALRM": "TERM", "SIGPROF": "TERM", "SIGXCPU": "CORE",
    "SIGXFSZ": "CORE",
}

# Wait statuses to compare our macros with glibc's on.
WAIT_SAMPLES = [0, 0x0100, 0x2a00, 0xff00, 0x0009, 0x0086, 0x008b, 0x007e, 0x137f, 0x057f, 0xffff]
WAIT_MACROS = ["WEXITSTATUS", "WTERMSIG", "WSTOPSIG", "WIFEXITED", "WIFSTOPPED", "WIFSIGNALED",
               "WIFCONTINUED", "WCOREDUMP"]


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def macros(cc, source, flags):
    """name -> body of every object-like macro `source` defines (gcc -dM)."""
    r = run([cc, "-E", "-dM", "-x", "c", "-"] + flags, input=source)
    if r.returncode:
        sys.exit("cannot preprocess:\n" + r.stderr)
    out = {}
    for line in r.stdout.splitlines():
        m = re.match(r"#define (\w+)(\(?)\s*(.*)", line)
        if m and not m.group(2):
            out[m.group(1)] = m.group(3)
    return out


def list_names(cc, abi_dir, lst, arity):
    """The names an X-macro list passes, in order."""
    params = ", ".join(["n"] + [f"a{k}" for k in range(arity - 1)])
    src = f'#include "linux_n64.h"\n#define X({params}) @n@\n{lst}(X)\n'
    r = run([cc, "-E", "-P", "-x", "c", "-", "-I", abi_dir], input=src)
    if r.returncode:
        sys.exit(r.stderr)
    return re.findall(r"@\s*(\w+)\s*@", r.stdout)


def list_pairs(cc, abi_dir, lst):
    """(name, third argument expanded) for an X(name, value, extra) list."""
    src = f'#include "linux_n64.h"\n#define X(n, v, a) @n@a@\n{lst}(X)\n'
    r = run([cc, "-E", "-P", "-x", "c", "-", "-I", abi_dir], input=src)
    if r.returncode:
        sys.exit(r.stderr)
    return re.findall(r"@\s*(\w+)\s*@\s*(\d+)\s*@", r.stdout)


def includes(headers):
    return "".join(f"#include <{h}>\n" for h in headers)


def classify(name, tus):
    """(tu, reference expression) for LINUX_<name>, or None."""
    if name in SPECIAL:
        return SPECIAL[name]
    # Layouts: the longest struct prefix that fits.
    for prefix in sorted(LAYOUTS, key=len, reverse=True):
        if not name.startswith(prefix + "_"):
            continue
        rest = name[len(prefix) + 1:]
        tu, ctype, mprefix = LAYOUTS[prefix]
        if rest == "SIZE":
            return tu, f"sizeof({ctype})"
        for kind in ("OFF_", "W_"):
            if rest.startswith(kind):
                field = rest[len(kind):]
                member = MEMBER.get((prefix, field), mprefix + field.lower())
                if kind == "OFF_":
                    return tu, f"offsetof({ctype}, {member})"
                return tu, f"sizeof((({ctype} *)0)->{member})"
    if name.startswith("NR_") and name not in RENAMED:
        return "uapi", "__NR_" + name[3:]
    ref = RENAMED.get(name, name)
    if not re.fullmatch(r"\w+", ref):
        return "uapi", ref
    for tu in ("uapi", "libc"):
        if ref in tus[tu]:
            return tu, ref
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--abi", required=True, help="the abi/ directory")
    ap.add_argument("--cc", default="mips64-linux-gnuabi64-gcc")
    ap.add_argument("--host-cc", default="cc")
    ap.add_argument("--host-cxx", default="c++")
    ap.add_argument("--clang", default="clang")
    args = ap.parse_args()
    if not shutil.which(args.cc):
        print(f"skip: {args.cc} not found")
        return 77
    abi = os.path.abspath(args.abi)
    errors = []

    ours = {k[6:]: v for k, v in macros(args.cc, '#include "linux_n64.h"\n', ["-I", abi]).items()
            if k.startswith("LINUX_")}
    tus = {"uapi": macros(args.cc, includes(UAPI_HEADERS), []),
           "libc": macros(args.cc, "#define _GNU_SOURCE\n" + includes(LIBC_HEADERS), [])}

    # 1. Every constant against its reference.
    asserts = {"uapi": [], "libc": []}
    checked = 0
    for name in sorted(ours):
        if name in NO_REFERENCE:
            continue
        where = classify(name, tus)
        if where is None:
            errors.append(f"LINUX_{name}: no reference found (add one, or say why in NO_REFERENCE)")
            continue
        tu, expr = where
        asserts[tu].append(f'_Static_assert((LINUX_{name}) == ({expr}), "LINUX_{name} != {expr}");')
        checked += 1

    # 2. The X-macro lists: values, and completeness against the references.
    syscalls = list_names(args.cc, abi, "LINUX_N64_SYSCALLS", 2)
    ref_nr = {k[5:] for k in tus["uapi"] if k.startswith("__NR_") and k != "__NR_Linux"}
    for n in sorted(ref_nr - set(syscalls)):
        errors.append(f"LINUX_N64_SYSCALLS lacks {n}")
    for n in sorted(set(syscalls) - ref_nr):
        errors.append(f"LINUX_N64_SYSCALLS names {n}, which asm/unistd.h does not have")
    for n in sorted(ref_nr - {k[3:] for k in ours if k.startswith("NR_")}):
        errors.append(f"LINUX_NR_{n} missing")
    asserts["uapi"].append('#define X(n, v) _Static_assert((v) == __NR_##n, "LINUX_N64_SYSCALLS: " #n);')
    asserts["uapi"].append("LINUX_N64_SYSCALLS(X)\n#undef X")
    top = max(int(re.search(r"\+\s*(\d+)", tus["uapi"]["__NR_" + n]).group(1)) for n in ref_nr)
    if int(ours["NR_COUNT"]) != top + 1:
        errors.append(f"LINUX_NR_COUNT is {ours['NR_COUNT']}, the highest offset is {top}")

    errnos = list_names(args.cc, abi, "LINUX_ERRNOS", 2)
    ref_err = set(macros(args.cc, "#include <asm/errno.h>\n", []))
    ref_err = {k for k in ref_err if re.fullmatch(r"E[A-Z0-9]+", k)} - {"EWOULDBLOCK"}
    for n in sorted(ref_err ^ set(errnos)):
        errors.append(f"LINUX_ERRNOS and asm/errno.h disagree on {n}")
    asserts["uapi"].append('#define X(n, v) _Static_assert((v) == (n), "LINUX_ERRNOS: " #n);')
    asserts["uapi"].append("LINUX_ERRNOS(X)\n#undef X")

    signals = [n for n, _ in list_pairs(args.cc, abi, "LINUX_SIGNALS")]
    ref_sig = {k for k in tus["uapi"] if re.fullmatch(r"SIG[A-Z0-9]+", k)}
    ref_sig -= {"SIGIOT", "SIGCLD", "SIGPOLL", "SIGRTMIN", "SIGRTMAX", "SIGSTKSZ", "SIGUNUSED"}
    for n in sorted(ref_sig ^ set(signals)):
        errors.append(f"LINUX_SIGNALS and asm/signal.h disagree on {n}")
    asserts["uapi"].append('#define X(n, v, a) _Static_assert((v) == (n), "LINUX_SIGNALS: " #n);')
    asserts["uapi"].append("LINUX_SIGNALS(X)\n#undef X")
    for n, action in list_pairs(args.cc, abi, "LINUX_SIGNALS"):
        want = SIGNAL7_ACTION[n]
        if int(action) != int(ours["SIGACT_" + want]):
            errors.append(f"LINUX_SIGNALS: the default action of {n} is {want} in signal(7)")

    # 3. The wait status macros against glibc's: values, and truth for predicates.
    for m in WAIT_MACROS:
        pred = m.startswith("WIF") or m == "WCOREDUMP"
        for st in WAIT_SAMPLES:
            a, b = f"LINUX_{m}({st:#x})", f"{m}({st:#x})"
            cmp = f"!!{a} == !!{b}" if pred else f"{a} == {b}"
            asserts["libc"].append(f'_Static_assert({cmp}, "{a} != {b}");')
    for code, sig in [(0, 0), (3, 0), (0, 9), (255, 0)]:
        asserts["libc"].append(f'_Static_assert(LINUX_W_EXITCODE({code}, {sig}) == W_EXITCODE({code}, {sig}), '
                               f'"LINUX_W_EXITCODE");')
    for sig in (19, 23, 24):
        asserts["libc"].append(f'_Static_assert(LINUX_W_STOPCODE({sig}) == W_STOPCODE({sig}), "LINUX_W_STOPCODE");')
    asserts["uapi"].append('_Static_assert(LINUX_IOC(LINUX_IOC_READ, 0x74, 104, 8) == TIOCGWINSZ, "LINUX_IOC");')
    asserts["uapi"].append('_Static_assert(LINUX_IOC(LINUX_IOC_WRITE, 0x54, 0x2b, 48) == TCSETS2, "LINUX_IOC");')

    # 4. Compile both translation units for MIPS n64.
    with tempfile.TemporaryDirectory() as tmp:
        for tu, headers, extra in (("uapi", UAPI_HEADERS, UAPI_EXTRA), ("libc", LIBC_HEADERS, LIBC_EXTRA)):
            path = os.path.join(tmp, f"check_{tu}.c")
            with open(path, "w") as f:
                f.write("#define _GNU_SOURCE\n" if tu == "libc" else "")
                f.write(includes(headers) + extra + '#include "linux_n64.h"\n' + "\n".join(asserts[tu]) + "\n")
            r = run([args.cc, "-std=c11", "-fsyntax-only", "-fmax-errors=0", "-I", abi, path])
            if r.returncode:
                for line in r.stderr.splitlines():
                    m = re.search(r"static assertion failed: \"(.*)\"", line)
                    if m:
                        errors.append(m.group(1))
                    elif "error" in line:
                        errors.append(f"{tu}: {line}")

        # 5. The header alone: host C11 and C++17 after the host's libc, and
        # MIPS freestanding C11 as a guest kernel compiles it.
        host_src = os.path.join(tmp, "host.c")
        with open(host_src, "w") as f:
            f.write("#include <errno.h>\n#include <fcntl.h>\n#include <signal.h>\n#include <sys/stat.h>\n"
                    "#include <sys/wait.h>\n#include <termios.h>\n#include <sys/mman.h>\n"
                    '#include "linux_n64.h"\nint linux_n64_x = LINUX_WEXITSTATUS(0x100);\n')
        for cmd in ([args.host_cc, "-std=c11", "-Wall", "-Wextra", "-pedantic", "-Werror", "-x", "c"],
                    [args.host_cxx, "-std=c++17", "-Wall", "-Wextra", "-pedantic", "-Werror", "-x", "c++"],
                    [args.clang, "--target=mips64-unknown-elf", "-mabi=64", "-ffreestanding", "-nostdinc",
                     "-std=c11", "-Wall", "-Wextra", "-Werror", "-x", "c"]):
            src = host_src
            if "-ffreestanding" in cmd:
                src = os.path.join(tmp, "guest.c")
                with open(src, "w") as f:
                    f.write('#include "linux_n64.h"\nlong linux_n64_x = LINUX_NR_write;\n')
            r = run(cmd + ["-fsyntax-only", "-I", abi, src])
            if r.returncode:
                errors.append(f"{cmd[0]} {cmd[1]}: header does not compile:\n{r.stderr}")

    if errors:
        print(f"abi/linux_n64.h: {len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        return 1
    print(f"abi/linux_n64.h: {checked} constants, {len(syscalls)} syscalls, {len(errnos)} errnos, "
          f"{len(signals)} signals agree with the mips64 uapi and glibc headers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
