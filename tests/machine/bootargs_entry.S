# bootargs_entry.S - entry point of bootargs.c (linked with -e boot_entry,
# ahead of the runtime's _start): records what the loader left in the
# registers before anything touches them - $a0..$a2 (argc, argv, envp) and
# the OR of every other general register, which the boot protocol says is
# zero - then continues at the runtime's _start.
        .set    noreorder
        .set    noat
        .text
        .globl  boot_entry
        .ent    boot_entry
boot_entry:
        or      $26, $26, $1            # k0 |= every register but $0 and $a0..$a2
        or      $26, $26, $2
        or      $26, $26, $3
        or      $26, $26, $7
        or      $26, $26, $8
        or      $26, $26, $9
        or      $26, $26, $10
        or      $26, $26, $11
        or      $26, $26, $12
        or      $26, $26, $13
        or      $26, $26, $14
        or      $26, $26, $15
        or      $26, $26, $16
        or      $26, $26, $17
        or      $26, $26, $18
        or      $26, $26, $19
        or      $26, $26, $20
        or      $26, $26, $21
        or      $26, $26, $22
        or      $26, $26, $23
        or      $26, $26, $24
        or      $26, $26, $25
        or      $26, $26, $27
        or      $26, $26, $28
        or      $26, $26, $29
        or      $26, $26, $30
        or      $26, $26, $31
        dla     $27, boot_regs
        sd      $4, 0($27)
        sd      $5, 8($27)
        sd      $6, 16($27)
        sd      $26, 24($27)
        dla     $25, _start
        jr      $25
        nop
        .end    boot_entry

        .data                           # not .bss: rt_start clears that
        .globl  boot_regs
        .balign 8
boot_regs:
        .dword  -1, -1, -1, -1
