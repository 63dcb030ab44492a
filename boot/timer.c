/*
 * timer.c - jiffies and delayed work (include/jiffies.h, workqueue.h).
 *
 * The board calls timer_tick() from every CPU's periodic tick.  The boot
 * CPU's tick advances jiffies; every CPU's tick moves its own delayed
 * works whose time has come onto its work queue (boot/cpu_work.c), where
 * they run in thread context the next time the CPU waits.
 *
 * Each CPU's timer list is protected by its lock, taken with interrupts
 * off: any CPU may arm a timer on another (the slab allocator starts
 * every CPU's reaper from CPU 0), and the owner's tick walks the list.
 */
#include "boot/cpu.h"
#include "boot/timer.h"
#include "cache.h"
#include "jiffies.h"
#include "spinlock.h"
#include "workqueue.h"

volatile unsigned long jiffies;

struct timer_list {
	spinlock_t lock;
	struct delayed_work *head;	/* unordered; a few entries */
} ____cacheline_aligned;

static struct timer_list timers[NR_CPUS] = {
	[0 ... NR_CPUS - 1] = { .lock = __SPIN_LOCK_UNLOCKED(timers[cpu].lock) },
};

int schedule_delayed_work_on(unsigned int cpu, struct delayed_work *dwork,
			     unsigned long delay)
{
	struct timer_list *t = &timers[cpu];
	unsigned long flags;
	int queued = 0;

	spin_lock_irqsave(&t->lock, flags);
	if (!dwork->timer_pending && !READ_ONCE(dwork->work.pending)) {
		dwork->expires = jiffies + delay;
		dwork->cpu = cpu;
		dwork->timer_pending = true;
		dwork->timer_next = t->head;
		t->head = dwork;
		queued = 1;
	}
	spin_unlock_irqrestore(&t->lock, flags);
	return queued;
}

int cancel_delayed_work(struct delayed_work *dwork)
{
	struct timer_list *t = &timers[dwork->cpu];
	unsigned long flags;
	int cancelled = 0;

	spin_lock_irqsave(&t->lock, flags);
	for (struct delayed_work **pp = &t->head; *pp; pp = &(*pp)->timer_next) {
		if (*pp == dwork) {
			*pp = dwork->timer_next;
			dwork->timer_pending = false;
			cancelled = 1;
			break;
		}
	}
	spin_unlock_irqrestore(&t->lock, flags);
	return cancelled;
}

void timer_tick(void)
{
	unsigned int cpu = smp_processor_id();
	struct timer_list *t = &timers[cpu];
	struct delayed_work **pp;

	if (cpu == 0)
		jiffies++;
	spin_lock(&t->lock);			/* IRQs are off in the tick */
	for (pp = &t->head; *pp;) {
		struct delayed_work *dwork = *pp;

		if (!time_after_eq(jiffies, dwork->expires)) {
			pp = &dwork->timer_next;
			continue;
		}
		*pp = dwork->timer_next;
		dwork->timer_pending = false;
		queue_work_on(cpu, &dwork->work);
	}
	spin_unlock(&t->lock);
}
