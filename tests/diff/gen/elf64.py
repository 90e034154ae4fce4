"""elf64.py - writes a minimal static ELF64 big-endian MIPS executable.

The differential tests encode their instruction words themselves, so no
assembler or linker runs per test: this module lays the given segments out
page-aligned behind one ELF header and one program header per segment (no
section headers are needed to load and run a static program).
"""
import struct

EM_MIPS = 8
PT_LOAD = 1
PF_X, PF_W, PF_R = 1, 2, 4
EF_MIPS_ARCH_4 = 0x30000000  # MIPS IV, n64 (no ABI2 bit), legacy NaN
PAGE = 0x10000  # segment alignment: the largest MIPS Linux page size


def write_elf(path, entry, segments):
    """Writes `segments` = [(vaddr, bytes, flags)] as a static executable.

    Each vaddr must be PAGE aligned; each segment's file offset is made
    congruent to its vaddr modulo PAGE, as loaders require."""
    ehsize, phentsize = 64, 56
    header_end = ehsize + phentsize * len(segments)
    offset = PAGE
    phdrs, body = [], []
    for vaddr, data, flags in segments:
        assert vaddr % PAGE == 0, hex(vaddr)
        phdrs.append(struct.pack(">IIQQQQQQ", PT_LOAD, flags, offset, vaddr, vaddr,
                                 len(data), len(data), PAGE))
        body.append((offset, data))
        offset += (len(data) + PAGE - 1) // PAGE * PAGE
    ident = b"\x7fELF" + bytes([2, 2, 1, 0]) + bytes(8)  # 64-bit, big-endian, v1, SysV
    ehdr = ident + struct.pack(">HHIQQQIHHHHHH", 2, EM_MIPS, 1, entry, ehsize, 0,
                               EF_MIPS_ARCH_4, ehsize, phentsize, len(segments), 64, 0, 0)
    out = bytearray(ehdr + b"".join(phdrs))
    assert len(out) == header_end
    for off, data in body:
        out += bytes(off - len(out))
        out += data
    with open(path, "wb") as f:
        f.write(out)
