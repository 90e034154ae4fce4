"""sequence.py - one random test sequence: its initial state and its
instructions, all drawn from a seed so (seed, index) alone reproduces it.

A sequence is a list of *blocks*; control flow only ever enters a block at
its first word, which keeps every path well defined:
  plain    an instruction, preceded by the set-up it needs (sign-extending
           32-bit operands, loading a COP1X index register)
  branch   a conditional branch (or likely / linking branch) + delay slot
  jump     J/JAL + delay slot;  jumpreg: LUI/ORI target, JR/JALR, delay slot
  llsc     LL/LLD then SC/SCD at the same address (nothing between, so the
           link is never broken by a store; QEMU's SC compares values)
  fault    a privileged or post-MIPS IV row, only ever last: it must raise
           Coprocessor Unusable / Reserved Instruction (SIGILL)
Branch and jump targets are block boundaries *after* the branch (or the
end of the sequence), so every sequence terminates.
"""
import random

import encode
import rows as R
import values

SCRATCH = 256      # bytes of scratch memory every sequence may load/store
BASE_BIAS = 128    # the base register points this far into the scratch

# Relative weights of the roles when drawing a block.
ROLE_WEIGHT = {"plain": 6.0, "mem": 3.0, "indexed": 0.4, "branch": 1.5, "jump": 0.3,
               "jumpreg": 0.3, "llsc": 0.3}
TRAP_WEIGHT = 0.15   # rows that trap often (TGE, TNE, BREAK, CTC1 of a random value)
FAULT_EVERY = 20     # every 20th sequence ends with a 'fault' row
WILD_P = 0.01        # chance that a load/store goes to unmapped page 0
MISALIGN_P = 0.01    # chance that an aligned-only load/store is misaligned


class Block:
    def __init__(self, words, fixups=(), rows=()):
        self.words = list(words)
        self.fixups = list(fixups)  # (index in words, kind, target block number)
        self.rows = list(rows)      # names of the table rows it exercises


class Sequence:
    def __init__(self, seed, index, table, length, have_fpu):
        rng = random.Random(f"{seed}:{index}")
        self.index = index
        self.base = rng.choice([r for r in range(2, 31)])   # the scratch base register
        self.gpr = [0] + [values.gpr_value(rng) for _ in range(31)]
        self.hi, self.lo = values.gpr_value(rng), values.gpr_value(rng)
        self.fcsr = values.fcsr_value(rng) if have_fpu else 0
        self.fpr = [values.fpr_value(rng) if have_fpu else 0 for _ in range(32)]
        self.scratch = bytes(rng.getrandbits(8) for _ in range(SCRATCH))
        self.blocks = _draw_blocks(rng, table, length, self.base, index)

    def rows_used(self):
        return {n for b in self.blocks for n in b.rows}

    def needs_cop1x_reference(self, table):
        return bool(self.rows_used() & table.cop1x)

    def layout(self, addr):
        """The sequence's words placed at `addr`, with branch and jump
        targets resolved; its end (addr + 4 * len) is the dump code."""
        starts, a = [], addr
        for b in self.blocks:
            starts.append(a)
            a += 4 * len(b.words)
        starts.append(a)
        out = []
        for b, start in zip(self.blocks, starts):
            words = list(b.words)
            for pos, kind, target in b.fixups:
                t = starts[target]
                pc = start + 4 * pos
                if kind == "p":
                    words[pos] = R.put(words[pos], 0, 16, (t - pc - 4) >> 2)
                elif kind == "a":
                    assert (t >> 28) == ((pc + 4) >> 28)
                    words[pos] = R.put(words[pos], 0, 26, t >> 2)
                elif kind == "li":  # words[pos:pos+2] = LUI/ORI of the target
                    reg = (words[pos] >> 16) & 31
                    words[pos:pos + 2] = encode.li32(reg, t)
            out += words
        return out


class _Table:
    """Rows grouped by role, with draw weights."""

    def __init__(self, rows):
        self.by_role = {}
        for r in rows:
            self.by_role.setdefault(r.role, []).append(r)
        self.by_role["llsc"] = self.by_role.get("llsc_head", [])
        self.cop1x = {r.name for r in rows if R.needs_cop1x_reference(r)}

    def draw(self, rng, role, avoid=frozenset()):
        rows = [r for r in self.by_role.get(role, []) if r.name not in avoid]
        weights = [TRAP_WEIGHT if ("trap" in r.flags or r.name == "ctc1") else 1.0 for r in rows]
        return rng.choices(rows, weights)[0] if rows else None


def make_table(rows):
    return _Table(rows)


def _mem_operand(rng, row, word, base):
    """Base register and offset: inside the scratch buffer, aligned for the
    access size unless the row takes any alignment; now and then misaligned
    (SIGBUS) or an aligned offset from $0 (page 0 is unmapped: SIGSEGV).
    Never a kernel address: there QEMU and Linux differ (see
    known_differences_test.py)."""
    size = R.ACCESS_SIZE.get(row.name, 1)
    if rng.random() < WILD_P:
        return R.put(R.put(word, 21, 5, 0), 0, 16, rng.randrange(0, 0x8000 // size) * size)
    off = rng.randrange(-BASE_BIAS, SCRATCH - BASE_BIAS - size + 1)
    if row.name not in R.UNALIGNED_OK:
        off -= off % size
        if size > 1 and rng.random() < MISALIGN_P:
            off += rng.randrange(1, size)
    return R.put(R.put(word, 21, 5, base), 0, 16, off)


def _linux_trap_code(word, width):
    """The code Linux reads from a BREAK (20 bits, as assemblers put it in
    bits 25..16) or a register-form trap (10 bits)."""
    code = (word >> 6) & ((1 << width) - 1)
    if width == 20 and code >= 1 << 10:
        code = ((code & 0x3ff) << 10) | (code >> 10)
    return code


def _single(rng, row, base):
    """One instruction of role plain/mem/indexed (or a fault row) with its
    set-up words; returns (words, rows)."""
    avoid = {base}
    word = R.random_word(rng, row)
    word, regs = R.fill_operands(rng, row, word, avoid)
    pre = []
    if row.args.startswith("s,t,q") and rng.random() < 0.5:  # TEQ rs, rs: sometimes equal
        word = R.put(word, 16, 5, regs["s"])
        regs["t"] = regs["s"]
    # Linux turns trap/break codes 6 and 7 (BRK_OVERFLOW, BRK_DIVZERO) into
    # SIGFPE, QEMU does not (known_differences_test.py): avoid them.
    if "trap" in row.flags and row.match >> 26 == 0:
        width = 20 if row.name == "break" else 10
        while _linux_trap_code(word, width) in (6, 7):
            word = R.put(word, 6, width, rng.getrandbits(width))
    for letter in R.SEXT_OPERANDS.get(row.name, ""):
        r = regs.get(letter, 0)
        if r and encode.sll(r, r, 0) not in pre:
            pre.append(encode.sll(r, r, 0))
    if row.role == "mem":
        word = _mem_operand(rng, row, word, base)
    elif row.role == "indexed":
        size = R.ACCESS_SIZE.get(row.name, 1)
        idx = R.pick_gpr(rng, {0, 31, base})
        off = rng.randrange(-BASE_BIAS, SCRATCH - BASE_BIAS - size + 1)
        off -= off % size
        pre.append(encode.daddiu(idx, 0, off))
        word = R.put(R.put(word, 21, 5, base), 16, 5, idx)
    used = (["sll"] if any(w >> 26 == 0 for w in pre) else []) + (["daddiu"] if row.role == "indexed" else [])
    return pre + [word], used + [row.name]


def _draw_blocks(rng, table, length, base, index):
    blocks, n = [], 0
    faults = table.by_role.get("fault", [])
    # Every FAULT_EVERY-th sequence ends with the next fault row in turn, so
    # a few thousand sequences cover them all.  Its reference must be the
    # strict MIPS IV one, so it draws no COP1X rows (the COP1X reference, a
    # MIPS64 CPU, would accept the MIPS32/64 fault rows).
    fault_end = faults[index // FAULT_EVERY % len(faults)] if faults and length and index % FAULT_EVERY == 0 else None
    avoid = table.cop1x if fault_end else frozenset()
    roles = list(ROLE_WEIGHT)
    weights = [ROLE_WEIGHT[r] for r in roles]
    while n < length:
        role = rng.choices(roles, weights)[0]
        row = table.draw(rng, role, avoid)
        if row is None:
            continue
        me = len(blocks)
        if role in ("plain", "mem", "indexed"):
            words, used = _single(rng, row, base)
            blocks.append(Block(words, rows=used))
        elif role == "llsc":
            tail = {"ll": "sc", "lld": "scd"}[row.name]
            tail_row = next(r for r in table.by_role["llsc_tail"] if r.name == tail)
            size = R.ACCESS_SIZE[row.name]
            off = rng.randrange(-BASE_BIAS, SCRATCH - BASE_BIAS - size + 1) // size * size
            head = R.put(R.put(R.put(row.match, 21, 5, base), 16, 5, R.pick_gpr(rng, {base})), 0, 16, off)
            tl = R.put(R.put(R.put(tail_row.match, 21, 5, base), 16, 5, R.pick_gpr(rng, {base})), 0, 16, off)
            blocks.append(Block([head, tl], rows=[row.name, tail]))
        else:  # branch, jump, jumpreg: the delay slot holds a plain instruction
            slot_row = table.draw(rng, rng.choice(["plain", "plain", "mem"]), avoid)
            slot, slot_used = _single(rng, slot_row, base)
            pre, slot = slot[:-1], slot[-1]
            word = R.random_word(rng, row)
            keep = {base}
            if "branch" in row.flags and row.name.endswith(("al", "all")):
                keep = {base, 31}  # linking on rs = 31 is UNPREDICTABLE
            word, regs = R.fill_operands(rng, row, word, keep)
            if role == "branch":
                if "t" in regs and rng.random() < 0.3:  # BEQ rs, rs: taken
                    word = R.put(word, 16, 5, regs["s"])
                body = pre + [word, slot]
                blocks.append(Block(body, [(len(pre), "p", None)], slot_used + [row.name]))
            elif role == "jump":
                body = pre + [word, slot]
                blocks.append(Block(body, [(len(pre), "a", None)], slot_used + [row.name]))
            else:
                reg = R.pick_gpr(rng, {0, base, 31})
                word = R.put(word, 21, 5, reg)
                if "d" in regs:  # JALR rd must differ from rs
                    word = R.put(word, 11, 5, R.pick_gpr(rng, {0, base, reg}) if rng.random() < 0.7 else 31)
                body = pre + encode.li32(reg, 0) + [word, slot]
                blocks.append(Block(body, [(len(pre), "li", None)], slot_used + [row.name]))
            blocks[-1].fixups = [(p, k, me) for p, k, _ in blocks[-1].fixups]
        n += 1
    # Forward targets: any later block boundary, or the end of the sequence.
    for i, b in enumerate(blocks):
        b.fixups = [(p, k, rng.randrange(i + 1, len(blocks) + 1)) for p, k, _ in b.fixups]
    if fault_end:
        row = fault_end
        word, _ = R.fill_operands(rng, row, R.random_word(rng, row), {base})
        blocks.append(Block([word], rows=[row.name]))
    return blocks
