/*
 * irqflags.h - disabling interrupts on the local CPU.
 *
 * Inline, as in Linux: on the board each is one or two instructions
 * touching the CPSR's I bit (FIQs are never used and stay masked), so the
 * allocator's fast paths pay no call for them.  Restoring writes the
 * CPSR's control field back, which is correct because a save and its
 * restore always happen in the same processor mode.  The host unit tests
 * supply their own (tests/host/host_cpu.h: a per-thread flag).
 *
 * Disabling interrupts keeps the local CPU's interrupt handlers out; it
 * is not a lock against other CPUs.  Per-CPU data is safe with
 * interrupts off only when the owning CPU is the one touching it.
 *
 * local_irq_save(flags) assigns to its argument, as in Linux, so code
 * can be read beside the kernel's mm/.
 */
#ifndef SLABLAB_IRQFLAGS_H
#define SLABLAB_IRQFLAGS_H

#include <stdbool.h>

#if defined(__arm__)

#define IRQFLAGS_PSR_I_BIT 0x80		/* CPSR: IRQs masked */

static inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags;

	__asm__ __volatile__("mrs %0, cpsr\n\tcpsid i" : "=r"(flags) : : "memory");
	return flags;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	__asm__ __volatile__("msr cpsr_c, %0" : : "r"(flags) : "memory", "cc");
}

static inline void local_irq_disable(void)
{
	__asm__ __volatile__("cpsid i" ::: "memory");
}

static inline void local_irq_enable(void)
{
	__asm__ __volatile__("cpsie i" ::: "memory");
}

static inline bool irqs_disabled(void)
{
	unsigned long cpsr;

	__asm__ __volatile__("mrs %0, cpsr" : "=r"(cpsr) : : "memory");
	return (cpsr & IRQFLAGS_PSR_I_BIT) != 0;
}

#else
#include "host_cpu.h"	/* the host unit tests' (tests/host/) */
#endif

#define local_irq_save(flags)    ((flags) = arch_local_irq_save())
#define local_irq_restore(flags) arch_local_irq_restore(flags)

#endif /* SLABLAB_IRQFLAGS_H */
