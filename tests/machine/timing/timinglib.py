"""timinglib.py - what the timing-test drivers share: running discosim with a
statistics file, reading a machine description the way docs/memory-system.md
describes it (latencies in cycles), and collecting failures."""
import json
import os
import subprocess
import tempfile
import tomllib

# docs/memory-system.md, "Parameters": the values a [memory] key has when a
# description leaves it out.
MEMORY_DEFAULTS = {
    "model": "numa", "local_ns": 300, "remote_ns": 900, "dirty_extra_ns": 300, "invalidate_extra_ns": 200,
    "controller_occupancy_ns": 50, "invalidate_occupancy_ns": 10, "network_occupancy_ns": 20,
    "l1_hit_cycles": 0, "l2_hit_cycles": 10, "uncached_ns": 300,
}


def ns_to_cycles(ns, mhz):
    """Nanoseconds to CPU cycles, rounded up (a latency is never shortened)."""
    return -(-ns * mhz // 1000)


class Machine:
    """A machine description and its latencies in cycles."""

    def __init__(self, path):
        self.path = path
        with open(path, "rb") as f:
            toml = tomllib.load(f)
        m = toml.get("machine", {})
        self.nodes = m.get("nodes", 1)
        self.cpus_per_node = m.get("cpus_per_node", 1)
        self.mhz = m.get("clock_mhz", 200)
        self.mem = dict(MEMORY_DEFAULTS, **toml.get("memory", {}))
        self.uma = self.mem["model"] == "uma"
        c = lambda key: ns_to_cycles(self.mem[key], self.mhz)
        self.local, self.remote = c("local_ns"), c("remote_ns")
        self.dirty_extra, self.invalidate_extra = c("dirty_extra_ns"), c("invalidate_extra_ns")
        self.uncached = c("uncached_ns")
        self.l1_hit, self.l2_hit = self.mem["l1_hit_cycles"], self.mem["l2_hit_cycles"]

    def node(self, cpu):
        return cpu // self.cpus_per_node

    def miss_cycles(self, local, dirty, invalidated):
        """An L2 miss or upgrade: base + extra (docs/memory-system.md,
        "Latency of an access"), without queueing."""
        if self.uma:
            return self.local
        base = self.local if local else self.remote
        return base + (self.dirty_extra if dirty else self.invalidate_extra if invalidated else 0)


def run(discosim, config, elf, *args, timeout=60):
    """Runs elf on config; returns (stdout lines, statistics JSON)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "stats.json")
        p = subprocess.run([discosim, "run", config, elf, "--stats-json", out, *args], capture_output=True,
                           text=True, timeout=timeout)
        if p.returncode != 0:
            raise RuntimeError(f"discosim {config} {elf} {args} exited {p.returncode}:\n{p.stdout}\n{p.stderr}")
        with open(out) as f:
            return p.stdout.splitlines(), json.load(f)


MEMORY_COUNTERS = ["l1i_misses", "l1d_misses", "l2_misses", "upgrades", "local_misses", "remote_misses",
                   "dirty_misses", "invalidations_sent", "invalidations_received", "writebacks", "contention_cycles"]


def stalls(c):
    """A CPU's stall cycles (statistics JSON) as a flat dict."""
    s = c["stall_cycles"]
    flat = {f"{side}.{where}": s[side][where] for side in ("instruction", "data") for where in ("l2", "local", "remote")}
    flat.update(uncached=s["uncached"], pipeline=s["pipeline"], total=s["total"])
    return flat


class Checker:
    """Collects failed comparisons; report() prints them and exits."""

    def __init__(self):
        self.failures, self.checks = [], 0

    def eq(self, got, want, what):
        self.checks += 1
        if got != want:
            self.failures.append(f"{what}: got {got}, want {want}")

    def true(self, cond, what):
        self.checks += 1
        if not cond:
            self.failures.append(what)

    def report(self):
        for f in self.failures[:60]:
            print("FAIL:", f)
        if len(self.failures) > 60:
            print(f"... and {len(self.failures) - 60} more")
        print(f"{self.checks - len(self.failures)} checks passed, {len(self.failures)} failed")
        return 1 if self.failures else 0
