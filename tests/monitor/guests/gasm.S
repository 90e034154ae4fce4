# gasm.S - instruction sequences the test guests need exactly: privileged
# instructions and exceptions in branch delay slots, an ERET into user
# mode and the user program it runs.
#include "cp0.h"
        .set    noreorder
        .set    noat
#define LA(reg, sym) lui reg, %highest(sym); daddiu reg, reg, %higher(sym); dsll reg, reg, 16; \
                     daddiu reg, reg, %hi(sym); dsll reg, reg, 16; daddiu reg, reg, %lo(sym)
        .text

# A trap (teq) in a delay slot: the handler must see EPC = ds_branch, BD.
        .globl  ds_trap, ds_branch, ds_target
ds_trap:
ds_branch:
        beq     $0, $0, ds_target
        teq     $0, $0
        nop
ds_target:
        jr      $31
        nop

# ds_mfc0(a0): an emulated MFC0 in the delay slot of a branch on a0 that
# the MFC0 overwrites.  Returns Status if the branch was taken (a0 != 0),
# -1 if not: the monitor must evaluate the branch with a0 as it was.
        .globl  ds_mfc0
ds_mfc0:
        bne     $4, $0, 1f
        mfc0    $4, $12
        jr      $31
        li      $2, -1
1:      jr      $31
        move    $2, $4

# ds_jr_mtc0(a0 = value): an emulated MTC0 EPC in the delay slot of a jr.
        .globl  ds_jr_mtc0
ds_jr_mtc0:
        jr      $31
        dmtc0   $4, $14

# user_enter(pc, arg, status): run user code at pc with a0 = arg until it
# makes system call 4243, which the guest's handler turns into a return to
# user_done (saved sp and ra restored).  Returns the user's a0 then.
        .globl  user_enter, user_done
user_enter:
        LA($8, saved_sp)
        sd      $29, 0($8)
        sd      $31, 8($8)
        sd      $16, 16($8)
        dmtc0   $4, $14
        move    $4, $5
        mtc0    $6, $12                 # EXL set: the mode changes at the ERET
        eret
user_done:
        LA($8, saved_sp)
        ld      $29, 0($8)
        ld      $31, 8($8)
        ld      $16, 16($8)
        jr      $31
        move    $2, $4

# The user program, on its own page (mapped at a user address): it may not
# use absolute addresses.  a0 = a user data address nobody has mapped yet.
        .balign 4096
        .globl  user_prog, user_prog_end, user_mfc0, user_tlbwi, user_kseg
user_prog:
        li      $9, 0x5a
        sd      $9, 0($4)               # TLB refill, reflected to the guest's refill vector
        ld      $10, 0($4)
        move    $4, $10
        li      $2, 4242
        syscall                         # the guest's own system call
user_mfc0:
        mfc0    $11, $12                # privileged in user mode: CpU to the guest
user_tlbwi:
        tlbwi                           # likewise
        lui     $12, 0xC000             # a supervisor (cksseg) address: AdEL in user mode
        dsll32  $12, $12, 0
        dsra32  $12, $12, 0
        nop
user_kseg:
        ld      $13, 0($12)
        li      $2, 4243
        syscall                         # back to the kernel (user_done)
1:      b       1b
        nop
user_prog_end:
        .balign 4096

        .data
saved_sp:
        .space  24

# tlbwr_eret(): write a random TLB entry and return to the caller through
# ERET, as a refill handler ends (the monitor emulates both in one exit).
        .text
        .globl  tlbwr_eret
tlbwr_eret:
        dmtc0   $31, $14
        mfc0    $8, $12
        ori     $8, $8, ST_EXL
        mtc0    $8, $12
        tlbwr
        eret
