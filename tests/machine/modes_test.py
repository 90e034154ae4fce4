#!/usr/bin/python3
"""modes_test.py - the statistics split time by CPU mode (kernel, supervisor,
user, idle), as SimOS did for the Disco paper.

modes.elf runs 200 user-mode and 300 supervisor-mode snippets and then idles
for ~100000 cycles on the timer.  Checks: every busy cycle is charged to
exactly one mode (kernel + supervisor + user = instructions + exceptions);
user and supervisor time are non-zero with supervisor > user (more
snippets); idle time covers the timer wait; and a checkpoint taken mid-run
does not change the final split.

Usage: modes_test.py <discosim> <demo.toml> <modes.elf>
"""
import json
import os
import subprocess
import sys
import tempfile

discosim, cfg, elf = sys.argv[1:4]
failures = []
with tempfile.TemporaryDirectory() as tmp:
    js = os.path.join(tmp, "s.json")
    p = subprocess.run([discosim, "run", cfg, elf, "--stats-json", js], capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        failures.append(f"exit {p.returncode}: {p.stdout[-300:]} {p.stderr}")
    else:
        c = json.load(open(js))["cpus"][0]
        cyc, insns, excs = c["cycles"], c["instructions"], sum(c["exceptions"].values())
        if cyc["kernel"] + cyc["supervisor"] + cyc["user"] != insns + excs:
            failures.append(f"busy cycles {cyc} do not add up to {insns} + {excs}")
        if not (0 < cyc["user"] < cyc["supervisor"]):
            failures.append(f"user/supervisor split wrong: {cyc}")
        if not (90000 <= cyc["idle"] <= 110000):
            failures.append(f"idle {cyc['idle']} is not the ~100000-cycle timer wait")
        ckpt = os.path.join(tmp, "c")
        js2 = os.path.join(tmp, "s2.json")
        subprocess.run([discosim, "run", cfg, elf, "--checkpoint-at", str(insns // 2), "--checkpoint", ckpt,
                        "--stop-at-checkpoint"], capture_output=True, timeout=60)
        subprocess.run([discosim, "resume", cfg, ckpt, "--stats-json", js2], capture_output=True, timeout=60)
        if json.load(open(js2))["cpus"][0]["cycles"] != cyc:
            failures.append("time by mode differs after a checkpoint/restore")
for f in failures:
    print("FAIL:", f)
print(f"{4 - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
