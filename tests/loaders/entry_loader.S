/*
 * entry_loader.S - a hostile boot loader for the QEMU tests (tests/qemu/test_entry.py).
 *
 * QEMU runs this as the -kernel ELF on every CPU; the firmware's ELF is
 * loaded beside it with -device loader and is entered at its _start
 * (FIRMWARE_ENTRY) the way a careless loader would enter it:
 *
 *  LOADER_NS=0 ("dirty"): each CPU turns its MMU and caches on with a
 *    page table of its own that maps only DRAM and the motherboard
 *    peripherals, rewrites the start of the firmware's image through
 *    the D-cache (a loader that copied or relocated it), leaves the
 *    A9 watchdog armed, the global timer prescaled and SYS_FLAGS
 *    stale, and jumps.  The firmware
 *    must clean and turn all of that off before it relies on it.
 *  LOADER_NS=1 ("ns", needs -M vexpress-a9,secure=on): each CPU drops
 *    to Non-secure state (SCR.NS) and jumps.  The firmware must stop
 *    with a message that names the cause.
 *
 * Values the test asserts are defined here and repeated there.
 */
	.syntax	unified
	.arm

#define FIRMWARE_ENTRY   0x60010000
#define FIRMWARE_REWRITE 0x10000	/* bytes of the image rewritten */
#define V2M_SYS_LED      0x10000008
#define V2M_SYS_FLAGSSET 0x10000030
#define STALE_FLAGS      0xdeadbee0
#define A9_WDOG          0x1e000620
#define WDOG_ARMED       0x0000ff0b	/* prescaler 0xff, WD mode, reload, enable */
#define A9_GTIMER_CTRL   0x1e000208
#define GTIMER_SLOWED    0x0000ff01	/* prescaler 0xff, enabled: 1/256 the rate */
#define LOADER_LEDS      0x000000a5
#define MACH_VEXPRESS    2272		/* Linux's machine number */

/* Short-descriptor section attributes. */
#define SECT             0x2
#define SECT_AP_RW       (0x3 << 10)
#define SECT_NORMAL_WB   ((0x1 << 12) | 0xc | (1 << 16))	/* TEX 001, C, B, S */
#define SECT_DEVICE      (0x4)				/* B: shareable device */

	.section .text.entry, "ax"
	.global	_start
_start:
	cpsid	aif, #0x13
	mrc	p15, 0, r4, c0, c0, 5
	and	r4, r4, #0xff			@ CPU number
#if LOADER_NS
	mov	r0, #1				@ SCR.NS: Non-secure from here on
	mcr	p15, 0, r0, c1, c1, 0
	isb
#else
	cmp	r4, #0
	bne	1f
	ldr	r0, =V2M_SYS_LED
	ldr	r1, =LOADER_LEDS
	str	r1, [r0]
	ldr	r0, =V2M_SYS_FLAGSSET
	ldr	r1, =STALE_FLAGS
	str	r1, [r0]
	ldr	r0, =A9_WDOG
	mvn	r1, #0
	str	r1, [r0]			@ load: the longest time
	ldr	r1, =WDOG_ARMED
	str	r1, [r0, #8]
	ldr	r0, =A9_GTIMER_CTRL
	ldr	r1, =GTIMER_SLOWED
	str	r1, [r0]
1:	bl	mmu_on
	cmp	r4, #0
	bne	2f
	ldr	r0, =FIRMWARE_ENTRY		@ read and write back: dirty lines
	add	r1, r0, #FIRMWARE_REWRITE
3:	ldr	r2, [r0]
	str	r2, [r0], #4
	cmp	r0, r1
	blo	3b
	dsb					@ completed in L1, not cleaned
2:
#endif
	mov	r0, #0
	ldr	r1, =MACH_VEXPRESS
	mov	r2, #0				@ no ATAGs: the firmware probes
	ldr	r3, =FIRMWARE_ENTRY
	bx	r3

#if !LOADER_NS
/* Identity map from the table below; MMU, D-cache, I-cache on. */
mmu_on:
	mov	r0, #0
	mcr	p15, 0, r0, c2, c0, 2		@ TTBCR: TTBR0 only
	ldr	r0, =page_table
	orr	r0, r0, #0x4a			@ walks: inner/outer WB, shareable
	mcr	p15, 0, r0, c2, c0, 0		@ TTBR0
	ldr	r0, =0x55555555
	mcr	p15, 0, r0, c3, c0, 0		@ DACR: every domain client
	mov	r0, #0
	mcr	p15, 0, r0, c8, c7, 0		@ TLBIALL
	mcr	p15, 0, r0, c7, c5, 0		@ ICIALLU
	dsb
	isb
	mrc	p15, 0, r0, c1, c0, 0
	orr	r0, r0, #0x5			@ M, C
	orr	r0, r0, #0x1800			@ Z, I
	mcr	p15, 0, r0, c1, c0, 0
	isb
	bx	lr

	.ltorg

/*
 * 4096 section entries: DRAM (0x600-0x9ff) normal write-back, the
 * motherboard peripherals' first MiB as device memory, nothing else
 * (the MPCore private region, the GIC and the L2 controller fault).
 */
	.data
	.balign	16384
page_table:
	.set	mb, 0
	.rept	4096
	.if	mb >= 0x600 && mb < 0xa00
	.word	(mb << 20) | SECT_AP_RW | SECT_NORMAL_WB | SECT
	.elseif	mb == 0x100
	.word	(mb << 20) | SECT_AP_RW | SECT_DEVICE | SECT
	.else
	.word	0
	.endif
	.set	mb, mb + 1
	.endr
#endif
