# gstart.S - a bare test guest's entry, exception vectors and trap frame.
# It runs in supervisor mode under the monitor, believing it is a kernel:
# every CP0 instruction here traps and is emulated.  One trap frame, so
# the guest's handlers must not nest (k1 tells gtrap() which vector ran).
#include "cp0.h"
        .set    noreorder
        .set    noat
#define LA(reg, sym) lui reg, %highest(sym); daddiu reg, reg, %higher(sym); dsll reg, reg, 16; \
                     daddiu reg, reg, %hi(sym); dsll reg, reg, 16; daddiu reg, reg, %lo(sym)

        .section .text.start, "ax", @progbits
        .globl  _start
_start:                                 # a0 = argc, a1 = argv (vCPU 0), or a0 = arg (others)
        LA($29, boot_stack_top)
        jal     gmain
        nop
        move    $4, $2
        li      $2, 3                   # MC_HALT
        syscall
1:      b       1b
        nop

        .globl  secondary_start         # a0 = stack top | vCPU data, see smp.c
secondary_start:
        move    $29, $4
        jal     secondary_main
        nop
1:      b       1b
        nop

# Vectors, copied to DG_KSEG + 0x000 / 0x080 / 0x180 by install_vectors().
        .globl  gvec_refill, gvec_general, gvec_end
gvec_refill:
        LA($26, gtrap_entry)
        jr      $26
        li      $27, 1                  # k1 = 1: a refill vector
gvec_general:
        LA($26, gtrap_entry)
        jr      $26
        li      $27, 2                  # k1 = 2: the general vector
gvec_end:

        .text
gtrap_entry:
        LA($26, gframe)
        sd      $27, 8*32($26)          # frame.vec
        .irp    n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,28,29,30,31
        sd      $\n, 8*\n($26)
        .endr
        dmfc0   $27, $14
        sd      $27, 8*33($26)          # epc
        dmfc0   $27, $13
        sd      $27, 8*34($26)          # cause
        dmfc0   $27, $8
        sd      $27, 8*35($26)          # badvaddr
        dmfc0   $27, $12
        sd      $27, 8*36($26)          # status
        LA($29, trap_stack_top)
        jal     gtrap
        move    $4, $26
        LA($26, gframe)
        ld      $27, 8*33($26)
        dmtc0   $27, $14
        ld      $27, 8*36($26)
        mtc0    $27, $12
        .irp    n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,28,29,30,31
        ld      $\n, 8*\n($26)
        .endr
        eret

        .bss
        .balign 16
        .space  16384
boot_stack_top:
        .space  8192
trap_stack_top:
