#!/usr/bin/python3
"""overhead.py - the Disco paper's Figure 5 and Table 2 on this machine.

Runs each workload on ONE CPU in the timing CPU model twice: bare (dunix on
the machine, `discosim guest`) and virtualized (dunix's Disco port in one VM
of one vCPU under the Disco monitor, `discosim guest --monitor`), and checks
that both runs print the same and exit with the same status (else it fails).
Then it prints, plots and writes as JSON:

  Figure 5  execution time normalised to bare = 100, split into user, kernel
            (bare: the guest kernel in kernel mode; virtualized: the guest
            kernel in supervisor mode), monitor (virtualized: kernel mode) and
            idle, paired bare/virtualized per workload, with the paper's own
            Figure 5 values beside them (disco-paper.md, section 3);
  Table 2   the monitor's time by cause: its exits by kind with their counts
            and cycles, grouped as the paper's Table 2 groups them where they
            map (TLB-write emulation, other privileged instructions, kernel
            TLB faults, TLB misses served by the monitor vs reflected to the
            guest, monitor calls by kind, virtual interrupts, vCPU switches);
  compute   the monitor's overhead on the compute-bound program in the
            MEASURED REGION: the difference of two sizes of the same program
            (boot, exec and exit are the same fixed cost in both runs, so the
            difference is the marginal cost of the extra rounds), bare and
            virtualized, with the exits that the extra rounds caused.

    overhead.py [--full] [--out DIR] [--only NAME,...] [--jobs N]
                [--build DIR] [--discosim PATH] [--compute-sizes N,M]
                [--workload NAME=PROGRAM[,ARG...]]...

Every cycle figure comes from the statistics JSON (`--stats-json`, schema
discosim-stats/2: cpus[0].cycles.kernel/supervisor/user/idle) - except the
monitor's exit counters, which the statistics JSON does not carry yet: with
`--monitor-arg mon.stats=1` the monitor prints them on its console at the
end of the run (`disco: vm0 exits: KIND=COUNT/CYCLES ...`, docs/monitor.md)
and this script parses those lines from the virtualized run's stdout.  That
is the one place where console text is read; the `disco:` lines are removed
before the outputs are compared.  guest-micro prints its own timings of
simulated time, which differ by design under the monitor: for it only the
names of its lines (the first word) and the exit status are compared.

Nothing is tuned or modelled: each number is a counter of a deterministic
run.  The paper's values are printed for comparison only.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PARTS = ["user", "kernel", "monitor", "idle"]
COLOURS = {"user": "#4f81bd", "kernel": "#f79646", "monitor": "#c0504d", "idle": "#d9d9d9"}

# The paper's Figure 5 (uniprocessor, normalised to IRIX = 100), as
# ../shared/reference/disco-paper.md section 3 gives it: User, Kernel (IRIX),
# DISCO, Idle.
PAPER_FIG5 = {
    "Pmake": ((49.6, 18.7, 0.0, 31.7), (50.5, 16.3, 24.1, 24.9)),
    "Engineering": ((94.1, 5.9, 0.0, 0.0), (94.8, 1.2, 9.7, 0.0)),
    "Raytrace": ((96.6, 3.4, 0.0, 0.0), (96.1, 0.8, 6.1, 0.0)),
    "Database": ((86.4, 13.6, 0.0, 0.0), (87.9, 3.0, 25.4, 0.0)),
}

# Table 2's groups, from the monitor's exit kinds (monitor/src/stats.c).
GROUPS = [
    ("TLB-write emulation", ["tlb-write"]),
    ("other privileged instructions", ["cp0-move", "tlbp-tlbr", "eret", "cache"]),
    ("kernel TLB faults (windows, privileged-register page) in C", ["tlb-window"]),
    ("TLB misses served from the virtual TLB (L2TLB missed)", ["tlb-from-vtlb"]),
    ("TLB misses reflected to the guest's refill handler", ["tlb-reflect"]),
    ("monitor calls", ["mcall"]),
    ("virtual interrupts", ["interrupt"]),
    ("other exceptions reflected (system calls, faults)", ["reflect"]),
    ("idle, devices, bus errors", ["idle", "device", "tlb-bus-error", "fatal"]),
]
MCALLS = {1: "putc", 2: "getc", 3: "halt", 4: "info", 5: "disk-read", 6: "disk-write", 7: "ipi-send",
          8: "ipi-clear", 9: "vcpu-start", 10: "idle", 11: "zero-page", 12: "free-page", 13: "console-write"}


def fail(msg):
    sys.exit(f"overhead: {msg}")


def workloads(full, compute_sizes):
    """(name, program relative to the build dir, arguments, compare mode)."""
    sizes = compute_sizes or ([1, 4, 8] if full else [1, 2])
    w = [(f"compute-user {n}", "benchmarks/compute-user", [str(n)], "exact") for n in sizes]
    w += [("abi_files", "tests/guest/abi_files", [], "exact"),
          ("abi_proc", "tests/guest/abi_proc", ["/bin/abi_proc"], "exact"),
          ("abi_memory", "tests/guest/abi_memory", [], "exact"),
          ("guest-micro", "benchmarks/guest-micro", ["2000" if full else "200"], "names")]
    return w, sizes


# ---- running -----------------------------------------------------------------

def run_one(discosim, program, args, virtual, json_path):
    cmd = [discosim, "guest"] + (["--monitor", "--monitor-arg", "mon.stats=1"] if virtual else [])
    cmd += ["--cpu-model", "timing", "--stats-json", json_path, program] + args
    p = subprocess.run(cmd, capture_output=True, text=True)
    try:
        with open(json_path) as f:
            stats = json.load(f)
    except (OSError, ValueError):
        fail(f"{' '.join(cmd)}: no statistics (status {p.returncode}): {p.stderr.strip()[:300]}")
    if stats.get("schema") != "discosim-stats/2":
        fail(f"{json_path}: not a discosim-stats/2 file")
    if len(stats["cpus"]) != 1:
        fail(f"{json_path}: {len(stats['cpus'])} CPUs, the experiment wants one")
    lines = p.stdout.splitlines()
    mon = [l for l in lines if l.startswith("disco: ")]
    out = [l for l in lines if not l.startswith("disco: ")]
    cyc = stats["cpus"][0]["cycles"]
    if virtual:
        parts = {"user": cyc["user"], "kernel": cyc["supervisor"], "monitor": cyc["kernel"], "idle": cyc["idle"]}
    else:
        if cyc["supervisor"]:
            fail(f"{json_path}: supervisor cycles on the bare machine")
        parts = {"user": cyc["user"], "kernel": cyc["kernel"], "monitor": 0, "idle": cyc["idle"]}
    shown = [os.path.relpath(c, REPO) if c.startswith(REPO + "/") else c for c in cmd]
    shown[shown.index("--stats-json") + 1] = "RUN.json"  # a scratch file: the command as a reader would type it
    return {"command": " ".join(shown), "status": p.returncode, "output": out,
            "parts": parts, "total": sum(parts.values()), "monitor_stats": parse_monitor(mon) if virtual else None,
            "tlb_refills": stats["cpus"][0]["tlb"]["refills"]}


def parse_monitor(lines):
    """The monitor's `mon.stats=1` console lines (docs/monitor.md) for VM 0."""
    m = {"exits": {}, "fused_erets": 0, "mcalls": {}, "cycles": None, "asm_refills": None}
    for l in lines:
        if l.startswith("disco: vm0 exits:"):
            for kind, n, c in re.findall(r"([a-z0-9-]+)=(\d+)/(\d+)", l):
                m["exits"][kind] = {"count": int(n), "cycles": int(c)}
            f = re.search(r"fused with the TLB write before them: (\d+)", l)
            m["fused_erets"] = int(f.group(1)) if f else 0
        elif l.startswith("disco: vm0 mcalls:"):
            m["mcalls"] = {int(k): int(v) for k, v in re.findall(r"(\d+)=(\d+)", l.split(":", 1)[1])}
        elif l.startswith("disco: vm0 cycles"):
            r = re.match(r"disco: vm0 cycles (\d+): user (\d+) supervisor (\d+) monitor (\d+)", l)
            if r:
                m["cycles"] = dict(zip(["total", "user", "supervisor", "monitor"], map(int, r.groups())))
        elif l.startswith("disco: refills in assembly:"):
            r = re.match(r"disco: refills in assembly: window (\d+) l2tlb (\d+)", l)
            if r:
                m["asm_refills"] = {"window": int(r.group(1)), "l2tlb": int(r.group(2))}
    if not m["exits"] or m["cycles"] is None:
        fail("the virtualized run printed no monitor statistics (`disco: vm0 exits:` with mon.stats=1)")
    return m


def compare(name, mode, bare, virt):
    if bare["status"] != virt["status"]:
        fail(f"{name}: exit status {bare['status']} bare, {virt['status']} virtualized")
    a, b = bare["output"], virt["output"]
    if mode == "names":
        a, b = [l.split()[0] if l.split() else "" for l in a], [l.split()[0] if l.split() else "" for l in b]
    if a != b:
        diff = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        fail(f"{name}: output differs bare and virtualized at line {diff + 1}: "
             f"{a[diff] if diff < len(a) else '<end>'!r} vs {b[diff] if diff < len(b) else '<end>'!r}")


# ---- the figures --------------------------------------------------------------

def norm(parts, base):
    return {k: 100.0 * parts[k] / base for k in PARTS}


def figure5(results):
    rows = []
    for name, (bare, virt) in results.items():
        rows.append({"workload": name, "bare": norm(bare["parts"], bare["total"]),
                     "virtual": norm(virt["parts"], bare["total"]),
                     "bare_cycles": bare["parts"], "virtual_cycles": virt["parts"],
                     "overhead_percent": 100.0 * (virt["total"] / bare["total"] - 1)})
    return rows


def table2(virt):
    ms = virt["monitor_stats"]
    ex = ms["exits"]
    monitor = virt["parts"]["monitor"]
    groups, seen = [], set()
    for label, kinds in GROUPS:
        n = sum(ex.get(k, {}).get("count", 0) for k in kinds)
        c = sum(ex.get(k, {}).get("cycles", 0) for k in kinds)
        seen.update(kinds)
        groups.append({"group": label, "kinds": kinds, "count": n, "cycles": c})
    other = [k for k in ex if k not in seen]  # a kind this script does not know yet
    if other:
        groups.append({"group": "other exits", "kinds": other, "count": sum(ex[k]["count"] for k in other),
                       "cycles": sum(ex[k]["cycles"] for k in other)})
    in_exits = sum(e["cycles"] for e in ex.values())
    groups.append({"group": "vCPU switches", "kinds": [], "count": None, "cycles": None,
                   "note": "not counted by the monitor yet; one vCPU on one CPU is never switched out"})
    groups.append({"group": "rest of kernel mode: refills in assembly, boot, scheduler", "kinds": [],
                   "count": sum(ms["asm_refills"].values()) if ms["asm_refills"] else None,
                   "cycles": monitor - in_exits})
    for g in groups:
        g["percent_of_monitor"] = 100.0 * g["cycles"] / monitor if g["cycles"] is not None and monitor else None
        g["cycles_per_exit"] = g["cycles"] / g["count"] if g["count"] and g["cycles"] is not None else None
    mcalls = {MCALLS.get(k, f"call {k}"): v for k, v in sorted(ms["mcalls"].items())}
    return {"monitor_cycles": monitor, "exit_cycles": in_exits, "groups": groups, "mcalls": mcalls,
            "fused_erets": ms["fused_erets"], "asm_refills": ms["asm_refills"]}


def marginal(results, sizes):
    """The compute-bound program's cost of its extra rounds: size max - size min."""
    lo, hi = f"compute-user {min(sizes)}", f"compute-user {max(sizes)}"
    (b0, v0), (b1, v1) = results[lo], results[hi]
    db = {k: b1["parts"][k] - b0["parts"][k] for k in PARTS}
    dv = {k: v1["parts"][k] - v0["parts"][k] for k in PARTS}
    busy_b = sum(db[k] for k in PARTS if k != "idle")
    busy_v = sum(dv[k] for k in PARTS if k != "idle")
    e0, e1 = v0["monitor_stats"]["exits"], v1["monitor_stats"]["exits"]
    dex = {}
    for k in sorted(set(e0) | set(e1)):
        n = e1.get(k, {}).get("count", 0) - e0.get(k, {}).get("count", 0)
        c = e1.get(k, {}).get("cycles", 0) - e0.get(k, {}).get("cycles", 0)
        if n or c:
            dex[k] = {"count": n, "cycles": c}
    r0, r1 = v0["monitor_stats"]["asm_refills"] or {}, v1["monitor_stats"]["asm_refills"] or {}
    return {"sizes": [min(sizes), max(sizes)], "method": f"difference of two sizes ({hi} minus {lo}): "
            "boot, exec and exit cost the same in both runs, so the difference is the marginal cost of "
            f"{max(sizes) - min(sizes)} more round(s) of the computation",
            "bare": db, "virtual": dv, "bare_busy": busy_b, "virtual_busy": busy_v,
            "overhead_percent_busy": 100.0 * (busy_v / busy_b - 1) if busy_b else None,
            "overhead_percent_total": 100.0 * (sum(dv.values()) / sum(db.values()) - 1) if sum(db.values()) else None,
            "exits": dex, "asm_refills": {k: r1.get(k, 0) - r0.get(k, 0) for k in r1},
            "tlb_refills_bare": b1["tlb_refills"] - b0["tlb_refills"],
            "tlb_refills_virtual": v1["tlb_refills"] - v0["tlb_refills"]}


# ---- printing -----------------------------------------------------------------

def print_figure5(rows):
    print("Figure 5 - execution time on one CPU, timing model, normalised to bare = 100")
    print("  (user; kernel = the guest kernel: bare in kernel mode, virtualized in supervisor mode;")
    print("   monitor = the Disco monitor in kernel mode; idle)")
    w = max(len(r["workload"]) for r in rows) + 2
    print(f"{'workload':<{w}} {'run':<8} " + " ".join(f"{p:>8}" for p in PARTS) + f" {'total':>8} {'cycles':>13}")
    for r in rows:
        for run in ("bare", "virtual"):
            n = r[run]
            cyc = sum(r[run + "_cycles"].values())
            print(f"{r['workload'] if run == 'bare' else '':<{w}} {run:<8} " +
                  " ".join(f"{n[p]:8.1f}" for p in PARTS) + f" {sum(n.values()):8.1f} {cyc:13,}")
    print("\nthe paper's Figure 5 (IRIX 5.3 on SimOS, normalised to IRIX = 100):")
    for name, (irix, disco) in PAPER_FIG5.items():
        for run, v in (("IRIX", irix), ("Disco", disco)):
            print(f"{name if run == 'IRIX' else '':<{w}} {run:<8} " + " ".join(f"{x:8.1f}" for x in v) +
                  f" {sum(v):8.1f}")


def print_table2(name, t):
    print(f"\nTable 2 analogue - {name}, virtualized: the monitor's {t['monitor_cycles']:,} kernel-mode cycles by cause")
    print(f"  {'cause':<60} {'count':>10} {'cycles':>14} {'%mon':>6} {'cyc/exit':>9}")
    for g in t["groups"]:
        if g["cycles"] is None:
            print(f"  {g['group']:<60} {'-':>10} {'-':>14} {'-':>6} {'-':>9}  ({g['note']})")
            continue
        cnt = f"{g['count']:,}" if g["count"] is not None else "-"
        per = f"{g['cycles_per_exit']:9.0f}" if g["cycles_per_exit"] is not None and g["kinds"] else f"{'-':>9}"
        print(f"  {g['group']:<60} {cnt:>10} {g['cycles']:>14,} {g['percent_of_monitor']:5.1f}% {per}")
    print("  monitor calls by kind: " + ", ".join(f"{k} {v}" for k, v in t["mcalls"].items()))
    if t["asm_refills"]:
        print(f"  refills served in assembly (no exit to C; cycles inside the last row): window "
              f"{t['asm_refills']['window']:,}, L2TLB {t['asm_refills']['l2tlb']:,}; ERETs fused with the TLB "
              f"write before them: {t['fused_erets']:,}")


def print_marginal(m):
    print(f"\nCompute-bound overhead in the measured region - {m['method']}:")
    print(f"  {'cycles':<10} " + " ".join(f"{p:>13}" for p in PARTS) + f" {'busy':>13}")
    for run in ("bare", "virtual"):
        print(f"  {run:<10} " + " ".join(f"{m[run][p]:>13,}" for p in PARTS) + f" {m[run + '_busy']:>13,}")
    print(f"  the monitor's overhead on the extra rounds: {m['overhead_percent_busy']:+.1f}% of busy cycles "
          f"({m['overhead_percent_total']:+.1f}% with idle); the issue's bound is 5%")
    ex = sorted(m["exits"].items(), key=lambda kv: -kv[1]["cycles"])
    print("  exits the extra rounds caused (count/cycles): " +
          ", ".join(f"{k} {v['count']:,}/{v['cycles']:,}" for k, v in ex))
    print(f"  refills in assembly: " + ", ".join(f"{k} {v:,}" for k, v in m["asm_refills"].items()) +
          f"; TLB refills taken by the CPU: bare {m['tlb_refills_bare']:,}, virtualized {m['tlb_refills_virtual']:,}")
    tlb = sum(v["cycles"] for k, v in m["exits"].items() if k.startswith("tlb") or k == "eret")
    dmon = m["virtual"]["monitor"]
    if dmon > 0:
        print(f"  what the monitor costs here: {dmon:,} more monitor cycles, {100.0 * tlb / dmon:.0f}% of them in "
              f"TLB exits; the guest kernel's time changes by {m['virtual']['kernel'] - m['bare']['kernel']:+,} "
              f"cycles, user time by {m['virtual']['user'] - m['bare']['user']:+,}")
    refl = m["exits"].get("tlb-reflect", {}).get("count", 0)
    if refl and m["tlb_refills_bare"]:
        per = sum(m["exits"].get(k, {}).get("cycles", 0) for k in ("tlb-reflect", "tlb-write", "tlb-window", "eret"))
        per = (per + m["virtual"]["kernel"]) / refl
        bare = m["bare"]["kernel"] / m["tlb_refills_bare"]
        print(f"  a user TLB miss: bare, {m['tlb_refills_bare']:,} refills at about {bare:.0f} kernel cycles each "
              f"(the whole kernel time / refills: an upper bound); virtualized, {refl:,} misses reflected to the "
              f"guest at about {per:,.0f} cycles each (the reflection, the emulated TLB write with its ERET, the "
              f"kernel TLB fault beside it and the guest's handler in supervisor mode)")


def draw(path, rows):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch
    fig, (ax, axp) = plt.subplots(1, 2, figsize=(4 + 1.2 * len(rows) + 4, 5),
                                  gridspec_kw={"width_ratios": [max(len(rows), 1), len(PAPER_FIG5)]})

    def bars(axis, pairs, title):
        for i, (_, b, v) in enumerate(pairs):
            for j, vals in enumerate((b, v)):
                y = 0.0
                for p in PARTS:
                    axis.bar(i + (j - 0.5) * 0.4, vals[p], 0.38, bottom=y, color=COLOURS[p], edgecolor="black",
                             linewidth=0.5)
                    y += vals[p]
                axis.text(i + (j - 0.5) * 0.4, y + 1, f"{y:.0f}", ha="center", va="bottom", fontsize="x-small")
        axis.set_xticks(range(len(pairs)))
        axis.set_xticklabels([p[0] for p in pairs], fontsize="small", rotation=20, ha="right")
        axis.set_title(title, fontsize="small")

    bars(ax, [(r["workload"], r["bare"], r["virtual"]) for r in rows],
         "discosim: bare (left) / under the monitor (right), 1 CPU, timing model")
    ax.set_ylabel("execution time (bare = 100)")
    bars(axp, [(n, dict(zip(PARTS, i)), dict(zip(PARTS, d))) for n, (i, d) in PAPER_FIG5.items()],
         "the paper: IRIX (left) / Disco (right)")
    axp.legend(handles=[Patch(facecolor=COLOURS[p], edgecolor="black", label=p) for p in PARTS],
               loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="x-small")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    print(f"\nfigure written to {path}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--full", action="store_true", help="bigger sizes (compute-user 1, 4, 8; guest-micro 2000)")
    ap.add_argument("--out", default=os.path.join(REPO, "experiments", "results"),
                    help="where overhead.json and overhead.png go (default experiments/results)")
    ap.add_argument("--only", help="comma-separated workload names (e.g. abi_memory,compute-user)")
    ap.add_argument("--compute-sizes", help="comma-separated compute-user sizes (default 1,2; --full 1,4,8)")
    ap.add_argument("--workload", action="append", default=[],
                    help="one more workload: NAME=PROGRAM[,ARG...] (PROGRAM relative to BUILD unless absolute; "
                         "its output must be identical bare and virtualized; repeatable)")
    ap.add_argument("--jobs", type=int, default=2, help="runs at once (default 2)")
    ap.add_argument("--build", default=os.path.join(REPO, "build"), help="the build directory")
    ap.add_argument("--discosim", help="the discosim binary (default BUILD/discosim)")
    args = ap.parse_args()
    discosim = args.discosim or os.path.join(args.build, "discosim")
    sizes = [int(s) for s in args.compute_sizes.split(",")] if args.compute_sizes else None
    wl, sizes = workloads(args.full, sizes)
    for w in args.workload:
        name, eq, rest = w.partition("=")
        if not eq or not name or not rest:
            fail(f"--workload wants NAME=PROGRAM[,ARG...], not {w!r}")
        prog, *pargs = rest.split(",")
        wl.append((name, prog, pargs, "exact"))
    if args.only:
        want = args.only.split(",")
        wl = [w for w in wl if w[0] in want or w[0].split()[0] in want]
        if not wl:
            fail(f"no workload among {args.only}")
    for _, prog, _, _ in wl:
        if not os.path.isfile(os.path.join(args.build, prog)):
            fail(f"{os.path.join(args.build, prog)} is missing: build it with ninja -C {args.build}")
    os.makedirs(args.out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max(1, args.jobs)) as pool:
        futures = {}
        for i, (name, prog, pargs, _) in enumerate(wl):
            for virtual in (False, True):
                futures[name, virtual] = pool.submit(run_one, discosim, os.path.join(args.build, prog), pargs, virtual,
                                                     os.path.join(tmp, f"{i}-{int(virtual)}.json"))
        results = {}
        for name, _, _, mode in wl:
            bare, virt = futures[name, False].result(), futures[name, True].result()
            compare(name, mode, bare, virt)
            results[name] = (bare, virt)
    rows = figure5(results)
    print_figure5(rows)
    t2 = {}
    for name, (_, virt) in results.items():
        t2[name] = table2(virt)
        print_table2(name, t2[name])
    computes = sorted({int(n.split()[1]) for n in results if n.startswith("compute-user ")})
    m = marginal(results, computes) if len(computes) >= 2 else None
    if m:
        print_marginal(m)
        rows.append({"workload": f"compute-user {m['sizes'][1]}-{m['sizes'][0]} (marginal)",
                     "bare": norm(m["bare"], sum(m["bare"].values())),
                     "virtual": norm(m["virtual"], sum(m["bare"].values())),
                     "bare_cycles": m["bare"], "virtual_cycles": m["virtual"],
                     "overhead_percent": m["overhead_percent_total"]})
    out = {"command": " ".join(["experiments/overhead.py"] + sys.argv[1:]), "figure5": rows,
           "paper_figure5": {k: {"irix": dict(zip(PARTS, i)), "disco": dict(zip(PARTS, d))}
                             for k, (i, d) in PAPER_FIG5.items()},
           "table2": t2, "compute_marginal": m,
           "runs": {n: {"bare": {k: v for k, v in b.items() if k != "output"},
                        "virtual": {k: v for k, v in v_.items() if k != "output"}} for n, (b, v_) in results.items()}}
    with open(os.path.join(args.out, "overhead.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    draw(os.path.join(args.out, "overhead.png"), rows)
    print(f"figures written to {os.path.join(args.out, 'overhead.json')}")


if __name__ == "__main__":
    main()
