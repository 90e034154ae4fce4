"""program.py - packs sequences into one static MIPS64 Linux program and
reads back the state dumps it prints.

Memory (user addresses):
    TEXT  0x0040_0000  for each sequence: init | sequence | dump; then exit
    DATA  0x1000_0000  one initial-state table per sequence (record layout)
    AREA  0x2000_0000  the record the dump code fills and write(2)s out

Record (RECORD bytes, big-endian), the unit both stdout streams are cut in:
    0 index | 8 GPR[0..31] | 264 HI | 272 LO | 280 FCSR | 288 FPR[0..31] |
    544 scratch[SCRATCH]
The dump code addresses the record through the sequence's base register
(which no random instruction may write), so every other register is free.
"""
import struct

import elf64
import encode as E
from sequence import BASE_BIAS, SCRATCH

TEXT, DATA, AREA = 0x00400000, 0x10000000, 0x20000000
O_IDX, O_GPR, O_HI, O_LO, O_FCSR, O_FPR, O_SCR = 0, 8, 264, 272, 280, 288, 544
RECORD = O_SCR + SCRATCH
B_VALUE = AREA + O_SCR + BASE_BIAS       # the base register's value
NR_WRITE, NR_EXIT_GROUP = 5001, 5205     # Linux n64 system call numbers


def _table(seq):
    t = bytearray(RECORD)
    gpr = list(seq.gpr)
    gpr[seq.base] = B_VALUE
    struct.pack_into(">32Q", t, O_GPR, *gpr)
    fcsr = seq.fcsr - (1 << 32) & (1 << 64) - 1 if seq.fcsr & 1 << 31 else seq.fcsr  # CFC1 sign-extends
    struct.pack_into(">3Q", t, O_HI, seq.hi, seq.lo, fcsr)
    struct.pack_into(">32Q", t, O_FPR, *seq.fpr)
    t[O_SCR:] = seq.scratch
    return bytes(t)


def _init(seq, table_addr, have_fpu):
    """Loads the sequence's initial state: scratch bytes, FCSR, FPRs, HI/LO,
    then every GPR ($1, the table pointer, last)."""
    b = seq.base
    tmp = 3 if b == 2 else 2
    w = E.li32(1, table_addr) + E.li32(b, B_VALUE)
    for j in range(0, SCRATCH, 8):
        w += [E.ld(tmp, O_SCR + j, 1), E.sd(tmp, j - BASE_BIAS, b)]
    if have_fpu:
        w += [E.ld(tmp, O_FCSR, 1), E.ctc1(tmp, 31)]
        w += [E.ldc1(f, O_FPR + 8 * f, 1) for f in range(32)]
    w += [E.ld(tmp, O_HI, 1), E.mthi(tmp), E.ld(tmp, O_LO, 1), E.mtlo(tmp)]
    w += [E.ld(r, O_GPR + 8 * r, 1) for r in range(2, 32) if r != b]
    return w + [E.ld(1, O_GPR + 8, 1)]


def _dump(seq, have_fpu):
    """Stores every register into the record and write(2)s it to stdout."""
    b = seq.base
    rel = -(O_SCR + BASE_BIAS)  # record start relative to the base register
    w = [E.sd(r, rel + O_GPR + 8 * r, b) for r in range(1, 32)]
    w += [E.mfhi(1), E.sd(1, rel + O_HI, b), E.mflo(1), E.sd(1, rel + O_LO, b)]
    if have_fpu:
        w += [E.cfc1(1, 31), E.sd(1, rel + O_FCSR, b)]
        w += [E.sdc1(f, rel + O_FPR + 8 * f, b) for f in range(32)]
    w += [E.ori(1, 0, seq.index & 0xffff), E.sd(1, rel + O_IDX, b)]
    w += [E.daddiu(5, b, rel), E.ori(6, 0, RECORD), E.ori(4, 0, 1), E.ori(2, 0, NR_WRITE), E.syscall()]
    return w


def build(path, seqs, have_fpu):
    """Writes a program running `seqs` in order; returns {index: (start,
    end)} the text addresses of each sequence's own instructions."""
    words, tables, spans = [], [], {}
    for k, seq in enumerate(seqs):
        table_addr = DATA + k * RECORD
        tables.append(_table(seq))
        words += _init(seq, table_addr, have_fpu)
        start = TEXT + 4 * len(words)
        body = seq.layout(start)
        words += body
        spans[seq.index] = (start, start + 4 * len(body))
        words += _dump(seq, have_fpu)
    words += [E.ori(2, 0, NR_EXIT_GROUP), E.ori(4, 0, 0), E.syscall()]
    text = struct.pack(f">{len(words)}I", *words)
    elf64.write_elf(path, TEXT, [
        (TEXT, text, elf64.PF_R | elf64.PF_X),
        (DATA, b"".join(tables), elf64.PF_R),
        (AREA, bytes(RECORD), elf64.PF_R | elf64.PF_W),
    ])
    return spans


class State:
    """One decoded record."""

    def __init__(self, rec):
        self.index = struct.unpack_from(">Q", rec, O_IDX)[0]
        self.gpr = list(struct.unpack_from(">32Q", rec, O_GPR))
        self.hi, self.lo, self.fcsr = struct.unpack_from(">3Q", rec, O_HI)
        self.fpr = list(struct.unpack_from(">32Q", rec, O_FPR))
        self.scratch = rec[O_SCR:RECORD]

    def fields(self):
        """(name, value) pairs in record order, for diffs."""
        out = [(f"r{i}", v) for i, v in enumerate(self.gpr)]
        out += [("hi", self.hi), ("lo", self.lo), ("fcsr", self.fcsr)]
        out += [(f"f{i}", v) for i, v in enumerate(self.fpr)]
        out += [(f"mem[{j}:{j + 8}]", int.from_bytes(self.scratch[j:j + 8], "big"))
                for j in range(0, SCRATCH, 8)]
        return out


def split_records(stdout):
    """Whole records in `stdout`, and any trailing partial bytes."""
    n = len(stdout) // RECORD
    return [stdout[i * RECORD:(i + 1) * RECORD] for i in range(n)], stdout[n * RECORD:]
