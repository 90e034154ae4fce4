#!/usr/bin/python3
"""mix_test.py - the instruction mix (statistics per instruction-table row).

Runs the demo with --insn-mix and checks:
  * the mix adds up to exactly the instructions retired (no exceptions here);
  * every name in it is a row of the instruction table (list-rows);
  * the number of SB executions equals what the program must do, derived
    independently in Python: one store per composite mark of the sieve of
    Eratosthenes below 100000, one per console character (the UART's THR is
    written with sb), and one per decimal/hex digit rt_printf formats into
    its digit buffer (it writes them with sb before emitting them);
  * counting the mix does not change the run (same instruction count).

Usage: mix_test.py <discosim> <demo.toml> <hello.elf> <list-rows>
"""
import json
import os
import subprocess
import sys
import tempfile

discosim, cfg, hello, list_rows = sys.argv[1:5]
failures = []
rows = {r["name"] for r in json.loads(subprocess.run([list_rows], capture_output=True, text=True).stdout)}

with tempfile.TemporaryDirectory() as tmp:
    plain, mixed = os.path.join(tmp, "a.json"), os.path.join(tmp, "b.json")
    p = subprocess.run([discosim, "run", cfg, hello, "--stats-json", plain], capture_output=True, timeout=60)
    q = subprocess.run([discosim, "run", cfg, hello, "--insn-mix", "--stats-json", mixed], capture_output=True,
                       timeout=60)
    a, b = json.load(open(plain)), json.load(open(mixed))
    mix = b.get("instruction_mix", {})
    if "instruction_mix" in a:
        failures.append("mix reported without --insn-mix")
    if sum(mix.values()) != b["total_instructions"]:
        failures.append(f"mix sums to {sum(mix.values())}, not {b['total_instructions']}")
    if a["total_instructions"] != b["total_instructions"] or p.stdout != q.stdout:
        failures.append("counting the mix changed the run")
    unknown = set(mix) - rows
    if unknown:
        failures.append(f"names not in the table: {sorted(unknown)}")

    limit = 100000
    composite = bytearray(limit)
    marks = 0
    for i in range(2, limit):
        if not composite[i]:
            for j in range(2 * i, limit, i):
                composite[j] = 1
                marks += 1
    out = q.stdout.decode()
    digits = len("9592") + len("2880067194370816120") + len("27f80ddaa1ba7878") + len("8")
    expected_sb = marks + len(out) + digits
    if mix.get("sb") != expected_sb:
        failures.append(f"sb executed {mix.get('sb')} times, expected {expected_sb} "
                        f"({marks} sieve marks + {len(out)} characters + {digits} digits)")

for f in failures:
    print("FAIL:", f)
print(f"{1 if not failures else 0} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
