#!/usr/bin/python3
"""harness_test.py - the differential harness itself is trustworthy: a
sequence of zero instructions, run under the reference (QEMU) and, when it
exists, under `discosim user`, must print back exactly the initial state the
generator chose (every GPR, HI/LO, FCSR, all FPRs, the scratch memory), one
record per sequence, in order, and exit with status 0.

Usage: harness_test.py <list-rows> [<discosim>]
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import program  # noqa: E402
import rows as R  # noqa: E402
import sequence  # noqa: E402
from diffgen import run_one  # noqa: E402

list_rows = os.path.abspath(sys.argv[1])
cmds = {"qemu": ["qemu-mips64", "-cpu", "VR5432"]}
if len(sys.argv) > 2 and subprocess.run([sys.argv[2], "user", "--help"], capture_output=True).returncode == 0:
    cmds["discosim"] = [os.path.abspath(sys.argv[2]), "user", "--isa", "mips4"]
names = {r.name for r in R.load_rows(list_rows)}
table = sequence.make_table(R.load_rows(list_rows))
failures = []
for who, cmd in cmds.items():
    # The FPU part of the harness needs LDC1/SDC1/CTC1/CFC1; QEMU always has them.
    fpu = who == "qemu" or {"ldc1", "sdc1", "ctc1", "cfc1"} <= names
    seqs = [sequence.Sequence(7, i, table, 0, fpu) for i in range(30)]
    with tempfile.TemporaryDirectory() as tmp:
        elf = os.path.join(tmp, "identity.elf")
        program.build(elf, seqs, fpu)
        os.chmod(elf, 0o755)
        out, end = run_one(cmd, elf, 60)
    recs, rest = program.split_records(out)
    if end != "exit 0" or len(recs) != len(seqs) or rest:
        failures.append(f"{who}: {end}, {len(recs)} records + {len(rest)} bytes (want exit 0, {len(seqs)} records)")
        continue
    for s, rec in zip(seqs, recs):
        got, want = program.State(rec), program.State(program._table(s))
        if got.index != s.index:
            failures.append(f"{who}: record for sequence {s.index} carries index {got.index}")
        for (name, g), (_, w) in zip(got.fields(), want.fields()):
            if g != w:
                failures.append(f"{who}: sequence {s.index} {name}: got {g:#x}, initial {w:#x}")
for f in failures[:20]:
    print(f)
print(f"harness identity: {', '.join(cmds)}: {'FAIL' if failures else 'ok'}")
sys.exit(1 if failures else 0)
