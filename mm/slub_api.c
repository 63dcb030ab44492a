/*
 * slub_api.c - the parts of mm/slab.h's API that SLUB answers without
 * touching objects: its reports (muting, counting), and what it does not
 * have, with its honest answers: no reaper (SLUB's per-CPU data is one
 * slab per CPU, given back when the CPU needs another or by a flush:
 * cache_reap_now() releases nothing, holds nest but hold nothing off),
 * no tunables (/proc/slabinfo is read-only).
 */
#include <errno.h>
#include <stdarg.h>
#include "mm/slub_def.h"

/* ---- reports ---- */

static atomic_t reports_muted;
static unsigned long slub_errors_total;

void slab_mute_reports(void)
{
	atomic_inc(&reports_muted);
}

void slab_unmute_reports(void)
{
	BUG_ON(atomic_sub_return(1, &reports_muted) < 0);
}

unsigned long slab_error_count(void)
{
	return __atomic_load_n(&slub_errors_total, __ATOMIC_RELAXED);
}

void slub_report_count(struct kmem_cache *s)
{
	if (s)
		__atomic_add_fetch(&s->errors, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&slub_errors_total, 1, __ATOMIC_RELAXED);
}

void slub_printf(const char *fmt, ...)
{
	va_list ap;

	if (atomic_read(&reports_muted))
		return;
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

/* ---- what SLUB does not have: reaping and tuning ---- */

/* SLUB has no reaper: its per-CPU data is one slab, given back by flushes. */
static atomic_t reap_holds;

void cache_reap_now(struct reap_stats *rs)
{
	*rs = (struct reap_stats){ 0 };
}

void cache_reap_now_each(struct reap_stats *rs,
			 void (*fn)(struct kmem_cache *cachep, const struct reap_stats *share,
				    void *arg),
			 void *arg)
{
	(void)fn;
	(void)arg;
	*rs = (struct reap_stats){ 0 };
}

void slab_set_reap_auto(bool on)
{
	(void)on;
}

bool slab_reap_auto(void)
{
	return false;
}

enum slab_reap_state slab_reap_next(unsigned int cpu, unsigned long *in_jiffies)
{
	(void)cpu;
	*in_jiffies = 0;
	return SLAB_REAP_NONE;
}

bool slab_reap_held(void)
{
	return atomic_read(&reap_holds) > 0;
}

void slab_reap_hold(void)
{
	atomic_inc(&reap_holds);
}

void slab_reap_release(void)
{
	BUG_ON(atomic_sub_return(1, &reap_holds) < 0);
}

/*
 * /proc/slabinfo is read-only under SLUB (2.6.32 has no slabinfo_write
 * and registers the file S_IRUGO, 0444): -EIO, what writing a file without a
 * write method returns in Linux, whatever the cache.
 */
int slabinfo_write(const char *name, int limit, int batchcount, int shared)
{
	(void)name;
	(void)limit;
	(void)batchcount;
	(void)shared;
	return -EIO;
}

unsigned int slab_max_array_entries(void)
{
	return 0;
}
