#!/usr/bin/python3
"""bigmem_test.py - RAM above the I/O window: bigmem.elf on the 8-node x 256 MiB
machine of bigmem.toml (2 GiB, physical [0, 0x1F00_0000) and
[0x2000_0000, 0x8100_0000)).

Runs it
  1. in the functional model: every check passes, the sectors the disk DMA'd
     above the window sum to what the image holds, the sector DMA'd out of the
     top of RAM reaches the image, and no page is hot (no caches, no misses);
  2. in the timing model under the lockstep checker: the same, and the hot
     pages under the remote-minus-home policy are exactly the pages touched on
     nodes 1..7, in the order first touched - the memory system homes every
     address, above the window too, on the right node; CPU 0 has remote misses;
  3. split by a checkpoint and resumed: the same output and the same final
     state as the uninterrupted run.

The expected pages come from the layout rule restated here (pa = offset below
0x1F00_0000, offset + 16 MiB above), not from the simulator.

Usage: bigmem_test.py <discosim> <bigmem.elf> <bigmem.toml>
"""
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

discosim, elf, toml = sys.argv[1:4]
failures = []
MASK = (1 << 64) - 1
NODES, PER_NODE = 8, 256 << 20
IO_BASE, IO_SIZE = 0x1F000000, 0x01000000
RAM_TOP = 0x81000000


def offset_to_pa(off):
    return off if off < IO_BASE else off + IO_SIZE


def home(pa):
    return (pa if pa < IO_BASE else pa - IO_SIZE) // PER_NODE


def pattern(pa):
    return (pa * 0x9E3779B97F4A7C15 & MASK) ^ 0x5A5AA5A5C3C33C3C


def fnv(data):
    h = 2166136261
    for b in data:
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


# The addresses bigmem.c touches through the caches, in order.
touched = []
for n in range(NODES):
    touched += [offset_to_pa(n * PER_NODE) if n else 0x80000,
                offset_to_pa(n * PER_NODE + PER_NODE // 2 + 0x1230),
                offset_to_pa((n + 1) * PER_NODE) - 8]
touched += [IO_BASE - 8, IO_BASE + IO_SIZE, RAM_TOP - 8]
dma_in = offset_to_pa(6 * PER_NODE + 0x10000)
touched += [dma_in]
hot_want = []
for pa in touched:
    page = pa & ~0xFFF
    if home(pa) != 0 and page not in hot_want:
        hot_want.append(page)
assert home(0x20000000) == 1 and home(0x1EFFFFF8) == 1 and home(0x21000000) == 2 and home(RAM_TOP - 1) == 7

image = bytes((k * 7 + 3) & 0xFF for k in range(16 * 512))
out_pa = RAM_TOP - 512
out_sector = b"".join(struct.pack(">Q", pattern(out_pa + k)) for k in range(0, 512, 8))


def run(tmp, extra, label):
    img = os.path.join(tmp, "bigmem.img")
    with open(img, "wb") as f:
        f.write(image)
    stats = os.path.join(tmp, "stats.json")
    p = subprocess.run([discosim, "run", os.path.join(tmp, "bigmem.toml"), elf, "--stats-json", stats] + extra,
                       capture_output=True, text=True, timeout=300)
    lines = p.stdout.splitlines()
    bad = [ln for ln in lines if ln.startswith("not ok")]
    oks = [ln for ln in lines if ln.startswith("ok - ")]
    if p.returncode != 0 or bad or len(oks) < 80:
        failures.append(f"{label}: exit {p.returncode}, {len(oks)} ok, failed {bad[:5]}, stderr {p.stderr[-300:]!r}")
    want_sum = f"sum read 0x{dma_in:x} {fnv(image[2 * 512:6 * 512]):08x}"
    if want_sum not in lines:
        failures.append(f"{label}: DMA above the window: want {want_sum!r}, got "
                        f"{[ln for ln in lines if ln.startswith('sum')]}")
    got_img = open(img, "rb").read()
    if got_img[9 * 512:10 * 512] != out_sector or got_img[:9 * 512] != image[:9 * 512] or \
            got_img[10 * 512:] != image[10 * 512:]:
        failures.append(f"{label}: the DMA WRITE from the top of RAM did not reach exactly sector 9")
    hot = [(int(m.group(1), 16), int(m.group(2))) for m in (re.match(r"hot 0x([0-9a-f]+) node (\d+)$", ln)
                                                           for ln in lines) if m]
    s = json.load(open(stats)) if os.path.exists(stats) else None
    return p, lines, hot, s


with tempfile.TemporaryDirectory() as tmp:
    shutil.copy(toml, os.path.join(tmp, "bigmem.toml"))

    p, func_lines, hot, _ = run(tmp, [], "functional")
    if hot:
        failures.append(f"functional: hot pages without modelled caches: {hot[:4]}")

    p, lines, hot, s = run(tmp, ["--cpu-model", "timing", "--lockstep"], "timing+lockstep")
    if "no difference" not in p.stderr:
        failures.append(f"timing: lockstep did not finish clean: {p.stderr[-300:]!r}")
    want = [(page, 0) for page in hot_want]
    if hot != want:
        failures.append("timing: hot pages (remote-minus-home, threshold 1) differ:\n got  "
                        + " ".join(f"{a:x}/{n}" for a, n in hot) + "\n want " + " ".join(f"{a:x}/{n}" for a, n in want))
    if [ln for ln in lines if not ln.startswith("hot")] != func_lines:
        failures.append("timing: output differs from the functional run")
    if s:
        mem = s["cpus"][0]["memory"]
        if mem["remote_misses"] < 3 * 7 or mem["local_misses"] == 0:
            failures.append(f"timing: cpu0 misses local {mem['local_misses']} remote {mem['remote_misses']}")

    # A checkpoint of the 2 GiB machine, resumed: same output, same final state.
    full, split, ck = (os.path.join(tmp, n) for n in ("full.ckpt", "split.ckpt", "at.ckpt"))
    p, lines_full, _, _ = run(tmp, ["--final-checkpoint", full], "checkpoint: full run")
    img = os.path.join(tmp, "bigmem.img")
    with open(img, "wb") as f:
        f.write(image)
    a = subprocess.run([discosim, "run", os.path.join(tmp, "bigmem.toml"), elf, "--checkpoint-at", "20000",
                        "--checkpoint", ck, "--stop-at-checkpoint"], capture_output=True, text=True, timeout=300)
    b = subprocess.run([discosim, "resume", os.path.join(tmp, "bigmem.toml"), ck, "--final-checkpoint", split],
                       capture_output=True, text=True, timeout=300)
    if a.returncode != 0 or b.returncode != 0:
        failures.append(f"checkpoint: exit {a.returncode}/{b.returncode}: {a.stderr[-200:]!r} {b.stderr[-200:]!r}")
    elif (a.stdout + b.stdout).splitlines() != lines_full or not a.stdout:
        failures.append("checkpoint: split run printed something else than the full run")
    elif open(full, "rb").read() != open(split, "rb").read():
        failures.append("checkpoint: final state of the split run differs")

for f in failures:
    print("FAIL:", f)
print("bigmem:", "FAIL" if failures else "ok")
sys.exit(1 if failures else 0)
