#!/usr/bin/python3
"""determinism_test.py - `discosim user` runs are reproducible: a program that
prints clocks, random bytes, its pid and addresses prints the same bytes on
two runs, its clocks advance with the work it does, and the realtime clock
starts at the documented fixed epoch (docs/user-mode.md).
usage: determinism_test.py <discosim> <clock_random.elf>
"""
import re
import subprocess
import sys

discosim, prog = sys.argv[1:3]
runs = [subprocess.run([discosim, "user", prog], capture_output=True, timeout=120) for _ in range(2)]
failures = []
for r in runs:
    if r.returncode != 0:
        failures.append(f"exit {r.returncode}: {r.stderr!r}")
if runs[0].stdout != runs[1].stdout:
    failures.append(f"outputs differ:\n{runs[0].stdout!r}\n{runs[1].stdout!r}")
out = runs[0].stdout.decode()
m = re.search(r"mono (\d+)\.(\d+) -> (\d+)\.(\d+)", out)
if not m or int(m[3]) * 10**9 + int(m[4]) <= int(m[1]) * 10**9 + int(m[2]):
    failures.append("CLOCK_MONOTONIC did not advance across the loop: " + out)
m = re.search(r"real (\d+)\.\d+ time (\d+)", out)
if not m or not (1_700_000_000 <= int(m[1]) < 1_700_000_100) or int(m[2]) != int(m[1]):
    failures.append("CLOCK_REALTIME is not the fixed epoch plus simulated time: " + out)
if "pid 1000 ppid 999 uid 1000" not in out:
    failures.append("identity is not the fixed one: " + out)
if failures:
    print("\n".join(failures))
    sys.exit(1)
print(out, end="")
