/*
 * cpu_work.c - thread-context work for a CPU, and waiting for it:
 * queue_work_on() (include/workqueue.h), smp_call_on_cpu() and
 * schedule_on_each_cpu() (include/smp.h), cpu_wait_event(),
 * cpu_idle_loop().
 *
 * Each CPU has a FIFO of work_structs, protected by its queue lock and
 * taken with interrupts off (the tick queues delayed work from its
 * interrupt handler).  The target runs its queue whenever it waits: in
 * the secondaries' idle loop, in the shell's wait for input, and in any
 * smp_call_on_cpu() wait.  Because every waiting CPU keeps serving its
 * own queue, calls may nest in any pattern across CPUs
 * ("cpu 3 cpu 0 cpu 3 cpus") without deadlock.
 *
 * smp_call_on_cpu() puts a struct cpu_work, with its work_struct
 * inside, on the caller's stack and waits until the target marks it
 * done, so an item never outlives its owner.
 *
 * Each item runs under its own fault guard.  Otherwise a fault in an
 * item run inside some guarded function's wait would unwind that
 * function, leaving its own queued item to be completed later on a
 * stack that no longer exists, and the faulting item's owner waiting
 * forever.  A faulted call completes with -EFAULT.
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
#include "printk.h"
#include "workqueue.h"

struct work_queue {
	spinlock_t lock;
	struct work_struct *head;	/* FIFO; a handful of items at most */
} ____cacheline_aligned;

static struct work_queue work_queue[NR_CPUS] = {
	[0 ... NR_CPUS - 1] = { .lock = __SPIN_LOCK_UNLOCKED(work_queue[cpu].lock) },
};

/* A synchronous call: smp_call_on_cpu() and schedule_on_each_cpu(). */
struct cpu_work {
	struct work_struct work;
	int (*func)(void *);
	void *arg;
	int result;
	unsigned int waiter;	/* CPU to wake when done */
	uint32_t done;
};

static void work_enqueue(unsigned int cpu, struct work_struct *work)
{
	struct work_queue *q = &work_queue[cpu];
	struct work_struct **pp;
	unsigned long flags;

	work->next = NULL;
	spin_lock_irqsave(&q->lock, flags);
	for (pp = &q->head; *pp; pp = &(*pp)->next)
		;
	*pp = work;
	spin_unlock_irqrestore(&q->lock, flags);
}

static struct work_struct *work_dequeue(unsigned int cpu)
{
	struct work_queue *q = &work_queue[cpu];
	struct work_struct *work;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	work = q->head;
	if (work) {
		q->head = work->next;
		WRITE_ONCE(work->pending, 0);	/* it may queue itself again */
	}
	spin_unlock_irqrestore(&q->lock, flags);
	return work;
}

/* Unlink @work if it is still queued on @cpu (its target stopped). */
static void work_cancel(unsigned int cpu, struct work_struct *work)
{
	struct work_queue *q = &work_queue[cpu];
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	for (struct work_struct **pp = &q->head; *pp; pp = &(*pp)->next) {
		if (*pp == work) {
			*pp = work->next;
			break;
		}
	}
	spin_unlock_irqrestore(&q->lock, flags);
}

static bool work_pending_on(unsigned int cpu)
{
	return READ_ONCE(work_queue[cpu].head) != NULL;
}

int queue_work_on(unsigned int cpu, struct work_struct *work)
{
	if (__atomic_exchange_n(&work->pending, 1, __ATOMIC_SEQ_CST))
		return 0;
	work_enqueue(cpu, work);
	if (cpu != smp_processor_id())
		smp_send_ipi(1u << cpu, IPI_WAKEUP);
	return 1;
}

static int call_work_func(void *arg)
{
	struct work_struct *work = arg;

	work->func(work);
	return 0;
}

static void run_guarded(struct work_struct *work)
{
	struct fault_record rec;
	char what[160];

	if (fault_guard_call(call_work_func, work, NULL, &rec))
		return;
	fault_describe(&rec, what, sizeof(what));
	/* Nobody waits for deferred work (the reaper): a kernel message. */
	printk("cpu%u: deferred work faulted: %s\n", rec.cpu, what);
}

static void run_local_work(void)
{
	unsigned int self = smp_processor_id();
	struct work_struct *work;

	while ((work = work_dequeue(self)) != NULL)
		run_guarded(work);
}

/* The work function of a synchronous call; its owner waits on .done. */
static void cpu_work_fn(struct work_struct *work)
{
	struct cpu_work *cw = container_of(work, struct cpu_work, work);
	unsigned int waiter = cw->waiter;
	struct fault_record rec;
	char what[160];

	if (!fault_guard_call(cw->func, cw->arg, &cw->result, &rec)) {
		fault_describe(&rec, what, sizeof(what));
		printf("error: cpu%u: cross-CPU work faulted: %s\n", rec.cpu, what);
		cw->result = -EFAULT;
	}
	smp_wmb();
	WRITE_ONCE(cw->done, 1);		/* cw may vanish from here on */
	if (waiter != smp_processor_id())
		smp_send_ipi(1u << waiter, IPI_WAKEUP);
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
		if (!work_pending_on(self))
			wfi();
		local_irq_enable();	/* the waking interrupt is taken here */
	}
}

static void cpu_work_init(struct cpu_work *cw, int (*func)(void *), void *arg)
{
	*cw = (struct cpu_work){ .func = func, .arg = arg, .waiter = smp_processor_id() };
	INIT_WORK(&cw->work, cpu_work_fn);
}

struct work_wait {
	struct cpu_work *works;
	unsigned int mask;	/* targets still being waited for */
};

static bool all_done_or_gone(void *arg)
{
	struct work_wait *ww = arg;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if ((ww->mask & (1u << cpu)) && !READ_ONCE(ww->works[cpu].done) && cpu_online(cpu))
			return false;
	return true;
}

/* Collect the results of @ww's calls; -ENXIO for a target that stopped. */
static int collect_results(struct work_wait *ww, int ret)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!(ww->mask & (1u << cpu)))
			continue;
		if (!READ_ONCE(ww->works[cpu].done)) {
			work_cancel(cpu, &ww->works[cpu].work);
			ret = ret ? ret : -ENXIO;
		} else if (!ret) {
			smp_rmb();
			ret = ww->works[cpu].result;
		}
	}
	return ret;
}

int smp_call_on_cpu(unsigned int cpu, int (*func)(void *), void *arg)
{
	struct cpu_work works[NR_CPUS];
	struct work_wait ww = { works, 1u << cpu };

	if (cpu == smp_processor_id())
		return func(arg);
	if (!cpu_online(cpu))
		return -ENXIO;
	cpu_work_init(&works[cpu], func, arg);
	queue_work_on(cpu, &works[cpu].work);
	cpu_wait_event(all_done_or_gone, &ww);
	return collect_results(&ww, 0);
}

int schedule_on_each_cpu(int (*func)(void *), void *arg)
{
	unsigned int self = smp_processor_id();
	struct cpu_work works[NR_CPUS];
	struct work_wait ww = { works, 0 };
	int ret;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (cpu == self || !cpu_online(cpu))
			continue;
		cpu_work_init(&works[cpu], func, arg);
		queue_work_on(cpu, &works[cpu].work);
		ww.mask |= 1u << cpu;
	}
	cpu_work_init(&works[self], func, arg);
	cpu_work_fn(&works[self].work);
	ret = works[self].result;
	cpu_wait_event(all_done_or_gone, &ww);
	return collect_results(&ww, ret);
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
