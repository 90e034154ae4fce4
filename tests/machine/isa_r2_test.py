#!/usr/bin/python3
"""isa_r2_test.py - the machine's `isa` option: isa_r2.elf (big-endian) and
isa-r2-el.elf (little-endian) run seb, wsbh, rotr, ext, dext, dsbh and
RDHWR $29 in kernel, supervisor and user mode.

  isa = "mips4" (the default): every one of them is a Reserved Instruction;
  isa = "r2": each gives the Release 2 result (computed here from the
              architecture's definitions), in every mode; RDHWR is still RI.

Both byte orders; set by the config, by --isa over the config (both ways),
and through a checkpoint: the checkpoint records the level, a resume on a
config that says otherwise keeps it, and --isa on resume overrides it.

Usage: isa_r2_test.py <discosim> <isa-r2.elf> <isa-r2-el.elf>
"""
import os
import subprocess
import sys
import tempfile

discosim, elf_be, elf_le = sys.argv[1:4]
failures = []
M64 = (1 << 64) - 1
A = 0x1122334455667788


def sext32(v):
    v &= 0xFFFFFFFF
    return v - (1 << 32) & M64 if v & 0x80000000 else v


def r2_results():
    lo = A & 0xFFFFFFFF
    seb = (A & 0xFF) - 0x100 & M64 if A & 0x80 else A & 0xFF
    wsbh = sext32(((lo & 0x00FF00FF) << 8) | ((lo >> 8) & 0x00FF00FF))
    rotr = sext32((lo >> 8) | (lo << 24))
    ext = (A >> 4) & 0xFFF
    dext = (A >> 20) & 0xFFFFFF
    dsbh = ((A & 0x00FF00FF00FF00FF) << 8 | (A >> 8) & 0x00FF00FF00FF00FF) & M64
    return {"seb": seb, "wsbh": wsbh, "rotr": rotr, "ext": ext, "dext": dext, "dsbh": dsbh}


def expected(isa):
    lines = ["isa test"]
    res = r2_results()
    for mode in ("kernel", "supervisor", "user"):
        for name in ("seb", "wsbh", "rotr", "ext", "dext", "dsbh", "rdhwr"):
            if isa == "r2" and name != "rdhwr":
                lines.append(f"{mode} {name} 0x{res[name]:x}")
            else:
                lines.append(f"{mode} {name} RI")
    return lines


def run(args, label):
    p = subprocess.run([discosim] + args, capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        failures.append(f"{label}: exit {p.returncode}, stderr {p.stderr.strip()[-300:]!r}")
    return p.stdout


def check(got, isa, label):
    want = expected(isa)
    if got.splitlines() != want:
        failures.append(f"{label}: want isa {isa} results\n got:  {got.splitlines()}\n want: {want}")


with tempfile.TemporaryDirectory() as tmp:
    def config(name, text):
        path = os.path.join(tmp, name)
        with open(path, "w") as f:
            f.write(text + "[run]\nmax_instructions = 5000000\n")
        return path

    for endian, elf in (("big", elf_be), ("little", elf_le)):
        base = f'[machine]\nendian = "{endian}"\n'
        default = config(f"{endian}-default.toml", base)
        mips4 = config(f"{endian}-mips4.toml", base + 'isa = "mips4"\n')
        r2 = config(f"{endian}-r2.toml", base + 'isa = "r2"\n')
        check(run(["run", default, elf], f"{endian}, default"), "mips4", f"{endian}, no isa key")
        check(run(["run", mips4, elf], f"{endian}, mips4"), "mips4", f"{endian}, isa = mips4")
        check(run(["run", r2, elf], f"{endian}, r2"), "r2", f"{endian}, isa = r2")
        check(run(["run", r2, elf, "--cpu-model", "timing"], f"{endian}, r2 timing"), "r2", f"{endian}, r2, timing")
        check(run(["run", mips4, elf, "--isa", "r2"], f"{endian}, --isa r2"), "r2", f"{endian}, mips4 config --isa r2")
        check(run(["run", r2, elf, "--isa", "mips4"], f"{endian}, --isa mips4"), "mips4",
              f"{endian}, r2 config --isa mips4")

    # Checkpoints: taken before the first check (nothing printed yet).
    base = '[machine]\nendian = "big"\n'
    mips4, r2 = config("ck-mips4.toml", base), config("ck-r2.toml", base + 'isa = "r2"\n')
    ck = os.path.join(tmp, "r2.ckpt")
    first = run(["run", r2, elf_be, "--checkpoint-at", "500", "--checkpoint", ck, "--stop-at-checkpoint"],
                "checkpoint")
    if "isa test" in first:
        failures.append(f"checkpoint: taken too late, after {first!r}")
    check(first + run(["resume", mips4, ck], "resume on a mips4 config"), "r2",
          "an r2 checkpoint resumed on a mips4 config keeps r2")
    check(first + run(["resume", r2, ck, "--isa", "mips4"], "resume --isa mips4"), "mips4",
          "an r2 checkpoint resumed with --isa mips4")
    bad = config("bad.toml", '[machine]\nisa = "mips64r6"\n')
    p = subprocess.run([discosim, "run", bad, elf_be], capture_output=True, text=True)
    if p.returncode == 0 or p.stderr.strip() != f'discosim: {bad}: isa must be "mips4" or "r2"':
        failures.append(f"bad isa: exit {p.returncode}, stderr {p.stderr!r}")

for f in failures:
    print("FAIL:", f)
print("isa option:", "FAIL" if failures else "ok")
sys.exit(1 if failures else 0)
