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
#include <string.h>
#include "mm/slab_internal.h"

#define SEQ_BUSY      0xfffffffeu	/* a writer is filling the slot */
#define SEQ_UNWRITTEN 0xffffffffu	/* never written */
#define TRACED_WAIT_NS 50000000ULL	/* kmem_cache_traced()'s wait for the lock */

struct slab_journal {
	atomic_t next;				/* the next sequence number */
	struct slab_event ev[SLAB_JOURNAL_SIZE];
	/*
	 * Tracing's tally: each CPU adds to its own rows only, with relaxed
	 * atomic adds (an interrupt's allocation may land between a thread's
	 * load and store).  mark is the tally at the last take; only the
	 * taker (and kmem_cache_trace(), under cache_chain_lock, on the same
	 * shell thread) touches it.
	 */
	struct slab_trace_counts tally[NR_CPUS][SLAB_TRACE_ROWS];
	struct slab_trace_counts mark[NR_CPUS][SLAB_TRACE_ROWS];
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

/* The tally row of @caller: 1 + its enum slab_mover for a token, else 0. */
static unsigned int tally_row(const void *caller)
{
	uintptr_t p = (uintptr_t)caller, first = (uintptr_t)mover_names;

	if (p < first || p >= (uintptr_t)(mover_names + ARRAY_SIZE(mover_names)) ||
	    (p - first) % sizeof(mover_names[0]))
		return 0;
	return 1 + (unsigned int)((p - first) / sizeof(mover_names[0]));
}

/* The work's name if @caller is a slab_mover() token, else NULL. */
static const char *mover_name(const void *caller)
{
	unsigned int row = tally_row(caller);

	return row ? mover_names[row - 1] : NULL;
}

const char *slab_trace_row_name(unsigned int row)
{
	return row && row <= ARRAY_SIZE(mover_names) ? mover_names[row - 1] : "";
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
	memset(j, 0, sizeof(*j));
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

static unsigned int load(const unsigned int *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

/* The counters of tally row @t, one relaxed load each (the ring too). */
static void tally_read(const struct slab_trace_counts *t, struct slab_trace_counts *out)
{
	for (unsigned int i = 0; i < SLAB_EV_TYPES; i++)
		out->events[i] = load(&t->events[i]);
	for (unsigned int i = 0; i < SLAB_REFILL_KINDS; i++)
		out->refills[i] = load(&t->refills[i]);
	out->flushes_shared = load(&t->flushes_shared);
	out->flushes_slabs = load(&t->flushes_slabs);
	out->grown_next = load(&t->grown_next);
	for (unsigned int i = 0; i < SLAB_TRACE_GROWN; i++) {
		out->grown[i].slab = __atomic_load_n(&t->grown[i].slab, __ATOMIC_RELAXED);
		out->grown[i].colour = load(&t->grown[i].colour);
	}
}

/* The tally as it is now becomes the mark: the next take starts here. */
static void tally_mark(struct slab_journal *j)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		for (unsigned int row = 0; row < SLAB_TRACE_ROWS; row++)
			tally_read(&j->tally[cpu][row], &j->mark[cpu][row]);
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
				tally_mark(cachep->journal);
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

/* @now - @was into @d, the ring's new slots oldest first; true if any moved. */
static bool tally_delta(const struct slab_trace_counts *now, const struct slab_trace_counts *was,
			struct slab_trace_counts *d)
{
	unsigned int any = 0, grown;

	for (unsigned int i = 0; i < SLAB_EV_TYPES; i++)
		any |= d->events[i] = now->events[i] - was->events[i];
	for (unsigned int i = 0; i < SLAB_REFILL_KINDS; i++)
		any |= d->refills[i] = now->refills[i] - was->refills[i];
	any |= d->flushes_shared = now->flushes_shared - was->flushes_shared;
	any |= d->flushes_slabs = now->flushes_slabs - was->flushes_slabs;
	grown = now->grown_next - was->grown_next;
	d->grown_next = grown < SLAB_TRACE_GROWN ? grown : SLAB_TRACE_GROWN;
	for (unsigned int i = 0; i < d->grown_next; i++)
		d->grown[i] = now->grown[(now->grown_next - d->grown_next + i) % SLAB_TRACE_GROWN];
	return any != 0;
}

bool kmem_cache_trace_take(struct kmem_cache *cachep,
			   struct slab_trace_counts delta[NR_CPUS][SLAB_TRACE_ROWS])
{
	struct slab_journal *j = journal_of(cachep);
	struct slab_trace_counts now;
	bool any = false;

	memset(delta, 0, sizeof(struct slab_trace_counts) * NR_CPUS * SLAB_TRACE_ROWS);
	if (!j)
		return false;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		for (unsigned int row = 0; row < SLAB_TRACE_ROWS; row++) {
			tally_read(&j->tally[cpu][row], &now);
			any |= tally_delta(&now, &j->mark[cpu][row], &delta[cpu][row]);
			j->mark[cpu][row] = now;
		}
	return any;
}

/* This CPU's tally row for work done now (its caller). */
static struct slab_trace_counts *tally_here(struct slab_journal *j)
{
	return &j->tally[smp_processor_id()][tally_row(slab_get_caller())];
}

static void add(unsigned int *p)
{
	__atomic_fetch_add(p, 1, __ATOMIC_RELAXED);
}

void slab_journal_refill(struct kmem_cache *cachep, enum slab_refill_kind kind)
{
	struct slab_journal *j = journal_of(cachep);

	if (j)
		add(&tally_here(j)->refills[kind]);
}

void slab_journal_flush(struct kmem_cache *cachep, bool to_shared)
{
	struct slab_journal *j = journal_of(cachep);

	if (j)
		add(to_shared ? &tally_here(j)->flushes_shared : &tally_here(j)->flushes_slabs);
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
	add(&j->tally[ev.cpu][tally_row(ev.caller)].events[type]);
	if (cache_dbg(cachep) & DBG_TRACE_EVENTS)
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
