# trap.S - the privileged-test harness's assembly half: exception vector
# stubs (copied by priv.c to the BEV=0 vectors at 0x8000_0000 + 0/0x80/0x180),
# the common entry that saves every register into trap_frame and calls the C
# handler trap(), run_user() to drop into user or supervisor mode, and the
# position-independent snippets that run there (one 4 KiB page, mapped
# through the TLB at a user address).
# Registers by number: in n64 $8-$11 are a4-a7; $26/$27 are k0/k1.
        .set    noreorder
        .set    noat
        .text

# ---- vector stubs: 8 instructions each; k1 = which vector ----------------------
        .globl  vec_refill, vec_xrefill, vec_general, vec_stub_end
vec_refill:
        dla     $26, trap_entry
        jr      $26
        ori     $27, $0, 0x000
vec_xrefill:
        dla     $26, trap_entry
        jr      $26
        ori     $27, $0, 0x080
vec_general:
        dla     $26, trap_entry
        jr      $26
        ori     $27, $0, 0x180
vec_stub_end:

# ---- trap_entry: frame layout matches struct frame in priv.h --------------------
#   0..255 r[32]   256 epc  264 cause  272 status  280 badvaddr  288 vector
#   296 entryhi    304 context  312 xcontext
        .globl  trap_entry
trap_entry:
        dla     $26, trap_frame
        sd      $27, 288($26)
        sd      $1, 8($26)
        sd      $2, 16($26)
        sd      $3, 24($26)
        sd      $4, 32($26)
        sd      $5, 40($26)
        sd      $6, 48($26)
        sd      $7, 56($26)
        sd      $8, 64($26)
        sd      $9, 72($26)
        sd      $10, 80($26)
        sd      $11, 88($26)
        sd      $12, 96($26)
        sd      $13, 104($26)
        sd      $14, 112($26)
        sd      $15, 120($26)
        sd      $16, 128($26)
        sd      $17, 136($26)
        sd      $18, 144($26)
        sd      $19, 152($26)
        sd      $20, 160($26)
        sd      $21, 168($26)
        sd      $22, 176($26)
        sd      $23, 184($26)
        sd      $24, 192($26)
        sd      $25, 200($26)
        sd      $28, 224($26)
        sd      $29, 232($26)
        sd      $30, 240($26)
        sd      $31, 248($26)
        dmfc0   $27, $14
        sd      $27, 256($26)
        mfc0    $27, $13
        sd      $27, 264($26)
        mfc0    $27, $12
        sd      $27, 272($26)
        dmfc0   $27, $8
        sd      $27, 280($26)
        dmfc0   $27, $10
        sd      $27, 296($26)
        dmfc0   $27, $4
        sd      $27, 304($26)
        dmfc0   $27, $20
        sd      $27, 312($26)
        move    $4, $26
        dla     $29, trap_stack_top
        dla     $25, trap
        jalr    $25
        nop
        dla     $26, trap_frame
        bnez    $2, leave_user
        nop
        ld      $27, 256($26)
        dmtc0   $27, $14
        ld      $27, 272($26)
        mtc0    $27, $12
        ld      $1, 8($26)
        ld      $2, 16($26)
        ld      $3, 24($26)
        ld      $4, 32($26)
        ld      $5, 40($26)
        ld      $6, 48($26)
        ld      $7, 56($26)
        ld      $8, 64($26)
        ld      $9, 72($26)
        ld      $10, 80($26)
        ld      $11, 88($26)
        ld      $12, 96($26)
        ld      $13, 104($26)
        ld      $14, 112($26)
        ld      $15, 120($26)
        ld      $16, 128($26)
        ld      $17, 136($26)
        ld      $18, 144($26)
        ld      $19, 152($26)
        ld      $20, 160($26)
        ld      $21, 168($26)
        ld      $22, 176($26)
        ld      $23, 184($26)
        ld      $24, 192($26)
        ld      $25, 200($26)
        ld      $28, 224($26)
        ld      $29, 232($26)
        ld      $30, 240($26)
        ld      $31, 248($26)
        nop
        eret
        nop

# Back to run_user's caller in kernel mode (KSU=0, EXL=0), returning the
# snippet's $v0.
leave_user:
        mfc0    $8, $12
        li      $9, -27                 # ~0x1A: clear EXL and KSU
        and     $8, $8, $9
        mtc0    $8, $12
        nop
        nop
        ld      $2, 16($26)
        dla     $26, kctx
        ld      $16, 0($26)
        ld      $17, 8($26)
        ld      $18, 16($26)
        ld      $19, 24($26)
        ld      $20, 32($26)
        ld      $21, 40($26)
        ld      $22, 48($26)
        ld      $23, 56($26)
        ld      $28, 64($26)
        ld      $29, 72($26)
        ld      $30, 80($26)
        ld      $31, 88($26)
        jr      $31
        nop

# u64 run_user(u64 pc, u64 status, u64 a0, u64 a1): runs at `pc` with Status
# = status (KSU and friends; EXL is set here and cleared by ERET) and
# $a0/$a1 = a0/a1, until the code executes SYSCALL.  Returns its $v0.
        .globl  run_user
run_user:
        dla     $26, kctx
        sd      $16, 0($26)
        sd      $17, 8($26)
        sd      $18, 16($26)
        sd      $19, 24($26)
        sd      $20, 32($26)
        sd      $21, 40($26)
        sd      $22, 48($26)
        sd      $23, 56($26)
        sd      $28, 64($26)
        sd      $29, 72($26)
        sd      $30, 80($26)
        sd      $31, 88($26)
        dmtc0   $4, $14
        ori     $5, $5, 2
        mtc0    $5, $12
        move    $4, $6
        move    $5, $7
        li      $2, 0
        nop
        eret
        nop

# ---- snippets run in user/supervisor mode (mapped at USER_VA) -------------------
        .section .text.user, "ax", @progbits
        .balign 4096
        .globl  user_page
user_page:
        .globl  u_exit
u_exit:                         # return to the kernel at once
        syscall
        nop
        .globl  u_load
u_load:                         # v0 = *(u32 *)a0
        lw      $2, 0($4)
        syscall
        .globl  u_store
u_store:                        # *(u32 *)a0 = a1
        sw      $5, 0($4)
        syscall
        .globl  u_mfc0
u_mfc0:
        mfc0    $2, $12
        syscall
        .globl  u_tlbwi
u_tlbwi:
        tlbwi
        syscall
        .globl  u_eret
u_eret:
        eret
        syscall
        .globl  u_cache
u_cache:
        cache   0x0, 0($4)
        syscall
        .globl  u_daddu
u_daddu:
        daddu   $2, $4, $5
        syscall
        .globl  u_movn
u_movn:
        movn    $2, $4, $5
        syscall
        .globl  u_mfc1
u_mfc1:
        mfc1    $2, $f0
        syscall
        .globl  u_break
u_break:
        break
        syscall
        .globl  u_teq
u_teq:
        teq     $0, $0
        syscall
        .globl  u_ov
u_ov:
        lui     $9, 0x7fff
        add     $2, $9, $9
        syscall
        .globl  u_delay
u_delay:                        # a fault in a delay slot
        beq     $0, $0, 1f
        lw      $2, 0($4)
1:      syscall
        .globl  u_jump
u_jump:                         # fetch from a0
        jr      $4
        nop
        .globl  u_lwxc1
u_lwxc1:                        # COP1X (MIPS IV indexed FP load)
        lwxc1   $f0, $5($4)
        syscall
        .globl  u_ri
u_ri:                           # a reserved opcode (COP3 / opcode 0x13 rows aside)
        .word   0xEC000000
        syscall
        .balign 4096
