#!/usr/bin/python3
"""litmus_test.py - sequential consistency of the simulated multiprocessor.

Runs litmus.elf (SB, MP, LB, 2+2W, IRIW, WRC and an LL/SC counter on four
CPUs of a two-node machine) in both CPU models at several quanta, and
requires, from the outcome counts it prints:
  * the outcome SC forbids for each shape (the table below, derived here and
    not by the program) never occurs, and no read returns a value nobody wrote;
  * every run sees at least two different allowed outcomes of each shape,
    and over all runs every allowed outcome is seen (so the start delays
    really produce different interleavings: a degenerate schedule fails);
  * the LL/SC counter is exact and at least one SC failed (contention
    really happened);
  * the timing model interleaves differently from the functional one;
  * two identical runs print byte-identical output.

Usage: litmus_test.py <discosim> <litmus.elf>
"""
import os
import subprocess
import sys
import tempfile

discosim, elf = sys.argv[1:3]
CPUS = 4
# Shape -> (digits of an outcome, base value, outcomes SC forbids).  The
# digits are the values the program prints in its order (litmus.c).
SHAPES = {
    "SB": (2, 0, {"00"}),      # both loads miss both stores
    "MP": (2, 0, {"10"}),      # flag seen, data not
    "LB": (2, 0, {"11"}),      # both loads see the other CPU's later store
    "2+2W": (2, 1, {"11"}),    # final x = 1 and y = 1: the stores ran in a cycle
    "IRIW": (4, 0, {"1010"}),  # the readers saw the two writes in opposite orders
    "WRC": (3, 0, {"110"}),    # y seen after its writer saw x, then x not seen
}
MODELS = ["functional", "timing"]
QUANTA = [1, 7, 100, 1000]
REPEATED = [7, 1000]  # run twice to check determinism (quantum 1 is the slow one)

failures = []
checks = 0


def fail(msg):
    failures.append(msg)


def all_outcomes(digits, base):
    return {"".join(str(base + ((i >> d) & 1)) for d in reversed(range(digits))) for i in range(1 << digits)}


def parse(out):
    res = {}
    for line in out.splitlines():
        name, *fields = line.split()
        res[name] = {k: int(v) for k, v in (f.split("=") for f in fields)}
    return res


def run(tmp, model, quantum):
    cfg = os.path.join(tmp, f"{model}-{quantum}.toml")
    with open(cfg, "w") as f:
        f.write(f'[machine]\nnodes = 2\ncpus_per_node = 2\nmemory_per_node = "16M"\n'
                f'[run]\nquantum = {quantum}\nmax_instructions = 200000000\ncpu_model = "{model}"\n')
    return subprocess.run([discosim, "run", cfg, elf], capture_output=True, timeout=100)


def check_run(tag, out):
    global checks
    try:
        res = parse(out)
    except ValueError:
        fail(f"{tag}: unparsable output {out!r}")
        return None
    for shape, (digits, base, forbidden) in SHAPES.items():
        counts = res.get(shape)
        if counts is None:
            fail(f"{tag}: no {shape} line")
            continue
        outcomes = all_outcomes(digits, base)
        if set(counts) != outcomes | {"iterations", "bad"}:
            fail(f"{tag}: {shape} prints outcomes {sorted(counts)}")
            continue
        seen = {o for o in outcomes if counts[o]}
        checks += 1
        if sum(counts[o] for o in outcomes) + counts["bad"] != counts["iterations"]:
            fail(f"{tag}: {shape} counts do not add up to {counts['iterations']}")
        if counts["bad"]:
            fail(f"{tag}: {shape}: {counts['bad']} iterations read a value never written")
        for o in forbidden & seen:
            fail(f"{tag}: {shape}: SC-forbidden outcome {o} seen {counts[o]} times")
        if len(seen - forbidden) < 2:
            fail(f"{tag}: {shape}: only {sorted(seen)} seen: the interleaving is degenerate")
    llsc = res.get("LLSC")
    checks += 1
    if llsc is None:
        fail(f"{tag}: no LLSC line")
    elif llsc["cpus"] != CPUS or llsc["counter"] != llsc["cpus"] * llsc["per_cpu"] or llsc["per_cpu"] == 0:
        fail(f"{tag}: LL/SC counter {llsc}")
    elif llsc["sc_failures"] == 0:
        fail(f"{tag}: no SC ever failed: the CPUs never contended")
    return res


results = {}
with tempfile.TemporaryDirectory() as tmp:
    for model in MODELS:
        for q in QUANTA:
            tag = f"{model} quantum {q}"
            p = run(tmp, model, q)
            if p.returncode != 0:
                fail(f"{tag}: exit {p.returncode}, stderr {p.stderr.decode()!r}")
                continue
            res = check_run(tag, p.stdout.decode())
            if res is not None:
                results[(model, q)] = res
                print(f"# {tag}:\n" + p.stdout.decode(), end="")
            if q in REPEATED:
                checks += 1
                again = run(tmp, model, q)
                if again.stdout != p.stdout or again.returncode != p.returncode:
                    fail(f"{tag}: a second identical run printed different output")

# Over all runs, every outcome SC allows must have occurred.
for shape, (digits, base, forbidden) in SHAPES.items():
    checks += 1
    seen = {o for res in results.values() for o, n in res[shape].items() if n and o[0].isdigit()}
    missing = all_outcomes(digits, base) - forbidden - seen
    if missing:
        fail(f"{shape}: allowed outcomes {sorted(missing)} never seen in any run")

# Stalls must change the interleaving: the timing model's counts differ.
for q in QUANTA:
    if ("functional", q) in results and ("timing", q) in results:
        checks += 1
        if results[("functional", q)] == results[("timing", q)]:
            fail(f"quantum {q}: the timing model observed exactly the functional model's outcomes")

for f in failures:
    print("FAIL:", f)
print(f"{checks} checks, {len(failures)} failed")
sys.exit(1 if failures else 0)
