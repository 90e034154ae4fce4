#!/usr/bin/python3
"""guest_cli_test.py - `discosim guest` refuses bad input with one line.

Every case checks: non-zero exit status, exactly one line on stderr naming
the problem, nothing booted (no console output), and no image or scratch
directory left behind.

usage: guest_cli_test.py --discosim D --bare-metal HELLO.ELF --program STATIC
                         --dynamic DYNAMIC [--busybox BUSYBOX]
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

ap = argparse.ArgumentParser()
ap.add_argument("--discosim", required=True)
ap.add_argument("--bare-metal", required=True, help="a freestanding MIPS ELF (the demo's hello.elf)")
ap.add_argument("--program", required=True, help="a static Linux n64 program (big-endian)")
ap.add_argument("--dynamic", required=True, help="a dynamically linked Linux n64 program")
ap.add_argument("--busybox", default="")
opt = ap.parse_args()

failures = []
cases = 0

with tempfile.TemporaryDirectory(prefix="guest-cli-") as tmp:
    scratch = os.path.join(tmp, "scratch")
    os.mkdir(scratch)

    def run(args, expect_in_stderr, expect_code=None, env=None, binary=None):
        global cases
        cases += 1
        p = subprocess.run([binary or opt.discosim, "guest"] + args, capture_output=True, text=True, timeout=60,
                           env=dict(os.environ, TMPDIR=scratch, **(env or {})), stdin=subprocess.DEVNULL)
        lines = [l for l in p.stderr.splitlines() if l.strip()]
        ok = (p.returncode > 0 and (expect_code is None or p.returncode == expect_code) and len(lines) == 1
              and expect_in_stderr in lines[0] and p.stdout == "" and os.listdir(scratch) == [])
        if not ok:
            failures.append(f"{args}: exit {p.returncode}, stdout {p.stdout[:200]!r}, stderr {p.stderr!r}, "
                            f"scratch {os.listdir(scratch)}; wanted one line with {expect_in_stderr!r}")

    def write(name, data, mode=0o644):
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        os.chmod(path, mode)
        return path

    def patched(name, offset, value):
        """A copy of the static program with bytes at `offset` replaced."""
        data = bytearray(open(opt.program, "rb").read())
        data[offset:offset + len(value)] = value
        return write(name, bytes(data), 0o755)

    prog = opt.program
    # PROGRAM
    run([], "no program given")
    run([os.path.join(tmp, "missing")], "missing: no such file")
    run([tmp], "not a regular file")
    run([write("text", b"#!/bin/sh\necho hi\n", 0o755)], "not an ELF file")
    run(["/bin/true"], "not a 64-bit MIPS program")
    run([opt.bare_metal], "not a Linux program")
    run([opt.dynamic], "dynamically linked programs need --sysroot, which is not supported yet")
    run([patched("pie", 16, b"\x00\x03")], "not a static executable")           # e_type = ET_DYN
    run([patched("r6", 48, b"\xa0")], "not supported")                          # EF_MIPS_ARCH_64R6
    # options
    run(["--file", os.path.join(tmp, "nope.txt"), prog], "--file " + os.path.join(tmp, "nope.txt"))
    run(["--file", prog + ":/work/..", prog], "does not name a file in the image")  # that is /
    run(["--env", "NOEQUALS", prog], "--env wants NAME=VALUE")
    run(["--disk-size", "lots", prog], "--disk-size: malformed size")
    run(["--kernel-arg", "two words", prog], "is not a single boot option word")
    run(["--kernel-arg=--", prog], "is not a single boot option word")
    run(["--monitor", "--monitor-arg", "mon.stats=1 mon.quiet=1", prog], "is not a single monitor boot word")
    run(["--monitor-arg", "mon.stats=1", prog], "--monitor-arg need --monitor")
    run(["--cpus", "0", prog], "--cpus must be at least 1")
    run(["--cpus", "many", prog], "many", 2)
    run(["--reuse-image", prog], "--reuse-image needs --image")
    run(["--console-input", os.path.join(tmp, "no-input"), prog], "cannot open console input")
    run(["--config", os.path.join(tmp, "none.toml"), prog], "none.toml")
    run(["--config", write("bad.toml", b"[machine]\ncpus = 2\n"), prog], "unknown key 'cpus'")
    run(["--cpu-model", "detailed", prog], "detailed", 2)
    # the kernel
    run(["--kernel", os.path.join(tmp, "no-kernel.elf"), prog], "no such kernel file")
    run(["--kernel", write("kernel.txt", b"not a kernel"), prog], "not an ELF file")
    lonely = os.path.join(tmp, "bin")
    os.mkdir(lonely)
    shutil.copy(opt.discosim, lonely)
    run([prog], "build it with: ninja -C build guest-kernels/dunix/dunix.elf", binary=os.path.join(lonely, "discosim"))
    if opt.busybox and os.path.exists(opt.busybox):  # little-endian: the other kernel
        run([opt.busybox], "ninja -C build guest-kernels/dunix/dunix-el.elf", binary=os.path.join(lonely, "discosim"))
    # e2fsprogs
    empty = os.path.join(tmp, "no-tools")
    os.mkdir(empty)
    run([prog], "mke2fs not found (install e2fsprogs", env={"DISCOSIM_E2FSPROGS": empty})
    run(["--disk-size", "64K", prog], "mke2fs failed")
    failing = os.path.join(tmp, "failing-tools")
    os.mkdir(failing)
    write("failing-tools/mke2fs", b"#!/bin/sh\necho 'mke2fs: something is wrong' >&2\nexit 1\n", 0o755)
    run([prog], "mke2fs failed (status 1): mke2fs: something is wrong", env={"DISCOSIM_E2FSPROGS": failing})

for f in failures:
    print("FAIL:", f)
print(f"{cases - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
