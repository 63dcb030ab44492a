/*
 * host_cpu.h - the host unit tests' inline CPU primitives, which
 * include/irqflags.h and include/smp.h take instead of the board's
 * inline assembly when compiled for the host.
 *
 * Each thread plays one CPU (host_set_cpu()) and "interrupts off" is a
 * per-thread flag: both are thread-local variables of
 * tests/host/platform_host.c, read and written inline here so the
 * allocator's fast paths cost on the host what they cost on the board,
 * a few instructions and no calls.
 */
#ifndef TESTS_HOST_CPU_H
#define TESTS_HOST_CPU_H

#include <stdbool.h>

extern __thread unsigned int host_this_cpu;
extern __thread bool host_irqs_off;

static inline unsigned int smp_processor_id(void)
{
	return host_this_cpu;
}

static inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags = host_irqs_off;

	host_irqs_off = true;
	return flags;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	host_irqs_off = flags != 0;
}

static inline void local_irq_disable(void)
{
	host_irqs_off = true;
}

static inline void local_irq_enable(void)
{
	host_irqs_off = false;
}

static inline bool irqs_disabled(void)
{
	return host_irqs_off;
}

#endif /* TESTS_HOST_CPU_H */
