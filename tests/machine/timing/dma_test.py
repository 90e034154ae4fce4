#!/usr/bin/python3
"""dma_test.py - disk DMA and the caches (dma.c, docs/memory-system.md).

Attaches a writable disk image to numa.toml's machine and checks, in the
timing model:
  phase 1  a disk READ into a buffer cpu 0 holds in its caches invalidates
           every line of it (one invalidation received per L2 line)
  phase 2  loading the buffer again misses on every line (local misses: the
           buffer is on node 0) and sees the disk's data (checksum)
  phase 3  a disk WRITE from a buffer dirty in cpu 0's caches makes it write
           back every line (and keep it)
  phase 4  loading it again hits in the L1: no stall, no events
  phase 5  storing to it upgrades every line (the DMA read left it Shared),
           with nobody to invalidate: local latency, no invalidation extra
and that the disk holds what the program wrote.  In the functional model the
program prints the same and the disk gets the same bytes.

Usage: dma_test.py <discosim> <dma.elf> <directory of the configs>
"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from timinglib import Checker, Machine, run  # noqa: E402

discosim, elf, here = sys.argv[1:4]
check = Checker()
SECTOR, LINES = 512, 512 // 128  # one sector: four L2 lines
m = Machine(os.path.join(here, "numa.toml"))
DATA_SIDE = ["l1d_misses", "upgrades", "dirty_misses", "invalidations_sent", "invalidations_received", "writebacks"]


def fnv(data):
    h = 2166136261
    for x in data:
        h = ((h ^ x) * 16777619) & 0xFFFFFFFF
    return h


def data_events(c):
    return {k: c["memory"][k] for k in DATA_SIDE}


image = bytes((k * 7 + 3) & 0xFF for k in range(16 * SECTOR))
written = b"".join(bytes([k & 0xFF]) * 8 for k in range(SECTOR // 8))  # dma.c's words, big-endian
want = [f"read status 2 sum {fnv(image[3 * SECTOR:4 * SECTOR]):08x}", "write status 2"]
for model in ("timing", "functional"):
    with tempfile.TemporaryDirectory() as tmp:
        img = os.path.join(tmp, "disk.img")
        with open(img, "wb") as f:
            f.write(image)
        cfg = os.path.join(tmp, "dma.toml")
        with open(m.path) as src, open(cfg, "w") as f:
            f.write(src.read() + f'[disk_timing]\ncommand_us = 50\nmb_per_s = 100\n[[disk]]\nimage = "{img}"\n'
                    "writable = true\n")
        lines, stats = run(discosim, cfg, elf, "--cpu-model", model)
        with open(img, "rb") as f:
            after = f.read()
    check.eq(lines, want, f"{model}: program output (the disk's data arrived)")
    check.eq(after, image[:7 * SECTOR] + written + image[8 * SECTOR:], f"{model}: the disk holds what was written")
    ph = {p["id"]: p["cpus"][0] for p in stats["phases"]}
    check.eq(sorted(ph), [1, 2, 3, 4, 5], f"{model}: phases")
    if model == "functional":
        for c in stats["cpus"] + list(ph.values()):
            check.eq((c["stall_cycles"]["total"], sum(c["memory"].values())), (0, 0), "functional: no stalls, events")
        continue
    none = dict.fromkeys(DATA_SIDE, 0)
    data = lambda c: c["stall_cycles"]["data"]  # noqa: E731
    check.eq(data_events(ph[1]), none | {"invalidations_received": LINES}, "phase 1: READ invalidates the buffer")
    check.eq(data(ph[1]), {"l2": 0, "local": 0, "remote": 0}, "phase 1: no data stall")
    check.eq(data_events(ph[2]), none | {"l1d_misses": LINES}, "phase 2: every line misses")
    check.eq((ph[2]["memory"]["l2_misses"], ph[2]["memory"]["local_misses"]), (LINES, LINES), "phase 2: in the L2 too")
    check.eq(data(ph[2]), {"l2": 0, "local": LINES * m.local, "remote": 0}, "phase 2: local miss latency")
    check.eq(data_events(ph[3]), none | {"writebacks": LINES}, "phase 3: WRITE makes the owner write back")
    check.eq(data(ph[3]), {"l2": 0, "local": 0, "remote": 0}, "phase 3: no data stall")
    check.eq(data_events(ph[4]), none, "phase 4: the buffer is still cached")
    check.eq(data(ph[4]), {"l2": 0, "local": 0, "remote": 0}, "phase 4: L1 hits")
    check.eq(data_events(ph[5]), none | {"upgrades": LINES}, "phase 5: stores upgrade the Shared lines")
    check.eq((ph[5]["memory"]["l2_misses"], ph[5]["memory"]["local_misses"]), (0, LINES), "phase 5: local upgrades")
    check.eq(data(ph[5]), {"l2": 0, "local": LINES * m.local, "remote": 0}, "phase 5: nobody to invalidate")
    for k in (2, 4, 5):
        check.eq(ph[k]["instructions"], 3 + 4 * LINES, f"phase {k}: instructions (timed.S)")
        check.eq(ph[k]["stall_cycles"]["uncached"], m.uncached, f"phase {k}: PHASE_END's uncached stall")
sys.exit(check.report())
