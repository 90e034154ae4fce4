#!/usr/bin/python3
"""known_differences_test.py - pins every documented difference between the
oracle (qemu-mips64) and discosim's R10000 user mode, and the deliberate
choices made where the MIPS IV manual says UNPREDICTABLE, one case each.
The random generator avoids these cases (rows.py KNOWN_DIFFERENCE,
SEXT_OPERANDS; sequence.py), so this file is where they are checked; if one
starts to fail, update docs/differential-testing.md with the new behaviour.

Usage: known_differences_test.py <list-rows> <discosim>   (exit 77: no runner)
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import encode as E  # noqa: E402
import program  # noqa: E402
import rows as R  # noqa: E402
import sequence  # noqa: E402
from diffgen import run_one  # noqa: E402

list_rows, discosim = (os.path.abspath(a) for a in sys.argv[1:3])
if subprocess.run([discosim, "user", "--help"], capture_output=True).returncode != 0:
    print("known differences: discosim has no user-mode runner yet: skipped")
    sys.exit(77)
RUN = {"vr5432": ["qemu-mips64", "-cpu", "VR5432"], "5kf": ["qemu-mips64", "-cpu", "5Kf"],
       "discosim": [discosim, "user", "--isa", "mips4"]}
TABLE = sequence.make_table(R.load_rows(list_rows))
BASE_BIAS = sequence.BASE_BIAS
BASE = 20  # scratch base register; every other GPR starts at 0 unless given


def r_type(funct, rs=0, rt=0, rd=0, sa=0):
    return rs << 21 | rt << 16 | rd << 11 | sa << 6 | funct


def i_type(op, rs, rt, imm):
    return op << 26 | rs << 21 | rt << 16 | (imm & 0xffff)


M = (1 << 64) - 1
# (what, words, initial GPRs, {implementation: (ending, {field: value})})
CASES = [
    ("ROTR is SRL on QEMU's VR5432; RI on the R10000", [0x00200002 | r_type(0, 0, 9, 8, 4)], {9: 0x12345678},
     {"vr5432": ("exit 0", {"r8": 0x01234567}), "discosim": ("SIGILL", {})}),
    ("ROTRV is SRLV on QEMU's VR5432", [r_type(0x46, 10, 9, 8)], {9: 0x10, 10: 4},
     {"vr5432": ("exit 0", {"r8": 1}), "discosim": ("SIGILL", {})}),
    ("DROTR is DSRL on QEMU's VR5432", [0x00200000 | r_type(0x3a, 0, 9, 8, 4)], {9: 0x10},
     {"vr5432": ("exit 0", {"r8": 1}), "discosim": ("SIGILL", {})}),
    ("DROTR32 is DSRL32 on QEMU's VR5432", [0x00200000 | r_type(0x3e, 0, 9, 8, 0)], {9: 1 << 32},
     {"vr5432": ("exit 0", {"r8": 1}), "discosim": ("SIGILL", {})}),
    ("DROTRV is DSRLV on QEMU's VR5432", [r_type(0x56, 10, 9, 8)], {9: 0x10, 10: 4},
     {"vr5432": ("exit 0", {"r8": 1}), "discosim": ("SIGILL", {})}),
    ("SPECIAL2 MUL runs on QEMU's VR5432; RI on the R10000", [0x70000002 | r_type(0, 9, 10, 8)], {9: 7, 10: 6},
     {"vr5432": ("exit 0", {"r8": 42}), "discosim": ("SIGILL", {})}),
    ("RDHWR $0 (CPUNum): emulated by QEMU (and Linux); RI on discosim", [0x7c00003b | 8 << 16 | 0 << 11],
     {8: 5}, {"vr5432": ("exit 0", {"r8": 0}), "discosim": ("SIGILL", {})}),
    ("RDHWR $29 (UserLocal): emulated by both", [0x7c00003b | 8 << 16 | 29 << 11], {8: 5},
     {"vr5432": ("exit 0", {"r8": 0}), "discosim": ("exit 0", {"r8": 0})}),
    ("COP1X LDXC1: RI under QEMU's VR5432 user mode (Status.XX clear); runs on 5Kf and the R10000",
     [i_type(0x13, BASE, 9, 2 << 6 | 0x01)], {9: 8},
     {"vr5432": ("SIGILL", {}), "5kf": ("exit 0", {"f2": "mem[136:144]"}), "discosim": ("exit 0", {"f2": "mem[136:144]"})}),
    ("misaligned LW: SIGBUS on both (no unaligned fix-up)", [i_type(0x23, BASE, 8, 2)], {},
     {"vr5432": ("SIGBUS", {}), "discosim": ("SIGBUS", {})}),
    ("LW from a kernel address: SIGSEGV on QEMU, SIGBUS (address error, as Linux) on discosim",
     [i_type(0x23, 0, 8, -16)], {}, {"vr5432": ("SIGSEGV", {}), "discosim": ("SIGBUS", {})}),
    ("SRA of a non-sign-extended value (UNPREDICTABLE): QEMU shifts 64 bits, discosim the low word",
     [r_type(0x03, 0, 9, 8, 4)], {9: 0x0000000180000000},
     {"vr5432": ("exit 0", {"r8": 0x18000000}), "discosim": ("exit 0", {"r8": 0xfffffffff8000000})}),
    ("ADD of a non-sign-extended value (UNPREDICTABLE): QEMU overflows on bit 63, discosim on bit 31",
     [r_type(0x20, 9, 0, 8)], {9: 0x0000000080000000},
     {"vr5432": ("SIGFPE", {}), "discosim": ("exit 0", {"r8": 0xffffffff80000000})}),
    ("DIV by zero (UNPREDICTABLE): both LO = dividend, HI = 0", [r_type(0x1a, 9, 10)], {9: M - 4},
     {"vr5432": ("exit 0", {"lo": M - 4, "hi": 0}), "discosim": ("exit 0", {"lo": M - 4, "hi": 0})}),
    ("DIVU by zero: both LO = sign-extended dividend, HI = 0", [r_type(0x1b, 9, 10)], {9: 0x123456789},
     {"vr5432": ("exit 0", {"lo": 0x23456789, "hi": 0}), "discosim": ("exit 0", {"lo": 0x23456789, "hi": 0})}),
    ("DDIV by zero: both LO = dividend, HI = 0", [r_type(0x1e, 9, 10)], {9: 0x123456789},
     {"vr5432": ("exit 0", {"lo": 0x123456789, "hi": 0}), "discosim": ("exit 0", {"lo": 0x123456789, "hi": 0})}),
    ("DDIVU by zero: both LO = dividend, HI = 0", [r_type(0x1f, 9, 10)], {9: M},
     {"vr5432": ("exit 0", {"lo": M, "hi": 0}), "discosim": ("exit 0", {"lo": M, "hi": 0})}),
    ("CVT.S.D to a tiny result with FCSR.FS = 1: both flush to zero without Underflow/Inexact (QEMU's rule)",
     [E.ldc1(2, 8, BASE), E.ld(9, 16, BASE), E.ctc1(9, 31), 0x46200020 | 2 << 11 | 2 << 6], {},
     {"vr5432": ("exit 0", {"fcsr": 0x01000000, "f2": 0x01a56e1f00000000}), "discosim": ("exit 0", {"fcsr": 0x01000000, "f2": 0x01a56e1f00000000})}),
    ("BREAK 7 (BRK_DIVZERO): SIGTRAP on QEMU, SIGFPE on discosim as Linux does", [0x0000000d | 7 << 16], {},
     {"vr5432": ("SIGTRAP", {}), "discosim": ("SIGFPE", {})}),
    ("TEQ code 6 (BRK_OVERFLOW): SIGTRAP on QEMU, SIGFPE on discosim as Linux does", [r_type(0x34, 0, 0, 0, 6)], {},
     {"vr5432": ("SIGTRAP", {}), "discosim": ("SIGFPE", {})}),
    ("TEQI (no code): SIGTRAP on both", [i_type(0x01, 0, 0x0c, 0)], {},
     {"vr5432": ("SIGTRAP", {}), "discosim": ("SIGTRAP", {})}),
    ("CFC1 $0 reads the FIR: VR5432's 0x5400 on QEMU, the R10000's 0x0900 on discosim", [E.cfc1(8, 0)], {},
     {"vr5432": ("exit 0", {"r8": 0x5400}), "discosim": ("exit 0", {"r8": 0x0900})}),
]


def run_case(words, gpr, who):
    seq = sequence.Sequence(11, 0, TABLE, 0, True)
    seq.base = BASE
    seq.gpr = [0] * 32
    for r, v in gpr.items():
        seq.gpr[r] = v
    seq.blocks = [sequence.Block(words)]
    # Fixed scratch words for cases that load operands: 1e-300 at +8, FCSR FS=1 at +16.
    scratch = bytearray(seq.scratch)
    scratch[BASE_BIAS + 8:BASE_BIAS + 24] = (0x01a56e1fc2f8f359).to_bytes(8, "big") + (0x01000000).to_bytes(8, "big")
    seq.scratch = bytes(scratch)
    with tempfile.TemporaryDirectory() as tmp:
        elf = os.path.join(tmp, "case.elf")
        program.build(elf, [seq], True)
        os.chmod(elf, 0o755)
        out, end = run_one(RUN[who], elf, 30)
    recs, _ = program.split_records(out)
    return end, dict(program.State(recs[0]).fields()) if recs else {}


failures = 0
for what, words, gpr, expect in CASES:
    for who, (want_end, want) in expect.items():
        end, fields = run_case(words, gpr, who)
        bad = [f"{k}={fields.get(k, 0):#x} (want {fields.get(v) if isinstance(v, str) else v:#x})"
               for k, v in want.items()
               if fields.get(k) != (fields.get(v) if isinstance(v, str) else v)]
        if end != want_end or bad:
            failures += 1
            print(f"FAIL {what}: {who} ended {end} (want {want_end}) {' '.join(bad)}")
print(f"known differences: {len(CASES)} cases, {failures} failure(s)")
sys.exit(1 if failures else 0)
