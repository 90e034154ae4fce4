#!/usr/bin/python3
"""switch_test.py - switching from the functional to the timing model at an
instruction count (--timing-at-insns, [run] timing_at_instructions) and
--warm-caches.

compute-bare runs 2,000,000 instruction slots on the one-CPU demo machine:
  * functional throughout: no stall cycles, no misses, no switch recorded;
  * switching at 1,000,000: the switch is recorded at the first quantum
    boundary at or after it (within one quantum of 1,000 cycles), there are
    stalls, and every cycle is an instruction or a stall;
  * the same switch with warm caches: fewer instruction-fetch stall cycles
    in the timed part than when the caches start cold, and the caches' miss counts
    cover the functional part too (more L1 D misses in all);
  * both switched runs print what the functional run printed.

Usage: switch_test.py <discosim> <demo.toml> <compute-bare.elf>
"""
import json
import os
import subprocess
import sys
import tempfile

discosim, cfg, elf = sys.argv[1:4]
failures = []
LIMIT, AT = 2_000_000, 1_000_000


def run(*extra):
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "s.json")
        p = subprocess.run([discosim, "run", cfg, elf, "--max-insns", str(LIMIT), "--stats-json", out, *extra],
                           capture_output=True, text=True, timeout=120)
        if p.returncode != 124:
            failures.append(f"{extra}: exit {p.returncode}: {p.stderr.strip()[-200:]}")
            return None, p.stdout
        return json.load(open(out)), p.stdout


def total(s, *path):
    t = 0
    for c in s["cpus"]:
        v = c
        for k in path:
            v = v[k]
        t += v
    return t


f, f_out = run()
cold, cold_out = run("--timing-at-insns", str(AT))
warm, warm_out = run("--timing-at-insns", str(AT), "--warm-caches")
if f and cold and warm:
    if f["switched_to_timing_at"] is not None or total(f, "stall_cycles", "total") or total(f, "memory", "l1d_misses"):
        failures.append("the functional run switched, stalled or counted misses")
    for name, s in (("cold", cold), ("warm", warm)):
        at = s["switched_to_timing_at"]
        if s["cpu_model"] != "timing" or at is None or not AT <= at < AT + 1000:
            failures.append(f"{name}: switch recorded at {at}, model {s['cpu_model']}")
        c = s["cpus"][0]
        busy = c["cycles"]["kernel"] + c["cycles"]["supervisor"] + c["cycles"]["user"]
        slots = c["instructions"] + sum(c["exceptions"].values())
        if c["stall_cycles"]["total"] <= 0 or busy != slots + c["stall_cycles"]["total"]:
            failures.append(f"{name}: busy cycles {busy} != slots {slots} + stalls {c['stall_cycles']['total']}")
    w_inst, c_inst = (sum(s["cpus"][0]["stall_cycles"]["instruction"].values()) for s in (warm, cold))
    if not w_inst < c_inst:
        failures.append(f"warm caches did not make the timed part stall less on fetches ({w_inst} vs {c_inst})")
    if not warm["cpus"][0]["memory"]["l1d_misses"] > cold["cpus"][0]["memory"]["l1d_misses"]:
        failures.append("warm caches did not count the functional part's misses")
    if not (f_out == cold_out == warm_out):
        failures.append("the switched runs printed something else")

for x in failures:
    print("FAIL:", x)
print(f"{5 - min(len(failures), 5)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
