#!/usr/bin/python3
"""disasm_vs_objdump.py - every instruction-table row disassembles exactly as
binutils' objdump prints it.

The hazard: a row whose operand string (or the disassembler) is wrong shows
the student a different instruction from the one the simulator executes, and
nobody notices because the simulator's own output looks plausible.

For every row of the table (enumerated at test time by tests/tools/isa_rows,
so rows added later are covered without editing this file) the test builds
several encodings: the row's match word, match with every free bit set, and
random values in the free fields.  The words go into two stripped ELF
executables, one marked MIPS IV (the R10000, as the project builds its
kernels) and one marked MIPS64 Release 2 (the user-mode runner's level).  Both
are disassembled by `discosim disasm` and by
`mips64-linux-gnuabi64-objdump -d -M no-aliases`; every line (address, word,
instruction text) must be identical.  In the MIPS IV image the Release 2 rows
must come out as `.word`, as objdump prints them.

The test fails if any row ends up with no compared encoding.

A second phase disassembles 100,000 uniformly random words the same way.
objdump is lenient (it knows coprocessor 2, MIPS16 JALX and generic "c0"/"c1"
coprocessor operations the R10000 lacks), so "decoded iff objdump decodes it"
is too strong.  What is meaningful, and required:
  * no word that the simulator decodes is unknown to objdump (a mask too
    loose: the simulator would execute a word that is not an instruction);
  * where both decode, the text is identical (covers field values the
    per-row phase did not draw);
  * in the MIPS IV image, every word objdump decodes and the simulator does
    not belongs to one of the mnemonics in NOT_R10000 below (a mask too
    strict or a missing row shows up as any other mnemonic).

A third phase lists whole compiler-built programs (--program, unstripped),
where objdump also annotates targets with symbols ("<f+0x10>") and folds
runs of zero words into "..."; the listings must be identical line by line.

Usage: disasm_vs_objdump.py --discosim D --rows R --clang C --ld L --objdump O
                            [--per-row N] [--random N] [--seed S] [--keep DIR]
                            [--program ELF ...]
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile

BASE = 0xFFFFFFFF80100000  # kseg0 + 1 MiB, as the project links its programs
LINE = re.compile(r"^\s*([0-9a-f]+):\t([0-9a-f]{8}) \t(.*)$")

# Rows whose free fields have combinations objdump cannot print faithfully.
# Empty today: every free-field value of every row is exercised.  Add an
# entry {name: function(word) -> bool} only with a comment citing the manual.
SENSIBLE = {}

# What objdump decodes for a MIPS IV image that the R10000 does not have:
# JALX (MIPS16 interlinking); everything of coprocessor 2, which the R10000
# does not have; CFC0/CTC0 (CP0 has no control registers on the R10000); and
# the generic coprocessor operations objdump prints as "c0"/"c1"/"c2 <code>"
# (CP0/CP1 function codes no row defines: Reserved Instruction).
NOT_R10000 = {"jalx", "lwc2", "swc2", "ldc2", "sdc2", "mfc2", "mtc2", "dmfc2", "dmtc2",
              "cfc2", "ctc2", "bc2f", "bc2t", "bc2fl", "bc2tl", "cfc0", "ctc0",
              "c0", "c1", "c2"}


def encodings(row, rng, per_row):
    """The words tried for `row`: match, match with all free bits, randoms."""
    free = ~row["mask"] & 0xFFFFFFFF
    words = [row["match"], row["match"] | free]
    words += [row["match"] | (rng.getrandbits(32) & free) for _ in range(per_row)]
    ok = SENSIBLE.get(row["name"], lambda w: True)
    seen, out = set(), []
    for w in words:
        if w not in seen and ok(w):
            seen.add(w)
            out.append(w)
    return out


def build_elf(tmp, tag, words, march, clang, ld):
    src = os.path.join(tmp, f"{tag}.S")
    obj = os.path.join(tmp, f"{tag}.o")
    elf = os.path.join(tmp, f"{tag}.elf")
    with open(src, "w") as f:
        f.write("\t.text\n\t.globl __start\n__start:\n")
        f.writelines(f"\t.word 0x{w:08x}\n" for w in words)
    subprocess.run([clang, "--target=mips64-unknown-elf", f"-march={march}", "-mabi=64",
                    "-fno-pic", "-mno-abicalls", "-c", src, "-o", obj], check=True)
    # Stripped: objdump then prints branch targets as plain addresses.
    subprocess.run([ld, "-s", f"-Ttext=0x{BASE:x}", "-e", "__start", obj, "-o", elf], check=True)
    return elf


def listing(cmd):
    """Instruction lines of a disassembly as {address: (word, text)}."""
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: exit {p.returncode}: {p.stderr.strip()}")
    out = {}
    for line in p.stdout.splitlines():
        m = LINE.match(line)
        if m:
            out[int(m.group(1), 16)] = (m.group(2), m.group(3).rstrip())
    return out


def random_phase(args, tmp, rng):
    """Uniformly random words: the simulator's decoder against objdump's."""
    failures = []
    words = [rng.getrandbits(32) for _ in range(args.random)]
    for march in ("mips4", "mips64r2"):
        elf = build_elf(tmp, f"random-{march}", words, march, args.clang, args.ld)
        ours = listing([args.discosim, "disasm", elf])
        ref = listing([args.objdump, "-d", "-M", "no-aliases", elf])
        for k, w in enumerate(words):
            addr = BASE + 4 * k
            o, r = ours.get(addr, ("", "(no line)"))[1], ref.get(addr, ("", "(no line)"))[1]
            o_known = not o.startswith(".word")
            r_known = not r.startswith(".word") and "(bad)" not in r
            if o_known and not r_known:
                failures.append(f"[{march}] random 0x{w:08x}: discosim decodes {o!r}, objdump does not")
            elif o_known and o != r:
                failures.append(f"[{march}] random 0x{w:08x}: discosim {o!r} objdump {r!r}")
            elif (not o_known and r_known and march == "mips4"
                  and r.split("\t")[0] not in NOT_R10000):
                failures.append(f"[{march}] random 0x{w:08x}: objdump decodes {r!r}, discosim does not")
    return failures


def program_phase(args):
    """Real programs with symbols: whole listings, in order."""
    failures = []
    keep = re.compile(r"^\s*([0-9a-f]+:\t.*|\.\.\.)$")

    def lines(cmd):
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        if p.returncode != 0:
            sys.exit(f"{' '.join(cmd)}: exit {p.returncode}: {p.stderr.strip()}")
        return [l.strip() for l in p.stdout.splitlines() if keep.match(l)]

    for elf in args.program or []:
        ours = lines([args.discosim, "disasm", elf])
        ref = lines([args.objdump, "-d", "-M", "no-aliases", elf])
        if not ref:
            failures.append(f"{elf}: objdump listed nothing")
        for k, (o, r) in enumerate(zip(ours, ref)):
            if o != r:
                failures.append(f"{os.path.basename(elf)} line {k}: discosim {o!r} objdump {r!r}")
                break  # later lines are shifted; the first difference says it
        if len(ours) != len(ref):
            failures.append(f"{os.path.basename(elf)}: {len(ours)} lines, objdump {len(ref)}")
    return failures


def main():
    ap = argparse.ArgumentParser()
    for opt in ("discosim", "rows", "clang", "ld", "objdump"):
        ap.add_argument(f"--{opt}", required=True)
    ap.add_argument("--per-row", type=int, default=6, help="random encodings per row")
    ap.add_argument("--random", type=int, default=100000, help="uniformly random words")
    ap.add_argument("--seed", type=int, default=int(os.environ.get("DISCOSIM_ISA_SEED", "1997")))
    ap.add_argument("--program", action="append", help="a compiler-built ELF to list whole")
    ap.add_argument("--keep", help="directory to keep the generated files in")
    args = ap.parse_args()

    rows = json.loads(subprocess.run([args.rows], capture_output=True, text=True, check=True).stdout)
    rng = random.Random(args.seed)
    words, owner = [], []  # owner[k]: the row that word k was generated from
    for row in rows:
        for w in encodings(row, rng, args.per_row):
            words.append(w)
            owner.append(row)

    tmp_ctx = tempfile.TemporaryDirectory() if not args.keep else None
    tmp = args.keep or tmp_ctx.name
    os.makedirs(tmp, exist_ok=True)
    failures = []
    compared = {r["name"]: 0 for r in rows}
    for march in ("mips4", "mips64r2"):
        elf = build_elf(tmp, march, words, march, args.clang, args.ld)
        ours = listing([args.discosim, "disasm", elf])
        ref = listing([args.objdump, "-d", "-M", "no-aliases", elf])
        for k, w in enumerate(words):
            addr = BASE + 4 * k
            if addr not in ref:
                failures.append(f"[{march}] objdump printed no line for 0x{w:08x} at {addr:x}")
                continue
            if ref[addr][0] != f"{w:08x}":
                failures.append(f"[{march}] objdump shows word {ref[addr][0]} at {addr:x}, wrote {w:08x}")
                continue
            got = ours.get(addr)
            if got != ref[addr]:
                failures.append(f"[{march}] row {owner[k]['name']}: 0x{w:08x}: "
                                f"discosim {got[1] if got else '(no line)'!r} "
                                f"objdump {ref[addr][1]!r}")
            elif march == "mips64r2" and not ref[addr][1].startswith(".word"):
                compared[owner[k]["name"]] += 1
        extra = set(ours) - set(ref)
        if extra:
            failures.append(f"[{march}] discosim printed {len(extra)} lines objdump did not")

    failures += random_phase(args, tmp, rng)
    failures += program_phase(args)

    uncovered = [n for n, c in compared.items() if c == 0]
    for name in uncovered:
        failures.append(f"row {name}: no encoding was compared (objdump cannot decode it, or all were filtered)")

    total = len(words)
    print(f"{len(rows)} rows, {total} encodings + {args.random} random words, 2 ISA levels, "
          f"{len(args.program or [])} programs, seed {args.seed}: "
          f"{len(failures)} failures")
    for f in failures[:200]:
        print("  " + f)
    if len(failures) > 200:
        print(f"  ... and {len(failures) - 200} more")
    if failures:
        print(f"(rerun with --seed {args.seed} --keep DIR to inspect the ELF files)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
