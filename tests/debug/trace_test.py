#!/usr/bin/env python3
"""trace_test.py - commit-record traces: the records of a known piece of code
against `discosim disasm` and its register and memory effects; the filters
(CPU, mode, PC range, instruction window); tracing changes nothing in the run;
scripts/trace-diff stops at the first difference; bad filters are one line.

usage: trace_test.py DISCOSIM CONFIGS debug_target.elf mp_hello.elf TRACE_DIFF"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gdbrun import load_stats  # noqa: E402

discosim, configs, target, mp_hello, trace_diff = sys.argv[1:6]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def run(cfg, elf, *extra):
    return subprocess.run([discosim, "run", os.path.join(configs, cfg), elf, "--progress", "off", *extra],
                          capture_output=True, text=True, timeout=60)


def symbols(elf):
    """Symbols (from nm) and `discosim disasm`'s listing: address -> (word, text)."""
    nm = subprocess.run(["nm", elf], capture_output=True, text=True, check=True).stdout
    syms = {m.group(2): int(m.group(1), 16) for m in re.finditer(r"^([0-9a-f]+) \w (\w+)$", nm, re.M)}
    out = subprocess.run([discosim, "disasm", elf], capture_output=True, text=True, check=True).stdout
    words = {int(m.group(1), 16): (m.group(2), m.group(3).strip())
             for m in re.finditer(r"^\s*([0-9a-f]+):\t([0-9a-f]{8}) \t(.*)$", out, re.M)}
    return syms, words


record = re.compile(r"^cpu(\d+) cycle=(\d+) ([ksu]) ([0-9a-f]{16}): ([0-9a-f]{8})  ([^|]*?)\s*(\|.*)?$")
syms, words = symbols(target)
with tempfile.TemporaryDirectory() as tmp:
    t = os.path.join(tmp, "t")
    # dbg_branch: li, beq (taken), its delay slot, jr, nop; the instruction after the slot never runs.
    lo = syms["dbg_branch"]
    r = run("demo.toml", target, "--trace", t, "--trace-range", f"{lo:#x}:{lo + 24:#x}")
    lines = open(t).read().splitlines()
    check(r.returncode == 0, f"traced run: exit {r.returncode} {r.stderr!r}")
    recs = [record.match(l) for l in lines]
    check(all(recs) and len(recs) == 5, f"dbg_branch: {len(lines)} records, expected 5: {lines}")
    if all(recs) and len(recs) == 5:
        check([int(m.group(4), 16) - lo for m in recs] == [0, 4, 8, 16, 20], f"dbg_branch PCs: {lines}")
        for m in recs:
            pc = int(m.group(4), 16)
            raw, text = words.get(pc, ("?", "?"))
            # The listing annotates targets with symbols ("ffff... <f+0x10>"), the trace prints 0xffff...
            text = re.sub(r" <[^>]*>", "", text).replace("0x", "").split()
            got = m.group(6).replace("0x", "").split()
            check(m.group(5) == raw and got == text,
                  f"record at {pc:#x}: {m.group(5)} {got} vs disasm {raw} {text}")
        check(recs[0].group(7) == "| v0=1", f"li v0,1 effect: {recs[0].group(7)!r}")
        check(recs[1].group(7) is None, f"beq writes nothing: {recs[1].group(7)!r}")
        check(recs[2].group(7) == "| v0=2a", f"delay slot effect: {recs[2].group(7)!r}")
        cycles = [int(m.group(2)) for m in recs]
        check(cycles == sorted(cycles) and all(m.group(3) == "k" and m.group(1) == "0" for m in recs),
              f"cycles, mode, cpu: {lines}")

    # The stores to `watched` in main: three sd with values 0, 7, 14 at its address.
    main = syms["main"]
    run("demo.toml", target, "--trace", t, "--trace-range", f"{main:#x}:{main + 0x200:#x}")
    stores = re.findall(r"\| st8 va=([0-9a-f]+) pa=([0-9a-f]+) =([0-9a-f]+)", open(t).read())
    watched = syms["watched"]
    mine = [(int(pa, 16), int(v, 16)) for va, pa, v in stores if int(va, 16) == watched]
    check([v for _, v in mine] == [0, 7, 14] and all(pa == watched & 0x1fffffff for pa, _ in mine),
          f"stores to watched ({watched}): {mine}")

    # Tracing changes nothing; filters.
    plain = os.path.join(tmp, "plain.json")
    traced = os.path.join(tmp, "traced.json")
    a = run("mp8.toml", mp_hello, "--stats-json", plain)
    b = run("mp8.toml", mp_hello, "--stats-json", traced, "--trace", t)
    check(a.stdout == b.stdout and load_stats(plain) == load_stats(traced), "a traced run's statistics differ")
    full = open(t).read().splitlines()
    check(len(full) == sum(c["instructions"] + sum(c["exceptions"].values()) for c in load_stats(plain)["cpus"]),
          f"{len(full)} records for the run's instructions and exceptions")
    run("mp8.toml", mp_hello, "--trace", t, "--trace-cpu", "3")
    cpu3 = open(t).read().splitlines()
    check(cpu3 and all(l.startswith("cpu3 ") for l in cpu3) and cpu3 == [l for l in full if l.startswith("cpu3 ")],
          "--trace-cpu 3 is not the full trace's cpu3 records")
    run("mp8.toml", mp_hello, "--trace", t, "--trace-window", "1000:7")
    check(open(t).read().splitlines() == full[1000:1007], "--trace-window 1000:7 is not records 1000..1006")
    run("mp8.toml", mp_hello, "--trace", t, "--trace-mode", "user")
    check(open(t).read() == "", "a bare-metal program has user-mode records")

    # A run resumed from a checkpoint traces exactly the records the whole run has from there on.
    ck, ckstats = os.path.join(tmp, "ck"), os.path.join(tmp, "ck.json")
    run("mp8.toml", mp_hello, "--checkpoint-at", "200000", "--checkpoint", ck, "--stop-at-checkpoint",
        "--stats-json", ckstats)
    at = sum(c["instructions"] + sum(c["exceptions"].values()) for c in load_stats(ckstats)["cpus"])
    r = subprocess.run([discosim, "resume", os.path.join(configs, "mp8.toml"), ck, "--trace", t, "--trace-window",
                        "0:500", "--progress", "off"], capture_output=True, text=True, timeout=60)
    check(r.returncode == 0 and open(t).read().splitlines() == full[at:at + 500],
          f"resume --trace: not the whole run's records {at}..{at + 499}")

    # trace-diff: identical traces, then one record changed.
    t2 = os.path.join(tmp, "t2")
    b2 = run("mp8.toml", mp_hello, "--trace", t2, "--trace-window", "0:2000")
    same = subprocess.run([trace_diff, t2, t2], capture_output=True, text=True)
    check(same.returncode == 0 and "2000 records, identical" in same.stdout, f"trace-diff same: {same.stdout!r}")
    lines = open(t2).read().splitlines()
    lines[1234] = lines[1234].replace(" | ", " | x=1 | ", 1) if " | " in lines[1234] else lines[1234] + " | x=1"
    t3 = os.path.join(tmp, "t3")
    open(t3, "w").write("\n".join(lines) + "\n")
    diff = subprocess.run([trace_diff, t2, t3], capture_output=True, text=True)
    check(diff.returncode == 1 and "first difference at record 1235" in diff.stdout,
          f"trace-diff changed: {diff.returncode} {diff.stdout!r}")
    timing = os.path.join(tmp, "t4")
    run("mp8.toml", mp_hello, "--trace", timing, "--trace-cpu", "0", "--trace-window", "0:300", "--cpu-model", "timing")
    run("mp8.toml", mp_hello, "--trace", t2, "--trace-cpu", "0", "--trace-window", "0:300")
    cyc = subprocess.run([trace_diff, "--ignore-cycles", t2, timing], capture_output=True, text=True)
    check(cyc.returncode == 0, f"functional vs timing trace of cpu0's first records: {cyc.stdout!r}")

    # Bad filters: one line, non-zero status.
    for args, text in [(["--trace", t, "--trace-range", "5:1"], "--trace-range wants LO:HI"),
                       (["--trace", t, "--trace-window", "x"], "--trace-window wants FIRST:COUNT"),
                       (["--trace", t, "--trace-mode", "hyper"], "--trace-mode wants"),
                       (["--trace", t, "--trace-cpu", "9"], "--trace-cpu 9: the machine has 8 CPUs"),
                       (["--trace-cpu", "1"], "need --trace FILE"),
                       (["--trace", "/nonexistent/dir/t"], "cannot write trace file")]:
        r = run("mp8.toml", mp_hello, *args)
        check(r.returncode != 0 and text in r.stderr and r.stderr.count("\n") == 1,
              f"{args}: exit {r.returncode}, stderr {r.stderr!r}")

for f in failures:
    print("FAIL:", f)
print(f"trace: {len(failures)} failures")
sys.exit(1 if failures else 0)
