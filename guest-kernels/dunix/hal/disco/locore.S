# locore.S (Disco) - the guest kernel's lowest level on the Disco monitor:
# the same vectors, refill handler, trap entry and exit as hal/locore.S, with
# the changes the paper made to IRIX's locore.s:
#   - privileged registers (Status, Cause, EPC, BadVAddr, EntryLo0/1,
#     Context) are read and written as words of the privileged-register page
#     (DG_REG(n), a load or store from $zero) instead of MFC0/MTC0;
#   - the PDA is found through the virtual Context register (pda.h), since a
#     supervisor-mode kernel cannot use ckseg3;
#   - the refill handler does not fit the 32-instruction vector slot and
#     jumps to its body; TLBWR and ERET still trap and are emulated.
#
# Registers are written by number or by their n64 names (k0 = $26, k1 = $27).
# Only k0 and k1 may be used before the registers are saved.
#include "cp0.h"
#include "layout.h"
#include "param.h"
#include "pda.h"
#include "trapframe.h"

        .set    noreorder
        .set    noat
        .set    hardfloat               # only hal_fpu_save/restore touch the FPU

# ---------------------------------------------------------------------------
# The XTLB refill handler, copied to 0xFFFFFFFF80000080 by hal_cpu_init().
# A user address missed in the TLB (64-bit addressing: UX = 1).  Walk the
# three-level page table of the current address space (kern/pagetable.h):
#
#     VA bits  39..30      29..21      20..13     12       11..0
#              pgd index   pmd index   pair index even/odd offset
#
# and write the entry pair into a random TLB slot.  Anything that is not a
# mapped user page gets an invalid pair instead, so the retried access takes
# a TLB Invalid exception to the general vector, where trap() sorts it out
# (page fault, copy-on-write, SIGSEGV).  28 instructions on the hit path.
        .globl  vec_xtlb_refill, vec_xtlb_refill_end
vec_xtlb_refill:
        j       refill_body             # same 256 MB region (cksseg)
        nop
vec_xtlb_refill_end:

        .text
refill_body:
        LOAD_PDA($27, $26)              # k1 = this CPU's PDA
        ld      $27, PDA_PGD($27)
        ld      $26, VREG_OFF(8)($0)      # k0 = BadVAddr
        dsrl    $26, $26, 40
        bnez    $26, 9f                 # above USER_TOP, or not xuseg
        ld      $26, VREG_OFF(8)($0)
        dsrl    $26, $26, 27            # pgd index * 8
        andi    $26, $26, 0x1FF8
        daddu   $27, $27, $26
        ld      $27, 0($27)             # pmd table, or 0
        beqz    $27, 9f
        ld      $26, VREG_OFF(8)($0)
        dsrl    $26, $26, 18            # pmd index * 8
        andi    $26, $26, 0xFF8
        daddu   $27, $27, $26
        ld      $27, 0($27)             # pte table, or 0
        beqz    $27, 9f
        ld      $26, VREG_OFF(8)($0)
        dsrl    $26, $26, 9             # pair index * 16
        andi    $26, $26, 0xFF0
        daddu   $27, $27, $26
        ld      $26, 0($27)             # even page's entry
        ld      $27, 8($27)             # odd page's entry
        dsll    $26, $26, 30            # the software bits (61:34) go, as DMTC0 drops them
        dsrl    $26, $26, 30
        dsll    $27, $27, 30
        dsrl    $27, $27, 30
        sd      $26, VREG_OFF(2)($0)      # EntryLo0
        sd      $27, VREG_OFF(3)($0)      # EntryLo1
        tlbwr                           # (emulated)
        eret                            # (emulated)
9:      sd      $0, VREG_OFF(2)($0)
        sd      $0, VREG_OFF(3)($0)
        tlbwr
        eret

        .section .text.vectors, "ax", @progbits

# The general exception vector (0x180) and the 32-bit refill vector (0x000,
# never used: UX, SX and KX are all set) jump to trap_entry - except for the
# hottest trap of all, RDHWR $3, $29: glibc reads the thread pointer that way
# in every mutex operation, and the R10000 has no UserLocal register, so it
# traps as a Reserved Instruction.  The fast path answers it here from the
# PDA, as Linux's handle_ri_rdhwr does; anything else (another register, a
# delay slot) takes the slow path in trap.c.
        .globl  vec_general, vec_general_end
vec_general:
        ld      $26, VREG_OFF(13)($0)     # Cause
        andi    $26, $26, 0x7C          # ExcCode << 2
        xori    $26, $26, EXC_RI << 2
        bnez    $26, 1f
        ld      $27, VREG_OFF(13)($0)
        sll     $27, $27, 0             # sign-extend the 32-bit Cause: BD is bit 31
        bltz    $27, 1f                 # Cause.BD: in a delay slot
        ld      $26, VREG_OFF(14)($0)     # EPC
        lw      $27, 0($26)
        lui     $26, 0x7C03             # rdhwr $3, $29 = 0x7C03E83B
        ori     $26, $26, 0xE83B
        bne     $26, $27, 1f
        ld      $26, VREG_OFF(14)($0)
        daddiu  $26, $26, 4
        sd      $26, VREG_OFF(14)($0)
        LOAD_PDA($27, $26)
        ld      $3, PDA_TLS($27)
        eret                            # (emulated)
1:      lui     $26, %highest(trap_entry)
        daddiu  $26, $26, %higher(trap_entry)
        dsll    $26, $26, 16
        daddiu  $26, $26, %hi(trap_entry)
        dsll    $26, $26, 16
        daddiu  $26, $26, %lo(trap_entry)
        jr      $26
        nop
vec_general_end:

# ---------------------------------------------------------------------------
# trap_entry: save every register in a struct trapframe (trapframe.h) on the
# kernel stack - the running task's, from PDA_KSTACK, when the trap came from
# user (or supervisor) mode; the current one when it came from the kernel -
# then enter kernel mode proper (EXL, KSU and IE cleared) and call trap(tf).
        .text
        .globl  trap_entry
trap_entry:
        ld      $26, VREG_OFF(12)($0)     # Status
        andi    $26, $26, ST_KSU_MASK
        beqz    $26, 1f
        move    $27, $29                # k1 = the interrupted sp
        LOAD_PDA($29, $26)
        ld      $29, PDA_KSTACK($29)
1:      daddiu  $29, $29, -TF_SIZE
        sd      $27, TF_REG(29)($29)
        sd      $1, TF_REG(1)($29)
        sd      $2, TF_REG(2)($29)
        sd      $3, TF_REG(3)($29)
        sd      $4, TF_REG(4)($29)
        sd      $5, TF_REG(5)($29)
        sd      $6, TF_REG(6)($29)
        sd      $7, TF_REG(7)($29)
        sd      $8, TF_REG(8)($29)
        sd      $9, TF_REG(9)($29)
        sd      $10, TF_REG(10)($29)
        sd      $11, TF_REG(11)($29)
        sd      $12, TF_REG(12)($29)
        sd      $13, TF_REG(13)($29)
        sd      $14, TF_REG(14)($29)
        sd      $15, TF_REG(15)($29)
        sd      $16, TF_REG(16)($29)
        sd      $17, TF_REG(17)($29)
        sd      $18, TF_REG(18)($29)
        sd      $19, TF_REG(19)($29)
        sd      $20, TF_REG(20)($29)
        sd      $21, TF_REG(21)($29)
        sd      $22, TF_REG(22)($29)
        sd      $23, TF_REG(23)($29)
        sd      $24, TF_REG(24)($29)
        sd      $25, TF_REG(25)($29)
        sd      $28, TF_REG(28)($29)
        sd      $30, TF_REG(30)($29)
        sd      $31, TF_REG(31)($29)
        mfhi    $26
        sd      $26, TF_HI($29)
        mflo    $26
        sd      $26, TF_LO($29)
        ld      $26, VREG_OFF(14)($0)     # EPC
        sd      $26, TF_EPC($29)
        ld      $26, VREG_OFF(12)($0)     # Status
        sd      $26, TF_STATUS($29)
        ld      $26, VREG_OFF(13)($0)     # Cause
        sd      $26, TF_CAUSE($29)
        ld      $26, VREG_OFF(8)($0)      # BadVAddr
        sd      $26, TF_BADVADDR($29)
        sd      $2, TF_ORIG_V0($29)
        sd      $7, TF_ORIG_A3($29)
        ld      $26, VREG_OFF(12)($0)     # kernel mode, EXL off, interrupts off
        li      $27, ~(ST_KSU_MASK | ST_EXL | ST_IE)
        and     $26, $26, $27
        sd      $26, VREG_OFF(12)($0)
        jal     trap
        move    $4, $29                 # a0 = tf
        move    $4, $29
        # fall through

# hal_trap_return(tf): restore every register from tf and ERET.  Used by
# trap_entry and to start new tasks (fork children, init).
        .globl  hal_trap_return
hal_trap_return:
        ld      $8, VREG_OFF(12)($0)      # EXL on, IE off: EPC and KSU may change
        ori     $8, $8, ST_EXL | ST_IE
        xori    $8, $8, ST_IE
        sd      $8, VREG_OFF(12)($0)
        move    $27, $4                 # k1 = tf
        ld      $26, TF_STATUS($27)
        ori     $26, $26, ST_EXL
        sd      $26, VREG_OFF(12)($0)
        ld      $26, TF_EPC($27)
        sd      $26, VREG_OFF(14)($0)
        ld      $26, TF_HI($27)
        mthi    $26
        ld      $26, TF_LO($27)
        mtlo    $26
        ld      $1, TF_REG(1)($27)
        ld      $2, TF_REG(2)($27)
        ld      $3, TF_REG(3)($27)
        ld      $4, TF_REG(4)($27)
        ld      $5, TF_REG(5)($27)
        ld      $6, TF_REG(6)($27)
        ld      $7, TF_REG(7)($27)
        ld      $8, TF_REG(8)($27)
        ld      $9, TF_REG(9)($27)
        ld      $10, TF_REG(10)($27)
        ld      $11, TF_REG(11)($27)
        ld      $12, TF_REG(12)($27)
        ld      $13, TF_REG(13)($27)
        ld      $14, TF_REG(14)($27)
        ld      $15, TF_REG(15)($27)
        ld      $16, TF_REG(16)($27)
        ld      $17, TF_REG(17)($27)
        ld      $18, TF_REG(18)($27)
        ld      $19, TF_REG(19)($27)
        ld      $20, TF_REG(20)($27)
        ld      $21, TF_REG(21)($27)
        ld      $22, TF_REG(22)($27)
        ld      $23, TF_REG(23)($27)
        ld      $24, TF_REG(24)($27)
        ld      $25, TF_REG(25)($27)
        ld      $28, TF_REG(28)($27)
        ld      $30, TF_REG(30)($27)
        ld      $31, TF_REG(31)($27)
        ld      $29, TF_REG(29)($27)
        eret                            # (emulated: the page's Status and EPC)

# ---------------------------------------------------------------------------
# hal_swtch(old, new): save the callee-saved registers in *old, load *new,
# and return into new's code (struct context, trapframe.h).
        .globl  hal_swtch
hal_swtch:
        sd      $16, CTX_S0+0($4)
        sd      $17, CTX_S0+8($4)
        sd      $18, CTX_S0+16($4)
        sd      $19, CTX_S0+24($4)
        sd      $20, CTX_S0+32($4)
        sd      $21, CTX_S0+40($4)
        sd      $22, CTX_S0+48($4)
        sd      $23, CTX_S0+56($4)
        sd      $30, CTX_FP($4)
        sd      $28, CTX_GP($4)
        sd      $29, CTX_SP($4)
        sd      $31, CTX_RA($4)
        ld      $16, CTX_S0+0($5)
        ld      $17, CTX_S0+8($5)
        ld      $18, CTX_S0+16($5)
        ld      $19, CTX_S0+24($5)
        ld      $20, CTX_S0+32($5)
        ld      $21, CTX_S0+40($5)
        ld      $22, CTX_S0+48($5)
        ld      $23, CTX_S0+56($5)
        ld      $30, CTX_FP($5)
        ld      $28, CTX_GP($5)
        ld      $29, CTX_SP($5)
        ld      $31, CTX_RA($5)
        jr      $31
        nop

# ---------------------------------------------------------------------------
# Entry points.  The monitor starts a virtual CPU in virtual kernel mode
# with 64-bit addressing (disco_guest.h); Status is set with an (emulated)
# MTC0 rather than through the page, so the FPU (CU1, FR) is usable at once.
#define BOOT_STATUS (ST_KX | ST_SX | ST_UX | ST_CU1 | ST_FR)
        .section .text.start, "ax", @progbits
        .globl  _start
_start:                                 # CPU 0: a0 = argc, a1 = argv, a2 = envp
        li      $8, BOOT_STATUS
        mtc0    $8, $12
        lui     $29, %highest(boot_stack_top)
        daddiu  $29, $29, %higher(boot_stack_top)
        dsll    $29, $29, 16
        daddiu  $29, $29, %hi(boot_stack_top)
        dsll    $29, $29, 16
        daddiu  $29, $29, %lo(boot_stack_top)
        jal     kmain
        nop
1:      b       1b
        nop

        .text
        .globl  secondary_entry
secondary_entry:                        # other CPUs: a0 = their stack top
        li      $8, BOOT_STATUS
        mtc0    $8, $12
        move    $29, $4
        jal     secondary_main
        nop
1:      b       1b
        nop

# ---------------------------------------------------------------------------
# hal_fpu_save(f) / hal_fpu_restore(f): 32 doubleword registers (FR = 1)
# and the control/status register (struct fpu_state, hal.h).
        .globl  hal_fpu_save
hal_fpu_save:
        sdc1    $f0, 0($4)
        sdc1    $f1, 8($4)
        sdc1    $f2, 16($4)
        sdc1    $f3, 24($4)
        sdc1    $f4, 32($4)
        sdc1    $f5, 40($4)
        sdc1    $f6, 48($4)
        sdc1    $f7, 56($4)
        sdc1    $f8, 64($4)
        sdc1    $f9, 72($4)
        sdc1    $f10, 80($4)
        sdc1    $f11, 88($4)
        sdc1    $f12, 96($4)
        sdc1    $f13, 104($4)
        sdc1    $f14, 112($4)
        sdc1    $f15, 120($4)
        sdc1    $f16, 128($4)
        sdc1    $f17, 136($4)
        sdc1    $f18, 144($4)
        sdc1    $f19, 152($4)
        sdc1    $f20, 160($4)
        sdc1    $f21, 168($4)
        sdc1    $f22, 176($4)
        sdc1    $f23, 184($4)
        sdc1    $f24, 192($4)
        sdc1    $f25, 200($4)
        sdc1    $f26, 208($4)
        sdc1    $f27, 216($4)
        sdc1    $f28, 224($4)
        sdc1    $f29, 232($4)
        sdc1    $f30, 240($4)
        sdc1    $f31, 248($4)
        cfc1    $8, $31
        jr      $31
        sw      $8, 256($4)

        .globl  hal_fpu_restore
hal_fpu_restore:
        lw      $8, 256($4)
        ctc1    $8, $31
        ldc1    $f0, 0($4)
        ldc1    $f1, 8($4)
        ldc1    $f2, 16($4)
        ldc1    $f3, 24($4)
        ldc1    $f4, 32($4)
        ldc1    $f5, 40($4)
        ldc1    $f6, 48($4)
        ldc1    $f7, 56($4)
        ldc1    $f8, 64($4)
        ldc1    $f9, 72($4)
        ldc1    $f10, 80($4)
        ldc1    $f11, 88($4)
        ldc1    $f12, 96($4)
        ldc1    $f13, 104($4)
        ldc1    $f14, 112($4)
        ldc1    $f15, 120($4)
        ldc1    $f16, 128($4)
        ldc1    $f17, 136($4)
        ldc1    $f18, 144($4)
        ldc1    $f19, 152($4)
        ldc1    $f20, 160($4)
        ldc1    $f21, 168($4)
        ldc1    $f22, 176($4)
        ldc1    $f23, 184($4)
        ldc1    $f24, 192($4)
        ldc1    $f25, 200($4)
        ldc1    $f26, 208($4)
        ldc1    $f27, 216($4)
        ldc1    $f28, 224($4)
        ldc1    $f29, 232($4)
        ldc1    $f30, 240($4)
        jr      $31
        ldc1    $f31, 248($4)
