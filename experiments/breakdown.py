#!/usr/bin/python3
"""breakdown.py - where the time went, from discosim statistics JSON.

Prints, for each run given, the execution-time breakdown by CPU mode as a
table (the categories of the Disco paper's figures: kernel = the monitor
under Disco, supervisor = a guest kernel, user, idle), and draws the same as
a stacked-bar figure, one bar per run, normalised to the first run (as the
paper's Figure 5 normalises to IRIX on the bare machine).

    breakdown.py run1.json [run2.json ...] [--labels A,B] [--png out.png]

Reads only the JSON the simulator writes with --stats-json (schema
discosim-stats/2, docs/statistics.md), never console text.
"""
import argparse
import json
import sys

MODES = ["kernel", "supervisor", "user", "idle"]
COLOURS = {"kernel": "#c0504d", "supervisor": "#f79646", "user": "#4f81bd", "idle": "#d9d9d9"}


def load(path):
    with open(path) as f:
        stats = json.load(f)
    if stats.get("schema") != "discosim-stats/2":
        sys.exit(f"breakdown: {path}: not a discosim-stats/2 file")
    totals = {m: 0 for m in MODES}
    for cpu in stats["cpus"]:
        for m in MODES:
            totals[m] += cpu.get("cycles", {}).get(m, 0)
    return totals


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("runs", nargs="+", help="statistics JSON files")
    ap.add_argument("--labels", help="comma-separated bar labels (default: file names)")
    ap.add_argument("--png", help="write a stacked-bar figure here")
    args = ap.parse_args()
    labels = args.labels.split(",") if args.labels else args.runs
    if len(labels) != len(args.runs):
        sys.exit("breakdown: --labels needs one label per run")
    runs = [load(p) for p in args.runs]
    base = sum(runs[0].values()) or 1

    width = max(len(l) for l in labels)
    print(f"{'run':<{width}}  {'cycles':>14}  {'rel':>6}  " + "  ".join(f"{m:>10}" for m in MODES))
    for label, t in zip(labels, runs):
        total = sum(t.values())
        shares = [100.0 * t[m] / total if total else 0.0 for m in MODES]
        print(f"{label:<{width}}  {total:>14}  {total / base:>6.3f}  " + "  ".join(f"{s:>9.1f}%" for s in shares))

    if args.png:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(1.6 + 1.2 * len(runs), 4))
        bottoms = [0.0] * len(runs)
        for m in MODES:
            heights = [100.0 * t[m] / base for t in runs]
            ax.bar(labels, heights, bottom=bottoms, color=COLOURS[m], label=m, edgecolor="black", linewidth=0.5)
            bottoms = [b + h for b, h in zip(bottoms, heights)]
        ax.set_ylabel(f"execution time (% of {labels[0]})")
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small")
        fig.tight_layout()
        fig.savefig(args.png, dpi=120)
        print(f"figure written to {args.png}")


if __name__ == "__main__":
    main()
