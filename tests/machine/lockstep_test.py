#!/usr/bin/python3
"""lockstep_test.py - the timing model against the functional one, instruction
by instruction (sim/lockstep.h).

Every machine program here runs in the timing model with --lockstep: the run
must end as it does without the checker (same exit status), and the checker
must have compared instructions and found no difference.  Then the checker
itself is tested: a bit flipped in the checker's copy of the first
instruction must be reported at instruction 1, and one flipped in memory no
one uses must be reported by the final memory comparison - both with exit
status 3.

Usage: lockstep_test.py <discosim> <configs dir> <entry-pa> <prog.elf:config>...
"""
import re
import subprocess
import sys

discosim, configs, entry_pa = sys.argv[1], sys.argv[2], int(sys.argv[3], 0)
programs = [a.rsplit(":", 1) for a in sys.argv[4:]]
failures = []
checked = re.compile(r"lockstep: (\d+) instructions checked, no difference")


def run(cfg, elf, *extra):
    return subprocess.run([discosim, "run", f"{configs}/{cfg}.toml", elf, "--cpu-model", "timing", *extra],
                          capture_output=True, text=True, timeout=300)


for elf, cfg in programs:
    plain = run(cfg, elf)
    locked = run(cfg, elf, "--lockstep")
    m = checked.search(locked.stderr)
    if locked.returncode != plain.returncode or not m or int(m.group(1)) < 1000:
        failures.append(f"{elf} on {cfg}: exit {locked.returncode} (plain run {plain.returncode}), "
                        f"stderr {locked.stderr.strip()[-300:]!r}")
    elif locked.stdout != plain.stdout:
        failures.append(f"{elf} on {cfg}: console output differs with the checker attached")

elf, cfg = programs[0]
q = run(cfg, elf, "--lockstep", "--lockstep-inject", hex(entry_pa + 3))
if q.returncode != 3 or "cpu 0 diverged after instruction 1 " not in q.stderr:
    failures.append(f"fault in the first instruction: exit {q.returncode}, {q.stderr.strip()[-300:]!r}")
# ... followed by the commit records (sim/debug/commit_record.h) of that instruction in both models
elif not re.search(r"main model: +cpu0 cycle=0 k [0-9a-f]{16}: ", q.stderr) or \
        not re.search(r"functional checker: +cpu0 cycle=0 k [0-9a-f]{16}: ", q.stderr):
    failures.append(f"no commit records after the difference: {q.stderr.strip()[-500:]!r}")
q = run(cfg, elf, "--lockstep", "--lockstep-inject", "0x3000000")
if q.returncode != 3 or "memory differs at physical 0x3000000" not in q.stderr:
    failures.append(f"fault in unused memory: exit {q.returncode}, {q.stderr.strip()[-300:]!r}")

for f in failures:
    print("FAIL:", f)
total = len(programs) + 2
print(f"{total - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
