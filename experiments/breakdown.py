#!/usr/bin/python3
"""breakdown.py - where the time went, from discosim statistics JSON.

The execution-time breakdown as the Disco paper's figures draw it (SimOS
style): for each run, each CPU and the machine total ("all", the sum over
CPUs), the share of cycles in kernel (the monitor under Disco; its TLB
refill part shown separately), supervisor (a guest kernel), user and idle;
and the busy time split into execution and stalls by cause - instruction or
data, served by the L2, by local or by remote memory - uncached references
and pipeline interlocks.  docs/statistics.md defines every counter.

    breakdown.py run1.json [run2.json ...] [--labels A,B] [--png out.png]
                 [--phase ID] [--totals]

Prints a summary line per run (cycles relative to the first run, as the
paper's Figure 5 normalises to IRIX on the bare machine), then a table per
run with one row per CPU and one for the machine.  --png draws a pair of
stacked bars per CPU and for the machine: time by mode, and time by
activity.  Both split the same cycles: the statistics do not split stalls by
mode, so no such split is guessed.  Heights are percent of the first run's
average CPU.  --phase ID measures only inside phase ID (its per-CPU deltas,
summed over every entry with that id); --totals keeps only the machine rows
and bars.  Reads only the JSON the simulator writes with --stats-json
(schema discosim-stats/2), never console text.
"""
import argparse
import json
import sys

MODES = ["kernel", "supervisor", "user", "idle"]
# Stall causes: (column name, stall_cycles path).
STALLS = [("i-l2", ("instruction", "l2")), ("i-local", ("instruction", "local")),
          ("i-remote", ("instruction", "remote")), ("d-l2", ("data", "l2")), ("d-local", ("data", "local")),
          ("d-remote", ("data", "remote")), ("uncached", ("uncached",)), ("pipeline", ("pipeline",))]
ACTIVITY = ["execute"] + [name for name, _ in STALLS] + ["idle"]
COLOURS = {"kernel": "#c0504d", "supervisor": "#f79646", "user": "#4f81bd", "idle": "#d9d9d9",
           "execute": "#9bbb59", "i-l2": "#e4dfec", "i-local": "#b1a0c7", "i-remote": "#604a7b",
           "d-l2": "#dce6f1", "d-local": "#95b3d7", "d-remote": "#366092", "uncached": "#948a54",
           "pipeline": "#ffd966"}


def fail(msg):
    sys.exit(f"breakdown: {msg}")


def counters(cpu):
    """The counters this script uses, from one per-CPU object."""
    c = {m: cpu["cycles"][m] for m in MODES}
    for name, path in STALLS:
        v = cpu["stall_cycles"]
        for key in path:
            v = v[key]
        c[name] = v
    c["tlb"] = cpu["tlb"]["refill_cycles"]
    return c


def add(a, b):
    return {k: a.get(k, 0) + b[k] for k in b}


def load(path, phase):
    """Returns (description, [(cpu name, counters)] with 'all' last)."""
    try:
        with open(path) as f:
            stats = json.load(f)
    except (OSError, ValueError) as e:
        fail(f"{path}: cannot read statistics ({e.__class__.__name__})")
    if not isinstance(stats, dict) or stats.get("schema") != "discosim-stats/2":
        fail(f"{path}: not a discosim-stats/2 file")
    what = f"{stats['cpu_model']} model, whole run"
    cpus = stats["cpus"]
    if phase is not None:
        entries = [p for p in stats["phases"] if p["id"] == phase]
        if not entries:
            fail(f"{path}: no phase {phase}")
        what = f"{stats['cpu_model']} model, phase {phase}"
        if len(entries) > 1:
            what += f" ({len(entries)} entries summed)"
        if not all(p["complete"] for p in entries):
            what += ", incomplete"
        cpus = entries[0]["cpus"]
        rows = [counters(c) for c in cpus]
        for p in entries[1:]:
            rows = [add(r, counters(c)) for r, c in zip(rows, p["cpus"])]
    else:
        rows = [counters(c) for c in cpus]
    total = {}
    for r in rows:
        total = add(total, r)
    return what, [(f"cpu{c['id']}", r) for c, r in zip(cpus, rows)] + [("all", total)]


def parts(c):
    """Cycles by column: the modes, TLB refill, execution (busy - stalled),
    each stall cause and the stall total; 'cycles' is the CPU's total."""
    p = dict(c)
    p["cycles"] = sum(c[m] for m in MODES)
    p["stall"] = sum(c[name] for name, _ in STALLS)
    p["execute"] = p["cycles"] - c["idle"] - p["stall"]
    return p


def pct(p, k):
    return 100.0 * p[k] / p["cycles"] if p["cycles"] else 0.0


def print_tables(labels, runs, totals_only):
    base = parts(runs[0][1][-1][1])["cycles"] or 1
    width = max(len(l) for l in labels)
    summary = MODES + ["stall", "tlb"]
    print(f"{'run':<{width}}  {'cycles':>14}  {'rel':>6}  " + "  ".join(f"{m:>10}" for m in summary))
    for label, (_, rows) in zip(labels, runs):
        p = parts(rows[-1][1])
        print(f"{label:<{width}}  {p['cycles']:>14}  {p['cycles'] / base:>6.3f}  " +
              "  ".join(f"{pct(p, m):>9.1f}%" for m in summary))
    cols = MODES + ["tlb"] + ACTIVITY[:-1]
    for label, (what, rows) in zip(labels, runs):
        print(f"\n{label}: {what}; percent of each CPU's cycles (tlb is part of kernel; "
              f"execute + stalls = busy = 100 - idle)")
        print(f"{'cpu':<6} {'cycles':>14} " + " ".join(f"{c:>10}" for c in cols))
        for name, c in rows[-1:] if totals_only else rows:
            p = parts(c)
            print(f"{name:<6} {p['cycles']:>14} " + " ".join(f"{pct(p, k):>9.1f}%" for k in cols))


def draw(path, labels, runs, totals_only):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch
    first = runs[0][1]
    base = parts(first[-1][1])["cycles"] / (len(first) - 1) or 1  # the first run's average CPU
    bars = []  # (x label, cycles by column, scaled to one average CPU)
    for label, (_, rows) in zip(labels, runs):
        ncpus = len(rows) - 1
        for name, c in rows[-1:] if totals_only or ncpus == 1 else rows:
            scale = 1.0 / ncpus if name == "all" else 1.0
            text = name if len(runs) == 1 else label if totals_only or ncpus == 1 else f"{label}\n{name}"
            bars.append((text, {k: v * scale for k, v in parts(c).items()}))
    fig, ax = plt.subplots(figsize=(2.5 + 0.9 * len(bars), 4.5))
    w = 0.38
    for i, (_, p) in enumerate(bars):
        y = 0.0
        for m in MODES:  # left bar: time by mode, TLB refill hatched inside kernel
            h = 100.0 * p[m] / base
            ax.bar(i - w / 2, h, w, bottom=y, color=COLOURS[m], edgecolor="black", linewidth=0.5)
            if m == "kernel" and p["tlb"]:
                ax.bar(i - w / 2, 100.0 * min(p["tlb"], p[m]) / base, w, bottom=y, color="none",
                       edgecolor="black", hatch="///", linewidth=0.5)
            y += h
        y = 0.0
        for k in ACTIVITY:  # right bar: execution, stalls by cause, idle
            h = 100.0 * p[k] / base
            ax.bar(i + w / 2, h, w, bottom=y, color=COLOURS[k], edgecolor="black", linewidth=0.5)
            y += h
    ax.set_xticks(range(len(bars)))
    ax.set_xticklabels([b[0] for b in bars], fontsize="small")
    ax.set_ylabel(f"execution time (% of {labels[0]}'s average CPU)")
    ax.set_title("left bar: time by mode; right bar: busy time by activity", fontsize="small")
    modes = [Patch(facecolor=COLOURS[m], edgecolor="black", label=m) for m in MODES]
    modes.insert(1, Patch(facecolor=COLOURS["kernel"], edgecolor="black", hatch="///", label="kernel: TLB refill"))
    acts = [Patch(facecolor=COLOURS[k], edgecolor="black", label=k if k in ("execute", "idle") else "stall " + k)
            for k in ACTIVITY]
    ax.add_artist(ax.legend(handles=modes, title="mode", loc="upper left", bbox_to_anchor=(1.0, 1.0),
                            fontsize="x-small", title_fontsize="small"))
    ax.legend(handles=acts, title="activity", loc="lower left", bbox_to_anchor=(1.0, 0.0), fontsize="x-small",
              title_fontsize="small")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    print(f"figure written to {path}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("runs", nargs="+", help="statistics JSON files (--stats-json)")
    ap.add_argument("--labels", help="comma-separated run labels (default: file names)")
    ap.add_argument("--png", help="write the stacked-bar figure here")
    ap.add_argument("--phase", type=int, help="only inside this phase (its deltas, all entries with this id)")
    ap.add_argument("--totals", action="store_true", help="machine totals only, no per-CPU rows or bars")
    args = ap.parse_args()
    labels = args.labels.split(",") if args.labels else args.runs
    if len(labels) != len(args.runs):
        fail("--labels needs one label per run")
    runs = [load(p, args.phase) for p in args.runs]
    print_tables(labels, runs, args.totals)
    if args.png:
        draw(args.png, labels, runs, args.totals)


if __name__ == "__main__":
    main()
