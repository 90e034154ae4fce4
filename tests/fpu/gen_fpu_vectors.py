#!/usr/bin/python3
"""gen_fpu_vectors.py - writes a MIPS IV n64 Linux program (assembly) that runs
every FPU arithmetic, conversion and compare instruction over a table of edge
operands (zeros, infinities, both NaN kinds, denormals, range limits of the
integer conversions, values that round differently in each mode) under every
rounding mode and with FCSR.FS, and writes one record per execution to stdout.

The same ELF runs under qemu-mips64 -cpu VR5432 (the oracle) and under the
simulator (fpu_diff.cpp); the records must match byte for byte.

Record (48 bytes, big-endian): result fd (64 bits, full register), operands
a, b, c (64 bits each), FCSR before, FCSR after, op id, 0.
The op names, one per line in op-id order, go to the second output file.

usage: gen_fpu_vectors.py {plain|cop1x} OUT.S OUT.ops
  plain: everything but the COP1X multiply-adds (runs under -cpu VR5432)
  cop1x: MADD/MSUB/NMADD/NMSUB only.  QEMU enables COP1X on a MIPS IV CPU
         only with Status.CU3 set, which Linux user mode never does, so this
         program runs under -cpu 5Kf (MIPS64, same softfloat FPU).
"""
import itertools
import struct
import sys

# ---- operand values ----------------------------------------------------------


def d(x):
    return struct.unpack(">Q", struct.pack(">d", x))[0]


def s(x):
    return struct.unpack(">I", struct.pack(">f", x))[0]


DOUBLES = [
    0x0000000000000000, 0x8000000000000000,          # +-0
    d(1.0), d(-1.0), d(0.5), d(-0.5), d(1.5), d(2.5), d(-2.5), d(3.0), d(0.1), d(1 / 3),
    d(1e300), d(-1e300), d(1e-300),
    0x7fefffffffffffff, 0xffefffffffffffff,          # +-max
    0x0010000000000000, 0x8010000000000000,          # +-min normal
    0x0000000000000001, 0x000fffffffffffff, 0x8000000000000003,  # denormals
    0x7ff0000000000000, 0xfff0000000000000,          # +-inf
    0x7ff0000000000001, 0xfff4000000000000,          # quiet NaNs (legacy: MSB of fraction clear)
    0x7ff8000000000000, 0xfffc000000000005,          # signalling NaNs
    d(2147483647.5), d(-2147483648.5), d(2147483648.0), d(-2147483649.0),
    d(2.0 ** 63), d(-(2.0 ** 63)), d(2.0 ** 63 - 1024), d(-(2.0 ** 63) - 2048),
    0x3feffffffffffffe, 0x0010000000000001,          # product 2^-1022 (1 - 2^-104): tiny only before rounding
]
SINGLES = [
    0x00000000, 0x80000000,
    s(1.0), s(-1.0), s(0.5), s(-0.5), s(1.5), s(2.5), s(-2.5), s(3.0), s(0.1), s(1 / 3),
    s(1e30), s(-1e30), s(1e-30),
    0x7f7fffff, 0xff7fffff,
    0x00800000, 0x80800000,
    0x00000001, 0x007fffff, 0x80000003,
    0x7f800000, 0xff800000,
    0x7f800001, 0xffa00000,                          # quiet NaNs
    0x7fc00000, 0xffe00005,                          # signalling NaNs
    s(2147483520.0), s(-2147483648.0), s(2147483648.0), s(-2147483904.0),
    s(2.0 ** 63), s(-(2.0 ** 63)), s(16777217.0), s(8388608.5),
    0x3f7ffffe, 0x00800001,                          # product 2^-126 (1 - 2^-46)
]
INTS = [0, 1, 0xffffffffffffffff, 3, 0xfffffffffffffffd, 16777217, 0x7fffffff, 0xffffffff80000000,
        0x80000000, 0x0020000000000001, 0x7fffffffffffffff, 0x8000000000000000,
        0x0123456789abcdef, 0xfedcba9876543211, 0x00000000ffffffff, 0x000000007fffff81]
# Small subset for the three-operand MADD family.
MADD_D = [0, 0x8000000000000000, d(1.0), d(-1.5), d(0.1), d(1e300), 0x7fefffffffffffff, 0x0010000000000000,
          0x000fffffffffffff, 0x7ff0000000000000, 0x7ff0000000000001, 0x7ff8000000000000]
MADD_S = [0, 0x80000000, s(1.0), s(-1.5), s(0.1), s(1e30), 0x7f7fffff, 0x00800000, 0x007fffff, 0x7f800000,
          0x7f800001, 0x7fc00000]

FS = 1 << 24
MODES = [0, 1, 2, 3, FS]                 # RN, RZ, RP, RM; RN with flush-to-zero
COMPARE_FCSR = [0x02800000]              # cc0 and cc1 set before the compare
HIGH_JUNK = 0xa5a5a5a5 << 32             # upper half of registers holding singles

# ---- the program ------------------------------------------------------------------


class Program:
    def __init__(self):
        self.ops = []
        self.tables = []
        self.text = []
        self.records = 0

    def table(self, cases):
        name = f"t{len(self.tables)}"
        self.tables.append((name, cases))
        return name, len(cases)

    def loop(self, name, insn, table):
        """One loop: for each case load $f2/$f4/$f6 and FCSR, run `insn`, dump."""
        tname, n = table
        op_id = len(self.ops)
        self.ops.append(name)
        self.records += n
        self.text += [
            f"  # {name}",
            f"  dla $17, {tname}",
            f"  dla $18, {tname}_end",
            f"  li $19, {op_id}",
            "1:",
            "  ld $8, 0($17)", "  ld $9, 8($17)", "  ld $10, 16($17)", "  ld $11, 24($17)",
            "  dmtc1 $8, $f2", "  dmtc1 $9, $f4", "  dmtc1 $10, $f6", "  dmtc1 $20, $f0",
            "  ctc1 $11, $31",
            f"  {insn}",
            "  cfc1 $13, $31",
            "  ctc1 $0, $31",
            "  dmfc1 $14, $f0",
            "  sd $14, 0($16)", "  sd $8, 8($16)", "  sd $9, 16($16)", "  sd $10, 24($16)",
            "  sw $11, 32($16)", "  sw $13, 36($16)", "  sw $19, 40($16)", "  sw $0, 44($16)",
            "  daddiu $16, $16, 48",
            "  daddiu $17, $17, 32",
            "  bne $17, $18, 1b",
            "  nop",
        ]

    def emit(self):
        out = [
            "# Generated by tests/fpu/gen_fpu_vectors.py - do not edit.",
            "  .set noreorder", "  .set noat", "  .text", "  .globl __start", "__start:",
            "  dla $16, outbuf",
            "  dli $20, 0xdeadbeefcafef00d",     # marks a destination left unwritten
        ]
        out += self.text
        out += [
            "  # write(1, outbuf, len) until done, then exit_group(0)",
            "  dla $5, outbuf",
            "  dsubu $6, $16, $5",
            "2:",
            "  li $2, 5001", "  li $4, 1", "  syscall",
            "  bnez $7, 3f", "  nop",
            "  blez $2, 3f", "  nop",
            "  daddu $5, $5, $2",
            "  dsubu $6, $6, $2",
            "  bgtz $6, 2b", "  nop",
            "3:",
            "  li $2, 5058", "  li $4, 0", "  syscall",
            "  .data", "  .align 3",
        ]
        for name, cases in self.tables:
            out.append(f"{name}:")
            for a, b, c, f in cases:
                out.append(f"  .dword 0x{a:x}, 0x{b:x}, 0x{c:x}, 0x{f:x}")
            out.append(f"{name}_end:")
        out += ["  .bss", "  .align 4", "outbuf:", f"  .space {48 * self.records}"]
        return "\n".join(out) + "\n"


def main():
    cop1x = sys.argv[1] == "cop1x"
    p = Program()
    single = lambda v: HIGH_JUNK | v
    fmts = [("d", DOUBLES, MADD_D, lambda v: v), ("s", SINGLES, MADD_S, single)]
    for f, vals, mvals, reg in fmts:
        if cop1x:
            ternary = p.table([(reg(a), reg(b), reg(c), m) for a, b, c in itertools.product(mvals, mvals, mvals)
                               for m in MODES])
            for op in ["madd", "msub", "nmadd", "nmsub"]:
                p.loop(f"{op}.{f}", f"{op}.{f} $f0, $f6, $f2, $f4", ternary)
            continue
        unary = p.table([(reg(a), 0, 0, m) for a in vals for m in MODES])
        binary = p.table([(reg(a), reg(b), 0, m) for a, b in itertools.product(vals, vals) for m in MODES])
        compare = p.table([(reg(a), reg(b), 0, m) for a, b in itertools.product(vals, vals) for m in COMPARE_FCSR])
        for op in ["add", "sub", "mul", "div"]:
            p.loop(f"{op}.{f}", f"{op}.{f} $f0, $f2, $f4", binary)
        for op in ["sqrt", "abs", "neg", "mov", "recip", "rsqrt"]:
            p.loop(f"{op}.{f}", f"{op}.{f} $f0, $f2", unary)
        for op in ["round", "trunc", "ceil", "floor", "cvt"]:
            for to in "wl":
                p.loop(f"{op}.{to}.{f}", f"{op}.{to}.{f} $f0, $f2", unary)
        p.loop(f"cvt.{'s' if f == 'd' else 'd'}.{f}", f"cvt.{'s' if f == 'd' else 'd'}.{f} $f0, $f2", unary)
        conds = ["f", "un", "eq", "ueq", "olt", "ult", "ole", "ule",
                 "sf", "ngle", "seq", "ngl", "lt", "nge", "le", "ngt"]
        for cond in conds:
            p.loop(f"c.{cond}.{f} cc1", f"c.{cond}.{f} $fcc1, $f2, $f4", compare)
        p.loop(f"c.ult.{f} cc0", f"c.ult.{f} $f2, $f4", compare)
        # conditional moves: c (in GPR $10) zero or not, cc0/cc1 set or not
        moves = p.table([(reg(a), 0, c, m) for a in vals[:4] for c in (0, 5)
                         for m in (0, 0x00800000, 0x02000000)])
        for op, cond in (("movf", "$fcc1"), ("movt", "$fcc1"), ("movf", "$fcc0"), ("movt", "$fcc0"),
                         ("movz", "$10"), ("movn", "$10")):
            p.loop(f"{op}.{f} {cond}", f"{op}.{f} $f0, $f2, {cond}", moves)
    if not cop1x:
        ints = p.table([(v, 0, 0, m) for v in INTS for m in MODES])
        for to in "sd":
            for frm in "wl":
                p.loop(f"cvt.{to}.{frm}", f"cvt.{to}.{frm} $f0, $f2", ints)
    with open(sys.argv[2], "w") as out:
        out.write(p.emit())
    with open(sys.argv[3], "w") as out:
        out.write("\n".join(p.ops) + "\n")


if __name__ == "__main__":
    main()
