/*
 * smp_call.c - running a function on another CPU from its IPI handler:
 * smp_call_function_single() and on_each_cpu() (include/smp.h).
 *
 * Each (target, source) pair of CPUs has one call slot, so callers never
 * contend for a slot and need no lock: a source fills its slot in the
 * target's row with interrupts off, publishes it with smp_wmb() before
 * setting .pending, and raises IPI_CALL_FUNC.  The target runs every
 * pending slot in its row from the IPI handler (interrupts off) and
 * clears .pending after the function returns, followed by sev for the
 * waiting source.  A source whose previous asynchronous call to the
 * same target is still pending waits for it before reusing the slot.
 *
 * A caller waiting for a target that stops (faults) gives up with
 * -ENXIO rather than spin forever.
 */
#include <errno.h>
#include "boot/arm.h"
#include "boot/cpu.h"
#include "barrier.h"
#include "bug.h"
#include "cache.h"
#include "irqflags.h"
#include "percpu.h"

struct call_single_data {
	smp_call_func_t func;
	void *info;
	uint32_t pending;	/* source sets, target clears */
} ____cacheline_aligned;

static struct call_single_data csd[NR_CPUS][NR_CPUS];	/* [target][source] */
static DEFINE_PER_CPU(unsigned long, ipi_count);	/* owner CPU, in its IRQ */
static void (*cross_call)(unsigned int cpumask, unsigned int ipi);

void smp_set_cross_call(void (*raise)(unsigned int cpumask, unsigned int ipi))
{
	cross_call = raise;
}

void smp_send_ipi(unsigned int cpumask, enum ipi ipi)
{
	if (cpumask && cross_call) {
		dsb();		/* memory written before must be visible first */
		cross_call(cpumask, ipi);
	}
}

unsigned long cpu_ipi_count(unsigned int cpu)
{
	return cpu < NR_CPUS ? READ_ONCE(per_cpu(ipi_count, cpu)) : 0;
}

/* Wait until @c is free again; false if its target stopped meanwhile. */
static bool csd_wait(struct call_single_data *c, unsigned int target)
{
	while (READ_ONCE(c->pending)) {
		if (!cpu_online(target))
			return false;
		wfe();
	}
	smp_mb();	/* the function's effects are visible to us now */
	return true;
}

/* Fill our slot in @target's row; interrupts are off. */
static bool csd_queue(unsigned int target, unsigned int self,
		      smp_call_func_t func, void *info)
{
	struct call_single_data *c = &csd[target][self];

	if (!csd_wait(c, target))
		return false;
	c->func = func;
	c->info = info;
	smp_wmb();
	WRITE_ONCE(c->pending, 1);
	return true;
}

static void run_local(smp_call_func_t func, void *info)
{
	unsigned long flags;

	local_irq_save(flags);
	func(info);
	local_irq_restore(flags);
}

int smp_call_function_single(unsigned int cpu, smp_call_func_t func,
			     void *info, int wait)
{
	unsigned int self = smp_processor_id();
	unsigned long flags;
	bool queued;

	if (cpu == self) {
		run_local(func, info);
		return 0;
	}
	if (!cpu_online(cpu))
		return -ENXIO;
	WARN_ON(wait && irqs_disabled());	/* may deadlock with another waiter */

	local_irq_save(flags);
	queued = csd_queue(cpu, self, func, info);
	if (queued)
		smp_send_ipi(1u << cpu, IPI_CALL_FUNC);
	local_irq_restore(flags);

	if (!queued || (wait && !csd_wait(&csd[cpu][self], cpu)))
		return -ENXIO;
	return 0;
}

int on_each_cpu(smp_call_func_t func, void *info, int wait)
{
	unsigned int self = smp_processor_id();
	unsigned int mask = 0;
	unsigned long flags;
	int ret = 0;

	local_irq_save(flags);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (cpu != self && cpu_online(cpu) && csd_queue(cpu, self, func, info))
			mask |= 1u << cpu;
	}
	/* waiting for others with interrupts off may deadlock */
	WARN_ON(mask && wait && (flags & PSR_I_BIT));
	smp_send_ipi(mask, IPI_CALL_FUNC);
	func(info);
	local_irq_restore(flags);

	for (unsigned int cpu = 0; wait && cpu < NR_CPUS; cpu++) {
		if ((mask & (1u << cpu)) && !csd_wait(&csd[cpu][self], cpu))
			ret = -ENXIO;
	}
	return ret;
}

static void run_call_queue(unsigned int self)
{
	for (unsigned int src = 0; src < NR_CPUS; src++) {
		struct call_single_data *c = &csd[self][src];

		if (!READ_ONCE(c->pending))
			continue;
		smp_rmb();	/* read func/info after seeing .pending */
		c->func(c->info);
		smp_mb();	/* the function's stores before the release */
		WRITE_ONCE(c->pending, 0);
		dsb();
		sev();
	}
}

void smp_handle_ipi(unsigned int ipi)
{
	unsigned int self = smp_processor_id();

	per_cpu(ipi_count, self)++;
	if (ipi == IPI_CALL_FUNC)
		run_call_queue(self);
	/* IPI_WAKEUP: taking the interrupt was the point. */
}
