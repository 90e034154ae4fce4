#!/usr/bin/python3
"""checkpoint_test.py - a run restored from a checkpoint ends in exactly the
state of an uninterrupted run.

For each program and several checkpoint points: run it uninterrupted and
checkpoint the machine at the end (A); run it again, checkpoint at N
instructions and stop; resume from that checkpoint and checkpoint at the end
(B).  A and B must be byte-identical (they hold every CPU's registers, CP0,
TLB, FPU, statistics, all of memory, device state and writable disk
contents), and the console output of the two halves must add up to the
uninterrupted output.  Also: resuming on a different machine, or from a file
that is not a checkpoint, fails with one line.

With --cpu-model timing the runs that boot a program use the timing CPU model
(the checkpoint then also holds caches, directory and stall clocks) and the
resumes are not told the model: it must come back from the checkpoint.

Usage: checkpoint_test.py <discosim> <configs dir> <mp_hello.elf> <disk_io.elf> [--cpu-model functional|timing]
"""
import os
import shutil
import subprocess
import sys
import tempfile

discosim, configs, mp_hello, disk_io = sys.argv[1:5]
model = sys.argv[5:7]  # [] or ["--cpu-model", name]
failures = []
passed = 0


def run(args, cwd):
    return subprocess.run([discosim] + args, capture_output=True, cwd=cwd, timeout=300)


def case(name, cfg_text, elf, points, images=()):
    global passed
    with tempfile.TemporaryDirectory() as tmp:
        def fresh_dir(tag):
            d = os.path.join(tmp, tag)
            os.mkdir(d)
            open(os.path.join(d, "m.toml"), "w").write(cfg_text)
            for img_name, data in images:
                open(os.path.join(d, img_name), "wb").write(data)
            return d

        ref_dir = fresh_dir("ref")
        ref = run(["run", "m.toml", elf, "--final-checkpoint", "final.ckpt"] + model, ref_dir)
        if ref.returncode != 0:
            failures.append(f"{name}: reference run failed: {ref.stderr!r}")
            return
        ref_final = open(os.path.join(ref_dir, "final.ckpt"), "rb").read()
        for n in points:
            d = fresh_dir(f"p{n}")
            first = run(["run", "m.toml", elf, "--checkpoint-at", str(n), "--checkpoint", "mid.ckpt",
                         "--stop-at-checkpoint"] + model, d)
            second = run(["resume", "m.toml", "mid.ckpt", "--final-checkpoint", "final.ckpt"], d)
            final = open(os.path.join(d, "final.ckpt"), "rb").read() if second.returncode == ref.returncode else b""
            if first.returncode != 0 or second.returncode != ref.returncode:
                failures.append(f"{name}@{n}: exits {first.returncode}/{second.returncode}: "
                                f"{first.stderr!r} {second.stderr!r}")
            elif first.stdout + second.stdout != ref.stdout:
                failures.append(f"{name}@{n}: console output differs from the uninterrupted run")
            elif final != ref_final:
                failures.append(f"{name}@{n}: final machine state differs from the uninterrupted run")
            else:
                passed += 1


mp8 = open(os.path.join(configs, "mp8.toml")).read()
case("mp_hello", mp8, mp_hello, [1000, 150000, 333333])
disk_cfg = ('[machine]\nmemory_per_node = "16M"\n[disk_timing]\ncommand_us = 50\nmb_per_s = 100\n'
            '[[disk]]\nimage = "d0.img"\n[[disk]]\nimage = "d1.img"\nwritable = true\n')
images = [("d0.img", bytes((k * 13 + 7) & 0xFF for k in range(64 * 512))),
          ("d1.img", bytes((k * 5 + 1) & 0xFF for k in range(32 * 512)))]
# Points spread over the run, during and between DMA transfers; the timing
# model polls the disk fewer times (each status read stalls), so its run is
# about half as many instructions (42157 against 85102).
disk_points = [2000, 15000, 25000, 40000] if model == ["--cpu-model", "timing"] else [2000, 25000, 40000, 70000]
case("disk_io", disk_cfg, disk_io, disk_points, images)

with tempfile.TemporaryDirectory() as tmp:
    open(os.path.join(tmp, "mp8.toml"), "w").write(mp8)
    open(os.path.join(tmp, "other.toml"), "w").write(mp8.replace("nodes = 4", "nodes = 2"))
    r = run(["run", "mp8.toml", mp_hello, "--checkpoint-at", "5000", "--checkpoint", "c", "--stop-at-checkpoint"], tmp)
    for args, want in [(["resume", "other.toml", "c"], "different description"),
                       (["resume", "mp8.toml", "mp8.toml"], "not a discosim checkpoint"),
                       (["resume", "mp8.toml", "missing"], "cannot open checkpoint"),
                       (["run", "mp8.toml", mp_hello, "--checkpoint-at", "999999999", "--checkpoint", "late"],
                        "no checkpoint written")]:
        p = run(args, tmp)
        lines = p.stderr.decode().strip().splitlines()
        if p.returncode == 0 or len(lines) != 1 or want not in lines[0]:
            failures.append(f"{args}: exit {p.returncode}, stderr {p.stderr!r}")
        else:
            passed += 1

for f in failures:
    print("FAIL:", f)
print(f"{passed} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
