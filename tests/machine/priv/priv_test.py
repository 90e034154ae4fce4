#!/usr/bin/python3
"""priv_test.py - runs one privileged-architecture test program on discosim
and on QEMU's Malta (-cpu VR5432), and requires both to pass every check
they ran: exit status 0, no "not ok" line, and the same set of checks
executed except those one side reports as "skip" (an R10000 rule the
VR5432 does not follow, or a board difference; docs/privileged.md).

With --cpu-model timing, discosim runs the program under the timing CPU
model (caches and stalls); the checks are the same, architecture does not
depend on the model.

Usage: priv_test.py <discosim> <config.toml> <t.elf> <t-malta.elf> <qemu-system-mips64>
                    [--cpu-model functional|timing]
"""
import argparse
import subprocess
import sys

ap = argparse.ArgumentParser()
for name in ("discosim", "cfg", "elf", "elf_malta", "qemu"):
    ap.add_argument(name)
ap.add_argument("--cpu-model", choices=["functional", "timing"])
args = ap.parse_args()
discosim, cfg, elf, elf_malta, qemu = args.discosim, args.cfg, args.elf, args.elf_malta, args.qemu
model = ["--cpu-model", args.cpu_model] if args.cpu_model else []


def parse(out):
    res = {}
    for line in out.splitlines():
        for tag in ("ok - ", "not ok - ", "skip - "):
            if line.startswith(tag):
                name = line[len(tag):]
                if tag != "skip - " and ": got" in name:
                    name = name.split(": got")[0]
                if tag == "skip - ":
                    name = name.split(" -- ")[0]
                res[name] = tag.split(" -")[0]
                break
    return res


failures = []
ours = subprocess.run([discosim, "run", cfg, elf] + model, capture_output=True, text=True, timeout=100)
theirs = subprocess.run([qemu, "-M", "malta", "-cpu", "VR5432", "-m", "64", "-nographic", "-nic", "none",
                         "-vga", "none", "-no-reboot", "-semihosting",
                         # Count follows QEMU's virtual clock; -icount ties that clock to
                         # instructions, so timer checks do not depend on host load.
                         "-icount", "shift=0,sleep=off", "-kernel", elf_malta],
                        capture_output=True, text=True, timeout=100, stdin=subprocess.DEVNULL)
qemu_out = theirs.stdout.replace("\r\n", "\n")
for who, proc, out in (("discosim", ours, ours.stdout), ("qemu", theirs, qemu_out)):
    if proc.returncode != 0:
        failures.append(f"{who} exit {proc.returncode}; stderr {proc.stderr.strip()!r}")
    for line in out.splitlines():
        if line.startswith("not ok"):
            failures.append(f"{who}: {line}")
a, b = parse(ours.stdout), parse(qemu_out)
if not a:
    failures.append("discosim ran no checks")
skips = [n for n, v in list(a.items()) + list(b.items()) if v == "skip"]
for name in sorted(set(a) | set(b)):
    if any(name.startswith(s) for s in skips):
        continue
    if name not in a or name not in b:
        failures.append(f"check '{name}' ran only on {'discosim' if name in a else 'qemu'}")
skipped = sum(1 for v in b.values() if v == "skip") + sum(1 for v in a.values() if v == "skip")
for f in failures:
    print("FAIL:", f)
print(f"{len(a)} checks on discosim, {len(b)} on qemu ({skipped} skipped as R10000/board-specific), "
      f"{len(failures)} failures")
sys.exit(1 if failures else 0)
