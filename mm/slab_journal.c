/*
 * slab_journal.c - a cache's journal: the last SLAB_JOURNAL_SIZE events
 * of its objects (handed out, freed, moved between a CPU's array, the
 * shared array and the slabs, slabs grown and destroyed, objects
 * quarantined), each with its CPU, time and caller; Solaris kmem's
 * transaction log (KMF_AUDIT) for SLAB.  With tracing on, each event is
 * also printed as it happens.
 *
 * Who has one: caches with SLAB_STORE_USER (from their creation, once
 * kmalloc works) and traced caches (from "trace on").  The journal is
 * freed with its cache.
 *
 * Writers: any CPU, any context, with or without the cache's locks.  A
 * writer claims a sequence number with an atomic increment and owns the
 * slot it maps to; it marks the slot unwritten, fills it, and publishes
 * the number last (C11 atomics throughout, so ThreadSanitizer follows).  A reader copies a slot and keeps it only if the
 * number is the one it expected, so a slot being rewritten is skipped,
 * never half-read.  Nothing blocks; a wrapped writer overwrites the
 * oldest events, which is what a journal of the last events means.
 */
#include <stdio.h>
#include <stdlib.h>
#include "mm/slab_internal.h"

#define SEQ_UNWRITTEN 0xffffffffu

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
	[SLAB_EV_TO_SLAB] = "->slab",
	[SLAB_EV_GROW] = "grow",
	[SLAB_EV_DESTROY] = "destroy",
	[SLAB_EV_QUARANTINE] = "quarantine",
};

const char *slab_event_name(unsigned int type)
{
	return type < ARRAY_SIZE(event_names) && event_names[type] ? event_names[type] : "?";
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

static void print_event(const struct kmem_cache *cachep, const struct slab_event *ev)
{
	printf("trace %s: #%u cpu%u %lu.%06lu %-11s 0x%08lx caller 0x%08lx\n", cachep->name,
	       ev->seq, ev->cpu, (unsigned long)(ev->ns / 1000000000ULL),
	       (unsigned long)(ev->ns / 1000ULL % 1000000ULL), slab_event_name(ev->type),
	       (unsigned long)(uintptr_t)ev->obj, (unsigned long)(uintptr_t)ev->caller);
}

void slab_journal_record(struct kmem_cache *cachep, enum slab_event_type type, const void *obj)
{
	struct slab_journal *j = READ_ONCE(cachep->journal);
	struct slab_event ev = {
		.ns = sched_clock(),
		.obj = obj,
		.caller = slab_get_caller(),
		.cpu = (unsigned short)smp_processor_id(),
		.type = (unsigned short)type,
	};
	struct slab_event *slot;

	if (!j)
		return;
	ev.seq = (unsigned int)atomic_inc_return(&j->next) - 1;
	slot = &j->ev[ev.seq % SLAB_JOURNAL_SIZE];
	/* acquire: the fields below are written after the slot is marked */
	__atomic_exchange_n(&slot->seq, SEQ_UNWRITTEN, __ATOMIC_ACQ_REL);
	__atomic_store_n(&slot->ns, ev.ns, __ATOMIC_RELAXED);
	__atomic_store_n(&slot->obj, ev.obj, __ATOMIC_RELAXED);
	__atomic_store_n(&slot->caller, ev.caller, __ATOMIC_RELAXED);
	__atomic_store_n(&slot->cpu, ev.cpu, __ATOMIC_RELAXED);
	__atomic_store_n(&slot->type, ev.type, __ATOMIC_RELAXED);
	__atomic_store_n(&slot->seq, ev.seq, __ATOMIC_RELEASE);	/* published */
	if (READ_ONCE(cachep->dbg) & DBG_TRACE)
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
	struct slab_journal *j = READ_ONCE(cachep->journal);
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

bool slab_journal_last(struct kmem_cache *cachep, const void *obj, struct slab_event *ev)
{
	struct slab_journal *j = READ_ONCE(cachep->journal);
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
