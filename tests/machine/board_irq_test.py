#!/usr/bin/python3
"""board_irq_test.py - runs board_irq.elf on a two-node machine with a disk
whose sector 1 is filled with 0xA1, and requires every check to pass.

Usage: board_irq_test.py <discosim> <board_irq.elf>
"""
import os
import subprocess
import sys
import tempfile

discosim, elf = sys.argv[1:3]
with tempfile.TemporaryDirectory() as tmp:
    open(os.path.join(tmp, "d.img"), "wb").write(bytes(512) + bytes([0xA1]) * 512 + bytes(512 * 6))
    cfg = os.path.join(tmp, "m.toml")
    open(cfg, "w").write('[machine]\nnodes = 2\ncpus_per_node = 1\nmemory_per_node = "16M"\nclock_mhz = 200\n'
                         '[disk_timing]\ncommand_us = 1000\nmb_per_s = 10\n[[disk]]\nimage = "d.img"\n'
                         '[run]\nmax_instructions = 20000000\n')
    p = subprocess.run([discosim, "run", cfg, elf], capture_output=True, text=True, timeout=120)
lines = p.stdout.splitlines()
ok = [l for l in lines if l.startswith("ok - ")]
bad = [l for l in lines if not l.startswith("ok - ")]
for l in bad:
    print("FAIL:", l)
if p.returncode != 0 or not ok:
    print(f"FAIL: exit {p.returncode}, stderr {p.stderr!r}")
    bad.append("exit")
print(f"{len(ok)} passed, {len(bad)} failed")
sys.exit(1 if bad else 0)
