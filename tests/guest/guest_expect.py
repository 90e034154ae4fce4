#!/usr/bin/python3
"""guest_expect.py - a program under `discosim guest` whose output is fixed in
advance (programs that must not run on the host: fork bombs, memory and disk
exhaustion, or that check the guest's own console): stdout must equal the
expected file byte for byte and the exit status the given one.

usage: guest_expect.py --discosim D --expect FILE [--status N] [--fsck]
                       [--guest-opt OPT]... PROGRAM [ARG...]

--fsck keeps the root image and requires `e2fsck -fn` to find it clean after
the run (the kernel unmounted it cleanly and left no inconsistency).
"""
import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--discosim", required=True)
    ap.add_argument("--expect", required=True)
    ap.add_argument("--status", type=int, default=0)
    ap.add_argument("--fsck", action="store_true")
    ap.add_argument("--guest-opt", action="append", default=[])
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("program")
    ap.add_argument("args", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    with open(a.expect, "rb") as f:
        want = f.read()
    name = os.path.basename(a.program)
    with tempfile.TemporaryDirectory(prefix="guest-expect-") as tmp:
        image = os.path.join(tmp, "root.img")
        cmd = [a.discosim, "guest", "--progress", "off"] + a.guest_opt
        if a.fsck:
            cmd += ["--image", image]
        cmd += [a.program] + a.args
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                           timeout=a.timeout)
        ok = True
        if p.stdout != want:
            ok = False
            print(f"FAIL {name}: stdout differs from {os.path.basename(a.expect)}")
            for line in difflib.unified_diff(want.decode(errors="replace").splitlines(),
                                             p.stdout.decode(errors="replace").splitlines(), "expected", "guest",
                                             lineterm="", n=1):
                print("   ", line)
        if p.returncode != a.status:
            ok = False
            print(f"FAIL {name}: exit status {p.returncode}, expected {a.status}")
        if not ok and p.stderr:
            print("guest stderr:", p.stderr.decode(errors="replace")[-2000:])
        if a.fsck:
            e2fsck = shutil.which("e2fsck") or "/usr/sbin/e2fsck"
            fsck = subprocess.run([e2fsck, "-fn", image], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            if fsck.returncode != 0:
                ok = False
                print(f"FAIL {name}: e2fsck -fn exit {fsck.returncode}:\n{fsck.stdout.decode(errors='replace')}")
            else:
                print("   e2fsck -fn: clean")
    print(f"{'ok' if ok else 'FAIL'} {name}: status {p.returncode}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
