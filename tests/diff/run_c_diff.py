#!/usr/bin/python3
"""run_c_diff.py - run Linux MIPS programs under QEMU user mode and under
`discosim user`; stdout and exit status must be identical.

usage: run_c_diff.py --discosim D --qemu Q [--isa r2|mips4] [--scratch] prog.elf...

Both runs get the same argv and the same environment: discosim's fixed guest
environment (docs/user-mode.md), given to QEMU as its whole host environment.
A program listed with ``--scratch`` receives a fresh empty directory as its
first argument (a separate one per run).  QEMU reports a guest killed by
signal N by killing itself with host signal N; that is mapped to 128 + N, the
status discosim uses (host and guest numbers agree for the signals used here).
"""
import argparse
import os
import subprocess
import sys
import tempfile

GUEST_ENV = {"PATH": "/usr/bin:/bin", "HOME": "/", "LC_ALL": "C"}
EXTRA_ARGS = {"args_env": ["one", "two words", ""]}


def status(rc):
    return 128 - rc if rc < 0 else rc


def run(cmd, timeout):
    p = subprocess.run(cmd, capture_output=True, env=GUEST_ENV, timeout=timeout)
    return p.stdout, status(p.returncode), p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--discosim", required=True)
    ap.add_argument("--qemu", required=True)
    ap.add_argument("--isa", default="r2")
    ap.add_argument("--cpu-model", default="functional", help="discosim's CPU model (functional or timing)")
    ap.add_argument("--scratch", action="append", default=[], help="program name that gets a temp dir argument")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("progs", nargs="+")
    a = ap.parse_args()

    failures = 0
    for prog in a.progs:
        name = os.path.basename(prog)
        with tempfile.TemporaryDirectory() as d1, tempfile.TemporaryDirectory() as d2:
            extra = EXTRA_ARGS.get(name, [])
            q_args, s_args = list(extra), list(extra)
            if name in a.scratch:
                q_args, s_args = [d1] + q_args, [d2] + s_args
            q_out, q_rc, _ = run([a.qemu, prog] + q_args, a.timeout)
            s_out, s_rc, s_err = run([a.discosim, "user", "--isa", a.isa, "--cpu-model", a.cpu_model, "--", prog] + s_args, a.timeout)
        same = q_out == s_out and q_rc == s_rc
        print(f"{'ok  ' if same else 'FAIL'} {name}: exit {s_rc} (qemu {q_rc}), {len(s_out)} bytes of stdout")
        if not same:
            failures += 1
            q_lines, s_lines = q_out.decode(errors="replace").splitlines(), s_out.decode(errors="replace").splitlines()
            for k in range(max(len(q_lines), len(s_lines))):
                ql = q_lines[k] if k < len(q_lines) else "<none>"
                sl = s_lines[k] if k < len(s_lines) else "<none>"
                if ql != sl:
                    print(f"  first difference at line {k + 1}:\n    qemu:     {ql}\n    discosim: {sl}")
                    break
            if s_err:
                print("  discosim stderr: " + s_err.decode(errors="replace").strip()[:500])
    print(f"{len(a.progs) - failures}/{len(a.progs)} programs agree")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
