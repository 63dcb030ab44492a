/*
 * irq.c - the pointer through which boot/vectors.S dispatches IRQs.
 *
 * The CPU layer does not know the interrupt controller; the board
 * installs the controller's handler (drivers/gic.c) once it is set up.
 * Written once at boot, before interrupts are first enabled.
 */
#include <stdio.h>
#include "boot/irq.h"
#include "printk.h"

static void unexpected_irq(struct pt_regs *regs)
{
	(void)regs;
	printk("warning: IRQ before the interrupt controller was set up\n");
}

void (*handle_arch_irq)(struct pt_regs *regs) = unexpected_irq;

void set_handle_irq(void (*handler)(struct pt_regs *regs))
{
	handle_arch_irq = handler;
}
