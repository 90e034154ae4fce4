#!/usr/bin/env python3
"""gdb_test.py - the gdb stub driven by the real gdb-multiarch in batch mode
on bare-metal programs: a breakpoint, a backtrace, stepping a taken branch
into its delay slot, write and read watchpoints on the right accesses, every
CPU of the 8-CPU demo as a thread, a detach after which the run ends with the
statistics of a run without gdb, Ctrl-C, kill, TCP on 127.0.0.1, and bad
options refused in one line.

usage: gdb_test.py DISCOSIM GDB CONFIGS debug_target.elf debug_spin.elf mp_hello.elf"""
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gdbrun import Rsp, Session, need_gdb, plain_run  # noqa: E402

discosim, gdb, configs, target, spin, mp_hello = sys.argv[1:7]
# debug_spin.elf spins until gdb stops it; demo.toml's 100 M-instruction limit is a
# fraction of a second on a fast host, shorter than the tests wait before they interrupt.
FOREVER = str(10**13)
need_gdb(gdb)
failures = []


def check(cond, what, output=""):
    if not cond:
        failures.append(what + (f"\n--- output ---\n{output[-3000:]}" if output else ""))


def value(out, name):
    """The value gdb printed for `echo NAME=\\n` followed by `p EXPR`."""
    m = re.search(re.escape(name) + r"=\n\$\d+ = (\S+)", out)
    return m.group(1) if m else None


demo = [discosim, "run", os.path.join(configs, "demo.toml"), target]
mp8 = [discosim, "run", os.path.join(configs, "mp8.toml"), mp_hello]
nm = subprocess.run(["nm", target], capture_output=True, text=True, check=True).stdout
syms = {m.group(2): int(m.group(1), 16) for m in re.finditer(r"^([0-9a-f]+) \w (\w+)$", nm, re.M)}

with tempfile.TemporaryDirectory() as tmp:
    # 1. Break at a function, continue, PC and backtrace; the recursion is four deep at leaf.
    s = Session(demo, tmp)
    out = s.gdb(gdb, f"""file {target}
target remote {s.sock}
break leaf
continue
info symbol $pc
bt
echo DEPTH=\\n
p depth
continue
""")
    code, stdout, _, _ = s.finish()
    check(re.search(r"^leaf(?: \+ \d+)? in section \.text", out, re.M) is not None,
          "breakpoint at leaf: the PC is not in leaf", out)
    frames = re.findall(r"^#\d+\s+(?:0x[0-9a-f]+ in )?(\w+) ", out, re.M)
    check(frames[:6] == ["leaf", "nest", "nest", "nest", "nest", "main"],
          f"backtrace from leaf: {frames}, expected leaf, nest x4, main", out)
    check(value(out, "DEPTH") == "0", "depth at leaf is not 0", out)
    check(code == 0 and "exited normally" in out, f"run after continue: exit {code}", out)
    check("debug target: sum 45" in stdout, "console output missing after the breakpoint run", stdout)

    # 2. Stepping.  gdb steps MIPS code with breakpoints on the next PC (software single step), so its
    #    stepi over a taken branch runs the delay slot with it and lands on the target; the stub's own
    #    single step (vCont;s) executes one instruction and stops in the delay slot.
    s = Session(demo, tmp)
    out = s.gdb(gdb, f"""file {target}
target remote {s.sock}
break *dbg_branch
continue
stepi
echo AT_BRANCH=\\n
p (long)$pc - (long)&dbg_branch
stepi
echo AT_TARGET=\\n
p (long)$pc - (long)&dbg_branch
echo V0_AFTER=\\n
p $v0
detach
""")
    s.finish()
    got = [value(out, k) for k in ("AT_BRANCH", "AT_TARGET", "V0_AFTER")]
    check(got == ["4", "16", "42"], f"gdb stepi over beq: offsets/v0 {got}, expected 4, 16 (slot run), v0 42", out)
    s = Session(demo, tmp)
    r = Rsp(s.sock)
    r.ask("qSupported")
    branch = syms["dbg_branch"]

    def reg(n):
        return int(r.ask(f"p{n:x}"), 16)

    steps = [r.ask(f"Z0,{branch + 4:x},4"), r.ask("vCont;c")[:3]]
    steps += [reg(37) - branch, r.ask("vCont;s:1")[:3], reg(37) - branch, reg(2)]
    steps += [r.ask("vCont;s:1")[:3], reg(37) - branch, reg(2)]
    check(steps == ["OK", "T05", 4, "T05", 8, 1, "T05", 16, 42],
          f"stub single step: {steps}, expected the branch at +4, the slot at +8 (v0 1), the target +16 (v0 42)")
    r.ask("z0,%x,4" % (branch + 4))
    r.ask("D")
    s.finish()
    # Continuing from a breakpoint runs its instruction: dbg_branch runs once, so the run then ends.
    s = Session(demo, tmp)
    r = Rsp(s.sock)
    r.ask("qSupported")
    got = [r.ask(f"Z0,{branch + 4:x},4"), r.ask("vCont;c")[:3], r.ask("vCont;c")]
    s.finish()
    check(got == ["OK", "T05", "W00"], f"continue from a breakpoint: {got}, expected OK, T05, W00 (no second stop)")

    # 3. Watchpoints: a write watchpoint stops after the store that changes `watched` (0 -> 7: the
    #    first store writes the value it already has), a read watchpoint in leaf; then a write.
    s = Session(demo, tmp)
    out = s.gdb(gdb, f"""file {target}
target remote {s.sock}
watch watched
continue
echo WATCHED=\\n
p watched
echo STORE=\\n
x/i $pc - 4
delete
set var untouched_reads = 3
echo READ_BACK=\\n
p untouched_reads
rwatch untouched_reads
continue
bt 1
delete
continue
""")
    code, stdout, _, _ = s.finish()
    check(re.search(r"Old value = 0\s+New value = 7", out) is not None, "write watchpoint: no 0 -> 7 report", out)
    check(value(out, "WATCHED") == "7", "write watchpoint: watched is not 7 at the stop", out)
    m = re.search(r"STORE=\n.*:\s+(\w+)\s", out)
    check(m is not None and m.group(1) == "sd", "write watchpoint: the instruction before the stop is not sd", out)
    check(re.search(r"Value = 3", out) is not None and re.search(r"#0\s+(0x\w+ in )?leaf", out) is not None,
          "read watchpoint: no stop in leaf reading untouched_reads", out)
    # The write through gdb (an X/M packet) changed the program's result: leaf returned 3 more.
    check(value(out, "READ_BACK") == "3" and code == 1 and "sum 48" in stdout,
          f"memory write: exit {code}, output {stdout!r}", out)

    # 4. Every CPU of the 8-CPU demo is a thread; stopped, stepped and detached, the run ends with
    #    exactly the statistics and output of a run without gdb, in both CPU models.
    script = f"""file {mp_hello}
break say_hello_and_add
continue
stepi
stepi
info threads
thread 1
stepi
monitor cp0
monitor tlb
detach
"""
    for model in ("functional", "timing"):
        cmd = mp8 + ["--cpu-model", model]
        s = Session(cmd, tmp)
        out = s.gdb(gdb, script.replace("\n", f"\ntarget remote {s.sock}\n", 1))
        code, stdout, _, stats = s.finish()
        pcode, pstdout, pstats = plain_run(cmd, tmp)
        threads = re.findall(r'Thread (\d+) "cpu(\d+)"', out)
        check(sorted({int(c) for _, c in threads}) == list(range(8)), f"info threads: {threads}", out)
        check("Status" in out and "EntryHi" in out and "idx pagemask" in out, "monitor cp0 / tlb output missing", out)
        check(code == pcode and stdout == pstdout, f"{model}: after detach: exit {code} vs {pcode}, or output differs",
              out)
        check(stats is not None and stats == pstats,
              f"{model}: after detach: statistics differ from the run without gdb", out)

    # 5. Ctrl-C interrupts a running machine, registers and memory read back, kill ends the run.
    s = Session([discosim, "run", "--max-insns", FOREVER, os.path.join(configs, "demo.toml"), spin], tmp)
    r = Rsp(s.sock)
    r.ask("qSupported:swbreak+")
    check(r.ask("?").startswith("T05"), "initial stop reply is not T05")
    r.send("vCont;c")
    time.sleep(0.3)
    r.s.sendall(b"\x03")
    stop = r.recv()
    check(stop.startswith("T02") and "thread:1;" in stop, f"Ctrl-C: stop reply {stop!r}")
    regs = r.ask("g")
    check(len(regs) == 72 * 16, f"g packet: {len(regs)} hex digits, expected {72 * 16}")
    check(r.ask("qfThreadInfo") == "m1" and r.ask("qsThreadInfo") == "l", "thread list of one CPU")
    check(r.ask("mc000000000000000,4") == "E01", "reading an unmapped xkseg address is not an error")
    r.send("k")
    s.proc.wait(timeout=20)
    check(s.proc.returncode == 137, f"kill: exit status {s.proc.returncode}, expected 137")

    # gdb attaching to a machine already running (no --gdb-wait) stops it where it is; kill ends it.
    s = Session([discosim, "run", "--max-insns", FOREVER, os.path.join(configs, "demo.toml"), spin], tmp, wait=False)
    time.sleep(0.2)
    out = s.gdb(gdb, f"""file {spin}
target remote {s.sock}
bt 1
echo RUNNING=\\n
p watched > 1000
kill
""")
    code, _, _, _ = s.finish()
    check(re.search(r"^#0\s+(0x\w+ in )?main \(\)", out, re.M) is not None and value(out, "RUNNING") == "1"
          and code == 137, f"attach to a running machine, then kill: exit {code}", out)

    # 6. TCP: listening on 127.0.0.1 only.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    s = Session(demo, tmp, endpoint=str(port))
    for _ in range(200):
        try:
            conn = socket.create_connection(("127.0.0.1", port), timeout=5)
            break
        except OSError:
            time.sleep(0.02)
    conn.close()  # connected and gone: as a detach, the run goes on
    code, _, err, _ = s.finish()
    check(f"listening on 127.0.0.1:{port}" in err and code == 0, f"TCP endpoint: exit {code}, {err!r}")

    # 7. Bad input: one line each, non-zero status.
    for args, text in [(["--gdb", "0"], "--gdb wants a TCP port"), (["--gdb", "x"], "--gdb wants a TCP port"),
                       (["--gdb-wait"], "--gdb-wait needs --gdb"),
                       (["--gdb", "unix:" + "x" * 200], "--gdb unix:PATH wants a path"),
                       (["--gdb", "1", "--lockstep", "--cpu-model", "timing"], "cannot be combined")]:
        r = subprocess.run(demo + args, capture_output=True, text=True, timeout=30)
        check(r.returncode != 0 and text in r.stderr and r.stderr.count("\n") == 1,
              f"{args}: exit {r.returncode}, stderr {r.stderr!r}")

for f in failures:
    print("FAIL:", f)
print(f"gdb-bare: 7 scenarios, {len(failures)} failures")
sys.exit(1 if failures else 0)
