/*
 * irq.h - the IRQ entry point (boot/irq.c).
 *
 * boot/vectors.S calls handle_arch_irq for every IRQ, in IRQ mode with
 * IRQs masked.  The board points it at the interrupt controller's
 * dispatcher; until then an IRQ is reported and ignored.
 */
#ifndef BOOT_IRQ_H
#define BOOT_IRQ_H

#include "boot/ptregs.h"

extern void (*handle_arch_irq)(struct pt_regs *regs);

void set_handle_irq(void (*handler)(struct pt_regs *regs));

#endif /* BOOT_IRQ_H */
