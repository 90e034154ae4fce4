# start.S - entry point of every freestanding MIPS program built here.
# Sets the stack pointer and hands over to rt_start (crt.c), which clears
# .bss, runs constructors, calls main and exits with its result.
# Registers are written by number: in n64, $8-$11 are a4-a7, not t0-t3.
        .set    noreorder
        .section .text.start, "ax", @progbits
        .globl  _start
        .ent    _start
_start:
        dla     $29, __stack_top        # sp
        dla     $25, rt_start           # t9
        jr      $25
        nop
        .end    _start

# Secondary CPUs begin here (rt_start_cpu): $a0 ($4) holds their stack top.
        .globl  rt_secondary_entry
        .ent    rt_secondary_entry
rt_secondary_entry:
        move    $29, $4
        dla     $25, rt_secondary_start
        jr      $25
        nop
        .end    rt_secondary_entry
