/*
 * irqflags.c - masking IRQs on the calling CPU (include/irqflags.h).
 *
 * Only the I bit is touched: FIQs are never used and stay masked.
 * Restoring writes the control field back, which is correct because a
 * save and its restore always happen in the same processor mode.
 */
#include "boot/arm.h"
#include "irqflags.h"

unsigned long arch_local_irq_save(void)
{
	unsigned long flags;

	__asm__ __volatile__("mrs %0, cpsr\n\tcpsid i" : "=r"(flags) : : "memory");
	return flags;
}

void arch_local_irq_restore(unsigned long flags)
{
	__asm__ __volatile__("msr cpsr_c, %0" : : "r"(flags) : "memory", "cc");
}

void local_irq_disable(void)
{
	__asm__ __volatile__("cpsid i" ::: "memory");
}

void local_irq_enable(void)
{
	__asm__ __volatile__("cpsie i" ::: "memory");
}

bool irqs_disabled(void)
{
	return (read_cpsr() & PSR_I_BIT) != 0;
}
