# timed.S - measured memory references for the timing-model tests: a phase
# (sim-control PHASE_BEGIN/PHASE_END) around n loads or n stores, with CP0
# Count zeroed just before them and read just after.
#
#   struct timed { uint64_t count, insns; };
#   struct timed timed_loads(uint64_t phase, const volatile void *p, uint64_t n, uint64_t stride);
#   struct timed timed_stores(uint64_t phase, volatile void *p, uint64_t n, uint64_t stride);
#
# n >= 1 references at p, p + stride, ...; returns (in v0, v1) Count after
# them and sim-control INSNS read just before PHASE_BEGIN.
#
# What a phase contains, for the drivers' arithmetic:
#   * instructions: the PHASE_BEGIN store, mtc0, 4 per reference (the loop),
#     mfc0 = 3 + 4n.  PHASE_END is executing when the phase closes, so it is
#     not counted, but its uncached stall (charged before the device sees the
#     write) is; PHASE_BEGIN's uncached stall falls before the phase.
#   * Count = floor((1 + 4n + stall) / 2): it runs at half the pipeline clock
#     and is zeroed at the mtc0, which precedes 4n instructions and the stall.
#   * no other data references, so the phase's data stall is the references'.
#   * each function fits in one 64-byte L1 I line, fetched (and missed, if it
#     must be) by its first instruction, before the phase begins.
# Registers by number: in n64 $12-$15 are t0-t3, $2/$3 v0/v1, $4-$7 a0-a3.
        .set    noreorder
        .text

        .balign 64
        .globl  timed_loads
        .ent    timed_loads
timed_loads:
        lui     $12, 0xBF00             # t0 = sim-control (kseg1 0xBF00_0000)
        ld      $3, 0x30($12)           # v1 = INSNS
        sd      $4, 0x10($12)           # PHASE_BEGIN a0
        mtc0    $0, $9                  # Count = 0
1:      ld      $13, 0($5)
        daddiu  $6, $6, -1
        bnez    $6, 1b
        daddu   $5, $5, $7              # (delay slot) next address
        mfc0    $2, $9                  # v0 = Count
        sd      $4, 0x18($12)           # PHASE_END a0
        jr      $31
        nop
        .end    timed_loads

        .balign 64
        .globl  timed_stores
        .ent    timed_stores
timed_stores:
        lui     $12, 0xBF00
        ld      $3, 0x30($12)
        sd      $4, 0x10($12)
        mtc0    $0, $9
1:      sd      $6, 0($5)               # stores the remaining count: any value will do
        daddiu  $6, $6, -1
        bnez    $6, 1b
        daddu   $5, $5, $7
        mfc0    $2, $9
        sd      $4, 0x18($12)
        jr      $31
        nop
        .end    timed_stores

# delay(n): 2n + 4 cycles of register-only work (no memory references beyond
# its own instruction fetches), so that requests another CPU issued up to a
# quantum "ahead" in machine time are long done when the caller measures.
        .balign 64
        .globl  delay
        .ent    delay
delay:
1:      bnez    $4, 1b
        daddiu  $4, $4, -1              # (delay slot)
        jr      $31
        nop
        .end    delay
