/*
 * ptregs.h - the register frame every exception stub saves
 * (boot/vectors.S) and every handler receives.
 *
 * Offsets are shared with the assembly; the C struct is checked against
 * them at compile time in boot/fault.c.  The frame is 72 bytes so the
 * exception stack stays 8-byte aligned for the C handlers (AAPCS).
 */
#ifndef BOOT_PTREGS_H
#define BOOT_PTREGS_H

#define S_R0         0
#define S_SP         52     /* interrupted mode's banked sp */
#define S_LR         56     /* interrupted mode's banked lr */
#define S_PC         60     /* where to resume (the faulting insn for aborts) */
#define S_PSR        64     /* interrupted CPSR */
#define S_FRAME_SIZE 72

#ifndef __ASSEMBLER__
#include <stdint.h>

struct pt_regs {
	uint32_t r[13];
	uint32_t sp;
	uint32_t lr;
	uint32_t pc;
	uint32_t psr;
	uint32_t pad;
};

#endif /* __ASSEMBLER__ */
#endif /* BOOT_PTREGS_H */
