#!/usr/bin/python3
"""latency_test.py - every way a memory reference can be satisfied costs
exactly what docs/memory-system.md says, on the machine described.

Runs latency.elf (latency.c) on three machines - numa.toml (the documented
defaults), numa-odd.toml (150 MHz, latencies that round up, a 1-cycle L1
hit) and uma.toml - in the timing model.  Each line the program prints names
a measured phase, the CPU that made its references, the line's home node,
the number of references and the line's history ("setup").  This driver
replays that history through the directory protocol of the documentation
(an independent model, below) to find how the references are satisfied,
computes their latency from the machine description, and checks the phase's
statistics exactly: stall cycles by cause, miss counters, instructions,
cycles, CP0 Count (half the pipeline clock), and the other CPUs' side of it
(a dirty owner's sharing writeback, invalidations received).

Then the same program in the functional model (no stalls, no cache events,
same output apart from the timings), and with --timing-at-phase K: phases
before K run functional, the switch happens exactly at PHASE_BEGIN K (the
instruction count in the statistics), phases from K on are timed.

Usage: latency_test.py <discosim> <latency.elf> <directory of the configs>
"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from timinglib import MEMORY_COUNTERS, Checker, Machine, run, stalls  # noqa: E402

discosim, elf, here = sys.argv[1:4]
check = Checker()


class Line:
    """One L2 line's directory entry and whether its owner's copy is dirty
    (docs/memory-system.md, "Coherence protocol"; data references only)."""

    def __init__(self):
        self.state, self.sharers, self.dirty = "Unowned", set(), False

    def read(self, p):
        if self.state == "Unowned":
            self.state, self.sharers = "Exclusive", {p}  # exclusive grant: P fills CleanExclusive
        elif self.state == "Exclusive" and p not in self.sharers:
            self.state, self.dirty = "Shared", False  # the owner downgrades, writing back if dirty
            self.sharers.add(p)
        elif self.state == "Shared":
            self.sharers.add(p)

    def write(self, p):
        self.state, self.sharers, self.dirty = "Exclusive", {p}, True

    def drop(self, p):  # the CPU's L2 gives the line up (CACHE): writeback or replacement hint
        self.sharers.discard(p)
        if not self.sharers:
            self.state, self.dirty = "Unowned", False

    def writeback(self, p):  # Hit Writeback: dirty -> CleanExclusive, still owned
        self.dirty = False

    @staticmethod
    def from_setup(setup):
        line = Line()
        for step in ([] if setup == "-" else setup.split(",")):
            cpu, what = int(step[:-1]), step[-1]
            {"l": line.read, "s": line.write, "c": line.drop, "w": line.writeback}[what](cpu)
        return line


def reference(line, p, write):
    """How P's reference to `line` is satisfied: 'hit', or a directory
    transaction ('miss' or 'upgrade') with the CPUs it involves, whether the
    data comes dirty from another cache, the copies it invalidates and the
    owner it makes write back."""
    t = dict(kind="miss", involved=set(), dirty=False, invalidated=set(), writes_back=None)
    if p in line.sharers:
        if not write or line.state == "Exclusive":
            return dict(t, kind="hit")
        t["kind"] = "upgrade"
    if line.state == "Exclusive" and p not in line.sharers:
        (q,) = line.sharers
        t.update(involved={q}, dirty=line.dirty)
        if write:
            t["invalidated"] = {q}
        elif line.dirty:
            t["writes_back"] = q
    elif line.state == "Shared" and write:
        t["involved"] = t["invalidated"] = line.sharers - {p}
    return t


def parse(lines):
    exps = []
    for ln in lines:
        f = ln.split()
        if f and f[0] == "exp":
            kv = dict(zip(f[3::2], f[4::2]))
            exps.append(dict(phase=int(f[1]), name=f[2], cpu=int(kv["cpu"]), home=int(kv["home"]), n=int(kv["n"]),
                             setup=kv["setup"], count=int(kv["count"]), insns=int(kv["insns"])))
    return exps


def expect(m, e):
    """The measuring CPU's phase: stalls, memory counters, and the stall
    inside the Count window (mtc0 .. mfc0, timed.S)."""
    n, p, write = e["n"], e["cpu"], e["name"].startswith(("store", "upgrade"))
    st = dict.fromkeys(["instruction.l2", "instruction.local", "instruction.remote", "data.l2", "data.local",
                        "data.remote", "pipeline"], 0)
    mem = dict.fromkeys(MEMORY_COUNTERS, 0)
    others = {}  # cpu -> {counter: value} for the other CPUs' side of the transaction
    # Every instruction fetch in the phase (mtc0, 4 per reference, mfc0,
    # PHASE_END) hits the L1 I line timed.S's first instruction brought in.
    st["instruction.l2"] = (3 + 4 * n) * m.l1_hit
    window = (1 + 4 * n) * m.l1_hit  # fetch stalls inside the Count window
    st["uncached"] = m.uncached  # PHASE_END
    if e["name"].startswith("uncached"):
        st["uncached"] += n * m.uncached
        window += n * m.uncached
    else:
        t = reference(Line.from_setup(e["setup"]), p, write)
        if t["kind"] == "hit":
            level = "l2" if e["name"] == "l2_hit" else "l1"
            check.eq(e["name"] in ("l1_hit", "l2_hit", "store_to_clean_exclusive"), True,
                     f"phase {e['phase']} {e['name']}: the protocol says the reference hits")
            st["data.l2"] = n * (m.l2_hit if level == "l2" else m.l1_hit)
            mem["l1d_misses"] = n if level == "l2" else 0
        else:
            nodes = {e["home"]} | {m.node(q) for q in t["involved"]}
            local = m.uma or nodes == {m.node(p)}
            cost = m.miss_cycles(local, t["dirty"], bool(t["invalidated"]))
            st["data.local" if local else "data.remote"] = n * cost
            mem["l1d_misses"] = n if t["kind"] == "miss" else 0
            mem["l2_misses" if t["kind"] == "miss" else "upgrades"] = n
            mem["local_misses" if local else "remote_misses"] = n
            mem["dirty_misses"] = n if t["dirty"] else 0
            mem["invalidations_sent"] = n * len(t["invalidated"])
            for q in t["invalidated"]:
                others[q] = {"invalidations_received": 1}
            if t["writes_back"] is not None:
                others[t["writes_back"]] = {"writebacks": 1}
    data = st["data.l2"] + st["data.local"] + st["data.remote"]
    window += data
    st["total"] = sum(v for k, v in st.items() if k != "total")
    return st, mem, others, window


def check_phase(m, e, ph, where, switch=False):
    """One timed.S phase (or a CACHE phase) against the expectations."""
    tag = f"{where} phase {e['phase']} {e['name']} (cpu {e['cpu']}, setup {e['setup']})"
    cpus = ph["cpus"]
    c = cpus[e["cpu"]]
    if e["name"].startswith("cache_"):  # one CACHE instruction on CPU 0
        line = Line.from_setup(e["setup"])
        writes_back = e["name"] == "cache_writeback"
        check.eq(line.dirty, True, f"{tag}: the line is dirty before the CACHE instruction")
        # Data side only: the phase's own code may miss in the L1 I.
        keys = ["l1d_misses", "upgrades", "dirty_misses", "invalidations_sent", "invalidations_received", "writebacks"]
        want = dict.fromkeys(keys, 0) | {"writebacks": 1 if writes_back else 0}
        check.eq({k: c["memory"][k] for k in keys}, want, f"{tag}: memory counters")
        d = c["stall_cycles"]["data"]
        check.eq((d["local"], d["remote"]), (0, 0), f"{tag}: no data reference misses")
        return
    st, mem, others, window = expect(m, e)
    if switch:  # the first fetch after the switch finds every cache empty: timed.S's line comes from memory
        st["instruction.local"] += m.local
        st["total"] += m.local
        mem.update(l1i_misses=1, l2_misses=mem["l2_misses"] + 1, local_misses=mem["local_misses"] + 1)
    n = e["n"]
    check.eq(stalls(c), st, f"{tag}: stall cycles")
    check.eq({k: c["memory"][k] for k in MEMORY_COUNTERS}, mem, f"{tag}: memory counters")
    check.eq(c["instructions"], 3 + 4 * n, f"{tag}: instructions")
    check.eq(c["cycles"], {"kernel": 3 + 4 * n + st["total"], "supervisor": 0, "user": 0, "idle": 0},
             f"{tag}: cycles = instructions + stalls")
    check.eq(e["count"], (1 + 4 * n + window) // 2, f"{tag}: CP0 Count runs at half the pipeline clock")
    if switch:
        return  # the other CPUs' first references after the switch fall in this phase too
    for q, oc in enumerate(cpus):
        if q == e["cpu"]:
            continue
        want = dict.fromkeys(MEMORY_COUNTERS, 0) | others.get(q, {})
        check.eq({k: oc["memory"][k] for k in MEMORY_COUNTERS}, want, f"{tag}: cpu {q}'s memory counters")
        if m.l1_hit == 0:  # the others spin on lines in their L1 caches
            check.eq(oc["stall_cycles"]["total"], 0, f"{tag}: cpu {q} stalls")


def phases_by_id(stats):
    return {p["id"]: p for p in stats["phases"]}


def check_timing_run(config):
    m = Machine(os.path.join(here, config))
    lines, stats = run(discosim, m.path, elf, "--cpu-model", "timing")
    exps = parse(lines)
    check.true(len(exps) >= 30 and lines[-1] == f"done {len(exps)} phases", f"{config}: program output {lines[-3:]}")
    check.eq(stats["cpu_model"], "timing", f"{config}: cpu model")
    for key in ("local_ns", "remote_ns", "dirty_extra_ns", "invalidate_extra_ns", "l1_hit_cycles", "l2_hit_cycles",
                "uncached_ns", "model"):
        check.eq(stats["config"]["memory"][key], m.mem[key], f"{config}: [memory] {key} as the simulator read it")
    phs = phases_by_id(stats)
    check.eq(sorted(phs), [e["phase"] for e in exps], f"{config}: phases recorded")
    for e in exps:
        check.true(phs[e["phase"]]["complete"], f"{config}: phase {e['phase']} complete")
        check_phase(m, e, phs[e["phase"]], config)
    return lines, exps


def without_timings(lines):
    return [" ".join(ln.split()[:-4]) if ln.startswith("exp ") else ln for ln in lines]


timed_lines, timed_exps = check_timing_run("numa.toml")
check_timing_run("numa-odd.toml")
check_timing_run("uma.toml")

# The functional model: same program output (apart from the timings), no
# stalls, no cache events, one cycle per instruction.
numa = os.path.join(here, "numa.toml")
lines, stats = run(discosim, numa, elf)
check.eq(without_timings(lines), without_timings(timed_lines), "functional: program output as in timing")
check.eq((stats["cpu_model"], stats["switched_to_timing_at"]), ("functional", None), "functional: model")
for c in stats["cpus"] + [c for p in stats["phases"] for c in p["cpus"]]:
    check.eq((c["stall_cycles"]["total"], sum(c["memory"].values())), (0, 0), f"functional: cpu {c['id']} stalls, events")
for e in parse(lines):
    if not e["name"].startswith("cache_"):
        c = phases_by_id(stats)[e["phase"]]["cpus"][e["cpu"]]
        check.eq((c["instructions"], c["cycles"]["kernel"], e["count"]), (3 + 4 * e["n"], 3 + 4 * e["n"],
                 (1 + 4 * e["n"]) // 2), f"functional: phase {e['phase']} instructions, cycles, Count")

# --timing-at-phase K, K a phase whose line has no history (so its setup,
# run functional, does not matter): functional before, timed from K on.
k = next(e["phase"] for e in timed_exps if e["setup"] == "-" and e["name"] == "load_miss_local")
m = Machine(numa)
lines, stats = run(discosim, numa, elf, "--timing-at-phase", str(k))
exps = parse(lines)
check.eq(without_timings(lines), without_timings(timed_lines), f"timing at phase {k}: program output")
check.eq(stats["cpu_model"], "timing", f"timing at phase {k}: model at the end")
e_k = next(e for e in exps if e["phase"] == k)
check.eq(stats["switched_to_timing_at"], e_k["insns"] + 1,
         f"timing at phase {k}: switched at PHASE_BEGIN {k}, the instruction after timed.S's INSNS read")
phs = phases_by_id(stats)
for e in exps:
    ph = phs[e["phase"]]
    if e["phase"] < k:
        for c in ph["cpus"]:
            check.eq((c["stall_cycles"]["total"], sum(c["memory"].values())), (0, 0),
                     f"timing at phase {k}: phase {e['phase']} cpu {c['id']} is functional")
    else:
        check_phase(m, e, ph, f"timing at phase {k}:", switch=e["phase"] == k)

# The same switch from the description: [run] timing_at_phase = K.
with tempfile.TemporaryDirectory() as tmp:
    cfg = os.path.join(tmp, "switch.toml")
    with open(numa) as src, open(cfg, "w") as f:
        f.write(src.read().replace("[run]\n", f"[run]\ntiming_at_phase = {k}\n"))
    lines2, stats2 = run(discosim, cfg, elf)
check.eq((lines2, stats2["switched_to_timing_at"], stats2["config"]["timing_at_phase"]),
         (lines, stats["switched_to_timing_at"], k), f"[run] timing_at_phase = {k}: as --timing-at-phase {k}")

sys.exit(check.report())
