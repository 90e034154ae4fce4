#!/usr/bin/python3
"""monitor_diff.py - a static Linux n64 program under dunix on the bare
machine (`discosim guest`) and under dunix's Disco port in virtual machines of
the Disco monitor (`discosim guest --monitor`): every VM must print exactly
what the bare run prints and exit with the same status.

usage: monitor_diff.py --discosim D [--vms K] [--vcpus N] [--cpus M]
                       [--opt OPT]... [--timeout S] PROGRAM [ARG...]

With K > 1 the monitor prefixes each line with "[vmI] ": the lines of each
VM, prefix removed, must equal the bare run's lines.  --opt passes options to
both runs (e.g. --cpu-model=timing).  An argument @SELF@ becomes /bin/NAME,
the program's own path in the guest.
"""
import argparse
import subprocess
import sys


def run(discosim, program, args, opts, timeout):
    name = program.rsplit("/", 1)[-1]
    cmd = [discosim, "guest", "--progress", "off"] + opts + [program]
    cmd += ["/bin/" + name if a == "@SELF@" else a for a in args]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, stdin=subprocess.DEVNULL)
    return p.stdout.decode(errors="replace"), p.returncode, p.stderr.decode(errors="replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--discosim", required=True)
    ap.add_argument("--vms", type=int, default=1)
    ap.add_argument("--vcpus", type=int, default=1)
    ap.add_argument("--cpus", type=int, default=1)
    ap.add_argument("--opt", action="append", default=[])
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("program")
    ap.add_argument("args", nargs=argparse.REMAINDER)
    a = ap.parse_args()

    bare_out, bare_rc, bare_err = run(a.discosim, a.program, a.args, [f"--cpus={a.vcpus}"] + a.opt, a.timeout)
    vm_opts = ["--monitor", f"--vms={a.vms}", f"--vcpus={a.vcpus}", f"--cpus={a.cpus}"] + a.opt
    mon_out, mon_rc, mon_err = run(a.discosim, a.program, a.args, vm_opts, a.timeout)
    what = f"{a.vms} VM(s) of {a.vcpus} vCPU(s) on {a.cpus} CPU(s)"
    failed = []
    if bare_rc != mon_rc:
        failed.append(f"exit status: bare {bare_rc}, {what} {mon_rc} ({mon_err.strip()[-300:]})")
    if a.vms == 1:
        vm_lines = {0: mon_out.splitlines()}
    else:
        vm_lines = {i: [] for i in range(a.vms)}
        for line in mon_out.splitlines():
            prefix = line.split(" ", 1)[0]
            if not (prefix.startswith("[vm") and prefix.endswith("]")):
                failed.append(f"a console line without a [vmI] prefix: {line!r}")
                continue
            i = int(prefix[3:-1])
            vm_lines.setdefault(i, []).append(line[len(prefix) + 1:])
    want = bare_out.splitlines()
    for i, got in sorted(vm_lines.items()):
        if got != want:
            first = next((k for k in range(max(len(got), len(want)))
                          if k >= len(got) or k >= len(want) or got[k] != want[k]), 0)
            failed.append(f"vm{i}'s output differs from the bare run at line {first + 1}: "
                          f"bare {want[first] if first < len(want) else '<end>'!r}, "
                          f"vm {got[first] if first < len(got) else '<end>'!r}")
    if failed:
        for f in failed:
            print(f"FAIL {a.program.rsplit('/', 1)[-1]} ({what}): {f}")
        sys.exit(1)
    print(f"ok {a.program.rsplit('/', 1)[-1]}: {len(want)} lines, status {bare_rc}, bare = {what}")


if __name__ == "__main__":
    main()
