# refill.S - the monitor's TLB refill handler.  Every real TLB refill lands
# at 0xFFFFFFFF80000080 (XTLB: KX, SX and UX are always set while a guest
# runs, so every region uses the 64-bit vector).  It serves, without
# entering C and touching only k0, k1, at and t8 (saved in the PDA):
#
#   1. the guest's "unmapped" windows, cksseg (gpa 0..512 MiB) and the xsseg
#      window (gpa 0..2^40): the even/odd pair straight from the pmap, global;
#   2. anything else from the running vCPU's L2TLB, a direct-mapped cache of
#      translations the monitor made from the guest's TLB, keyed by the
#      EntryHi the refill left behind (R | VPN2 | ASID).
#
# Anything it cannot serve (a page not yet allocated, the end of guest RAM,
# the guest I/O window, an L2TLB miss) goes the general way (exc_save) with
# PDA_REFILL = 1; trap.c then walks the guest's TLB (vtlb.c), and either
# fills the real TLB and the L2TLB or reflects the miss to the guest.
#include "cp0.h"
#include "pda.h"
#include "vcpu.h"

        .set    noreorder
        .set    noat

#define LA(reg, sym) lui reg, %highest(sym); daddiu reg, reg, %higher(sym); dsll reg, reg, 16; \
                     daddiu reg, reg, %hi(sym); dsll reg, reg, 16; daddiu reg, reg, %lo(sym)

        .globl  vec_refill, vec_refill_end
vec_refill:
        sd      $26, PDA_OFF+PDA_K0($0)
        sd      $27, PDA_OFF+PDA_K1($0)
        LA($26, refill_main)
        jr      $26
        nop
vec_refill_end:

        .text
refill_main:
        sd      $1, PDA_OFF+PDA_AT($0)
        sd      $24, PDA_OFF+PDA_T8($0)
        dmfc0   $26, $8                 # k0 = BadVAddr
        lui     $27, 0x4000
        daddu   $27, $26, $27           # cksseg + 0x4000_0000 wraps to the gpa
        dsrl    $1, $27, 29
        beqz    $1, window              # k1 = gpa < 512 MiB: cksseg
        dsrl    $1, $26, 40
        lui     $24, 0x40               # xsseg window: va >> 40 == 0x40_0000
        bne     $1, $24, l2tlb
        dsll    $27, $26, 24
        dsrl    $27, $27, 24            # k1 = va & (2^40 - 1) = gpa

window:                                 # k1 = gpa: fill the pair from the pmap
        dsrl    $27, $27, 13
        dsll    $27, $27, 1             # even gpn
        ld      $1, PDA_OFF+PDA_NPAGES($0)
        daddiu  $24, $27, 1
        sltu    $24, $24, $1            # the odd page inside guest RAM too?
        beqz    $24, slow
        ld      $1, PDA_OFF+PDA_PMAP($0)
        dsll    $27, $27, 3
        daddu   $27, $27, $1            # &pmap[even]
        ld      $1, 0($27)
        beqz    $1, slow                # not allocated yet: C allocates it
        ld      $24, 8($27)
        beqz    $24, slow
        ori     $1, $1, ENTRYLO_G
        ori     $24, $24, ENTRYLO_G
        dmtc0   $1, $2
        dmtc0   $24, $3
        ld      $1, PDA_OFF+PDA_WIN_FILLS($0)
        daddiu  $1, $1, 1
        sd      $1, PDA_OFF+PDA_WIN_FILLS($0)
        tlbwr
        b       done
        nop

l2tlb:                                  # EntryHi = R | VPN2 | ASID of the miss
        dmfc0   $27, $10
        ld      $1, PDA_OFF+PDA_L2TLB($0)
        dsrl    $24, $27, 13
        xor     $24, $24, $27
        andi    $24, $24, L2TLB_SIZE - 1
        dsll    $24, $24, 5             # * sizeof(struct l2tlb_entry)
        daddu   $1, $1, $24
        ld      $24, 0($1)
        ori     $27, $27, L2TLB_VALID
        bne     $24, $27, slow
        ld      $24, 8($1)
        dmtc0   $24, $2
        ld      $24, 16($1)
        dmtc0   $24, $3
        ld      $1, PDA_OFF+PDA_L2_HITS($0)
        daddiu  $1, $1, 1
        sd      $1, PDA_OFF+PDA_L2_HITS($0)
        tlbwr

done:
        ld      $1, PDA_OFF+PDA_AT($0)
        ld      $24, PDA_OFF+PDA_T8($0)
        ld      $26, PDA_OFF+PDA_K0($0)
        ld      $27, PDA_OFF+PDA_K1($0)
        eret

slow:
        ld      $1, PDA_OFF+PDA_AT($0)
        ld      $24, PDA_OFF+PDA_T8($0)
        li      $26, 1
        sd      $26, PDA_OFF+PDA_REFILL($0)
        LA($26, exc_save)
        jr      $26
        nop
