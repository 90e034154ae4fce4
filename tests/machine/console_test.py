#!/usr/bin/python3
"""console_test.py - console input reaches the guest from a file, and the
UART's receive interrupt line follows IER and the input queue.

Usage: console_test.py <discosim> <demo.toml> <console_echo.elf>
"""
import os
import subprocess
import sys
import tempfile

discosim, cfg, elf = sys.argv[1:4]
failures = []
with tempfile.TemporaryDirectory() as tmp:
    inp = os.path.join(tmp, "in.txt")
    open(inp, "wb").write(b"hello, mips\nsecond line\n")
    p = subprocess.run([discosim, "run", cfg, elf, "--console-input", inp], capture_output=True, timeout=60)
    want = b"IP4 0/1/0\nHELLO, MIPS\nSECOND LINE\n[24 bytes]\n"
    if p.returncode != 0 or p.stdout != want:
        failures.append(f"with input: exit {p.returncode}, {p.stdout!r}")
    p = subprocess.run([discosim, "run", cfg, elf], capture_output=True, timeout=60)
    if p.returncode != 0 or p.stdout != b"IP4 0/0/0\n[0 bytes]\n":
        failures.append(f"without input: exit {p.returncode}, {p.stdout!r}")
    p = subprocess.run([discosim, "run", cfg, elf, "--console-input", os.path.join(tmp, "nope")],
                       capture_output=True, text=True, timeout=60)
    if p.returncode == 0 or "cannot open console input" not in p.stderr:
        failures.append(f"missing input file: exit {p.returncode}, {p.stderr!r}")
for f in failures:
    print("FAIL:", f)
print(f"{3 - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
