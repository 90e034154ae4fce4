#!/usr/bin/env python3
"""gdb_guest_test.py - gdb at the guest-kernel level: `discosim guest --gdb`
with the dunix kernel's symbols, a breakpoint in its system-call handler
reached from a user program, a stepi from the kernel's ERET into the program,
then the user program's own symbols
(add-symbol-file) and a breakpoint in it, restricted to its address space
with `monitor asid` (hits in that ASID, never in another); detaching leaves
the run's statistics unchanged.  Then the same program under the user-mode
runner (`discosim user --gdb`, `--trace`).

usage: gdb_guest_test.py DISCOSIM GDB dunix.elf user_prog"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gdbrun import Session, need_gdb, plain_run  # noqa: E402

discosim, gdb, kernel, prog = sys.argv[1:5]
need_gdb(gdb)
failures = []


def check(cond, what, output=""):
    if not cond:
        failures.append(what + (f"\n--- output ---\n{output[-3000:]}" if output else ""))


def cp0(out, name, nth=0):
    found = re.findall(rf"^{name}\s+([0-9a-f]{{16}})$", out, re.M)
    return int(found[nth], 16) if len(found) > nth else None


# The ERET that returns from a trap to user mode: the first in hal_trap_return.
nm = subprocess.run(["nm", kernel], capture_output=True, text=True, check=True).stdout
trap_return = int(re.search(r"^([0-9a-f]+) T hal_trap_return$", nm, re.M).group(1), 16)
listing = subprocess.run([discosim, "disasm", kernel], capture_output=True, text=True, check=True).stdout
eret = min(a for a in (int(m.group(1), 16) for m in re.finditer(r"^([0-9a-f]+):\t42000018 ", listing, re.M))
           if a >= trap_return)
cmd = [discosim, "guest", "--kernel", kernel]
tail = [prog]
with tempfile.TemporaryDirectory() as tmp:
    # The first system call of the program stops in dunix's syscall(), called from trap();
    # then the program's user_work, in user mode.
    s = Session(cmd, tmp, tail=tail)
    out = s.gdb(gdb, f"""file {kernel}
target remote {s.sock}
break syscall
continue
bt
monitor cp0
delete
break *{eret:#x}
continue
delete
stepi
echo AFTER_ERET=\\n
p/x $pc
monitor cp0
add-symbol-file {prog}
break user_work
continue
bt
monitor cp0
detach
""")
    code, stdout, _, stats = s.finish()
    pcode, pstdout, pstats = plain_run(cmd, tmp, tail)
    check(re.search(r"Breakpoint 1, (0x[0-9a-f]+ in )?syscall ", out) is not None, "no stop in syscall()", out)
    check(re.search(r"^#1\s+0x[0-9a-f]+ in trap ", out, re.M) is not None, "syscall() not called from trap()", out)
    cause, epc = cp0(out, "Cause"), cp0(out, "EPC")
    check(cause is not None and (cause >> 2) & 31 == 8, f"Cause.ExcCode at syscall() is not Sys: {cause}", out)
    check(epc is not None and 0x120000000 <= epc < 0x130000000, f"EPC {epc} is not in the user program", out)
    # gdb's stepi on the kernel's ERET (it plants its step breakpoint at pc + 4) stops in the program,
    # after the syscall instruction.
    m = re.search(r"AFTER_ERET=\n\$\d+ = (0x[0-9a-f]+)", out)
    check(m is not None and epc is not None and int(m.group(1), 16) == epc + 4 and
          re.findall(r"^cpu0 mode ([ksu])$", out, re.M)[1:2] == ["u"],
          f"stepi over the kernel's eret: not at the program's EPC + 4 ({epc}) in user mode", out)
    check(re.search(r"Breakpoint 3, user_work \(n=10\)", out) is not None and
          re.search(r"^#1\s+0x[0-9a-f]+ in main \(\)", out, re.M) is not None, "no stop in user_work from main", out)
    check("cpu0 mode u" in out, "user_work's stop is not in user mode", out)
    check(code == pcode == 0 and stdout == pstdout and "user program pid 1: 45" in stdout,
          f"after detach: exit {code} vs {pcode}, output {stdout!r} vs {pstdout!r}", out)
    check(stats is not None and stats == pstats, "after detach: statistics differ from the run without gdb", out)
    entryhi = cp0(out, "EntryHi", 2)
    asid = entryhi & 0xff if entryhi is not None else 0

    # The same breakpoint restricted to that ASID hits; restricted to another, the program runs to its end.
    for restrict, hits in [(asid, True), ((asid + 1) & 0xff, False)]:
        s = Session(cmd, tmp, tail=tail)
        out = s.gdb(gdb, f"""file {kernel}
target remote {s.sock}
add-symbol-file {prog}
break *user_work
eval "monitor asid 0x%lx {restrict}", (long)&user_work
monitor asid
continue
info symbol $pc
continue
""")
        code, stdout, _, _ = s.finish()
        hit = re.search(r"^user_work in section \.text", out, re.M) is not None
        check(hit == hits and f"address space {restrict} only" in out,
              f"breakpoint restricted to ASID {restrict} (the program's is {asid}): hit {hit}, expected {hits}", out)
        check(code == 0 and "user program pid 1: 45" in stdout, f"ASID {restrict} run: exit {code}", out)

    # The same program in the user-mode runner (`discosim user`): one CPU, the program's own symbols.
    s = Session([discosim, "user"], tmp, tail=tail)
    out = s.gdb(gdb, f"""file {prog}
target remote {s.sock}
break user_work
continue
bt
info threads
detach
""")
    code, stdout, _, _ = s.finish()
    check(re.search(r"Breakpoint 1, user_work \(n=10\)", out) is not None and
          re.search(r"^#1\s+0x[0-9a-f]+ in main \(\)", out, re.M) is not None, "user mode: no stop in user_work", out)
    check(len(re.findall(r'Thread \d+ "cpu0"', out)) == 1, "user mode: not one thread cpu0", out)
    check(code == 0 and "user program pid" in stdout, f"user mode after detach: exit {code}", out)

    # A user-mode trace: every record in user mode, the system calls with their results.
    t = os.path.join(tmp, "user.trace")
    r = subprocess.run([discosim, "user", "--trace", t, prog], capture_output=True, text=True, timeout=60)
    lines = open(t).read().splitlines()
    check(r.returncode == 0 and len(lines) > 1000 and all(" u " in l.split(":")[0] for l in lines),
          f"user trace: exit {r.returncode}, {len(lines)} records, not all in user mode")
    check(any(re.search(r"  syscall \| .*exc Sys -> ", l) for l in lines), "user trace: no system call record")

for f in failures:
    print("FAIL:", f)
print(f"gdb-guest: {len(failures)} failures")
sys.exit(1 if failures else 0)
