#!/usr/bin/python3
"""pingpong_test.py - false sharing between two nodes, miss by miss.

pingpong.c has CPU 0 (node 0) and CPU 2 (node 1) take ROUNDS turns each,
handing the turn over through a turn line; in phase 1 each turn writes a
word of a line the other CPU's writes share (false sharing), in phase 2 a
word of a line of its own.  All lines live on node 0.  Per round, following
docs/memory-system.md's protocol:

  CPU 0  reads turn: misses; CPU 2 wrote it, so it comes dirty from node 1
         (remote + dirty extra), except in round 0, where CPU 2 had only read
         it (clean exclusive: remote); one more dirty read sees the end
         writes its word: phase 1 a write miss on the line CPU 2 dirtied
         (remote + dirty extra, one invalidation); phase 2 a hit
         writes turn: an upgrade of its shared copy, invalidating CPU 2's
         (remote, since the copy is on node 1: remote + invalidate extra)
  CPU 2  the same, every read of turn dirty from CPU 0 (home node 0, but
         the requester is on node 1: remote)

On pingpong.toml (no occupancy) the data stall of every phase is exactly
that; on numa.toml the two CPUs queue at node 0's controller, which adds at
most the contention the statistics report.  Phase 1 minus phase 2, per
write, is the cost of a false-sharing write: remote + dirty extra (240
cycles with the defaults).  In the functional model the program prints the
same and nothing stalls.

Usage: pingpong_test.py <discosim> <pingpong.elf> <directory of the configs>
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from timinglib import Checker, Machine, run  # noqa: E402

discosim, elf, here = sys.argv[1:4]
ROUNDS = 20
CPU0, CPU2 = 0, 2
check = Checker()


def expected(m, variant):
    """Per CPU: data stall (all remote) and the data-side event counts."""
    dirty_read = m.remote + m.dirty_extra
    upgrade = m.remote + m.invalidate_extra
    false_sharing = variant == 1
    word = dirty_read if false_sharing else 0  # the data write
    turn_reads = {CPU0: ROUNDS + 1, CPU2: ROUNDS}
    stall = {CPU0: m.remote + (ROUNDS - 1) * dirty_read + ROUNDS * (word + upgrade) + dirty_read,
             CPU2: ROUNDS * (dirty_read + word + upgrade)}
    counts = {}
    for cpu in (CPU0, CPU2):
        data_misses = ROUNDS if false_sharing else 0
        dirty_turn_reads = turn_reads[cpu] - (1 if cpu == CPU0 else 0)  # CPU 0's first is clean
        counts[cpu] = {
            "l1d_misses": turn_reads[cpu] + data_misses,
            "upgrades": ROUNDS,
            "dirty_misses": dirty_turn_reads + data_misses,
            "invalidations_sent": ROUNDS + data_misses,  # turn upgrades, data write misses
            "invalidations_received": ROUNDS + data_misses,  # the other CPU's, likewise
            "writebacks": ROUNDS,  # the other CPU read our dirty turn (sharing writeback)
        }
    return stall, counts


lines = {}
stall_by = {}
for config in ("pingpong.toml", "numa.toml"):
    m = Machine(os.path.join(here, config))
    lines[config], stats = run(discosim, m.path, elf, "--cpu-model", "timing")
    phases = {p["id"]: p for p in stats["phases"]}
    check.eq(sorted(phases), [1, 2], f"{config}: phases")
    for v in (1, 2):
        stall, counts = expected(m, v)
        for cpu in (CPU0, CPU2):
            c = phases[v]["cpus"][cpu]
            tag = f"{config} phase {v} cpu {cpu}"
            d = c["stall_cycles"]["data"]
            check.eq({k: c["memory"][k] for k in counts[cpu]}, counts[cpu], f"{tag}: data-side events")
            check.eq((d["l2"], d["local"]), (0, 0), f"{tag}: every data stall is remote")
            wait = c["memory"]["contention_cycles"]
            if config == "pingpong.toml":
                check.eq((d["remote"], wait), (stall[cpu], 0), f"{tag}: data stall, contention")
                stall_by[v, cpu] = d["remote"]
            else:
                check.true(stall[cpu] <= d["remote"] <= stall[cpu] + wait,
                           f"{tag}: data stall {d['remote']} = {stall[cpu]} unloaded + queueing (at most {wait})")
    for cpu in (CPU0, CPU2):
        if config == "pingpong.toml":
            per_write = (stall_by[1, cpu] - stall_by[2, cpu]) / ROUNDS
            check.eq(per_write, m.remote + m.dirty_extra, f"cpu {cpu}: cost of one false-sharing write")

want = [f"variant {v}: turn {2 * ROUNDS} mine {ROUNDS - 1} theirs {ROUNDS - 1}" for v in (1, 2)]
check.eq(lines["pingpong.toml"], want, "program output (timing)")
check.eq(lines["numa.toml"], want, "program output (timing, with queueing)")
out, stats = run(discosim, os.path.join(here, "numa.toml"), elf)
check.eq(out, want, "program output (functional)")
for c in stats["cpus"] + [c for p in stats["phases"] for c in p["cpus"]]:
    check.eq((c["stall_cycles"]["total"], sum(c["memory"].values())), (0, 0), f"functional: cpu {c['id']} stalls, events")
sys.exit(check.report())
