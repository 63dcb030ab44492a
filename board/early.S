/*
 * early.S - what CPU 0 does at entry before its first store to memory
 * (called from boot/entry.S, like board_start): the board's addresses
 * for the drivers that must run that early.  No stack, no literal pool:
 * the constants are built in registers, since a data read could still
 * miss what a loader left in the L2.
 */
	.syntax	unified
	.arm
	.text

/*
 * board_outer_cache_off: turn off a PL310 a loader left on, clean
 * (drivers/l2x0_off.S).  CT_CA9X4_L2CC of board/vexpress.h, which the
 * assembler cannot read (its constants carry C's u suffix); the banner's
 * L2 line prints the C one, and tests/qemu/test_l2x0.py checks that this
 * one finds the controller the loader left on.  Clobbers r0-r2, r12.
 */
	.global	board_outer_cache_off
	.type	board_outer_cache_off, %function
board_outer_cache_off:
	movw	r0, #0xa000
	movt	r0, #0x1e00
	b	l2x0_off_early
	.size	board_outer_cache_off, . - board_outer_cache_off
