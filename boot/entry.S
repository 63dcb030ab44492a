/*
 * entry.S - the image's entry point, the secondary CPUs' holding pen,
 * and the per-CPU exception-mode stacks.
 *
 * A Cortex-A9x4 starts us in one of two ways:
 *  1. every CPU enters _start together (QEMU loading the ELF, or a
 *     debugger): CPU 0 boots, the others go straight to the pen;
 *  2. only CPU 0 enters _start; the others sit in a boot monitor that
 *     polls SYS_FLAGS (QEMU with the raw binary, the real board's Boot
 *     Monitor).  CPU 0 later writes the pen's address to SYS_FLAGS and
 *     wakes them with an SGI (board/platsmp.c), so they enter the pen.
 * Either way each secondary waits in the pen until pen_release holds
 * its CPU number, so CPU 0 brings them up one at a time.
 *
 * Until released a secondary runs with MMU and caches off; it touches
 * nothing but pen_release (in .data, never cleared) and its registers,
 * so CPU 0 may clear bss meanwhile.  CPU 0 cleans pen_release to the
 * point of coherency after writing it (boot/smp.c), since the waiting
 * CPU reads memory, not caches.
 *
 * Only CPU 0 clears bss.  Nothing here runs C before the CPU's own
 * stacks are set, and no C runs anywhere before the vector table is
 * installed, so an early fault is reported rather than lost.
 */
#include "boot/arm.h"
#include "smp.h"

	.syntax	unified
	.arm
	/*
	 * The unwind rules go where gdb reads them: the C code's are in
	 * .debug_frame, and the linker script keeps no .eh_frame.
	 */
	.cfi_sections .debug_frame

	.section .text.entry, "ax"
	.global	_start
	.type	_start, %function
/*
 * In:  r0 = 0, r1 = machine id, r2 = ATAGs or DTB address (or garbage
 *      when entered without a Linux-style loader).
 */
_start:
	.cfi_startproc
	.cfi_undefined lr			@ the outermost frame, for gdb
	cpsid	aif, #PSR_MODE_SVC
	mrc	p15, 0, r4, c0, c0, 5		@ MPIDR
	and	r4, r4, #0xff			@ Aff0: CPU number
	cmp	r4, #0
	movne	r7, #SECONDARY_ENTERED_AT_ENTRY
	bne	pen_wait

	mov	r5, r1				@ keep the loader's arguments
	mov	r6, r2
	bl	board_outer_cache_off		@ before the first store (board/early.S)
	bl	install_vectors
	mov	r0, #0
	bl	setup_mode_stacks

	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
	mov	r3, #0
1:	cmp	r0, r1
	strdlo	r2, r3, [r0], #8
	blo	1b

	mov	r0, r5
	mov	r1, r6
	bl	board_start			@ never returns
	b	cpu_halt
	.cfi_endproc
	.size	_start, . - _start

/*
 * secondary_pen: where SYS_FLAGS sends a monitor-held secondary (case 2
 * above).  pen_wait: wait until CPU 0 writes our number to pen_release.
 * In: r7 = how we got here, passed on to board_secondary_start().
 * Never returns.
 */
	.global	secondary_pen
	.type	secondary_pen, %function
secondary_pen:
	.cfi_startproc
	.cfi_undefined lr
	mov	r7, #SECONDARY_ENTERED_VIA_FLAGS
pen_wait:
	cpsid	aif, #PSR_MODE_SVC
	mrc	p15, 0, r4, c0, c0, 5
	and	r4, r4, #0xff
	ldr	r5, =pen_release
1:	ldr	r6, [r5]
	cmp	r6, r4
	beq	2f
	wfe					@ CPU 0 sends sev after the write
	b	1b
2:	bl	install_vectors
	mov	r0, r4
	bl	setup_mode_stacks
	mov	r0, r4
	mov	r1, r7
	bl	board_secondary_start		@ never returns
	b	cpu_halt
	.cfi_endproc
	.size	secondary_pen, . - secondary_pen

/*
 * install_vectors: point this CPU's VBAR at the vector table and use it
 * (SCTLR.V = 0).  Clobbers r0.
 */
	.type	install_vectors, %function
install_vectors:
	ldr	r0, =exception_vectors
	mcr	p15, 0, r0, c12, c0, 0		@ VBAR
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #SCTLR_V
	mcr	p15, 0, r0, c1, c0, 0
	isb
	bx	lr
	.size	install_vectors, . - install_vectors

/*
 * setup_mode_stacks: give each exception mode this CPU's stack, and
 * keep the CPU number in TPIDRPRW, where smp_processor_id() reads it in
 * one instruction (a loader may leave anything there: set it before C).
 * In: r0 = CPU number.  Out: SVC mode, sp = top of the SVC stack.
 * Clobbers r1-r3.  lr is banked per mode, so the return address is
 * carried in r3 while we switch modes.
 *
 * Per CPU, from low to high addresses: FIQ, UND, ABT, IRQ, SVC.
 */
	.type	setup_mode_stacks, %function
setup_mode_stacks:
	mcr	p15, 0, r0, c13, c0, 4		@ TPIDRPRW
	mov	r3, lr
	ldr	r1, =__stacks_start
	ldr	r2, =STACK_SIZE_PER_CPU
	mla	r1, r0, r2, r1
	add	r1, r1, #STACK_SIZE_FIQ
	cps	#PSR_MODE_FIQ
	mov	sp, r1
	add	r1, r1, #STACK_SIZE_UND
	cps	#PSR_MODE_UND
	mov	sp, r1
	add	r1, r1, #STACK_SIZE_ABT
	cps	#PSR_MODE_ABT
	mov	sp, r1
	add	r1, r1, #STACK_SIZE_IRQ
	cps	#PSR_MODE_IRQ
	mov	sp, r1
	add	r1, r1, #STACK_SIZE_SVC
	cps	#PSR_MODE_SVC
	mov	sp, r1
	bx	r3
	.size	setup_mode_stacks, . - setup_mode_stacks

/* cpu_halt: stop this CPU for good, interrupts off. */
	.global	cpu_halt
	.type	cpu_halt, %function
cpu_halt:
	cpsid	aif
1:	wfi
	b	1b
	.size	cpu_halt, . - cpu_halt

/*
 * pen_release: the CPU number allowed out of the pen.  In .data so the
 * bss clear cannot race with the secondaries reading it.
 */
	.data
	.align	2
	.global	pen_release
pen_release:
	.word	0xffffffff

	.section .stacks, "aw", %nobits
	.align	12
	.global	__stacks
__stacks:
	.space	NR_CPUS * STACK_SIZE_PER_CPU

.if (STACK_SIZE_PER_CPU % 8) || (STACK_SIZE_FIQ % 8) || (STACK_SIZE_UND % 8)
.error "stack sizes must keep sp 8-byte aligned"
.endif
.if (STACK_SIZE_ABT % 8) || (STACK_SIZE_IRQ % 8) || (STACK_SIZE_SVC % 8)
.error "stack sizes must keep sp 8-byte aligned"
.endif
