/*
 * gic.c - the Cortex-A9 MPCore's interrupt controller (GICv1, ARM IHI
 * 0048A).
 *
 * The distributor is set up once by CPU 0 with every shared interrupt
 * disabled, level-sensitive, at one priority and routed to CPU 0; drivers
 * then enable what they use.  Each CPU sets up its own banked registers
 * (SGI and PPI enables and priorities) and its CPU interface.  All SGIs
 * are enabled on every CPU: they are the inter-processor interrupts.
 *
 * Dispatch reads GICC_IAR until it returns a spurious ID, calling the
 * registered handler with IRQs off and writing the IAR value back to
 * GICC_EOIR (for SGIs it carries the source CPU, which the EOI needs).
 *
 * The handler table is written before interrupts are enabled (at boot)
 * and read-only afterwards; irq counts are per CPU, written by their CPU.
 */
#include <errno.h>
#include <stdio.h>
#include "drivers/gic.h"
#include "cache.h"
#include "compiler.h"
#include "io.h"
#include "percpu.h"
#include "printk.h"

#define GICD_CTLR        0x000
#define GICD_TYPER       0x004
#define GICD_IGROUPR     0x080
#define GICD_ISENABLER   0x100
#define GICD_ICENABLER   0x180
#define GICD_ICPENDR     0x280
#define GICD_IPRIORITYR  0x400
#define GICD_ITARGETSR   0x800
#define GICD_ICFGR       0xc00
#define GICD_SGIR        0xf00

#define GICC_CTLR        0x00
#define GICC_PMR         0x04
#define GICC_BPR         0x08
#define GICC_IAR         0x0c
#define GICC_EOIR        0x10

#define GIC_SPURIOUS     1020
#define GIC_PRIO_DEFAULT 0xa0
#define GIC_PMR_ALL      0xf0		/* let every priority above 0xf0 in */

struct irq_action {
	irq_handler_t handler;
	void *arg;
};

static uintptr_t gicd, gicc;
static unsigned int nr_irqs;
static struct irq_action actions[GIC_MAX_IRQS];
static DEFINE_PER_CPU(unsigned long, irq_count);	/* owner CPU, in its IRQ */

static void write_all_bits(uintptr_t reg, unsigned int first, unsigned int last,
			   uint32_t val)
{
	for (unsigned int irq = first; irq < last; irq += 32)
		writel(val, reg + (irq / 32) * 4);
}

/*
 * GICD_IGROUPR0 (banked per CPU; its SGI bits always exist) is writable
 * from Secure state only: the Non-secure view reads as zero and ignores
 * writes.  So ones written and read back say which world we are in.
 * Only meaningful on a GIC with the Security Extensions (the caller
 * checks the CPU has them).  The register is left as found.
 */
bool gic_dist_secure_access(uintptr_t dist_base)
{
	uint32_t old = readl(dist_base + GICD_IGROUPR);
	uint32_t seen;

	writel(0xffffffff, dist_base + GICD_IGROUPR);
	seen = readl(dist_base + GICD_IGROUPR);
	writel(old, dist_base + GICD_IGROUPR);
	return seen != 0;
}

void gic_init(uintptr_t dist_base, uintptr_t cpu_base)
{
	gicd = dist_base;
	gicc = cpu_base;
	nr_irqs = 32 * ((readl(gicd + GICD_TYPER) & 0x1f) + 1);
	if (nr_irqs > GIC_MAX_IRQS)
		nr_irqs = GIC_MAX_IRQS;

	writel(0, gicd + GICD_CTLR);
	write_all_bits(gicd + GICD_ICENABLER, 32, nr_irqs, 0xffffffff);
	write_all_bits(gicd + GICD_ICPENDR, 32, nr_irqs, 0xffffffff);
	for (unsigned int irq = 32; irq < nr_irqs; irq += 16)
		writel(0, gicd + GICD_ICFGR + (irq / 16) * 4);	/* level */
	for (unsigned int irq = 32; irq < nr_irqs; irq += 4) {
		writel(0x01010101, gicd + GICD_ITARGETSR + irq);	/* CPU 0 */
		writel(GIC_PRIO_DEFAULT * 0x01010101u, gicd + GICD_IPRIORITYR + irq);
	}
	writel(1, gicd + GICD_CTLR);
}

void gic_cpu_init(void)
{
	writel(0xffff0000, gicd + GICD_ICENABLER);	/* PPIs off until asked */
	writel(0x0000ffff, gicd + GICD_ISENABLER);	/* SGIs on */
	for (unsigned int irq = 0; irq < 32; irq += 4)
		writel(GIC_PRIO_DEFAULT * 0x01010101u, gicd + GICD_IPRIORITYR + irq);
	writel(GIC_PMR_ALL, gicc + GICC_PMR);
	writel(0, gicc + GICC_BPR);
	writel(1, gicc + GICC_CTLR);
}

int gic_request_irq(unsigned int irq, irq_handler_t handler, void *arg)
{
	if (irq >= GIC_MAX_IRQS || !handler)
		return -EINVAL;
	actions[irq].arg = arg;
	actions[irq].handler = handler;
	return 0;
}

void gic_enable_irq(unsigned int irq)
{
	writel(1u << (irq % 32), gicd + GICD_ISENABLER + (irq / 32) * 4);
}

void gic_disable_irq(unsigned int irq)
{
	writel(1u << (irq % 32), gicd + GICD_ICENABLER + (irq / 32) * 4);
}

void gic_set_affinity(unsigned int irq, unsigned int cpumask)
{
	/* ITARGETSR is byte-addressable: one byte per interrupt. */
	*(volatile uint8_t *)(gicd + GICD_ITARGETSR + irq) = (uint8_t)cpumask;
}

void gic_send_sgi(unsigned int cpumask, unsigned int sgi)
{
	writel(((cpumask & 0xff) << 16) | (sgi & 0xf), gicd + GICD_SGIR);
}

static void unhandled_irq(unsigned int irq)
{
	printk("warning: cpu%u: unhandled IRQ %u, disabled\n", smp_processor_id(), irq);
	gic_disable_irq(irq);
}

void gic_handle_irq(struct pt_regs *regs)
{
	unsigned long *count = &__get_cpu_var(irq_count);

	(void)regs;
	for (;;) {
		uint32_t iar = readl(gicc + GICC_IAR);
		unsigned int irq = iar & 0x3ff;

		if (irq >= GIC_SPURIOUS)
			break;
		(*count)++;
		if (irq < GIC_MAX_IRQS && actions[irq].handler)
			actions[irq].handler(irq, actions[irq].arg);
		else
			unhandled_irq(irq);
		writel(iar, gicc + GICC_EOIR);
	}
}

unsigned long gic_irq_count(unsigned int cpu)
{
	return cpu < NR_CPUS ? READ_ONCE(per_cpu(irq_count, cpu)) : 0;
}
