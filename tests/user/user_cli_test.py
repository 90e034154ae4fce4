#!/usr/bin/python3
"""user_cli_test.py - `discosim user` refuses bad input with one line.

Each case runs the real binary and requires a non-zero exit status, exactly
one line on stderr naming the problem, and no crash.  The ELF files are made
here with struct (a big-endian ELF64 MIPS executable, optionally with a
PT_INTERP header, or an ELF32 one), so no cross compiler is needed.
usage: user_cli_test.py <discosim>
"""
import os
import struct
import subprocess
import sys
import tempfile

discosim = sys.argv[1]
failures = []


def mips_elf(interp=False, elf32=False, machine=8):
    """A tiny MIPS executable whose code is exit_group(0)."""
    vaddr = 0x120000000
    code = struct.pack(">4I", 0x24040000, 0x240213C2, 0x0000000C, 0)  # a0=0; v0=5058; syscall
    if elf32:
        ident = b"\x7fELF" + bytes([1, 2, 1]) + bytes(9)
        hdr = ident + struct.pack(">HHIIIIIHHHHHH", 2, machine, 1, 0x400054, 52, 0, 0x20, 52, 32, 1, 40, 0, 0)
        ph = struct.pack(">8I", 1, 0, 0x400000, 0x400000, 84 + len(code), 84 + len(code), 5, 0x10000)
        return hdr + ph + code
    phnum = 2 if interp else 1
    off = 64 + 56 * 2
    ident = b"\x7fELF" + bytes([2, 2, 1]) + bytes(9)
    hdr = ident + struct.pack(">HHIQQQIHHHHHH", 2, machine, 1, vaddr + off, 64, 0, 0, 64, 56, phnum, 64, 0, 0)
    size = off + len(code)
    ph = struct.pack(">IIQQQQQQ", 1, 5, 0, vaddr, vaddr, size, size, 0x10000)
    if interp:
        ph += struct.pack(">IIQQQQQQ", 3, 4, off - 1, vaddr, vaddr, 1, 1, 1)
    return (hdr + ph).ljust(off, b"\0") + code


def run(args, expect, code=None):
    p = subprocess.run([discosim, "user"] + args, capture_output=True, text=True, timeout=60)
    lines = [l for l in p.stderr.splitlines() if l.strip()]
    ok = p.returncode > 0 and (code is None or p.returncode == code) and len(lines) == 1 and expect in lines[0]
    if not ok:
        failures.append(f"{args}: exit {p.returncode}, stderr {p.stderr!r}; wanted one line with {expect!r}")


with tempfile.TemporaryDirectory() as tmp:
    def write(name, data):
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        os.chmod(path, 0o755)
        return path

    good = write("good.elf", mips_elf())
    ok = subprocess.run([discosim, "user", good], capture_output=True, timeout=60)
    if ok.returncode != 0 or ok.stderr:
        failures.append(f"the well-formed ELF did not run: exit {ok.returncode}, stderr {ok.stderr!r}")
    ok = subprocess.run([discosim, "user", "--isa", "mips4", "--", good, "--isa", "x"], capture_output=True, timeout=60)
    if ok.returncode != 0:
        failures.append(f"program arguments after '--' were taken as options: exit {ok.returncode} {ok.stderr!r}")

    run([], "no program given")
    run([os.path.join(tmp, "missing.elf")], "cannot open file")
    run([write("text.elf", b"#!/bin/sh\necho not an elf\n" * 8)], "not an ELF file")
    run(["/bin/true"], "not a MIPS ELF file")
    run([write("dyn.elf", mips_elf(interp=True))], "dynamically linked")
    run([write("o32.elf", mips_elf(elf32=True))], "n64 only")
    run([write("trunc.elf", mips_elf()[:100])], "trunc.elf")  # "truncated" or "no loadable segments"
    run(["--isa", "mips3", good], "mips3", 2)
    run(["--max-insns", "lots", good], "lots", 2)

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("all user CLI error cases behave")
