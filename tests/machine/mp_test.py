#!/usr/bin/python3
"""mp_test.py - the multiprocessor boot protocol and LL/SC across CPUs.

mp_hello.elf starts every CPU through cpu-control; each prints in turn and
adds to a shared counter with LL/SC atomics.  Run on 8 and 32 CPUs and with
tiny quanta (1 and 7 instructions: CPUs are descheduled between LL and SC
all the time), the output must list every CPU in order and the sum must be
exact; a broken link protocol loses updates.  Two identical runs must give
identical per-CPU statistics: instructions, cycles, stalls (determinism).

With --cpu-model timing every run uses the timing CPU model, whose stalls
change how the CPUs interleave; the expectations are the same.

Usage: mp_test.py <discosim> <mp_hello.elf> <configs dir> [--cpu-model functional|timing]
"""
import json
import os
import subprocess
import sys
import tempfile

discosim, elf, configs = sys.argv[1:4]
model = sys.argv[4:6]  # [] or ["--cpu-model", name]
failures = []
passed = 0


def run_case(name, cfg_text, runs=2):
    global passed
    with tempfile.TemporaryDirectory() as tmp:
        cfg = os.path.join(tmp, name + ".toml")
        open(cfg, "w").write(cfg_text)
        stats = []
        for k in range(runs):
            js = os.path.join(tmp, f"s{k}.json")
            p = subprocess.run([discosim, "run", cfg, elf, "--stats-json", js] + model, capture_output=True, text=True,
                               timeout=300)
            stats.append(json.load(open(js)))
        n = stats[0]["config"]["nodes"] * stats[0]["config"]["cpus_per_node"]
        want = [f"hello from cpu {c} of {n}" for c in range(n)]
        total = 1000 * n * (n + 1) // 2
        want.append(f"{n} CPUs added {total} (expected {total}): ok")
        got = p.stdout.splitlines()
        if p.returncode != 0 or got != want:
            failures.append(f"{name}: exit {p.returncode}, output {got[-3:]!r}, stderr {p.stderr!r}")
            return
        if any(s["cpus"] != stats[0]["cpus"] for s in stats):
            failures.append(f"{name}: per-CPU statistics (instructions, cycles, ...) differ between identical runs")
            return
        passed += 1


def machine(nodes, cpus, mem, quantum):
    return (f"[machine]\nnodes = {nodes}\ncpus_per_node = {cpus}\nmemory_per_node = \"{mem}\"\n"
            f"[run]\nquantum = {quantum}\nmax_instructions = 500000000\n")


run_case("mp8", open(os.path.join(configs, "mp8.toml")).read())
run_case("mp32", open(os.path.join(configs, "mp32.toml")).read())
# Under the timing model a quantum of one cycle makes a long run (every stall
# is as many rounds of the machine): run it once, the other cases show
# determinism.
run_case("mp8-quantum1", machine(4, 2, "16M", 1), runs=1 if model == ["--cpu-model", "timing"] else 2)
run_case("mp5-quantum7", machine(5, 1, "16M", 7))

for f in failures:
    print("FAIL:", f)
print(f"{passed} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
