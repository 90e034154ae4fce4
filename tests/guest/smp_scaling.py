#!/usr/bin/python3
"""smp_scaling.py - 8 independent compute processes (smp_compute: fork 8, no
system calls in the loop, wait all) on an 8-CPU machine and on 1 CPU under
`discosim guest`.  Both must print the same checksum and exit 0; the
simulated time the program measures around the work (CLOCK_MONOTONIC, which
in the guest is simulated time) must be at least 6x smaller on 8 CPUs, and
the machine's own simulated cycles (--stats-json, CPU 0's idle + kernel +
user, boot included) must be smaller too.

usage: smp_scaling.py --discosim D [--guest-opt OPT]... PROGRAM
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

NPROC, ITERS, MIN_SPEEDUP = 8, 1000000, 6.0


def run(a, cpus, tmp):
    stats = os.path.join(tmp, f"stats{cpus}.json")
    cmd = [a.discosim, "guest", "--progress", "off", "--cpus", str(cpus), "--stats-json", stats] + a.guest_opt
    cmd += [a.program, str(NPROC), str(ITERS)]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=600)
    out = p.stdout.decode(errors="replace")
    m = re.search(r"^elapsed_ns (\d+)$", out, re.M)
    with open(stats) as f:
        s = json.load(f)
    c0 = s["cpus"][0]["cycles"]
    cycles = c0["idle"] + c0["kernel"] + c0["user"] + c0["supervisor"]
    return p.returncode, out.splitlines()[0] if out else "", int(m.group(1)) if m else None, cycles, len(s["cpus"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--discosim", required=True)
    ap.add_argument("--guest-opt", action="append", default=[])
    ap.add_argument("program")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="guest-smp-") as tmp:
        rc1, line1, ns1, cyc1, n1 = run(a, 1, tmp)
        rc8, line8, ns8, cyc8, n8 = run(a, 8, tmp)
    print(f"1 CPU : {line1!r} status {rc1}, {ns1} ns by the program, {cyc1} cycles on CPU 0 ({n1} CPUs)")
    print(f"8 CPUs: {line8!r} status {rc8}, {ns8} ns by the program, {cyc8} cycles on CPU 0 ({n8} CPUs)")
    ok = True
    if rc1 != 0 or rc8 != 0 or not line1 or line1 != line8 or ns1 is None or ns8 is None:
        print("FAIL: the runs did not both succeed with the same checksum")
        return 1
    if n1 != 1 or n8 != 8:
        print(f"FAIL: machines had {n1} and {n8} CPUs")
        ok = False
    speedup = ns1 / ns8
    print(f"speedup by the program's clock: {speedup:.2f} (at least {MIN_SPEEDUP})")
    if speedup < MIN_SPEEDUP:
        print("FAIL: 8 CPUs are not 6x faster")
        ok = False
    if not cyc8 < cyc1:
        print("FAIL: the 8-CPU run took at least as many simulated cycles")
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
