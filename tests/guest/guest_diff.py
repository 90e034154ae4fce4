#!/usr/bin/python3
"""guest_diff.py - a static Linux n64 program under `discosim guest` (the dunix
kernel on the full machine) and under QEMU user mode: stdout and exit status
must agree byte for byte.

usage: guest_diff.py --discosim D --qemu Q [--qemu-cpu CPU] [--guest-opt OPT]...
                     [--timeout S] PROGRAM [ARG...]

An argument @SELF@ becomes a path that execve can run the program by: /bin/NAME
in the guest, a wrapper script starting QEMU on the host (QEMU cannot execve a
MIPS program by itself).  Under QEMU the program runs in a fresh scratch
directory (the guest's is /work).  Exit status: a program killed by signal N
counts as 128 + N on both sides (dunix's convention for init).
"""
import argparse
import difflib
import os
import subprocess
import sys
import tempfile

def status(rc):
    return 128 - rc if rc < 0 else rc


def run_qemu(qemu, cpu, program, args, timeout):
    with tempfile.TemporaryDirectory(prefix="guest-diff-") as tmp:
        wrapper = os.path.join(tmp, "self")
        cpu_args = f"-cpu {cpu} " if cpu else ""
        with open(wrapper, "w") as f:
            f.write(f"#!/bin/sh\nexec {qemu} {cpu_args}{os.path.abspath(program)} \"$@\"\n")
        os.chmod(wrapper, 0o755)
        work = os.path.join(tmp, "work")
        os.mkdir(work)
        cmd = [qemu] + (["-cpu", cpu] if cpu else []) + [os.path.abspath(program)]
        cmd += [wrapper if a == "@SELF@" else a for a in args]
        p = subprocess.run(cmd, cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout,
                           stdin=subprocess.DEVNULL)
        return p.stdout, status(p.returncode), p.stderr


def run_guest(discosim, program, args, opts, timeout):
    name = os.path.basename(program)
    cmd = [discosim, "guest", "--progress", "off"] + opts + [program]
    cmd += ["/bin/" + name if a == "@SELF@" else a for a in args]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, stdin=subprocess.DEVNULL)
    return p.stdout, p.returncode, p.stderr


def show_diff(a, b):
    al, bl = a.decode(errors="replace").splitlines(), b.decode(errors="replace").splitlines()
    for line in difflib.unified_diff(al, bl, "qemu", "guest", lineterm="", n=1):
        print("   ", line)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--discosim", required=True)
    ap.add_argument("--qemu", required=True)
    ap.add_argument("--qemu-cpu", default="MIPS64R2-generic")
    ap.add_argument("--guest-opt", action="append", default=[])
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("program")
    ap.add_argument("args", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    q_out, q_rc, q_err = run_qemu(a.qemu, a.qemu_cpu, a.program, a.args, a.timeout)
    g_out, g_rc, g_err = run_guest(a.discosim, a.program, a.args, a.guest_opt, a.timeout)
    name = os.path.basename(a.program)
    ok = True
    if q_out != g_out:
        ok = False
        print(f"FAIL {name}: stdout differs (qemu {len(q_out)} bytes, guest {len(g_out)} bytes)")
        show_diff(q_out, g_out)
    if q_rc != g_rc:
        ok = False
        print(f"FAIL {name}: exit status qemu {q_rc}, guest {g_rc}")
    if not ok:
        if g_err:
            print("guest stderr:", g_err.decode(errors="replace")[-2000:])
        return 1
    lines = g_out.count(b"\n")
    print(f"ok {name}: {len(g_out)} bytes, {lines} lines, status {g_rc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
