#!/usr/bin/python3
"""demo_test.py - the demo boots on the simulated machine and prints what the
same program prints on QEMU's Malta board (an implementation we did not
write), and its statistics JSON is well formed.

Usage: demo_test.py <discosim> <demo.toml> <hello.elf> <hello-malta.elf> <qemu-system-mips64>
"""
import json
import os
import subprocess
import sys
import tempfile

discosim, cfg, hello, hello_malta, qemu = sys.argv[1:6]
failures = []

with tempfile.TemporaryDirectory() as tmp:
    stats_path = os.path.join(tmp, "stats.json")
    ours = subprocess.run([discosim, "run", cfg, hello, "--stats-json", stats_path],
                          capture_output=True, timeout=120)
    if ours.returncode != 0:
        failures.append(f"discosim exit {ours.returncode}: {ours.stderr!r}")
    theirs = subprocess.run([qemu, "-M", "malta", "-cpu", "VR5432", "-m", "64", "-nographic", "-nic", "none",
                             "-vga", "none", "-no-reboot", "-semihosting", "-kernel", hello_malta],
                            capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
    if theirs.returncode != 0:
        failures.append(f"qemu exit {theirs.returncode}: {theirs.stderr!r}")
    # Malta's UART turns \n into \r\n on the terminal side.
    qemu_out = theirs.stdout.replace(b"\r\n", b"\n")
    if ours.stdout != qemu_out:
        failures.append(f"output differs:\n--- discosim\n{ours.stdout.decode(errors='replace')}"
                        f"--- qemu\n{qemu_out.decode(errors='replace')}")
    if b"Hello from a MIPS R10000" not in ours.stdout:
        failures.append("greeting missing")

    stats = json.load(open(stats_path))
    if stats.get("schema") != "discosim-stats/2":
        failures.append(f"schema {stats.get('schema')!r}")
    insns = stats["cpus"][0]["instructions"]
    if not (1_000_000 < insns < 50_000_000) or stats["total_instructions"] != insns:
        failures.append(f"implausible instruction count {insns}")
    if stats["exit_code"] != 0 or "software exit" not in stats["end_reason"]:
        failures.append(f"end {stats['end_reason']!r} code {stats['exit_code']}")

    # Determinism: a second run retires exactly the same number of instructions.
    again_path = os.path.join(tmp, "again.json")
    subprocess.run([discosim, "run", cfg, hello, "--stats-json", again_path], capture_output=True, timeout=120)
    if json.load(open(again_path))["total_instructions"] != insns:
        failures.append("instruction count differs between two identical runs")

for f in failures:
    print("FAIL:", f)
print(f"{4 - min(len(failures), 4)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
