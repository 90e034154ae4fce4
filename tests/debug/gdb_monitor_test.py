#!/usr/bin/env python3
"""gdb_monitor_test.py - gdb at every level of a machine running the Disco
monitor (`discosim guest --monitor`): a breakpoint in the monitor (kernel
mode, monitor.elf's symbols), then in the guest kernel's syscall() (dunix's
Disco port, supervisor mode in cksseg, add-symbol-file), then in the user
program (user mode); detaching lets the run finish with its output.

usage: gdb_monitor_test.py DISCOSIM GDB monitor.elf dunix-disco.elf user_prog"""
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gdbrun import Session, need_gdb  # noqa: E402

discosim, gdb, monitor, kernel, prog = sys.argv[1:6]
need_gdb(gdb)
failures = []


def check(cond, what, output=""):
    if not cond:
        failures.append(what + (f"\n--- output ---\n{output[-3000:]}" if output else ""))


with tempfile.TemporaryDirectory() as tmp:
    s = Session([discosim, "guest", "--monitor"], tmp, tail=[prog])
    out = s.gdb(gdb, f"""file {monitor}
target remote {s.sock}
break trap
continue
bt 1
monitor cp0
delete
add-symbol-file {kernel}
break syscall
continue
bt
monitor cp0
delete
add-symbol-file {prog}
break user_work
continue
bt
monitor cp0
detach
""")
    code, stdout, _, _ = s.finish()
    modes = re.findall(r"^cpu\d+ mode ([ksu])$", out, re.M)
    check(re.search(r"Breakpoint 1, 0x[0-9a-f]+ in trap \(\)", out) is not None, "no stop in the monitor's trap()", out)
    check(re.search(r"Breakpoint 2, 0xffffffffc[0-9a-f]+ in syscall \(\)", out) is not None and
          re.search(r"^#1\s+0x[0-9a-f]+ in trap \(\)", out, re.M) is not None,
          "no stop in the guest kernel's syscall() (cksseg), called from its trap()", out)
    check(re.search(r"Breakpoint 3, user_work \(n=10\)", out) is not None, "no stop in the user program", out)
    check(modes == ["k", "s", "u"], f"modes at the three stops: {modes}, expected monitor k, guest kernel s, user u",
          out)
    check(code == 0 and "user program pid 1: 45" in stdout, f"after detach: exit {code}, output {stdout!r}", out)

for f in failures:
    print("FAIL:", f)
print(f"gdb-monitor: {len(failures)} failures")
sys.exit(1 if failures else 0)
