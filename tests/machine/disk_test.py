#!/usr/bin/python3
"""disk_test.py - a guest drives the disk controller on the simulated machine.

Builds two host images (disk 0 read-only, disk 1 writable), boots
disk_io.elf with them attached and checks every line it prints against
values computed here from the images: capacities, a checksum of the sectors
it read by DMA, its write reaching the host file (and only the sector it
wrote), and the error codes of bad requests.  The read-only image must come
out unchanged.

Usage: disk_test.py <discosim> <disk_io.elf>
"""
import os
import subprocess
import sys
import tempfile

discosim, elf = sys.argv[1:3]
failures = []


def fnv(data):
    h = 2166136261
    for b in data:
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


with tempfile.TemporaryDirectory() as tmp:
    d0 = bytes((k * 13 + 7) & 0xFF for k in range(64 * 512))
    d1 = bytes((k * 5 + 1) & 0xFF for k in range(32 * 512))
    p0, p1 = os.path.join(tmp, "d0.img"), os.path.join(tmp, "d1.img")
    open(p0, "wb").write(d0)
    open(p1, "wb").write(d1)
    cfg = os.path.join(tmp, "disk.toml")
    open(cfg, "w").write('[machine]\nmemory_per_node = "16M"\n[disk_timing]\ncommand_us = 50\nmb_per_s = 100\n'
                         '[[disk]]\nimage = "d0.img"\n[[disk]]\nimage = "d1.img"\nwritable = true\n'
                         '[run]\nmax_instructions = 50000000\n')
    p = subprocess.run([discosim, "run", cfg, elf], capture_output=True, text=True, timeout=120)
    want = [
        "disks 2",
        "disk 0 sectors 64",
        "disk 1 sectors 32",
        f"read d0 s3 n2 status 2 sum {fnv(d0[3 * 512:5 * 512]):08x}",
        "write d1 s5 status 2",
        "read back status 2 same",
        "write read-only: error 4",
        "past the end: error 2",
        "dma outside RAM: error 3",
        "no such disk: error 1",
    ]
    got = p.stdout.splitlines()
    if p.returncode != 0 or got != want:
        failures.append(f"exit {p.returncode}\n got: {got}\nwant: {want}\nstderr: {p.stderr}")
    new1 = open(p1, "rb").read()
    expected1 = d1[:5 * 512] + bytes(((k & 0xFF) ^ 0x5A) for k in range(512)) + d1[6 * 512:]
    if new1 != expected1:
        failures.append("writable image does not hold exactly the guest's write")
    if open(p0, "rb").read() != d0:
        failures.append("read-only image changed")

for f in failures:
    print("FAIL:", f)
print(f"{1 if not failures else 0} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
