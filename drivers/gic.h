/*
 * gic.h - ARM Generic Interrupt Controller v1 as in the Cortex-A9 MPCore
 * (drivers/gic.c): distributor, per-CPU interfaces, SGIs and dispatch.
 *
 * Interrupt IDs: 0-15 SGIs (software, per CPU), 16-31 PPIs (per-CPU
 * peripherals such as the private timer), 32 and up SPIs (shared).
 */
#ifndef DRIVERS_GIC_H
#define DRIVERS_GIC_H

#include <stdbool.h>
#include <stdint.h>
#include "boot/ptregs.h"

#define GIC_MAX_IRQS 160

typedef void (*irq_handler_t)(unsigned int irq, void *arg);

/* CPU 0, once: distributor on, every SPI off and routed to CPU 0. */
void gic_init(uintptr_t dist_base, uintptr_t cpu_base);
/* True if this CPU reaches the distributor's Secure (Group 0) registers. */
bool gic_dist_secure_access(uintptr_t dist_base);
/* Every CPU: its banked SGI/PPI state and its CPU interface. */
void gic_cpu_init(void);

/* 0, or -EINVAL for a bad ID.  SGI/PPI handlers are shared by all CPUs. */
int gic_request_irq(unsigned int irq, irq_handler_t handler, void *arg);
/* SGIs/PPIs are banked: enabling one affects the calling CPU only. */
void gic_enable_irq(unsigned int irq);
void gic_disable_irq(unsigned int irq);
/* Route SPI @irq to the CPUs in @cpumask. */
void gic_set_affinity(unsigned int irq, unsigned int cpumask);

/* Raise SGI @sgi on every CPU in @cpumask. */
void gic_send_sgi(unsigned int cpumask, unsigned int sgi);

/* IRQ entry (installed with set_handle_irq()). */
void gic_handle_irq(struct pt_regs *regs);

/* Interrupts the CPU has taken since boot, all sources. */
unsigned long gic_irq_count(unsigned int cpu);

#endif /* DRIVERS_GIC_H */
