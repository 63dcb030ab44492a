/*
 * slub_journal.c - SLUB's side of a cache's journal and tracing ("cache
 * trace", "cache journal"): the API of mm/slab_inspect.h on SLUB, and
 * what mm/slub.c's hooks (mm/slub_journal.h) record; "whatis" asks it
 * for an object's last event (slub_journal_last(), mm/slub_inspect.h).  The ring, the
 * tally and the event line are mm/slab_journal_core.c's, as on SLAB.
 *
 * SLUB's events, by Linux 2.6.32's names: alloc and free (fast or slow
 * path); new_slab, get_partial and alloc_refill (where a CPU slab's
 * objects came from); deact_head/tail/full/empty (deactivate_slab():
 * where the slab it gave up went); free_frozen (a free into another
 * CPU's slab, onto page->freelist) and add_partial (a free that made a
 * full slab partial); flush_slab (CPUSLAB_FLUSH, by flush_all());
 * discard_slab (the pages back).  Each is recorded where mm/slub.c
 * counts the statistic of the same name, so "cache show"'s stats: line
 * and the tally agree.
 *
 * Turning a journal on (kmem_cache_trace(), under slub_lock): the
 * journal is published, then every CPU's c->node is set to -1 on that
 * CPU (an IPI; a CPU that is not online directly, as flush_all() does),
 * after which its fast paths call the slow paths, which keep c->node at
 * -1 (slub_journal_load()).  A call already under way on another CPU
 * finishes unrecorded.  The journal stays until the cache is destroyed;
 * "trace off" only stops the report and the printing, as on SLAB.
 *
 * A cache with SLUB debug flags is traced too: its slabs take the debug
 * path, one object at a time, and mm/slub.c records each allocation and
 * free there (after its checks passed: an object refused is not handed
 * out or freed, so it has no event), with the slab events of the slow
 * paths it goes through (slub_journal.h says which it cannot have).
 *
 * Per-CPU caller: slub_callers[cpu], written only by that CPU, with
 * interrupts off in the slow paths; kmem_cache_shrink() and
 * kmem_cache_destroy() set it in thread context and put the old one
 * back, so an interrupt's slow path in between (which does not put its
 * back) can only mislabel what the shrink records after it.
 */
#include <errno.h>
#include <string.h>
#include "mm/slub_journal.h"

#define TRACED_WAIT_NS 50000000ULL	/* kmem_cache_traced()'s wait for slub_lock */

static const void *slub_callers[NR_CPUS];
const void *slub_flush_caller;

const void *slub_set_caller(const void *caller)
{
	const void **p = &slub_callers[smp_processor_id()];
	const void *old = __atomic_load_n(p, __ATOMIC_RELAXED);

	__atomic_store_n(p, caller, __ATOMIC_RELAXED);
	return old;
}

const void *slub_get_caller(void)
{
	return __atomic_load_n(&slub_callers[smp_processor_id()], __ATOMIC_RELAXED);
}

void slub_journal_record(struct kmem_cache *s, enum slab_event_type type, const void *obj)
{
	struct slab_journal *j = slub_journal_of(s);

	if (j)
		slab_journal_put(j, type, obj, slub_get_caller(),
				 __atomic_load_n(&s->trace, __ATOMIC_RELAXED) & SLUB_TRACE_EVENTS ?
				 s->name : NULL);
}

/* slab_alloc()'s fast path, for a journalled CPU: interrupts off, c->freelist not empty. */
void *slub_journal_alloc_fast(struct kmem_cache *s, struct kmem_cache_cpu *c)
{
	void **object = c->freelist;

	c->freelist = object[c->offset];
	stat(c, ALLOC_FASTPATH);
	slub_journal_record(s, SLAB_EV_ALLOC, object);
	return object;
}

/* slab_free()'s fast path, for a journalled CPU: interrupts off, @x in c->page. */
void slub_journal_free_fast(struct kmem_cache *s, struct kmem_cache_cpu *c, void *x)
{
	void **object = x;

	object[c->offset] = c->freelist;
	c->freelist = object;
	stat(c, FREE_FASTPATH);
	slub_journal_record(s, SLAB_EV_FREE, x);
}

/* __slab_alloc()'s load_freelist on a journalled cache: @object is handed out. */
void slub_journal_load(struct kmem_cache *s, struct kmem_cache_cpu *c, void *object)
{
	c->node = -1;		/* the next call comes to the slow path too */
	slub_journal_record(s, SLAB_EV_ALLOC, object);
}

void slub_journal_release(struct kmem_cache *s)
{
	slab_journal_free(s->journal);
	s->journal = NULL;
}

/* ---- turning it on (slub_lock held) ---- */

static void no_fast_path(struct kmem_cache *s, unsigned int cpu)
{
	struct kmem_cache_cpu *c = get_cpu_slab(s, cpu);

	if (c)
		c->node = -1;
}

static void no_fast_path_here(void *d)
{
	no_fast_path(d, smp_processor_id());
}

static int journal_start(struct kmem_cache *s)
{
	struct slab_journal *j;
	unsigned long flags;

	if (s->journal)
		return 0;
	j = slab_journal_alloc();
	if (!j)
		return -ENOMEM;
	/* every slot initialised before a recorder can find the journal */
	__atomic_store_n(&s->journal, j, __ATOMIC_RELEASE);
	on_each_cpu(no_fast_path_here, s, 1);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (cpu_online(cpu))
			continue;
		local_irq_save(flags);
		no_fast_path(s, cpu);
		local_irq_restore(flags);
	}
	return 0;
}

/*
 * A cache that starts being traced starts with an empty tally: what its
 * journal counted before (an earlier trace) is not this trace's.
 */
int kmem_cache_trace(struct kmem_cache *s, enum slab_trace_mode mode)
{
	unsigned int want = mode == SLAB_TRACE_EVENTS ? SLUB_TRACE | SLUB_TRACE_EVENTS :
			    mode == SLAB_TRACE_ON ? SLUB_TRACE : 0;
	int err = 0;

	DEBUG_BUG_ON(irqs_disabled());	/* the journal comes from kmalloc */
	spin_lock(&slub_lock);
	if (want) {
		err = journal_start(s);
		if (!err && !(__atomic_load_n(&s->trace, __ATOMIC_RELAXED) & SLUB_TRACE))
			slab_journal_mark(s->journal);
	}
	if (!err)
		__atomic_store_n(&s->trace, want, __ATOMIC_RELAXED);
	spin_unlock(&slub_lock);
	return err;
}

/* Bounded, as SLAB's: a CPU stopped by a fault may hold slub_lock for good. */
int kmem_cache_traced(struct kmem_cache **caches, unsigned int max)
{
	unsigned long long give_up = sched_clock() + TRACED_WAIT_NS;
	struct kmem_cache *s;
	int n = 0;

	while (!spin_trylock(&slub_lock))
		if (sched_clock() > give_up)
			return -EBUSY;
	list_for_each_entry(s, &slab_caches, list)
		if ((unsigned int)n < max &&
		    (__atomic_load_n(&s->trace, __ATOMIC_RELAXED) & SLUB_TRACE))
			caches[n++] = s;
	spin_unlock(&slub_lock);
	return n;
}

bool kmem_cache_trace_take(struct kmem_cache *s,
			   struct slab_trace_counts delta[NR_CPUS][SLAB_TRACE_ROWS])
{
	struct slab_journal *j = slub_journal_of(s);

	if (!j) {
		memset(delta, 0, sizeof(struct slab_trace_counts) * NR_CPUS * SLAB_TRACE_ROWS);
		return false;
	}
	return slab_journal_take(j, delta);
}

unsigned int kmem_cache_journal(struct kmem_cache *s, struct slab_event *evs, unsigned int max)
{
	struct slab_journal *j = slub_journal_of(s);

	return j ? slab_journal_read(j, evs, max) : 0;
}

unsigned int kmem_cache_journal_recorded(struct kmem_cache *s)
{
	struct slab_journal *j = slub_journal_of(s);

	return j ? slab_journal_count(j) : 0;
}

bool slub_journal_last(struct kmem_cache *s, const void *obj, struct slab_event *ev)
{
	struct slab_journal *j = slub_journal_of(s);

	return j && slab_journal_find_last(j, obj, ev);
}
