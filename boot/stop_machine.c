/*
 * stop_machine.c - run a function on this CPU while every other online
 * CPU is held still: stop_machine() (include/smp.h).
 *
 * Why: a CPU's per-CPU data (its slab arrays, for one) changes on that
 * CPU with interrupts off and without a lock, so no lock lets another
 * CPU read all of it at one moment.  Holding every other CPU in an
 * interrupt handler, interrupts off, does: whatever it was doing with
 * interrupts off has finished, and nothing new starts until it is let
 * go.  It is how the slab allocator's verify walk sees every array and
 * every slab of a cache as one consistent state.
 *
 * The rendezvous.  The caller sends each other online CPU an
 * asynchronous cross call (smp_call_function_single, wait 0) whose
 * handler sets the CPU's bit in .arrived and spins in wfe until
 * .release; the caller waits (interrupts on) until every CPU it called
 * has arrived or stopped (a CPU that faults on the way never comes;
 * cpu_stop_self() wakes the waiter), runs the function under a fault
 * guard, sets .release, and waits until every CPU that arrived has set
 * its bit in .left: only then may struct stop_data, on the caller's
 * stack, go.  A fault in the function is unwound by the guard (its
 * spinlocks released), the others are let go all the same, and the
 * fault is reported in one "error:" line.
 *
 * Deadlock rules.  A CPU takes the interrupt only with interrupts on,
 * so it holds no lock taken with interrupts off (list_lock, zone->lock,
 * the console's): the function may take those.  It may hold a lock
 * taken with interrupts on (cache_chain_lock), so such a lock must be
 * taken before stop_machine(), never inside.  Two callers at once would
 * hold each other: stop_lock serialises them, and a CPU waiting for it
 * (interrupts on) is simply held like the others.  The function must
 * not wait for another CPU (they cannot answer).
 *
 * Locking: stop_lock, thread context, interrupts on, held for the whole
 * stop (include/lockorder.h).
 */
#include <errno.h>
#include <stdio.h>
#include "boot/arm.h"
#include "boot/cpu.h"
#include "boot/fault.h"
#include "barrier.h"
#include "bug.h"
#include "irqflags.h"
#include "spinlock.h"

struct stop_data {
	uint32_t arrived;	/* a bit per CPU spinning in stop_cpu() */
	uint32_t left;		/* a bit per CPU done with this struct */
	uint32_t release;	/* set by the caller when its function is done */
};

static DEFINE_SPINLOCK(stop_lock);

static void stop_signal(uint32_t *mask, unsigned int cpu)
{
	__atomic_fetch_or(mask, 1u << cpu, __ATOMIC_SEQ_CST);
	dsb();
	sev();
}

/* The cross call: on each other CPU, interrupts off, until released. */
static void stop_cpu(void *info)
{
	struct stop_data *sd = info;
	unsigned int self = smp_processor_id();

	stop_signal(&sd->arrived, self);
	while (!READ_ONCE(sd->release))
		wfe();
	smp_mb();	/* the caller's stores before whatever we do next */
	stop_signal(&sd->left, self);	/* sd may vanish from here on */
}

/* Wait until every CPU of @*mask has its bit in @*bits; drop those that stop. */
static void stop_wait(const uint32_t *bits, uint32_t *mask)
{
	for (;;) {
		for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
			if ((*mask & (1u << cpu)) && !(READ_ONCE(*bits) & (1u << cpu)) &&
			    !cpu_online(cpu))
				*mask &= ~(1u << cpu);
		if ((READ_ONCE(*bits) & *mask) == *mask)
			break;
		wfe();		/* a signal, a tick, or a CPU stopping ends it */
	}
	smp_mb();
}

/* Hold every other online CPU; the ones now held, as a mask. */
static uint32_t stop_others(struct stop_data *sd)
{
	unsigned int self = smp_processor_id();
	uint32_t mask = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu != self && cpu_online(cpu) &&
		    smp_call_function_single(cpu, stop_cpu, sd, 0) == 0)
			mask |= 1u << cpu;
	stop_wait(&sd->arrived, &mask);
	return mask;
}

static void release_others(struct stop_data *sd, uint32_t mask)
{
	smp_mb();	/* everything the function did, before the release */
	WRITE_ONCE(sd->release, 1);
	dsb();
	sev();
	stop_wait(&sd->left, &mask);
}

int stop_machine(int (*fn)(void *), void *arg)
{
	struct stop_data sd = { 0 };
	struct fault_record rec;
	char what[160];
	uint32_t held;
	bool ok;
	int ret = 0;

	WARN_ON(irqs_disabled());	/* a CPU waiting on us could never be held */
	spin_lock(&stop_lock);
	held = stop_others(&sd);
	ok = fault_guard_call(fn, arg, &ret, &rec);
	release_others(&sd, held);
	spin_unlock(&stop_lock);
	if (ok)
		return ret;
	fault_describe(&rec, what, sizeof(what));
	printf("error: cpu%u: faulted with the other CPUs stopped: %s\n", rec.cpu, what);
	return -EFAULT;
}
