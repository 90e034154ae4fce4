#!/usr/bin/python3
"""configs_test.py - every machine description shipped in configs/ loads and
boots the multiprocessor demo to its end, every CPU of the machine printing.

Usage: configs_test.py <discosim> <configs dir> <mp_hello.elf>
"""
import glob
import os
import re
import subprocess
import sys

discosim, configs, elf = sys.argv[1:4]
failures = []
files = sorted(glob.glob(os.path.join(configs, "*.toml")))
for cfg in files:
    text = open(cfg).read()
    nodes = int(re.search(r"^nodes\s*=\s*(\d+)", text, re.M).group(1))
    per = int(re.search(r"^cpus_per_node\s*=\s*(\d+)", text, re.M).group(1))
    p = subprocess.run([discosim, "run", cfg, elf], capture_output=True, text=True, timeout=120)
    cpus = set(re.findall(r"cpu (\d+)", p.stdout))
    if p.returncode != 0 or p.stderr or len(cpus) != nodes * per:
        failures.append(f"{os.path.basename(cfg)}: exit {p.returncode}, {len(cpus)} of {nodes * per} CPUs printed, "
                        f"stderr {p.stderr.strip()[:200]!r}")
for f in failures:
    print("FAIL:", f)
print(f"{len(files) - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures or not files else 0)
