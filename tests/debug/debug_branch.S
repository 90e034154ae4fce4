# debug_branch.S - a taken branch and its delay slot with known effects, for
# stepping tests (a step of the branch stops in the delay slot) and traces:
#   dbg_branch+0   v0 = 1
#   dbg_branch+4   beq zero,zero,1f     (always taken)
#   dbg_branch+8   v0 = v0 + 41         (delay slot: runs, v0 = 42)
#   dbg_branch+12  v0 = v0 + 100        (skipped)
#   dbg_branch+16  jr ra                (1:)
#   dbg_branch+20  nop                  (delay slot)
	.text
	.globl	dbg_branch
	.type	dbg_branch, @function
	.set	noreorder
dbg_branch:
	daddiu	$2, $0, 1
	beq	$0, $0, 1f
	daddiu	$2, $2, 41
	daddiu	$2, $2, 100
1:	jr	$31
	nop
	.size	dbg_branch, . - dbg_branch
