#!/usr/bin/python3
"""progress_test.py - the progress line of long runs.

With --progress on, a run of a few hundred million instructions under an
instruction limit reports, on stderr and rewritten with '\\r', simulated
time, instructions, host speed, the share of the limit and an ETA, with
instruction counts that only grow.  Without the option, and stderr not a
terminal, nothing is printed.

Usage: progress_test.py <discosim> <demo.toml> <compute-bare.elf>
"""
import re
import subprocess
import sys

discosim, cfg, elf = sys.argv[1:4]
failures = []
pattern = re.compile(r"discosim: ([0-9.]+) ms simulated, (\d+) instructions, (\d+) MIPS, (\d+)% of the limit, ETA \d+ s")

# Bytes, not text: text mode's universal newlines would turn every '\r' into '\n'.
p = subprocess.run([discosim, "run", cfg, elf, "--progress", "on", "--max-insns", "300000000"],
                   capture_output=True, timeout=600)
stderr = p.stderr.decode()
lines = [l.strip() for l in stderr.split("\r") if l.strip()]
matches = [pattern.fullmatch(l) for l in lines]
if p.returncode != 124 or not lines or not all(matches):
    failures.append(f"exit {p.returncode}, progress lines {lines[:3]!r}")
else:
    insns = [int(m.group(2)) for m in matches]
    if insns != sorted(insns) or not all(0 < n <= 300_000_000 for n in insns):
        failures.append(f"instruction counts {insns}")
    if not stderr.endswith("\n"):
        failures.append("the progress line is not ended by a newline")

q = subprocess.run([discosim, "run", cfg, elf, "--max-insns", "300000000"], capture_output=True, text=True,
                   timeout=600)
if "simulated" in q.stderr:
    failures.append("progress printed although stderr is not a terminal")

for f in failures:
    print("FAIL:", f)
print(f"{2 - min(len(failures), 2)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
