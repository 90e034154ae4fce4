"""rows.py - the instruction table as the generator sees it.

The rows come from the simulator itself (list-rows prints isa_table() as
JSON), so a new row is generated automatically.  This module decides, for
each row, how it may appear in a random sequence (its *role*) and fills a
row's operand fields from its `args` letters (sim/mips/disasm.cpp).
"""
import json
import subprocess

# Rows never drawn at random, with the reason (docs/differential-testing.md).
EXCLUDED = {
    "syscall": "a random syscall number acts on the host, not the ISA; "
               "the harness itself runs SYSCALL for every state dump",
}

# Rows where QEMU (the oracle) is known to differ from the R10000; they are
# not drawn at random but pinned one by one in known_differences_test.py.
KNOWN_DIFFERENCE = {
    # QEMU decodes the Release 2 rotates as the MIPS IV shift whose encoding
    # they extend (bit 21 / bit 6 ignored); discosim --isa mips4 raises RI.
    "rotr": "QEMU VR5432 runs it as SRL", "rotrv": "QEMU VR5432 runs it as SRLV",
    "drotr": "QEMU VR5432 runs it as DSRL", "drotr32": "QEMU VR5432 runs it as DSRL32",
    "drotrv": "QEMU VR5432 runs it as DSRLV",
    # SPECIAL2 MUL is not MIPS IV, yet QEMU's VR5432 model executes it.
    "mul": "QEMU VR5432 executes SPECIAL2 MUL; the R10000 has no SPECIAL2",
    # Linux emulates RDHWR on CPUs without it (and hwr 2, the cycle counter,
    # is not deterministic); QEMU emulates it too, discosim raises RI.
    "rdhwr": "emulated by Linux and QEMU on MIPS IV CPUs",
}

# Rows that only a COP1X-enabled reference can check: QEMU's VR5432 user
# mode never sets Status.XX, so it raises RI on them; their sequences run
# against `qemu-mips64 -cpu 5Kf` (MIPS64: the same COP1X instructions).
def needs_cop1x_reference(row):
    return "cp1x" in row.flags


# Rows whose 32-bit operands must be sign-extended: the MIPS IV manual makes
# the result UNPREDICTABLE otherwise, and QEMU and the R10000 differ.  The
# generator sign-extends those operands first (SLL r,r,0).
SEXT_OPERANDS = {
    "add": "st", "addu": "st", "sub": "st", "subu": "st", "addi": "s", "addiu": "s",
    "mult": "st", "multu": "st", "div": "st", "divu": "st",
    "sra": "t", "srl": "t", "srav": "t", "srlv": "t",
}

# Access size of every load/store row, by mnemonic.
ACCESS_SIZE = {
    "lb": 1, "lbu": 1, "sb": 1, "lh": 2, "lhu": 2, "sh": 2,
    "lw": 4, "lwu": 4, "sw": 4, "ll": 4, "sc": 4, "lwl": 4, "lwr": 4, "swl": 4, "swr": 4,
    "ld": 8, "sd": 8, "lld": 8, "scd": 8, "ldl": 8, "ldr": 8, "sdl": 8, "sdr": 8,
    "lwc1": 4, "swc1": 4, "ldc1": 8, "sdc1": 8, "lwxc1": 4, "swxc1": 4, "ldxc1": 8, "sdxc1": 8,
    "pref": 1, "prefx": 1,
}
UNALIGNED_OK = {"lb", "lbu", "sb", "lwl", "lwr", "swl", "swr", "ldl", "ldr", "sdl", "sdr", "pref", "prefx"}

# Operand letter -> (field shift) for GPR and FPR fields.
GPR_FIELD = {"d": 11, "s": 21, "t": 16}
FPR_FIELD = {"S": 11, "T": 16, "D": 6, "R": 21}


class Row:
    def __init__(self, d):
        self.name = d["name"]
        self.match, self.mask = d["match"], d["mask"]
        self.args = d["args"]
        self.flags = set(d["flags"])
        self.role = self._role()

    def _role(self):
        """branch | jump | jumpreg | llsc_head | llsc_tail | mem | indexed |
        fault (always traps in user mode) | plain | excluded"""
        n, f = self.name, self.flags
        if n in EXCLUDED or n in KNOWN_DIFFERENCE:
            return "excluded"
        if "cp0" in f or "r2" in f:
            return "fault"  # privileged / not MIPS IV: Coprocessor Unusable or RI
        if n in ("ll", "lld"):
            return "llsc_head"
        if n in ("sc", "scd"):
            return "llsc_tail"
        if "branch" in f:
            return "branch"
        if "jump" in f:
            return "jumpreg" if "a" not in self.args.split(",") else "jump"
        if "x(b)" in self.args:
            return "indexed"
        if "o(b)" in self.args:
            return "mem"
        return "plain"

    def operand_letters(self):
        return [a for a in self.args.replace("(", ",").replace(")", "").split(",") if a]


def load_rows(list_rows_exe):
    out = subprocess.run([list_rows_exe], check=True, capture_output=True, text=True).stdout
    return [Row(d) for d in json.loads(out)]


def put(word, shift, width, value):
    m = ((1 << width) - 1) << shift
    return (word & ~m) | ((value << shift) & m)


def random_word(rng, row):
    """The row's match bits with every free bit random."""
    return row.match | (rng.getrandbits(32) & ~row.mask & 0xffffffff)


def pick_gpr(rng, avoid):
    """A GPR for an operand field: never one in `avoid` (the harness's base
    register), $0 now and then."""
    while True:
        r = 0 if rng.random() < 0.05 else rng.randrange(1, 32)
        if r not in avoid:
            return r


def pick_imm16(rng):
    r = rng.random()
    if r < 0.3:
        return rng.choice([0, 1, 0xffff, 0x7fff, 0x8000, 0xfffe, 2, 31, 32, 63])
    if r < 0.6:
        return rng.randrange(64)
    return rng.getrandbits(16)


def fill_operands(rng, row, word, avoid):
    """Fills the register and immediate fields named in row.args.  Memory
    operands (o(b), x(b)), branch targets and jump targets are left to the
    caller.  Returns (word, gpr fields set {letter: reg})."""
    regs = {}
    for a in row.operand_letters():
        if a in GPR_FIELD:
            r = pick_gpr(rng, avoid)
            word = put(word, GPR_FIELD[a], 5, r)
            regs[a] = r
        elif a in FPR_FIELD:
            word = put(word, FPR_FIELD[a], 5, rng.randrange(32))
        elif a in ("j", "i", "u"):
            word = put(word, 0, 16, pick_imm16(rng))
        elif a == "C":  # FPU control register: FCSR only (FIR differs by design)
            word = put(word, 11, 5, 31)
    return word, regs
