#!/usr/bin/python3
"""determinism.py - the same `discosim guest` run twice gives identical
output, exit status and --stats-json (host_seconds, the one host-dependent
field, removed; the root image at the same path both times).  Runs use several CPUs, so the interleaving of CPUs, the
kernel's scheduling, its locks and the disk's interrupts must all replay
exactly.

usage: determinism.py --discosim D [--guest-opt OPT]... PROGRAM [ARG...]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def strip(d):
    if isinstance(d, dict):
        return {k: strip(v) for k, v in d.items() if k != "host_seconds"}
    if isinstance(d, list):
        return [strip(v) for v in d]
    return d


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--discosim", required=True)
    ap.add_argument("--guest-opt", action="append", default=[])
    ap.add_argument("program")
    ap.add_argument("args", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    runs = []
    with tempfile.TemporaryDirectory(prefix="guest-det-") as tmp:
        for i in range(2):
            stats = os.path.join(tmp, f"s{i}.json")
            # the same --image path both times: the statistics echo the machine
            # description, disk paths included (the image is rebuilt each run)
            cmd = [a.discosim, "guest", "--progress", "off", "--stats-json", stats,
                   "--image", os.path.join(tmp, "root.img")] + a.guest_opt
            cmd += [a.program] + a.args
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                               timeout=600)
            with open(stats) as f:
                runs.append((p.stdout, p.returncode, strip(json.load(f))))
    (o1, r1, s1), (o2, r2, s2) = runs
    ok = True
    if o1 != o2 or r1 != r2:
        print(f"FAIL: output or status differ (status {r1} vs {r2})")
        ok = False
    if s1 != s2:
        j1, j2 = json.dumps(s1, indent=1, sort_keys=True).splitlines(), json.dumps(s2, indent=1, sort_keys=True).splitlines()
        diffs = [f"   {x!r} vs {y!r}" for x, y in zip(j1, j2) if x != y][:10]
        print("FAIL: --stats-json differs:\n" + "\n".join(diffs))
        ok = False
    print(f"{'ok' if ok else 'FAIL'}: status {r1}, {len(o1)} bytes of output, {s1.get('total_instructions')} instructions, "
          f"{len(s1.get('cpus', []))} CPUs")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
