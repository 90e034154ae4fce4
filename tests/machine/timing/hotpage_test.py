#!/usr/bin/python3
"""hotpage_test.py - the per-page miss counters and the hot-page interrupt,
as software sees them through the device window (hotpage.c).

Expected values follow docs/memory-system.md, "Per-page miss counters":
every request reaching a directory (an L2 miss or an upgrade) counts once
for the requester's node; hits and a store to a clean-exclusive line (which
dirties it silently) do not.  POLICY 0 raises IP5 on exactly the
THRESHOLD-th miss of a node (the handler sees THRESHOLD - 1 loads done, the
count at THRESHOLD), once, until RESET_PAGE re-arms the page; POLICY 1 when
a remote node's count exceeds the home node's by THRESHOLD.  HOT_PAGE names
the page, HOT_NODE the node, and after HOT_ACK the queue is empty (~0).

Usage: hotpage_test.py <discosim> <hotpage.elf> <directory of the configs>
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from timinglib import Checker, run  # noqa: E402

discosim, elf, here = sys.argv[1:4]
check = Checker()
MEM_PER_NODE = 16 << 20  # numa.toml
REGION1 = MEM_PER_NODE + 0x840000  # timed.h: experiment lines of node 1
PAGE = 4096
NONE = 0xFFFFFFFFFFFFFFFF
a, b, c = REGION1, REGION1 + PAGE, REGION1 + 2 * PAGE


def hot(what, page, node, threshold, count0, count1):
    return (f"{what} hot page {page:x} node {node} after {threshold - 1} loads counts {count0} {count1} "
            f"then {NONE:x}")


# Page a, detection off: cpu 0 misses on lines 0-4 (5) and upgrades line 0
# after cpu 2 read it (1); cpu 2 misses on lines 5-7 (3) and on line 0 (1).
want = ["nodes 2", f"counting page {a:x} count 6 4", f"reset page {a:x} count 0 0"]
# POLICY 0, THRESHOLD 8: cpu 0 loads 16 lines of b, then 8 more after RESET_PAGE.
T0 = 8
want += [hot("policy0", b, 0, T0, T0, 0), "policy0 interrupts 1", f"policy0 page {b:x} count 16 0",
         hot("policy0", b, 0, T0, T0, 0), "policy0 interrupts 1"]
# POLICY 1, THRESHOLD 4: cpu 2 (node 1, c's home) misses 3 times, then cpu 0
# loads 10 lines: hot when its count reaches 3 + 4.
T1, HOME = 4, 3
want += [hot("policy1", c, 0, HOME + T1, HOME + T1, HOME), "policy1 interrupts 1",
         f"policy1 page {c:x} count 10 {HOME}", "done"]

lines, stats = run(discosim, os.path.join(here, "numa.toml"), elf, "--cpu-model", "timing")
got = [ln for ln in lines if not ln.startswith("warmup")]
check.eq(len(got), len(want), "lines printed")
for g, w in zip(got, want):
    check.eq(g, w, "line")
warmup = sum(int(ln.split()[-1]) for ln in lines if ln.startswith("warmup interrupts"))
check.eq(stats["cpus"][0]["exceptions"].get("Int"), warmup + 3, "cpu 0's interrupts: those printed, no others")
sys.exit(check.report())
