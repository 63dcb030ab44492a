/*
 * vectors.S - the exception vector table and the entry/exit stubs.
 *
 * Every exception is handled in the mode it arrives in, on that mode's
 * per-CPU stack (boot/entry.S), with IRQs masked: nothing nests except
 * an abort inside an abort handler, which boot/fault.c treats as fatal.
 *
 * Each stub builds a struct pt_regs (boot/ptregs.h) on its stack:
 * r0-r12, the interrupted mode's sp and lr, the address to return to
 * (for aborts and undefined instructions: the faulting instruction),
 * and the interrupted CPSR.  It passes the frame to C and, on return,
 * resumes at frame->pc with frame->psr, so a handler may redirect the
 * interrupted code (boot/fault.c does, to unwind a shell command).
 */
#include "boot/arm.h"
#include "boot/ptregs.h"

	.syntax	unified
	.arm

	.section .vectors, "ax"
	.align	5
	.global	exception_vectors
exception_vectors:
	b	vector_reset			@ 0x00: never taken through VBAR
	b	vector_und			@ 0x04
	b	vector_swi			@ 0x08
	b	vector_pabt			@ 0x0c
	b	vector_dabt			@ 0x10
	b	vector_reserved			@ 0x14
	b	vector_irq			@ 0x18
	b	vector_fiq			@ 0x1c

	.text

/* Build struct pt_regs below sp; lr holds the frame's pc.  r0 = saved PSR. */
	.macro	SAVE_FRAME
	sub	sp, sp, #S_FRAME_SIZE
	stmia	sp, {r0-r12}
	str	lr, [sp, #S_PC]
	mrs	r0, spsr
	str	r0, [sp, #S_PSR]
	.endm

/*
 * Record the interrupted mode's banked sp and lr in the frame.  The
 * interrupted mode is in the saved PSR; USR registers are read from SYS
 * mode, which shares them.  Clobbers r0-r4.
 */
	.macro	SAVE_BANKED_SP_LR
	ldr	r0, [sp, #S_PSR]
	mrs	r1, cpsr
	and	r2, r0, #PSR_MODE_MASK
	cmp	r2, #PSR_MODE_USR
	moveq	r2, #PSR_MODE_SYS
	orr	r2, r2, #(PSR_I_BIT | PSR_F_BIT)
	msr	cpsr_c, r2
	mov	r3, sp
	mov	r4, lr
	msr	cpsr_c, r1
	str	r3, [sp, #S_SP]
	str	r4, [sp, #S_LR]
	.endm

	.macro	RESTORE_FRAME_AND_RETURN
	ldr	r0, [sp, #S_PSR]
	msr	spsr_cxsf, r0
	ldr	lr, [sp, #S_PC]
	ldmia	sp, {r0-r12}
	add	sp, sp, #S_FRAME_SIZE
	movs	pc, lr
	.endm

	/* Undefined instruction: lr = faulting insn + 4 (ARM) or + 2 (Thumb). */
vector_und:
	SAVE_FRAME
	tst	r0, #PSR_T_BIT
	subne	lr, lr, #2
	subeq	lr, lr, #4
	str	lr, [sp, #S_PC]
	SAVE_BANKED_SP_LR
	mov	r0, sp
	bl	do_undefined
	RESTORE_FRAME_AND_RETURN

	/* Prefetch abort: lr = faulting insn + 4. */
vector_pabt:
	sub	lr, lr, #4
	SAVE_FRAME
	SAVE_BANKED_SP_LR
	mov	r0, sp
	bl	do_prefetch_abort
	RESTORE_FRAME_AND_RETURN

	/* Data abort: lr = faulting insn + 8. */
vector_dabt:
	sub	lr, lr, #8
	SAVE_FRAME
	SAVE_BANKED_SP_LR
	mov	r0, sp
	bl	do_data_abort
	RESTORE_FRAME_AND_RETURN

	/*
	 * IRQ: lr = interrupted insn + 4.  The interrupted sp/lr are not
	 * needed to dispatch, so they are not read on this hot path.
	 */
vector_irq:
	sub	lr, lr, #4
	SAVE_FRAME
	mov	r0, sp
	ldr	r1, =handle_arch_irq
	ldr	r1, [r1]
	blx	r1
	RESTORE_FRAME_AND_RETURN

	/*
	 * Exceptions this firmware never expects: report and stop the CPU.
	 * r1 = the vector's offset, so the report can name it.
	 */
	.macro	UNEXPECTED_VECTOR offset
	SAVE_FRAME
	SAVE_BANKED_SP_LR
	mov	r0, sp
	mov	r1, #\offset
	bl	do_unexpected
	RESTORE_FRAME_AND_RETURN
	.endm

vector_reset:
	UNEXPECTED_VECTOR 0x00
vector_swi:
	UNEXPECTED_VECTOR 0x08
vector_reserved:
	UNEXPECTED_VECTOR 0x14
vector_fiq:
	UNEXPECTED_VECTOR 0x1c

/*
 * fault_unwind_trampoline: where a recovered fault resumes (boot/fault.c).
 * In: r0 = the guard, r1 = a stack pointer below the guard's frame, in
 * SVC mode with the guard's interrupt mask.  Never returns.
 */
	.global	fault_unwind_trampoline
	.type	fault_unwind_trampoline, %function
fault_unwind_trampoline:
	mov	sp, r1
	b	fault_unwind
	.size	fault_unwind_trampoline, . - fault_unwind_trampoline
