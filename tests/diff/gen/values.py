"""values.py - the "interesting" initial values a test sequence starts from.

Integers: 0, +-1, 32- and 64-bit extremes, values that are and are not
properly sign-extended 32-bit numbers, small shift counts, random bits.
Floating point: +-0, +-inf, the legacy-MIPS quiet and signalling NaNs
(on the R10000, as on every pre-2008 MIPS, a *set* fraction MSB means
signalling), denormals, 1.0, the largest and smallest normals, values
halfway between integers (rounding-mode probes) and integer bit patterns
for the cvt.*.w/l conversions.
"""
import struct

M64 = (1 << 64) - 1


def sext32(v):
    v &= 0xffffffff
    return v - (1 << 32) & M64 if v & 0x80000000 else v


GPR_SPECIAL = [
    0, 1, M64, 2, M64 - 1, 0x7fffffff, sext32(0x80000000), 0x80000000, 0xffffffff,
    0x7fffffffffffffff, 0x8000000000000000, 0x100000000, 0xffffffff7fffffff,
    0x7fff, 0x8000, 0xffff, sext32(0xffff8000), 31, 32, 33, 63, 64,
    0x0000000100000001, 0x00000000ffff0000,
]


def gpr_value(rng):
    """A 64-bit register value: mostly special, else random 32-bit
    (sign-extended) or random 64-bit."""
    r = rng.random()
    if r < 0.5:
        return rng.choice(GPR_SPECIAL)
    if r < 0.65:
        return rng.randrange(64)
    if r < 0.85:
        return sext32(rng.getrandbits(32))
    return rng.getrandbits(64)


def _d(x):
    return struct.unpack(">Q", struct.pack(">d", x))[0]


def _s(x):
    return struct.unpack(">I", struct.pack(">f", x))[0]


DOUBLE_SPECIAL = [
    0, 1 << 63, 0x7ff0000000000000, 0xfff0000000000000,
    0x7ff7ffffffffffff,  # default quiet NaN (legacy MIPS)
    0x7ff8000000000000, 0xfff8000000000001,  # signalling NaNs (legacy MIPS)
    0x7ff0000000000001, 0x000fffffffffffff, 0x0000000000000001, 0x8000000000000001,  # sNaN, denormals
    0x0010000000000000, 0x7fefffffffffffff, 0xffefffffffffffff,  # min/max normals
    _d(1.0), _d(-1.0), _d(0.5), _d(1.5), _d(2.5), _d(-2.5), _d(3.0), _d(1e10), _d(-0.75),
    _d(2.0 ** 31), _d(-2.0 ** 31), _d(2.0 ** 31 - 0.5), _d(2.0 ** 63), _d(-2.0 ** 63), _d(2.0 ** 53 + 2),
    _d(1.0 / 3), _d(3.4028234663852886e38), _d(1.1754943508222875e-38), _d(1e-300), _d(1e300),
]
SINGLE_SPECIAL = [
    0, 0x80000000, 0x7f800000, 0xff800000,
    0x7fbfffff,  # default quiet NaN (legacy MIPS)
    0x7fc00000, 0xffc00001, 0x7f800001,  # signalling NaNs
    0x007fffff, 0x00000001, 0x80000001, 0x00800000, 0x7f7fffff, 0xff7fffff,
    _s(1.0), _s(-1.0), _s(0.5), _s(1.5), _s(2.5), _s(-2.5), _s(3.0), _s(1e10), _s(-0.75),
    _s(2.0 ** 31), _s(-2.0 ** 31), _s(2.0 ** 63), _s(1.0 / 3), _s(16777217.0),
]
INT_SPECIAL = [0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0x7fffffffffffffff, 0x8000000000000000,
               M64, 3, 0x1000001, 0x20000000000001]


def fpr_value(rng):
    """A 64-bit FPR value: a special double, two special singles (so .s and
    paired reads both see one), an integer pattern, or random bits."""
    r = rng.random()
    if r < 0.35:
        return rng.choice(DOUBLE_SPECIAL)
    if r < 0.7:
        return rng.choice(SINGLE_SPECIAL) << 32 | rng.choice(SINGLE_SPECIAL)
    if r < 0.85:
        return rng.choice(INT_SPECIAL)
    return rng.getrandbits(64)


# FCSR fields (MIPS IV manual, FCSR): RM 1:0, Flags 6:2, Enables 11:7,
# Cause 17:12, FCC0 bit 23, FS bit 24, FCC1..7 bits 31:25.
def fcsr_value(rng):
    """An FCSR with no pending cause (which would trap at once on CTC1),
    random rounding mode, sticky flags, condition codes and - now and then -
    enables or flush-to-zero (FS; discosim flushes as QEMU does, see
    docs/differential-testing.md)."""
    v = rng.randrange(4) | rng.getrandbits(5) << 2 | (rng.getrandbits(1) << 23) | rng.getrandbits(7) << 25
    if rng.random() < 0.1:  # nearly every FP op is inexact: enables usually trap
        v |= rng.getrandbits(5) << 7
    if rng.random() < 0.1:
        v |= 1 << 24
    return v
