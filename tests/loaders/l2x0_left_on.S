/*
 * l2x0_left_on.S - a test loader that leaves the PL310 on, as a loader
 * running with its L2 on would (tests/qemu/test_l2x0.py).
 *
 * QEMU starts every CPU here (an ELF given to -kernel) and loads the
 * firmware's ELF beside it (-device loader).  CPU 0 programs the L2 the
 * way no board default would (latencies of 2 and 3 cycles, prefetch and
 * way-size bits in the auxiliary control, bits 20-24 set) and turns it
 * on; then every CPU enters the firmware at its entry point, as after a
 * JTAG load: r0 = 0, r1 = the Vexpress machine id, r2 = 0 (no ATAGs).
 * QEMU models the controller's registers only, so what the test sees is
 * the register sequence: the firmware must find it on, turn it off, and
 * only then can it rewrite the latencies and the auxiliary control.
 */
	.syntax	unified
	.arm
	.text
	.global	_start
_start:
	mrc	p15, 0, r4, c0, c0, 5		@ MPIDR
	ands	r4, r4, #0xff
	bne	enter				@ secondaries: straight in
	movw	r0, #0xa000			@ the PL310 at 0x1e00a000
	movt	r0, #0x1e00
	movw	r1, #0x0111
	str	r1, [r0, #0x108]		@ tag RAM latency
	movw	r1, #0x0121
	str	r1, [r0, #0x10c]		@ data RAM latency
	movw	r1, #0x0000
	movt	r1, #0x72f6
	str	r1, [r0, #0x104]		@ auxiliary control
	mov	r1, #1
	str	r1, [r0, #0x100]		@ on
	dsb
enter:
	mov	r0, #0
	movw	r1, #2272			@ MACH_TYPE_VEXPRESS
	mov	r2, #0
	movw	r3, #0x0000
	movt	r3, #0x6001			@ the firmware's entry, 0x60010000
	bx	r3
