/*
 * cmd_cache_trace_slab.c - SLAB's words for "cache trace"'s report
 * lines (cmd_cache_trace.c prints them): per CPU, what the API's calls
 * made the allocator do (allocs, frees, refills and where from, slabs
 * grown with their colour, flushes and where to, slabs destroyed), and
 * what work without a caller (cache_reap, kmem_cache_shrink, ...) gave
 * back to the slabs.
 */
#include <stdio.h>
#include "shell/cmd_cache.h"

/* "(2 from slabs, 1 grown: slab 0x6fc18000 colour 1)": the parts that are not 0. */
static void put_refills(struct trace_line *l, const struct slab_trace_counts *d)
{
	const unsigned int *r = d->refills;
	const char *sep = " (";

	if (r[SLAB_REFILL_SHARED]) {
		trace_put(l, "%s%u from the shared array", sep, r[SLAB_REFILL_SHARED]);
		sep = ", ";
	}
	if (r[SLAB_REFILL_SLABS]) {
		trace_put(l, "%s%u from slabs", sep, r[SLAB_REFILL_SLABS]);
		sep = ", ";
	}
	if (r[SLAB_REFILL_GROWN]) {
		trace_put(l, "%s%u grown:", sep, r[SLAB_REFILL_GROWN]);
		for (unsigned int i = 0; i < d->grown_next; i++)
			trace_put(l, "%s slab 0x%08lx colour %u", i ? "," : "",
				  (unsigned long)(uintptr_t)d->grown[i].slab, d->grown[i].colour);
		if (d->events[SLAB_EV_GROW] > d->grown_next)
			trace_put(l, ", ...");
		sep = ", ";
	}
	if (*sep == ',')
		trace_put(l, ")");
}

/* The API's calls on one CPU: allocs and frees, and what they set off. */
static void put_calls(struct trace_line *l, const struct slab_trace_counts *d)
{
	const unsigned int *ev = d->events;
	unsigned int refills = 0, flushes = d->flushes_shared + d->flushes_slabs;
	unsigned int in = ev[SLAB_EV_REFILL_SHARED] + ev[SLAB_EV_REFILL_SLAB];
	unsigned int out = ev[SLAB_EV_FLUSH_SHARED] + ev[SLAB_EV_TO_SLAB];

	for (unsigned int k = 0; k < SLAB_REFILL_KINDS; k++)
		refills += d->refills[k];
	trace_put(l, "%u alloc%s, %u free%s; %u refill%s", ev[SLAB_EV_ALLOC],
		  trace_s(ev[SLAB_EV_ALLOC]), ev[SLAB_EV_FREE], trace_s(ev[SLAB_EV_FREE]), refills,
		  trace_s(refills));
	if (in)
		trace_put(l, " of %u object%s", in, trace_s(in));
	put_refills(l, d);
	trace_put(l, "; %u flush%s", flushes, flushes == 1 ? "" : "es");
	if (out)
		trace_put(l, " of %u object%s", out, trace_s(out));
	if (d->flushes_shared && d->flushes_slabs)
		trace_put(l, " (%u to the shared array, %u to slabs)", d->flushes_shared,
		    d->flushes_slabs);
	else if (flushes)
		trace_put(l, " (to %s)", d->flushes_shared ? "the shared array" : "slabs");
}

/* Work without a caller on one CPU: what it gave back to the slabs. */
static void put_moves(struct trace_line *l, unsigned int cpu, const struct slab_trace_counts *d)
{
	unsigned int own = d->events[SLAB_EV_TO_SLAB], shared = d->events[SLAB_EV_SHARED_TO_SLAB];

	trace_put(l, "%u object%s to slabs", own + shared, trace_s(own + shared));
	if (own && shared)
		trace_put(l, " (%u from cpu%u's array, %u from the shared array)", own, cpu,
			  shared);
	else if (own)
		trace_put(l, " (from cpu%u's array)", cpu);
	else if (shared)
		trace_put(l, " (from the shared array)");
}

void trace_row_body(struct trace_line *l, unsigned int cpu, unsigned int row,
		    const struct slab_trace_counts *d)
{
	unsigned int destroyed = d->events[SLAB_EV_DESTROY];
	unsigned int quarantined = d->events[SLAB_EV_QUARANTINE];

	if (row)
		put_moves(l, cpu, d);
	else
		put_calls(l, d);
	if (destroyed)
		trace_put(l, "; %u slab%s destroyed", destroyed, trace_s(destroyed));
	if (quarantined)
		trace_put(l, "; %u quarantined", quarantined);
}
