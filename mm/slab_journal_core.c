/*
 * slab_journal_core.c - a cache's journal, for either back end: the last
 * SLAB_JOURNAL_SIZE events of its objects and slabs, each with its CPU,
 * time and caller (Solaris kmem's transaction log, KMF_AUDIT), and
 * tracing's tally of them per CPU and kind of work.  What the events are
 * and when they happen is each back end's (mm/slab_journal.c for SLAB,
 * mm/slub_journal.c for SLUB); this file keeps them.
 *
 * The caller.  An event's caller is the code address of the allocator
 * call it happened in.  Work that moves objects without an API caller
 * uses a token, slab_mover(), that the line shows as the work's name:
 * "cache_reap", "kmem_cache_shrink", "kmem_cache_destroy",
 * "do_tune_cpucache"; the tally keeps one row per token.
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
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mm/slab_journal_core.h"

#define SEQ_BUSY      0xfffffffeu	/* a writer is filling the slot */
#define SEQ_UNWRITTEN 0xffffffffu	/* never written */

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
	/* SLUB's: Linux 2.6.32's functions and statistics */
	[SLUB_EV_NEW_SLAB] = "new_slab",
	[SLUB_EV_DISCARD_SLAB] = "discard_slab",
	[SLUB_EV_GET_PARTIAL] = "get_partial",
	[SLUB_EV_ALLOC_REFILL] = "alloc_refill",
	[SLUB_EV_DEACTIVATE_HEAD] = "deact_head",
	[SLUB_EV_DEACTIVATE_TAIL] = "deact_tail",
	[SLUB_EV_DEACTIVATE_FULL] = "deact_full",
	[SLUB_EV_DEACTIVATE_EMPTY] = "deact_empty",
	[SLUB_EV_FREE_FROZEN] = "free_frozen",
	[SLUB_EV_FREE_ADD_PARTIAL] = "add_partial",
	[SLUB_EV_FLUSH] = "flush_slab",
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

unsigned int slab_journal_row(const void *caller)
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
	unsigned int row = slab_journal_row(caller);

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

void slab_journal_mark(struct slab_journal *j)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		for (unsigned int row = 0; row < SLAB_TRACE_ROWS; row++)
			tally_read(&j->tally[cpu][row], &j->mark[cpu][row]);
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

bool slab_journal_take(struct slab_journal *j,
		       struct slab_trace_counts delta[NR_CPUS][SLAB_TRACE_ROWS])
{
	struct slab_trace_counts now;
	bool any = false;

	memset(delta, 0, sizeof(struct slab_trace_counts) * NR_CPUS * SLAB_TRACE_ROWS);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		for (unsigned int row = 0; row < SLAB_TRACE_ROWS; row++) {
			tally_read(&j->tally[cpu][row], &now);
			any |= tally_delta(&now, &j->mark[cpu][row], &delta[cpu][row]);
			j->mark[cpu][row] = now;
		}
	return any;
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

void slab_journal_put(struct slab_journal *j, enum slab_event_type type, const void *obj,
		      const void *caller, const char *print_name)
{
	struct slab_event ev;
	char line[SLAB_EVENT_LINE_MAX];

	/*
	 * The number, then the rest: from here to journal_write() a writer
	 * can be overtaken (an interrupt, a clock read), and the host tests
	 * play exactly that through sched_clock().
	 */
	ev.seq = (unsigned int)atomic_inc_return(&j->next) - 1;
	ev.ns = sched_clock();
	ev.obj = obj;
	ev.caller = caller;
	ev.cpu = (unsigned short)smp_processor_id();
	ev.type = (unsigned short)type;
	journal_write(j, &ev);
	slab_journal_add(&j->tally[ev.cpu][slab_journal_row(caller)].events[type]);
	if (print_name) {
		slab_event_format(&ev, line, sizeof(line));
		printf("trace %s: %s\n", print_name, line);	/* one line, whole */
	}
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

unsigned int slab_journal_read(struct slab_journal *j, struct slab_event *evs, unsigned int max)
{
	unsigned int next = (unsigned int)atomic_read(&j->next), n = 0;
	unsigned int first = next > SLAB_JOURNAL_SIZE ? next - SLAB_JOURNAL_SIZE : 0;

	for (unsigned int seq = first; seq != next && n < max; seq++)
		if (read_event(j, seq, &evs[n]))
			n++;
	return n;
}

unsigned int slab_journal_count(struct slab_journal *j)
{
	return (unsigned int)atomic_read(&j->next);
}

bool slab_journal_find_last(struct slab_journal *j, const void *obj, struct slab_event *ev)
{
	unsigned int next = (unsigned int)atomic_read(&j->next);

	for (unsigned int back = 1; back <= SLAB_JOURNAL_SIZE && back <= next; back++)
		if (read_event(j, next - back, ev) && ev->obj == obj &&
		    (ev->type == SLAB_EV_ALLOC || ev->type == SLAB_EV_FREE))
			return true;
	return false;
}
