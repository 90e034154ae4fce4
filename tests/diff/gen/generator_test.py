#!/usr/bin/python3
"""generator_test.py - the random generator keeps the promises the
differential test relies on, checked on 2000 sequences without running them:
  * a sequence is a pure function of (seed, index);
  * every word it emits decodes to a table row (no accidental reserved words);
  * every branch/jump lands forward on a block boundary inside the sequence
    or on its end, and no branch or jump sits in a delay slot;
  * no instruction names the base register in a destination field.

Usage: generator_test.py <list-rows>
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rows as R  # noqa: E402
import sequence  # noqa: E402

rows = R.load_rows(os.path.abspath(sys.argv[1]))
table = sequence.make_table(rows)
failures = []


def decode(word):
    hits = [r for r in rows if word & r.mask == r.match]
    return max(hits, key=lambda r: bin(r.mask).count("1")) if hits else None


def dest_fields(row, word):
    """GPRs the row writes: the first GPR operand unless it only reads."""
    if row.flags & {"branch", "store", "trap"} or row.name in ("jr", "mthi", "mtlo", "mtc1", "dmtc1", "ctc1"):
        return set()
    letters = [a for a in row.operand_letters() if a in R.GPR_FIELD]
    return {(word >> R.GPR_FIELD[letters[0]]) & 31} if letters else set()


ADDR = 0x400000
for i in range(2000):
    a = sequence.Sequence(3, i, table, 16, True)
    b = sequence.Sequence(3, i, table, 16, True)
    words = a.layout(ADDR)
    if words != b.layout(ADDR) or a.gpr != b.gpr or a.fpr != b.fpr or a.scratch != b.scratch:
        failures.append(f"sequence {i}: not a function of (seed, index)")
    starts, pc = set(), ADDR
    for blk in a.blocks:
        starts.add(pc)
        pc += 4 * len(blk.words)
    starts.add(pc)
    end = pc
    prev_cti = False
    for k, w in enumerate(words):
        row = decode(w)
        here = ADDR + 4 * k
        if row is None:
            failures.append(f"sequence {i}: word {w:#010x} at {here:#x} decodes to no row")
            continue
        cti = bool(row.flags & {"branch", "jump"})
        if cti and prev_cti:
            failures.append(f"sequence {i}: {row.name} at {here:#x} sits in a delay slot")
        prev_cti = cti
        if a.base in dest_fields(row, w):
            failures.append(f"sequence {i}: {row.name} at {here:#x} writes the base register r{a.base}")
        if "branch" in row.flags:
            target = here + 4 + (R.put(0, 0, 16, w & 0xffff) - ((w & 0x8000) << 1)) * 4
            if target not in starts or target <= here or target > end:
                failures.append(f"sequence {i}: {row.name} at {here:#x} targets {target:#x}")
        if row.name in ("j", "jal"):
            target = (here + 4) & ~0x0fffffff | (w & 0x3ffffff) << 2
            if target not in starts or target <= here:
                failures.append(f"sequence {i}: {row.name} at {here:#x} targets {target:#x}")
for f in failures[:20]:
    print(f)
print(f"generator: 2000 sequences, {len(failures)} problem(s)")
sys.exit(1 if failures else 0)
