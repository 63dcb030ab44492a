/*
 * irqflags.h - disabling interrupts on the local CPU.
 *
 * Implemented by the CPU layer (boot/irqflags.c on the board, the host
 * test platform elsewhere).  Disabling interrupts keeps the local CPU's
 * interrupt handlers out; it is not a lock against other CPUs.  Per-CPU
 * data is safe with interrupts off only when the owning CPU is the one
 * touching it.
 *
 * local_irq_save(flags) assigns to its argument, as in Linux, so code
 * can be read beside the kernel's mm/.
 */
#ifndef SLABLAB_IRQFLAGS_H
#define SLABLAB_IRQFLAGS_H

#include <stdbool.h>

unsigned long arch_local_irq_save(void);
void arch_local_irq_restore(unsigned long flags);
void local_irq_disable(void);
void local_irq_enable(void);
bool irqs_disabled(void);

#define local_irq_save(flags)    ((flags) = arch_local_irq_save())
#define local_irq_restore(flags) arch_local_irq_restore(flags)

#endif /* SLABLAB_IRQFLAGS_H */
