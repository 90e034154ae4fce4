#!/usr/bin/python3
"""chaos_test.py - a guest may do anything; the simulator never crashes.

Each seed builds a kernel image of random instruction words (some fully
random, some drawn from dangerous families: CP0 moves with random values,
ERET, TLB writes, CACHE, jumps through registers, loads and stores) behind a
prologue that points registers at RAM, kseg1 device windows and unmapped
space, and programs the devices with random values (disk DMA anywhere, IPIs
to anyone, starting CPUs at random addresses).  The random words also fill
the exception vectors, so exceptions storm.  Every run must end by itself or
at the instruction limit with an ordinary exit status: no host signal, no
sanitizer report, at most one line of diagnostics.  Each image runs twice:
in the functional model, and in the timing model with the lockstep checker
(docs/timing.md), which must find no difference between the two models even
under this abuse (exit status 3 and its report would say where).

Usage: chaos_test.py <discosim> <elf64.py dir> [seeds]
"""
import os
import random
import struct
import subprocess
import sys
import tempfile

discosim, gen_dir = sys.argv[1:3]
seeds = int(sys.argv[3]) if len(sys.argv) > 3 else 40
sys.path.insert(0, gen_dir)
from elf64 import write_elf, PF_R, PF_W, PF_X  # noqa: E402

KSEG0 = 0xFFFFFFFF80000000
DEVICES = [0x1F000000, 0x1F001000, 0x1F002000, 0x1F003000, 0x1F004000, 0x1F005000, 0x1F010000]


def li64(reg, value):
    """lui/ori/dsll sequence loading a 64-bit constant into `reg`."""
    v = value & 0xFFFFFFFFFFFFFFFF
    words = [0x3C000000 | reg << 16 | (v >> 48) & 0xFFFF,  # lui reg, hi16
             0x34000000 | reg << 21 | reg << 16 | (v >> 32) & 0xFFFF,  # ori
             0x00000438 | reg << 16 | reg << 11,  # dsll reg, reg, 16
             0x34000000 | reg << 21 | reg << 16 | (v >> 16) & 0xFFFF,
             0x00000438 | reg << 16 | reg << 11,
             0x34000000 | reg << 21 | reg << 16 | v & 0xFFFF]
    return words


def sd(rt, base, off):
    return 0xFC000000 | base << 21 | rt << 16 | (off & 0xFFFF)


def dangerous(rng):
    r = lambda: rng.randrange(32)  # noqa: E731
    kinds = [
        lambda: 0x40800000 | r() << 16 | r() << 11,  # mtc0 rt, rd
        lambda: 0x40A00000 | r() << 16 | r() << 11,  # dmtc0
        lambda: 0x40000000 | r() << 16 | r() << 11,  # mfc0
        lambda: 0x42000018,  # eret
        lambda: rng.choice([0x42000002, 0x42000006, 0x42000001, 0x42000008]),  # tlbwi/tlbwr/tlbr/tlbp
        lambda: 0xBC000000 | r() << 21 | r() << 16 | rng.randrange(65536),  # cache
        lambda: 0x00000008 | r() << 21,  # jr
        lambda: 0x00000009 | r() << 21 | 31 << 11,  # jalr
        lambda: rng.choice([0x8C, 0xDC, 0xAC, 0xFC, 0xA0, 0x80]) << 24 | r() << 21 | r() << 16 | rng.randrange(65536),
        lambda: 0x0000000C,  # syscall
        lambda: 0x44C0F800 | r() << 16,  # ctc1 rt, $31
    ]
    return rng.choice(kinds)()


def image(rng):
    words = [0x40806000]  # mtc0 $0, Status: BEV=0, so exceptions vector into the random words in RAM
    for reg in range(1, 26):
        target = rng.choice([
            lambda: KSEG0 | rng.randrange(0, 16 << 20),  # RAM
            lambda: 0xFFFFFFFFA0000000 | rng.choice(DEVICES) | rng.randrange(0, 0x200, 8),  # devices
            lambda: rng.getrandbits(64),  # anywhere
            lambda: rng.randrange(0, 1 << 31),  # kuseg
            lambda: 0x9000000000000000 | rng.randrange(0, 1 << 40),  # xkphys
        ])()
        words += li64(reg, target)
    # Program the devices: random values into every register of each window.
    words += li64(26, 0xFFFFFFFFBF000000)
    for _ in range(24):
        dev = rng.choice(DEVICES[2:])
        off = (dev - 0x1F000000) + rng.randrange(0, 0x40, 8)
        words.append(sd(rng.randrange(1, 26), 26, off))
    body = [rng.getrandbits(32) if rng.random() < 0.5 else dangerous(rng) for _ in range(3000)]
    text = b"".join(struct.pack(">I", w) for w in words + body)
    vectors = b"".join(struct.pack(">I", rng.getrandbits(32) if rng.random() < 0.5 else dangerous(rng))
                       for _ in range(0x400 // 4))
    return vectors, text


failures = []
passed = 0
with tempfile.TemporaryDirectory() as tmp:
    disk = os.path.join(tmp, "d.img")
    open(disk, "wb").write(bytes(64 * 512))
    cfg = os.path.join(tmp, "m.toml")
    open(cfg, "w").write('[machine]\nnodes = 2\ncpus_per_node = 1\nmemory_per_node = "8M"\n'
                         '[disk_timing]\ncommand_us = 5\n[[disk]]\nimage = "d.img"\nwritable = true\n'
                         '[run]\nquantum = 100\nmax_instructions = 100000\n')
    for seed in range(seeds):
        rng = random.Random(seed)
        vectors, text = image(rng)
        elf = os.path.join(tmp, f"chaos{seed}.elf")
        write_elf(elf, KSEG0 + 0x100000, [(KSEG0, vectors, PF_R | PF_W | PF_X),
                                         (KSEG0 + 0x100000, text, PF_R | PF_W | PF_X)])
        for model in (["--cpu-model", "functional"], ["--cpu-model", "timing", "--lockstep"]):
            p = subprocess.run([discosim, "run", cfg, elf] + model, capture_output=True, timeout=120,
                               env=dict(os.environ, ASAN_OPTIONS="detect_leaks=1"))
            err = p.stderr.decode(errors="replace")
            lines, in_table = [], False
            for line in err.strip().splitlines():  # a guest may ask for a statistics dump (sim-control)
                if line.startswith("--- discosim statistics"):
                    in_table = True
                elif in_table and line.startswith("total "):
                    in_table = False
                elif not in_table:
                    lines.append(line)
            if "--lockstep" in model and lines and "no difference" in lines[-1]:
                lines.pop()  # the checker's verdict
            bad = (p.returncode < 0 or p.returncode > 255 or p.returncode == 3 and "--lockstep" in model
                   or "Sanitizer" in err or "runtime error" in err or len(lines) > 1)
            if bad:
                failures.append(f"seed {seed} {model[1]}: exit {p.returncode}, stderr {err[:400]!r}")
            else:
                passed += 1

for f in failures:
    print("FAIL:", f)
print(f"{passed} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
