/*
 * slab_journal.c - SLAB's side of a cache's journal (the ring, tally and
 * event lines are mm/slab_journal_core.c's): the last SLAB_JOURNAL_SIZE
 * events of its objects (handed out, freed, moved between a CPU's array,
 * the shared array and the slabs, slabs grown and destroyed, objects
 * quarantined), each with its CPU, time and caller.  With tracing on,
 * each event is also printed as it happens, in the line "cache journal"
 * shows.
 *
 * Who has one: caches with SLAB_STORE_USER (from their creation, once
 * kmalloc works) and caches traced once (from their first "trace on").
 * Like Solaris' log, a journal keeps recording until its cache is
 * destroyed: "trace off" only stops the printing, so a cache traced once
 * stays on the debug path (cachep->dbg keeps DBG_JOURNAL).
 *
 * The caller.  An event's caller is the code address of the allocator
 * call it happened in (the per-CPU value slab_set_caller() keeps, set by
 * the debug path), or the slab_mover() token of the work that moved it.
 *
 * Publication: a journal is allocated and initialised, then published
 * with a release store; recorders load it with acquire.  Only
 * kmem_cache_trace() and cache creation publish one, under
 * cache_chain_lock; it is freed with its cache.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mm/slab_internal.h"

#define TRACED_WAIT_NS 50000000ULL	/* kmem_cache_traced()'s wait for the lock */

static struct slab_journal *journal_of(struct kmem_cache *cachep)
{
	return __atomic_load_n(&cachep->journal, __ATOMIC_ACQUIRE);
}

int slab_journal_start(struct kmem_cache *cachep)
{
	struct slab_journal *j;

	assert_spin_locked(&cache_chain_lock);
	if (!cachep->journal) {
		j = slab_journal_alloc();
		if (!j)
			return -ENOMEM;
		/* every slot initialised before a recorder can find the journal */
		__atomic_store_n(&cachep->journal, j, __ATOMIC_RELEASE);
	}
	__atomic_fetch_or(&cachep->dbg, DBG_JOURNAL, __ATOMIC_RELAXED);
	return 0;
}

/*
 * Why flipping dbg under running CPUs is safe.  A CPU reads dbg once at
 * the top of __cache_alloc/__cache_free; one that read the old value
 * finishes that call on the path it chose.  For a cache with debug
 * checks dbg is never 0 (DBG_CHECKS is set at creation), so tracing
 * never moves it between paths.  A cache without them has obj_offset 0
 * and no red zones, poison or user word (cache_set_geometry()), so its
 * buffers are its objects and carry no patterns: the debug path only
 * adds events and the bufctl check every object already satisfies
 * (slab_get_obj() marks each one it hands out BUFCTL_FREE, on both
 * paths), so buffers pushed on an array by the fast path are valid for
 * the debug path and the other way round.  Only the events of calls
 * already under way are missing from the journal.
 *
 * A cache that starts being traced starts with an empty tally: what
 * moved before (a store_user cache counts from its creation) is not
 * this trace's.
 */
int kmem_cache_trace(struct kmem_cache *cachep, enum slab_trace_mode mode)
{
	const unsigned int bits = DBG_TRACE | DBG_TRACE_EVENTS;
	unsigned int want = mode == SLAB_TRACE_EVENTS ? bits : mode == SLAB_TRACE_ON ? DBG_TRACE : 0;
	int err = 0;

	DEBUG_BUG_ON(irqs_disabled());	/* the journal comes from kmalloc */
	spin_lock(&cache_chain_lock);
	if (want) {
		err = slab_journal_start(cachep);
		if (!err) {
			if (!(cache_dbg(cachep) & DBG_TRACE))
				slab_journal_mark(cachep->journal);
			__atomic_fetch_or(&cachep->dbg, want, __ATOMIC_RELAXED);
			__atomic_fetch_and(&cachep->dbg, ~(bits & ~want), __ATOMIC_RELAXED);
		}
	} else {
		__atomic_fetch_and(&cachep->dbg, ~bits, __ATOMIC_RELAXED);
	}
	spin_unlock(&cache_chain_lock);
	return err;
}

/*
 * Bounded: a CPU stopped by a fault may hold cache_chain_lock for good
 * (the shell's "fault N locked"), and the shell asks after every
 * command; the reaper's pass holds it for well under the bound.
 */
int kmem_cache_traced(struct kmem_cache **caches, unsigned int max)
{
	unsigned long long give_up = sched_clock() + TRACED_WAIT_NS;
	struct kmem_cache *cachep;
	int n = 0;

	while (!spin_trylock(&cache_chain_lock))
		if (sched_clock() > give_up)
			return -EBUSY;
	list_for_each_entry(cachep, &cache_chain, next)
		if ((unsigned int)n < max && (cache_dbg(cachep) & DBG_TRACE))
			caches[n++] = cachep;
	spin_unlock(&cache_chain_lock);
	return n;
}

bool kmem_cache_trace_take(struct kmem_cache *cachep,
			   struct slab_trace_counts delta[NR_CPUS][SLAB_TRACE_ROWS])
{
	struct slab_journal *j = journal_of(cachep);

	if (!j) {
		memset(delta, 0, sizeof(struct slab_trace_counts) * NR_CPUS * SLAB_TRACE_ROWS);
		return false;
	}
	return slab_journal_take(j, delta);
}

/* This CPU's tally row for work done now (its caller). */
static struct slab_trace_counts *tally_here(struct slab_journal *j)
{
	return &j->tally[smp_processor_id()][slab_journal_row(slab_get_caller())];
}

void slab_journal_refill(struct kmem_cache *cachep, enum slab_refill_kind kind)
{
	struct slab_journal *j = journal_of(cachep);

	if (j)
		slab_journal_add(&tally_here(j)->refills[kind]);
}

void slab_journal_flush(struct kmem_cache *cachep, bool to_shared)
{
	struct slab_journal *j = journal_of(cachep);

	if (j)
		slab_journal_add(to_shared ? &tally_here(j)->flushes_shared :
					     &tally_here(j)->flushes_slabs);
}

void slab_journal_grow(struct kmem_cache *cachep, const void *page, unsigned int colour)
{
	struct slab_journal *j = journal_of(cachep);
	struct slab_trace_counts *t;
	unsigned int slot;

	if (!j)
		return;
	t = tally_here(j);
	slot = __atomic_fetch_add(&t->grown_next, 1, __ATOMIC_RELAXED) % SLAB_TRACE_GROWN;
	__atomic_store_n(&t->grown[slot].slab, page, __ATOMIC_RELAXED);
	__atomic_store_n(&t->grown[slot].colour, colour, __ATOMIC_RELAXED);
	slab_journal_record(cachep, SLAB_EV_GROW, page);
}

void slab_journal_record(struct kmem_cache *cachep, enum slab_event_type type, const void *obj)
{
	struct slab_journal *j = journal_of(cachep);

	if (j)
		slab_journal_put(j, type, obj, slab_get_caller(),
				 cache_dbg(cachep) & DBG_TRACE_EVENTS ? cachep->name : NULL);
}

unsigned int kmem_cache_journal(struct kmem_cache *cachep, struct slab_event *evs,
				unsigned int max)
{
	struct slab_journal *j = journal_of(cachep);

	return j ? slab_journal_read(j, evs, max) : 0;
}

unsigned int kmem_cache_journal_recorded(struct kmem_cache *cachep)
{
	struct slab_journal *j = journal_of(cachep);

	return j ? slab_journal_count(j) : 0;
}

bool slab_journal_last(struct kmem_cache *cachep, const void *obj, struct slab_event *ev)
{
	struct slab_journal *j = journal_of(cachep);

	return j && slab_journal_find_last(j, obj, ev);
}
