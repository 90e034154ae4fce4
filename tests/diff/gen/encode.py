"""encode.py - the few fixed instruction words the harness itself needs
(register save/restore, table addressing, system calls), encoded from the
MIPS IV manual's formats.  Random instructions are built from table rows
(rows.py), never from here."""


def _i(op, rs, rt, imm):
    return op << 26 | rs << 21 | rt << 16 | (imm & 0xffff)


def lui(rt, imm): return _i(0x0f, 0, rt, imm)
def ori(rt, rs, imm): return _i(0x0d, rs, rt, imm)
def daddiu(rt, rs, imm): return _i(0x19, rs, rt, imm)
def ld(rt, off, base): return _i(0x37, base, rt, off)
def sd(rt, off, base): return _i(0x3f, base, rt, off)
def ldc1(ft, off, base): return _i(0x35, base, ft, off)
def sdc1(ft, off, base): return _i(0x3d, base, ft, off)
def cfc1(rt, fs): return 0x11 << 26 | 0x02 << 21 | rt << 16 | fs << 11
def ctc1(rt, fs): return 0x11 << 26 | 0x06 << 21 | rt << 16 | fs << 11
def mfhi(rd): return rd << 11 | 0x10
def mthi(rs): return rs << 21 | 0x11
def mflo(rd): return rd << 11 | 0x12
def mtlo(rs): return rs << 21 | 0x13
def sll(rd, rt, sa): return rt << 16 | rd << 11 | sa << 6
def syscall(): return 0x0c


def li32(rt, value):
    """LUI+ORI loading a non-negative 31-bit value (harness addresses)."""
    assert 0 <= value < 1 << 31
    return [lui(rt, value >> 16), ori(rt, rt, value & 0xffff)]
