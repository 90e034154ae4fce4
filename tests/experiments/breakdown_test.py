#!/usr/bin/python3
"""breakdown_test.py - experiments/breakdown.py turns statistics JSON into the
time-breakdown tables and a PNG figure.

Hand-made discosim-stats/2 files with known counters must give the shares
computed by hand: the summary line per run (relative time, modes, stall and
TLB shares), the per-CPU and machine rows (modes, TLB refill, execution and
each stall cause), and with --phase the summed deltas of every phase entry
with that id.  Files of another schema, and a missing phase, are refused
with one line.  Then, end to end, discosim runs the multiprocessor demo in
the timing model on the four-node machine and the script's machine row must
add up (modes to 100 %, execution + stalls + idle to 100 %) and show remote
memory stalls.

Usage: breakdown_test.py <breakdown.py> [<discosim> <mp_hello.elf> <configs dir>]
"""
import json
import os
import subprocess
import sys
import tempfile

script = sys.argv[1]
failures = []
checks = 0

CAUSES = [("instruction", "l2"), ("instruction", "local"), ("instruction", "remote"), ("data", "l2"),
          ("data", "local"), ("data", "remote")]


def cpu(k, cycles, stalls=(0,) * 8, refill=0):
    """A per-CPU object; stalls: i-l2, i-local, i-remote, d-l2, d-local, d-remote, uncached, pipeline."""
    st = {"instruction": {}, "data": {}, "uncached": stalls[6], "pipeline": stalls[7], "total": sum(stalls)}
    for (kind, where), v in zip(CAUSES, stalls):
        st[kind][where] = v
    return {"id": k, "instructions": 0, "cycles": dict(zip(["kernel", "supervisor", "user", "idle"], cycles)),
            "stall_cycles": st, "tlb": {"refills": refill // 10, "refill_cycles": refill}, "memory": {},
            "exceptions": {}}


def stats(cpus, phases=()):
    return {"schema": "discosim-stats/2", "cpu_model": "timing", "cpus": cpus, "phases": list(phases)}


def run(*args):
    return subprocess.run(["/usr/bin/python3", script, *args], capture_output=True, text=True, timeout=120)


def expect(what, got, want):
    global checks
    checks += 1
    if got != want:
        failures.append(f"{what}: got {got}, want {want}")


def row(lines, first):
    """The whitespace-split line that starts with `first` (None if absent)."""
    return next((l.split() for l in lines if l.split()[:1] == [first]), None)


def rows_after(lines, header_start):
    """The per-CPU table printed after the line starting with header_start."""
    k = next(i for i, l in enumerate(lines) if l.startswith(header_start))
    out = []
    for l in lines[k + 2:]:
        if not l.startswith(("cpu", "all")):
            break
        out.append(l.split())
    return out


# Run A, two CPUs of 1000 cycles each.
#   cpu0: kernel 300 supervisor 100 user 500 idle 100; stalls 20 10 0 30 40 50 10 40 (= 200); refill 50
#         -> busy 900, execute 700; shares of 1000 in tenths of a percent.
#   cpu1: kernel 100 user 200 idle 700; data remote stall 100 -> execute 200.
#   all : kernel 400 sup 100 user 700 idle 800 of 2000; stalls 300 -> execute 900; tlb 50.
a_cpus = [cpu(0, (300, 100, 500, 100), (20, 10, 0, 30, 40, 50, 10, 40), refill=50),
          cpu(1, (100, 0, 200, 700), (0, 0, 0, 0, 0, 100, 0, 0))]
# Phases of A: id 1 twice (summed by --phase 1), id 2 once.
phase1a = [cpu(0, (10, 0, 30, 0), (0, 0, 0, 0, 0, 0, 0, 8)), cpu(1, (0, 0, 20, 20), (0, 0, 0, 0, 4, 0, 0, 0))]
phase1b = [cpu(0, (30, 0, 10, 0), (0, 0, 0, 0, 0, 0, 8, 0), refill=20), cpu(1, (0, 0, 0, 40))]
phase2 = [cpu(0, (5, 0, 0, 0)), cpu(1, (5, 0, 0, 0))]
# Run B: the same machine, twice as long, all user time without stalls.
b_cpus = [cpu(0, (0, 0, 2000, 0)), cpu(1, (0, 0, 1000, 1000))]

with tempfile.TemporaryDirectory() as tmp:
    a, b, old, bad, png = (os.path.join(tmp, n) for n in ("a.json", "b.json", "old.json", "bad.json", "f.png"))
    json.dump(stats(a_cpus, [{"id": 1, "instructions": 0, "complete": True, "cpus": phase1a},
                             {"id": 2, "instructions": 0, "complete": True, "cpus": phase2},
                             {"id": 1, "instructions": 0, "complete": False, "cpus": phase1b}]), open(a, "w"))
    json.dump(stats(b_cpus), open(b, "w"))
    json.dump({"schema": "discosim-stats/1", "cpus": []}, open(old, "w"))
    open(bad, "w").write("not json")

    p = run(a, b, "--labels", "bare,disco", "--png", png)
    lines = p.stdout.splitlines()
    expect("exit status", p.returncode, 0)
    expect("summary bare", row(lines, "bare"),
           ["bare", "2000", "1.000", "20.0%", "5.0%", "35.0%", "40.0%", "15.0%", "2.5%"])
    expect("summary disco", row(lines, "disco"),
           ["disco", "4000", "2.000", "0.0%", "0.0%", "75.0%", "25.0%", "0.0%", "0.0%"])
    # columns: cycles kernel supervisor user idle tlb execute i-l2 i-local i-remote d-l2 d-local d-remote uncached pipeline
    bare = rows_after(lines, "bare:")
    expect("bare cpu0", bare[0], ["cpu0", "1000", "30.0%", "10.0%", "50.0%", "10.0%", "5.0%", "70.0%", "2.0%",
                                  "1.0%", "0.0%", "3.0%", "4.0%", "5.0%", "1.0%", "4.0%"])
    expect("bare cpu1", bare[1], ["cpu1", "1000", "10.0%", "0.0%", "20.0%", "70.0%", "0.0%", "20.0%", "0.0%",
                                  "0.0%", "0.0%", "0.0%", "0.0%", "10.0%", "0.0%", "0.0%"])
    expect("bare all", bare[2], ["all", "2000", "20.0%", "5.0%", "35.0%", "40.0%", "2.5%", "45.0%", "1.0%",
                                 "0.5%", "0.0%", "1.5%", "2.0%", "7.5%", "0.5%", "2.0%"])
    expect("disco rows", [r[0] for r in rows_after(lines, "disco:")], ["cpu0", "cpu1", "all"])
    expect("PNG written", os.path.exists(png) and open(png, "rb").read(8), b"\x89PNG\r\n\x1a\n")

    # --phase 1: entries 1 and 3 summed.  cpu0: kernel 40 user 40 (80 cycles), pipeline 8 + uncached 8,
    # refill 20 -> execute 64.  cpu1: user 20 idle 60 (80), d-local 4 -> execute 16.
    # all: kernel 40 user 60 idle 60 of 160; stalls 20 -> execute 80; tlb 20.
    p = run(a, "--phase", "1", "--labels", "A", "--totals")
    lines = p.stdout.splitlines()
    expect("phase summary", row(lines, "A"),
           ["A", "160", "1.000", "25.0%", "0.0%", "37.5%", "37.5%", "12.5%", "12.5%"])
    expect("phase heading", [l for l in lines if l.startswith("A:")][0].split(";")[0],
           "A: timing model, phase 1 (2 entries summed), incomplete")
    expect("phase totals only", rows_after(lines, "A:"),
           [["all", "160", "25.0%", "0.0%", "37.5%", "37.5%", "12.5%", "50.0%", "0.0%", "0.0%", "0.0%",
             "0.0%", "2.5%", "0.0%", "5.0%", "5.0%"]])
    p = run(a, "--phase", "1", "--labels", "A")
    expect("phase cpu0", rows_after(p.stdout.splitlines(), "A:")[0],
           ["cpu0", "80", "50.0%", "0.0%", "50.0%", "0.0%", "25.0%", "80.0%", "0.0%", "0.0%", "0.0%", "0.0%",
            "0.0%", "0.0%", "10.0%", "10.0%"])

    for path, what in ((old, "schema 1"), (bad, "not JSON")):
        q = run(path)
        expect(f"{what} refused", (q.returncode != 0, q.stderr.count("\n"), "discosim-stats/2" in q.stderr
                                   or "cannot read" in q.stderr), (True, 1, True))
    q = run(a, "--phase", "9")
    expect("missing phase refused", (q.returncode != 0, q.stderr.strip()), (True, f"breakdown: {a}: no phase 9"))

    # End to end: the eight-CPU demo in the timing model on configs/mp8.toml (4 nodes).
    if len(sys.argv) == 5:
        discosim, elf, configs = sys.argv[2:5]
        js, png2 = os.path.join(tmp, "mp.json"), os.path.join(tmp, "mp.png")
        d = subprocess.run([discosim, "run", "--cpu-model", "timing", "--stats-json", js,
                            os.path.join(configs, "mp8.toml"), elf], capture_output=True, text=True, timeout=120)
        expect("discosim exit", d.returncode, 0)
        p = run(js, "--labels", "mp", "--png", png2)
        lines = p.stdout.splitlines()
        machine = rows_after(lines, "mp:")
        expect("one row per CPU, then all", [r[0] for r in machine], [f"cpu{k}" for k in range(8)] + ["all"])
        total = [float(v.rstrip("%")) for v in machine[-1][2:]]
        kernel, sup, user, idle, tlb, execute, *stall = total
        expect("modes add up to 100%", abs(kernel + sup + user + idle - 100) < 0.3, True)
        expect("execute + stalls + idle add up to 100%", abs(execute + sum(stall) + idle - 100) < 0.6, True)
        expect("remote data stalls on four nodes", stall[5] > 0, True)
        expect("machine cycles = sum over CPUs", int(machine[-1][1]), sum(int(r[1]) for r in machine[:-1]))
        expect("end-to-end PNG", os.path.getsize(png2) > 10000 if os.path.exists(png2) else False, True)

for f in failures:
    print("FAIL:", f)
print(f"{checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
