/*
 * slab_journal.c - a cache's journal: the last SLAB_JOURNAL_SIZE events
 * of its objects (handed out, freed, moved between a CPU's array, the
 * shared array and the slabs, slabs grown and destroyed, objects
 * quarantined), each with its CPU, time and caller; Solaris kmem's
 * transaction log (KMF_AUDIT) for SLAB.  With tracing on, each event is
 * also printed as it happens, in the line "cache journal" shows.
 *
 * Who has one: caches with SLAB_STORE_USER (from their creation, once
 * kmalloc works) and caches traced once (from their first "trace on").
 * Like Solaris' log, a journal keeps recording until its cache is
 * destroyed: "trace off" only stops the printing, so a cache traced once
 * stays on the debug path (cachep->dbg keeps DBG_JOURNAL).
 *
 * The caller.  An event's caller is the code address of the allocator
 * call it happened in (the per-CPU value slab_set_caller() keeps, set by
 * the debug path).  Work that moves objects without an API caller sets a
 * token, slab_mover(), that the line shows as the work's name:
 * "cache_reap" (the periodic reaper and the reap command),
 * "kmem_cache_shrink", "kmem_cache_destroy", "do_tune_cpucache".
 *
 * Writers: any CPU, any context, with or without the cache's locks.  A
 * writer claims a sequence number with an atomic increment; the slot it
 * maps to is then taken by swapping the slot's number for SEQ_BUSY, so
 * one writer at a time fills a slot; the writer publishes its number
 * last (release).  A writer that finds its slot busy, or already holding
 * a newer event, was overtaken by a whole lap of the ring between its
 * claim and its write (an interrupt, or its vCPU descheduled, while
 * other CPUs recorded 256 events): it drops its event from the journal
 * (the trace still prints it).  Keeping the newer event is what a
 * journal of the last events means, and waiting could wait forever for
 * a writer this CPU interrupted.  A reader copies a slot and keeps it
 * only if the number is the one it expected before and after the copy,
 * so a slot being rewritten is skipped, never half-read.  C11 atomics
 * throughout, so ThreadSanitizer follows.  Nothing blocks.
 *
 * Publication: a journal is allocated and initialised, then published
 * with a release store; recorders load it with acquire.  Only
 * kmem_cache_trace() and cache creation publish one, under
 * cache_chain_lock; it is freed with its cache.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "mm/slab_internal.h"

#define SEQ_BUSY      0xfffffffeu	/* a writer is filling the slot */
#define SEQ_UNWRITTEN 0xffffffffu	/* never written */

struct slab_journal {
	atomic_t next;				/* the next sequence number */
	struct slab_event ev[SLAB_JOURNAL_SIZE];
};

static const char *const event_names[] = {
	[SLAB_EV_ALLOC] = "alloc",
	[SLAB_EV_FREE] = "free",
	[SLAB_EV_REFILL_SHARED] = "shared->cpu",
	[SLAB_EV_REFILL_SLAB] = "slab->cpu",
	[SLAB_EV_FLUSH_SHARED] = "cpu->shared",
	[SLAB_EV_TO_SLAB] = "cpu->slab",
	[SLAB_EV_GROW] = "grow",
	[SLAB_EV_DESTROY] = "destroy",
	[SLAB_EV_QUARANTINE] = "quarantine",
	[SLAB_EV_SHARED_TO_SLAB] = "shared->slab",
};

/* The names the caller column shows for slab_mover()'s tokens. */
static const char *const mover_names[] = {
	[SLAB_MOVER_REAP] = "cache_reap",
	[SLAB_MOVER_SHRINK] = "kmem_cache_shrink",
	[SLAB_MOVER_DESTROY] = "kmem_cache_destroy",
	[SLAB_MOVER_TUNE] = "do_tune_cpucache",
};

const char *slab_event_name(unsigned int type)
{
	return type < ARRAY_SIZE(event_names) && event_names[type] ? event_names[type] : "?";
}

const void *slab_mover(enum slab_mover who)
{
	return &mover_names[who];
}

/* The work's name if @caller is a slab_mover() token, else NULL. */
static const char *mover_name(const void *caller)
{
	uintptr_t p = (uintptr_t)caller, first = (uintptr_t)mover_names;

	if (p < first || p >= (uintptr_t)(mover_names + ARRAY_SIZE(mover_names)) ||
	    (p - first) % sizeof(mover_names[0]))
		return NULL;
	return *(const char *const *)caller;
}

void slab_event_format(const struct slab_event *ev, char *buf, size_t len)
{
	char addr[2 + 2 * sizeof(void *) + 1];
	const char *who = mover_name(ev->caller);

	if (!who) {
		snprintf(addr, sizeof(addr), "0x%08lx", (unsigned long)(uintptr_t)ev->caller);
		who = addr;
	}
	snprintf(buf, len, "#%-6u cpu%u %5lu.%06lu %-12s 0x%08lx %s", ev->seq, ev->cpu,
		 (unsigned long)(ev->ns / 1000000000ULL),
		 (unsigned long)(ev->ns / 1000ULL % 1000000ULL), slab_event_name(ev->type),
		 (unsigned long)(uintptr_t)ev->obj, who);
}

struct slab_journal *slab_journal_alloc(void)
{
	struct slab_journal *j = kmalloc(sizeof(*j), GFP_KERNEL | __GFP_NOWARN);

	if (!j)
		return NULL;
	atomic_set(&j->next, 0);
	for (unsigned int i = 0; i < SLAB_JOURNAL_SIZE; i++)
		j->ev[i].seq = SEQ_UNWRITTEN;
	return j;
}

void slab_journal_free(struct slab_journal *j)
{
	kfree(j);
}

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
 */
int kmem_cache_trace(struct kmem_cache *cachep, bool on)
{
	int err = 0;

	DEBUG_BUG_ON(irqs_disabled());	/* the journal comes from kmalloc */
	spin_lock(&cache_chain_lock);
	if (on) {
		err = slab_journal_start(cachep);
		if (!err)
			__atomic_fetch_or(&cachep->dbg, DBG_TRACE, __ATOMIC_RELAXED);
	} else {
		__atomic_fetch_and(&cachep->dbg, ~DBG_TRACE, __ATOMIC_RELAXED);
	}
	spin_unlock(&cache_chain_lock);
	return err;
}

static void print_event(const struct kmem_cache *cachep, const struct slab_event *ev)
{
	char line[SLAB_EVENT_LINE_MAX];

	slab_event_format(ev, line, sizeof(line));
	printf("trace %s: %s\n", cachep->name, line);	/* one line, whole */
}

/*
 * Take @slot for event @seq: false if another writer is filling it or it
 * holds a newer event already (see "Writers" above).
 */
static bool claim_slot(struct slab_event *slot, unsigned int seq)
{
	unsigned int old = __atomic_load_n(&slot->seq, __ATOMIC_RELAXED);

	do {
		if (old == SEQ_BUSY || (old != SEQ_UNWRITTEN && (int)(old - seq) > 0))
			return false;
	} while (!__atomic_compare_exchange_n(&slot->seq, &old, SEQ_BUSY, true,
					      __ATOMIC_ACQUIRE, __ATOMIC_RELAXED));
	return true;
}

/* Store @ev (its number claimed) in its slot, unless overtaken. */
static void journal_write(struct slab_journal *j, const struct slab_event *ev)
{
	struct slab_event *slot = &j->ev[ev->seq % SLAB_JOURNAL_SIZE];

	/* the two reserved numbers come round once every 2^32 events */
	if (ev->seq >= SEQ_BUSY || !claim_slot(slot, ev->seq))
		return;
	/*
	 * Release stores: a reader whose (acquire) load sees one of these
	 * values sees the slot's number as SEQ_BUSY or later on its re-read,
	 * so it drops the copy (a fence would do, but TSan cannot follow one).
	 */
	__atomic_store_n(&slot->ns, ev->ns, __ATOMIC_RELEASE);
	__atomic_store_n(&slot->obj, ev->obj, __ATOMIC_RELEASE);
	__atomic_store_n(&slot->caller, ev->caller, __ATOMIC_RELEASE);
	__atomic_store_n(&slot->cpu, ev->cpu, __ATOMIC_RELEASE);
	__atomic_store_n(&slot->type, ev->type, __ATOMIC_RELEASE);
	__atomic_store_n(&slot->seq, ev->seq, __ATOMIC_RELEASE);	/* published */
}

void slab_journal_record(struct kmem_cache *cachep, enum slab_event_type type, const void *obj)
{
	struct slab_journal *j = journal_of(cachep);
	struct slab_event ev;

	if (!j)
		return;
	/*
	 * The number, then the rest: from here to journal_write() a writer
	 * can be overtaken (an interrupt, a clock read), and the host tests
	 * play exactly that through sched_clock().
	 */
	ev.seq = (unsigned int)atomic_inc_return(&j->next) - 1;
	ev.ns = sched_clock();
	ev.obj = obj;
	ev.caller = slab_get_caller();
	ev.cpu = (unsigned short)smp_processor_id();
	ev.type = (unsigned short)type;
	journal_write(j, &ev);
	if (cache_dbg(cachep) & DBG_TRACE)
		print_event(cachep, &ev);
}

/*
 * Slot @seq, if it still holds that event: the number is read before and
 * after the fields, each read ordered after the one before it.
 */
static bool read_event(struct slab_journal *j, unsigned int seq, struct slab_event *ev)
{
	struct slab_event *slot = &j->ev[seq % SLAB_JOURNAL_SIZE];

	if (__atomic_load_n(&slot->seq, __ATOMIC_ACQUIRE) != seq)
		return false;
	ev->ns = __atomic_load_n(&slot->ns, __ATOMIC_ACQUIRE);
	ev->obj = __atomic_load_n(&slot->obj, __ATOMIC_ACQUIRE);
	ev->caller = __atomic_load_n(&slot->caller, __ATOMIC_ACQUIRE);
	ev->cpu = __atomic_load_n(&slot->cpu, __ATOMIC_ACQUIRE);
	ev->type = __atomic_load_n(&slot->type, __ATOMIC_ACQUIRE);
	ev->seq = seq;
	return __atomic_load_n(&slot->seq, __ATOMIC_ACQUIRE) == seq;
}

unsigned int kmem_cache_journal(struct kmem_cache *cachep, struct slab_event *evs,
				unsigned int max)
{
	struct slab_journal *j = journal_of(cachep);
	unsigned int next, first, n = 0;

	if (!j)
		return 0;
	next = (unsigned int)atomic_read(&j->next);
	first = next > SLAB_JOURNAL_SIZE ? next - SLAB_JOURNAL_SIZE : 0;
	for (unsigned int seq = first; seq != next && n < max; seq++)
		if (read_event(j, seq, &evs[n]))
			n++;
	return n;
}

unsigned int kmem_cache_journal_recorded(struct kmem_cache *cachep)
{
	struct slab_journal *j = journal_of(cachep);

	return j ? (unsigned int)atomic_read(&j->next) : 0;
}

bool slab_journal_last(struct kmem_cache *cachep, const void *obj, struct slab_event *ev)
{
	struct slab_journal *j = journal_of(cachep);
	unsigned int next;

	if (!j)
		return false;
	next = (unsigned int)atomic_read(&j->next);
	for (unsigned int back = 1; back <= SLAB_JOURNAL_SIZE && back <= next; back++)
		if (read_event(j, next - back, ev) && ev->obj == obj &&
		    (ev->type == SLAB_EV_ALLOC || ev->type == SLAB_EV_FREE))
			return true;
	return false;
}
