/*
 * arm.h - ARMv7-A processor definitions for the CPU layer: processor
 * modes, PSR bits, and accessors for the CP15 registers we use.
 *
 * Included by boot/ (C and assembly) and by board/ code that configures
 * the CPU.  Names follow the ARM Architecture Reference Manual (ARMv7-A,
 * DDI0406C) and the Cortex-A9 TRM (DDI0388).
 */
#ifndef BOOT_ARM_H
#define BOOT_ARM_H

/* CPSR mode field and mask bits */
#define PSR_MODE_USR  0x10
#define PSR_MODE_FIQ  0x11
#define PSR_MODE_IRQ  0x12
#define PSR_MODE_SVC  0x13
#define PSR_MODE_ABT  0x17
#define PSR_MODE_UND  0x1b
#define PSR_MODE_SYS  0x1f
#define PSR_MODE_MASK 0x1f
#define PSR_T_BIT     0x20
#define PSR_F_BIT     0x40
#define PSR_I_BIT     0x80
#define PSR_A_BIT     0x100

/* SCTLR bits */
#define SCTLR_M   (1u << 0)    /* MMU */
#define SCTLR_A   (1u << 1)    /* alignment checking */
#define SCTLR_C   (1u << 2)    /* data cache */
#define SCTLR_Z   (1u << 11)   /* branch prediction */
#define SCTLR_I   (1u << 12)   /* instruction cache */
#define SCTLR_V   (1u << 13)   /* high vectors */
#define SCTLR_TRE (1u << 28)
#define SCTLR_AFE (1u << 29)
#define SCTLR_TE  (1u << 30)

/* Cortex-A9 ACTLR bits */
#define ACTLR_FW  (1u << 0)    /* broadcast cache/TLB maintenance */
#define ACTLR_SMP (1u << 6)    /* take part in coherency */

/* ID_PFR1.Security: 0 when the CPU has no Security Extensions. */
#define ID_PFR1_SECURITY_MASK 0xf0

/* Per-CPU exception-mode stack sizes (boot/entry.S lays them out). */
#define STACK_SIZE_SVC 16384
#define STACK_SIZE_IRQ 8192
#define STACK_SIZE_ABT 8192
#define STACK_SIZE_UND 8192
#define STACK_SIZE_FIQ 512
#define STACK_SIZE_PER_CPU \
	(STACK_SIZE_SVC + STACK_SIZE_IRQ + STACK_SIZE_ABT + STACK_SIZE_UND + STACK_SIZE_FIQ)

/* How a secondary reached the holding pen (boot/entry.S). */
#define SECONDARY_ENTERED_AT_ENTRY 0	/* all CPUs started at _start */
#define SECONDARY_ENTERED_VIA_FLAGS 1	/* a boot monitor jumped via SYS_FLAGS */

/* Written at the lowest word of every stack; a changed value means overflow. */
#define STACK_CANARY 0x57ac0fe5

#ifndef __ASSEMBLER__

#include <stdint.h>

#define CP15_READ(name, op1, crn, crm, op2)                                  \
	static inline uint32_t read_##name(void)                             \
	{                                                                    \
		uint32_t v;                                                  \
		__asm__ __volatile__("mrc p15, " #op1 ", %0, " #crn ", " #crm \
				     ", " #op2 : "=r"(v));                    \
		return v;                                                    \
	}
#define CP15_WRITE(name, op1, crn, crm, op2)                                 \
	static inline void write_##name(uint32_t v)                          \
	{                                                                    \
		__asm__ __volatile__("mcr p15, " #op1 ", %0, " #crn ", " #crm \
				     ", " #op2 : : "r"(v) : "memory");        \
	}
#define CP15_RW(name, op1, crn, crm, op2) \
	CP15_READ(name, op1, crn, crm, op2) CP15_WRITE(name, op1, crn, crm, op2)

CP15_READ(midr, 0, c0, c0, 0)
CP15_READ(id_pfr1, 0, c0, c1, 1)
CP15_READ(ctr, 0, c0, c0, 1)
CP15_READ(mpidr, 0, c0, c0, 5)
CP15_READ(ccsidr, 1, c0, c0, 0)
CP15_READ(clidr, 1, c0, c0, 1)
CP15_WRITE(csselr, 2, c0, c0, 0)
CP15_RW(sctlr, 0, c1, c0, 0)
CP15_RW(actlr, 0, c1, c0, 1)
CP15_RW(ttbr0, 0, c2, c0, 0)
CP15_RW(ttbcr, 0, c2, c0, 2)
CP15_RW(dacr, 0, c3, c0, 0)
CP15_READ(dfsr, 0, c5, c0, 0)
CP15_READ(ifsr, 0, c5, c0, 1)
CP15_READ(dfar, 0, c6, c0, 0)
CP15_READ(ifar, 0, c6, c0, 2)
CP15_WRITE(ats1cpr, 0, c7, c8, 0)
CP15_READ(par, 0, c7, c4, 0)
CP15_RW(vbar, 0, c12, c0, 0)
CP15_READ(cbar, 4, c15, c0, 0)
CP15_RW(a9_diag, 0, c15, c0, 1)		/* Cortex-A9 diagnostic register */

static inline void isb(void) { __asm__ __volatile__("isb" ::: "memory"); }
static inline void dsb(void) { __asm__ __volatile__("dsb" ::: "memory"); }
static inline void dmb(void) { __asm__ __volatile__("dmb" ::: "memory"); }
static inline void wfi(void) { __asm__ __volatile__("wfi" ::: "memory"); }
static inline void wfe(void) { __asm__ __volatile__("wfe" ::: "memory"); }
static inline void sev(void) { __asm__ __volatile__("sev" ::: "memory"); }

static inline uint32_t read_cpsr(void)
{
	uint32_t v;
	__asm__ __volatile__("mrs %0, cpsr" : "=r"(v));
	return v;
}

/* MPIDR affinity level 0 is the CPU number within the cluster. */
static inline unsigned int mpidr_cpu(uint32_t mpidr) { return mpidr & 0xff; }

#endif /* __ASSEMBLER__ */
#endif /* BOOT_ARM_H */
