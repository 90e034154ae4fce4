# isa_r2_insns.S - MIPS64 Release 2 instructions for isa_r2.c, as kernel-mode
# functions (result in $v0; an RI skips the instruction and leaves $v0 = ~0)
# and as user/supervisor snippets on their own page (run_user: $a0 in, $v0
# out, SYSCALL back).  Assembled for Release 2; the machine admits them only
# with isa = "r2".
        .set    noreorder
        .set    noat
        .set    mips64r2
        .text
        .globl  k_seb, k_wsbh, k_rotr, k_ext, k_dext, k_dsbh, k_rdhwr
k_seb:  li      $2, -1
        seb     $2, $4
        jr      $31
        nop
k_wsbh: li      $2, -1
        wsbh    $2, $4
        jr      $31
        nop
k_rotr: li      $2, -1
        rotr    $2, $4, 8
        jr      $31
        nop
k_ext:  li      $2, -1
        ext     $2, $4, 4, 12
        jr      $31
        nop
k_dext: li      $2, -1
        dext    $2, $4, 20, 24
        jr      $31
        nop
k_dsbh: li      $2, -1
        dsbh    $2, $4
        jr      $31
        nop
k_rdhwr:
        li      $2, -1
        rdhwr   $2, $29         # UserLocal: not on the R10000 (RI at either level)
        jr      $31
        nop

        .section .text.r2user, "ax", @progbits
        .balign 4096
        .globl  r2_user_page, u_seb, u_wsbh, u_rotr, u_ext, u_dext, u_dsbh, u_rdhwr
r2_user_page:
u_seb:  seb     $2, $4
        syscall
u_wsbh: wsbh    $2, $4
        syscall
u_rotr: rotr    $2, $4, 8
        syscall
u_ext:  ext     $2, $4, 4, 12
        syscall
u_dext: dext    $2, $4, 20, 24
        syscall
u_dsbh: dsbh    $2, $4
        syscall
u_rdhwr:
        rdhwr   $2, $29
        syscall
        .balign 4096
