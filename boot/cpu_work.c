/*
 * cpu_work.c - thread-context work for a CPU, and waiting for it:
 * smp_call_on_cpu() and schedule_on_each_cpu() (include/smp.h),
 * cpu_wait_event(), cpu_idle_loop().
 *
 * Each CPU has a queue of work items, protected by its queue lock and
 * taken with interrupts off.  An item lives on the stack of the CPU that
 * queued it, which waits until the target marks it done, so an item
 * never outlives its owner.  The target runs its queue whenever it
 * waits: in the secondaries' idle loop, in the shell's wait for input,
 * and in any smp_call_on_cpu() wait.  Because every waiting CPU keeps
 * serving its own queue, calls may nest in any pattern across CPUs
 * ("cpu 3 cpu 0 cpu 3 cpus") without deadlock.
 *
 * Each item runs under its own fault guard.  Otherwise a fault in an
 * item run inside some guarded function's wait would unwind that
 * function, leaving its own queued item to be completed later on a
 * stack that no longer exists, and the faulting item's owner waiting
 * forever.  A faulted item completes with -EFAULT.
 *
 * Waiting is wfi with interrupts masked around the final check, so a
 * wake-up IPI that arrives between the check and the wfi still ends it.
 * Completion is signalled with IPI_WAKEUP, because wfi (unlike wfe)
 * does not wake on sev.
 */
#include <errno.h>
#include <stdio.h>
#include "boot/arm.h"
#include "boot/cpu.h"
#include "boot/fault.h"
#include "barrier.h"
#include "cache.h"
#include "irqflags.h"
#include "spinlock.h"

struct cpu_work {
	struct cpu_work *next;
	int (*func)(void *);
	void *arg;
	int result;
	unsigned int waiter;	/* CPU to wake when done */
	uint32_t done;
};

struct work_queue {
	spinlock_t lock;
	struct cpu_work *head;		/* FIFO; a handful of items at most */
} ____cacheline_aligned;

static struct work_queue work_queue[NR_CPUS] = {
	[0 ... NR_CPUS - 1] = { .lock = SPIN_LOCK_UNLOCKED },
};

static void work_enqueue(unsigned int cpu, struct cpu_work *w)
{
	struct work_queue *q = &work_queue[cpu];
	struct cpu_work **pp;
	unsigned long flags;

	w->next = NULL;
	spin_lock_irqsave(&q->lock, flags);
	for (pp = &q->head; *pp; pp = &(*pp)->next)
		;
	*pp = w;
	spin_unlock_irqrestore(&q->lock, flags);
}

static struct cpu_work *work_dequeue(unsigned int cpu)
{
	struct work_queue *q = &work_queue[cpu];
	struct cpu_work *w;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	w = q->head;
	if (w)
		q->head = w->next;
	spin_unlock_irqrestore(&q->lock, flags);
	return w;
}

/* Unlink @w if it is still queued on @cpu (its target stopped). */
static void work_cancel(unsigned int cpu, struct cpu_work *w)
{
	struct work_queue *q = &work_queue[cpu];
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	for (struct cpu_work **pp = &q->head; *pp; pp = &(*pp)->next) {
		if (*pp == w) {
			*pp = w->next;
			break;
		}
	}
	spin_unlock_irqrestore(&q->lock, flags);
}

static bool work_pending(unsigned int cpu)
{
	return READ_ONCE(work_queue[cpu].head) != NULL;
}

static int run_work_item(struct cpu_work *w)
{
	struct fault_record rec;
	char what[160];
	int ret;

	if (fault_guard_call(w->func, w->arg, &ret, &rec))
		return ret;
	fault_describe(&rec, what, sizeof(what));
	printf("error: cpu%u: cross-CPU work faulted: %s\n", rec.cpu, what);
	return -EFAULT;
}

static void run_local_work(void)
{
	unsigned int self = smp_processor_id();
	struct cpu_work *w;

	while ((w = work_dequeue(self)) != NULL) {
		unsigned int waiter = w->waiter;

		w->result = run_work_item(w);
		smp_wmb();
		WRITE_ONCE(w->done, 1);		/* w may vanish from here on */
		smp_send_ipi(1u << waiter, IPI_WAKEUP);
	}
}

void cpu_wait_event(bool (*done)(void *), void *arg)
{
	unsigned int self = smp_processor_id();

	for (;;) {
		run_local_work();
		local_irq_disable();
		if (done(arg)) {
			local_irq_enable();
			return;
		}
		if (!work_pending(self))
			wfi();
		local_irq_enable();	/* the waking interrupt is taken here */
	}
}

struct work_wait {
	struct cpu_work *work;
	unsigned int target;
};

static bool work_done_or_target_gone(void *arg)
{
	struct work_wait *ww = arg;

	return READ_ONCE(ww->work->done) || !cpu_online(ww->target);
}

int smp_call_on_cpu(unsigned int cpu, int (*func)(void *), void *arg)
{
	unsigned int self = smp_processor_id();
	struct cpu_work w = { .func = func, .arg = arg, .waiter = self };
	struct work_wait ww = { .work = &w, .target = cpu };

	if (cpu == self)
		return func(arg);
	if (!cpu_online(cpu))
		return -ENXIO;

	work_enqueue(cpu, &w);
	smp_send_ipi(1u << cpu, IPI_WAKEUP);
	cpu_wait_event(work_done_or_target_gone, &ww);
	if (!READ_ONCE(w.done)) {
		work_cancel(cpu, &w);
		return -ENXIO;
	}
	smp_rmb();
	return w.result;
}

struct each_wait {
	struct cpu_work *works;
	unsigned int mask;
};

static bool all_done_or_gone(void *arg)
{
	struct each_wait *ew = arg;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if ((ew->mask & (1u << cpu)) && !READ_ONCE(ew->works[cpu].done) && cpu_online(cpu))
			return false;
	return true;
}

int schedule_on_each_cpu(int (*func)(void *), void *arg)
{
	unsigned int self = smp_processor_id();
	struct cpu_work works[NR_CPUS];
	struct each_wait ew = { works, 0 };
	int ret;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (cpu == self || !cpu_online(cpu))
			continue;
		works[cpu] = (struct cpu_work){ .func = func, .arg = arg, .waiter = self };
		work_enqueue(cpu, &works[cpu]);
		ew.mask |= 1u << cpu;
	}
	smp_send_ipi(ew.mask, IPI_WAKEUP);
	works[self] = (struct cpu_work){ .func = func, .arg = arg };
	ret = run_work_item(&works[self]);
	cpu_wait_event(all_done_or_gone, &ew);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!(ew.mask & (1u << cpu)))
			continue;
		if (!READ_ONCE(works[cpu].done)) {
			work_cancel(cpu, &works[cpu]);
			ret = ret ? ret : -ENXIO;
		} else if (!ret) {
			smp_rmb();
			ret = works[cpu].result;
		}
	}
	return ret;
}

static bool never(void *arg)
{
	(void)arg;
	return false;
}

void cpu_idle_loop(void)
{
	local_irq_enable();
	cpu_wait_event(never, NULL);
	BUG();		/* cpu_wait_event(never) cannot return */
}
