#!/usr/bin/python3
"""breakdown_test.py - experiments/breakdown.py turns statistics JSON into the
time-breakdown table and a PNG figure.

Two hand-made statistics files with known cycles (two CPUs; the second run
twice as long) must give the shares and the relative time computed by hand,
and a real PNG; a file of another schema is refused with one line.

Usage: breakdown_test.py <breakdown.py>
"""
import json
import os
import subprocess
import sys
import tempfile

script = sys.argv[1]
failures = []


def stats(cpus):
    return {"schema": "discosim-stats/2", "cpus": [{"id": k, "cycles": c} for k, c in enumerate(cpus)]}


with tempfile.TemporaryDirectory() as tmp:
    a, b, bad, png = (os.path.join(tmp, n) for n in ("a.json", "b.json", "bad.json", "f.png"))
    json.dump(stats([{"kernel": 300, "supervisor": 100, "user": 100, "idle": 0},
                     {"kernel": 100, "supervisor": 100, "user": 200, "idle": 0}]), open(a, "w"))
    json.dump(stats([{"kernel": 1000, "supervisor": 0, "user": 400, "idle": 200},
                     {"kernel": 0, "supervisor": 0, "user": 0, "idle": 0}]), open(b, "w"))
    json.dump({"schema": "other"}, open(bad, "w"))
    p = subprocess.run(["/usr/bin/python3", script, a, b, "--labels", "bare,disco", "--png", png],
                       capture_output=True, text=True, timeout=120)
    lines = p.stdout.splitlines()
    want_bare = ["bare", "900", "1.000", "44.4%", "22.2%", "33.3%", "0.0%"]
    want_disco = ["disco", "1600", "1.778", "62.5%", "0.0%", "25.0%", "12.5%"]
    if p.returncode != 0 or len(lines) < 3 or lines[1].split() != want_bare or lines[2].split() != want_disco:
        failures.append(f"table: exit {p.returncode}, {lines}, {p.stderr}")
    if not os.path.exists(png) or open(png, "rb").read(8) != b"\x89PNG\r\n\x1a\n":
        failures.append("no PNG figure written")
    q = subprocess.run(["/usr/bin/python3", script, bad], capture_output=True, text=True, timeout=60)
    if q.returncode == 0 or "not a discosim-stats/2 file" not in q.stderr:
        failures.append(f"foreign file accepted: {q.returncode} {q.stderr!r}")

for f in failures:
    print("FAIL:", f)
print(f"{2 - min(len(failures), 2)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
