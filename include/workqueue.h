/*
 * workqueue.h - deferred work, with Linux's names.
 *
 * queue_work_on() runs @work->func in thread context on a CPU, the next
 * time that CPU waits (its idle loop, the shell's wait for input, any
 * cross-CPU wait).  schedule_delayed_work_on() does the same once
 * @delay jiffies have passed, checked on that CPU's tick.  A work item
 * is queued at most once at a time; its function may queue it again.
 * The item must stay valid until it has run (or been cancelled).
 *
 * This is how mm/ gets periodic work done without knowing the timer:
 * the slab allocator's cache_reap re-arms itself every two seconds.
 */
#ifndef SLABLAB_WORKQUEUE_H
#define SLABLAB_WORKQUEUE_H

#include <stdbool.h>
#include <stdint.h>

struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

struct work_struct {
	struct work_struct *next;	/* the CPU's queue; its lock */
	work_func_t func;
	uint32_t pending;		/* queued and not yet started */
};

struct delayed_work {
	struct work_struct work;
	struct delayed_work *timer_next;	/* the CPU's timer list; its lock */
	unsigned long expires;		/* jiffies */
	unsigned int cpu;
	bool timer_pending;		/* on a timer list */
};

static inline void INIT_WORK(struct work_struct *work, work_func_t func)
{
	work->next = 0;
	work->func = func;
	work->pending = 0;
}

static inline void INIT_DELAYED_WORK(struct delayed_work *dwork, work_func_t func)
{
	INIT_WORK(&dwork->work, func);
	dwork->timer_next = 0;
	dwork->expires = 0;
	dwork->cpu = 0;
	dwork->timer_pending = false;
}

/* 1 if queued, 0 if it already was. */
int queue_work_on(unsigned int cpu, struct work_struct *work);
int schedule_delayed_work_on(unsigned int cpu, struct delayed_work *dwork,
			     unsigned long delay);
/* Take it off its timer list; 1 if it was waiting there. */
int cancel_delayed_work(struct delayed_work *dwork);

#endif /* SLABLAB_WORKQUEUE_H */
