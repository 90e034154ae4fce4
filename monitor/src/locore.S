# locore.S - the monitor's lowest level: the general exception vector, the
# save of a vCPU's registers at every exit, vcpu_enter (the way back into a
# guest), the boot and secondary-CPU entry points, and FPU save/restore.
# The TLB refill vector is in refill.S.
#
# While a guest runs, the real Status is the guest's (KSU = supervisor or
# user, IE = 1, CU0 = 0), so every privileged instruction, every real
# interrupt and every exception lands here.  The guest's k0/k1 belong to the
# guest (its own handlers use them, with virtual EXL), so the vector saves
# them in the PDA first, through $zero.  The monitor then runs in kernel
# mode with interrupts off, on a fresh stack, and never returns: trap()
# ends in vcpu_enter() or in the idle loop.
#include "cp0.h"
#include "pda.h"
#include "vcpu.h"

        .set    noreorder
        .set    noat

#define MON_STATUS (ST_KX | ST_SX | ST_UX)
#define LA(reg, sym) lui reg, %highest(sym); daddiu reg, reg, %higher(sym); dsll reg, reg, 16; \
                     daddiu reg, reg, %hi(sym); dsll reg, reg, 16; daddiu reg, reg, %lo(sym)

# ---- the general exception vector, copied to 0xFFFFFFFF80000180 ----------
        .globl  vec_general, vec_general_end
vec_general:
        sd      $26, PDA_OFF+PDA_K0($0)
        sd      $27, PDA_OFF+PDA_K1($0)
        sd      $0, PDA_OFF+PDA_REFILL($0)
        LA($26, exc_save)
        jr      $26
        nop
vec_general_end:

# ---- exc_save: k0/k1 are in the PDA, PDA_REFILL says which vector came here.
        .text
        .globl  exc_save
exc_save:
        mfc0    $26, $12
        andi    $26, $26, ST_KSU_MASK
        beqz    $26, monitor_exception  # KSU = 0: the monitor itself faulted
        ld      $26, PDA_OFF+PDA_VCPU($0)
        mfc0    $27, $9
        sd      $27, VC_XCOUNT($26)
        sd      $1, VC_REG(1)($26)
        sd      $2, VC_REG(2)($26)
        sd      $3, VC_REG(3)($26)
        sd      $4, VC_REG(4)($26)
        sd      $5, VC_REG(5)($26)
        sd      $6, VC_REG(6)($26)
        sd      $7, VC_REG(7)($26)
        sd      $8, VC_REG(8)($26)
        sd      $9, VC_REG(9)($26)
        sd      $10, VC_REG(10)($26)
        sd      $11, VC_REG(11)($26)
        sd      $12, VC_REG(12)($26)
        sd      $13, VC_REG(13)($26)
        sd      $14, VC_REG(14)($26)
        sd      $15, VC_REG(15)($26)
        sd      $16, VC_REG(16)($26)
        sd      $17, VC_REG(17)($26)
        sd      $18, VC_REG(18)($26)
        sd      $19, VC_REG(19)($26)
        sd      $20, VC_REG(20)($26)
        sd      $21, VC_REG(21)($26)
        sd      $22, VC_REG(22)($26)
        sd      $23, VC_REG(23)($26)
        sd      $24, VC_REG(24)($26)
        sd      $25, VC_REG(25)($26)
        sd      $28, VC_REG(28)($26)
        sd      $29, VC_REG(29)($26)
        sd      $30, VC_REG(30)($26)
        sd      $31, VC_REG(31)($26)
        ld      $27, PDA_OFF+PDA_K0($0)
        sd      $27, VC_REG(26)($26)
        ld      $27, PDA_OFF+PDA_K1($0)
        sd      $27, VC_REG(27)($26)
        mfhi    $27
        sd      $27, VC_HI($26)
        mflo    $27
        sd      $27, VC_LO($26)
        dmfc0   $27, $14
        sd      $27, VC_XEPC($26)
        sd      $27, VC_PC($26)
        mfc0    $27, $13
        sd      $27, VC_XCAUSE($26)
        mfc0    $27, $12
        sd      $27, VC_XSTATUS($26)
        dmfc0   $27, $8
        sd      $27, VC_XBADVADDR($26)
        ld      $29, PDA_OFF+PDA_STACK($0)
        move    $4, $26
        ld      $5, PDA_OFF+PDA_REFILL($0)
        li      $8, MON_STATUS          # kernel mode, EXL and IE off
        mtc0    $8, $12
        jal     trap                    # never returns
        nop

monitor_exception:
        ld      $29, PDA_OFF+PDA_STACK($0)
        dmfc0   $4, $14
        mfc0    $5, $13
        dmfc0   $6, $8
        li      $8, MON_STATUS
        mtc0    $8, $12
        jal     monitor_fault
        nop

# ---- vcpu_enter(v): load the guest's registers and ERET into it ----------
# v->entry_status is the real Status to run with (trap.c computes it), EXL
# set so that KSU and EPC take effect only at the ERET.
        .globl  vcpu_enter
vcpu_enter:
        li      $8, MON_STATUS | ST_EXL
        mtc0    $8, $12
        sd      $4, PDA_OFF+PDA_VCPU($0)
        move    $27, $4
        ld      $8, VC_PC($27)
        dmtc0   $8, $14
        ld      $8, VC_HI($27)
        mthi    $8
        ld      $8, VC_LO($27)
        mtlo    $8
        ld      $8, VC_ENTRY_STATUS($27)
        mtc0    $8, $12
        ld      $1, VC_REG(1)($27)
        ld      $2, VC_REG(2)($27)
        ld      $3, VC_REG(3)($27)
        ld      $4, VC_REG(4)($27)
        ld      $5, VC_REG(5)($27)
        ld      $6, VC_REG(6)($27)
        ld      $7, VC_REG(7)($27)
        ld      $8, VC_REG(8)($27)
        ld      $9, VC_REG(9)($27)
        ld      $10, VC_REG(10)($27)
        ld      $11, VC_REG(11)($27)
        ld      $12, VC_REG(12)($27)
        ld      $13, VC_REG(13)($27)
        ld      $14, VC_REG(14)($27)
        ld      $15, VC_REG(15)($27)
        ld      $16, VC_REG(16)($27)
        ld      $17, VC_REG(17)($27)
        ld      $18, VC_REG(18)($27)
        ld      $19, VC_REG(19)($27)
        ld      $20, VC_REG(20)($27)
        ld      $21, VC_REG(21)($27)
        ld      $22, VC_REG(22)($27)
        ld      $23, VC_REG(23)($27)
        ld      $24, VC_REG(24)($27)
        ld      $25, VC_REG(25)($27)
        ld      $26, VC_REG(26)($27)
        ld      $28, VC_REG(28)($27)
        ld      $29, VC_REG(29)($27)
        ld      $30, VC_REG(30)($27)
        ld      $31, VC_REG(31)($27)
        ld      $27, VC_REG(27)($27)
        eret

# ---- entry points ----------------------------------------------------------
# CPU 0 from the loader (a0 = argc, a1 = argv, a2 = envp); the others from
# cpu-control with a0 = their stack top.  Both leave the reset state first.
        .section .text.start, "ax", @progbits
        .globl  _start
_start:
        li      $8, MON_STATUS
        mtc0    $8, $12
        LA($29, boot_stack_top)
        jal     monitor_main
        nop
1:      b       1b
        nop

        .text
        .globl  secondary_entry
secondary_entry:
        li      $8, MON_STATUS
        mtc0    $8, $12
        move    $29, $4
        jal     secondary_main
        nop
1:      b       1b
        nop

# ---- fpu_save(v) / fpu_restore(v): the guest's FPU at a vCPU switch ----
# The monitor is soft-float and never touches the FPU otherwise; CU1 and FR
# are on only for the copy.
        .set    hardfloat
        .globl  fpu_save, fpu_restore
fpu_save:
        mfc0    $9, $12
        li      $8, ST_CU1 | ST_FR
        or      $8, $8, $9
        mtc0    $8, $12
        ssnop
        ssnop
        .irp    n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        sdc1    $f\n, VC_FPR+8*\n($4)
        .endr
        cfc1    $8, $31
        sd      $8, VC_FCSR($4)
        jr      $31
        mtc0    $9, $12

fpu_restore:
        mfc0    $9, $12
        li      $8, ST_CU1 | ST_FR
        or      $8, $8, $9
        mtc0    $8, $12
        ssnop
        ssnop
        ld      $8, VC_FCSR($4)
        ctc1    $8, $31
        .irp    n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        ldc1    $f\n, VC_FPR+8*\n($4)
        .endr
        jr      $31
        mtc0    $9, $12
