/*
 * l2x0_off.S - turning off an L2 a loader left on, before the firmware
 * stores anything (drivers/l2x0.h).
 *
 * A loader that ran with the PL310 on (a JTAG load over running
 * software, a U-Boot built with the L2 on) may leave dirty lines in it,
 * the image's own among them.  boot/entry.S writes memory with the MMU
 * and caches off, straight to DRAM, past the L2: clean that L2 later and
 * its stale lines land on the bss we cleared and the stacks we use.  So
 * CPU 0 cleans and invalidates it by way, syncs and turns it off here,
 * before its first store to memory: no stack, no literal pool, only the
 * controller's registers, then one store of the result to .data (never
 * cleared, so it survives the bss clear).
 *
 * PL310 errata chosen by CACHE_ID's RTL release, as Linux's
 * cache-l2x0.c does: 727915 (r2p0 and r3p0: a background clean and
 * invalidate by way may corrupt data unless write-back and line fills
 * are stopped through the debug control register meanwhile), 753970
 * (r3p0: sync through the dummy register instead of CACHE_SYNC).
 */
#include "drivers/l2x0.h"

	.syntax	unified
	.arm
	.text

/*
 * In: r0 = the controller's base.  Out: r0 = 1 if it was on, else 0.
 * Clobbers r1, r2, r12.  Interrupts are off (entry).
 */
	.global	l2x0_off_early
	.type	l2x0_off_early, %function
l2x0_off_early:
	ldr	r1, [r0, #L2X0_CTRL]
	tst	r1, #1
	moveq	r0, #0
	beq	3f
	dsb				@ this CPU's writes reach it first
	ldr	r12, [r0, #L2X0_CACHE_ID]
	and	r12, r12, #L2X0_CACHE_ID_RTL_MASK
	bic	r1, r12, #1			@ r2p0 and r3p0 alike
	cmp	r1, #L310_CACHE_ID_RTL_R2P0	@ 727915: write-back, line fill off
	moveq	r1, #3
	streq	r1, [r0, #L2X0_DEBUG_CTRL]
	ldr	r1, [r0, #L2X0_AUX_CTRL]
	tst	r1, #L2X0_AUX_ASSOC_16
	movw	r2, #0xff		@ one bit per way
	movwne	r2, #0xffff
	str	r2, [r0, #L2X0_CLEAN_INV_WAY]
1:	ldr	r1, [r0, #L2X0_CLEAN_INV_WAY]
	tst	r1, r2			@ a way's bit clears when it is done
	bne	1b
	bic	r1, r12, #1
	cmp	r1, #L310_CACHE_ID_RTL_R2P0
	moveq	r1, #0
	streq	r1, [r0, #L2X0_DEBUG_CTRL]
	cmp	r12, #L310_CACHE_ID_RTL_R3P0	@ 753970: sync by the dummy register
	movwne	r2, #L2X0_CACHE_SYNC
	movweq	r2, #L2X0_DUMMY_REG
	mov	r1, #0
	str	r1, [r0, r2]
2:	ldr	r1, [r0, r2]
	tst	r1, #1
	bne	2b
	mov	r1, #0
	str	r1, [r0, #L2X0_CTRL]	@ off
	dsb
	mov	r0, #1
3:	movw	r1, #:lower16:l2x0_found_on
	movt	r1, #:upper16:l2x0_found_on
	str	r0, [r1]		@ after the clean: nothing stale lands on it
	bx	lr
	.size	l2x0_off_early, . - l2x0_off_early

	.data
	.align	2
	.global	l2x0_found_on
l2x0_found_on:
	.word	0
