/*
 * cmd_cache_trace_slub.c - SLUB's words for "cache trace"'s report lines
 * (cmd_cache_trace.c prints them), by Linux 2.6.32's names: per CPU,
 * the API's allocs and frees and how many frees went to another CPU's
 * slab (free_frozen) or made a full slab partial (add_partial); then
 * what happened to slabs: where CPU slabs came from (new_slab,
 * get_partial, alloc_refill), where they went (deactivated: to the
 * partial list's head or tail, to the full list, empty), flush_slab and
 * discard_slab.  Work without a caller (kmem_cache_shrink,
 * kmem_cache_destroy) moves slabs only.
 *
 *   trace X: cpu0: 2 allocs, 0 frees; slabs: 1 new_slab
 *   trace X: cpu1: 0 allocs, 1 free (1 free_frozen); no slab moved
 *   trace X: cpu0 kmem_cache_shrink: slabs: 1 flush_slab, 1 deactivated (1 empty), 1 discard_slab
 */
#include <stdio.h>
#include "shell/cmd_cache.h"

/* " (1 free_frozen, 2 add_partial)": the frees' slow-path parts that are not 0. */
static void put_frees(struct trace_line *l, const unsigned int *ev)
{
	unsigned int frozen = ev[SLUB_EV_FREE_FROZEN], partial = ev[SLUB_EV_FREE_ADD_PARTIAL];

	if (frozen && partial)
		trace_put(l, " (%u free_frozen, %u add_partial)", frozen, partial);
	else if (frozen)
		trace_put(l, " (%u free_frozen)", frozen);
	else if (partial)
		trace_put(l, " (%u add_partial)", partial);
}

/* "1 deactivated (1 to head, 1 empty)": deactivate_slab()'s outcomes that are not 0. */
static void put_deactivated(struct trace_line *l, const unsigned int *ev)
{
	static const struct { enum slab_event_type type; const char *what; } ends[] = {
		{ SLUB_EV_DEACTIVATE_HEAD, "to head" }, { SLUB_EV_DEACTIVATE_TAIL, "to tail" },
		{ SLUB_EV_DEACTIVATE_FULL, "full" }, { SLUB_EV_DEACTIVATE_EMPTY, "empty" },
	};
	const char *sep = " (";
	unsigned int n = 0;

	for (unsigned int i = 0; i < ARRAY_SIZE(ends); i++)
		n += ev[ends[i].type];
	trace_put(l, "%u deactivated", n);
	for (unsigned int i = 0; i < ARRAY_SIZE(ends); i++)
		if (ev[ends[i].type]) {
			trace_put(l, "%s%u %s", sep, ev[ends[i].type], ends[i].what);
			sep = ", ";
		}
	trace_put(l, ")");
}

/* "slabs: 1 new_slab, 1 flush_slab, ...", or "no slab moved". */
static void put_slabs(struct trace_line *l, const unsigned int *ev)
{
	static const enum slab_event_type before[] = {
		SLUB_EV_NEW_SLAB, SLUB_EV_GET_PARTIAL, SLUB_EV_ALLOC_REFILL, SLUB_EV_FLUSH,
	};
	const char *sep = "slabs: ";

	for (unsigned int i = 0; i < ARRAY_SIZE(before); i++)
		if (ev[before[i]]) {
			trace_put(l, "%s%u %s", sep, ev[before[i]], slab_event_name(before[i]));
			sep = ", ";
		}
	if (ev[SLUB_EV_DEACTIVATE_HEAD] || ev[SLUB_EV_DEACTIVATE_TAIL] ||
	    ev[SLUB_EV_DEACTIVATE_FULL] || ev[SLUB_EV_DEACTIVATE_EMPTY]) {
		trace_put(l, "%s", sep);
		put_deactivated(l, ev);
		sep = ", ";
	}
	if (ev[SLUB_EV_DISCARD_SLAB]) {
		trace_put(l, "%s%u discard_slab", sep, ev[SLUB_EV_DISCARD_SLAB]);
		sep = ", ";
	}
	if (*sep == 's')
		trace_put(l, "no slab moved");
}

void trace_row_body(struct trace_line *l, unsigned int cpu, unsigned int row,
		    const struct slab_trace_counts *d)
{
	const unsigned int *ev = d->events;

	(void)cpu;
	if (!row || ev[SLAB_EV_ALLOC] || ev[SLAB_EV_FREE]) {
		trace_put(l, "%u alloc%s, %u free%s", ev[SLAB_EV_ALLOC], trace_s(ev[SLAB_EV_ALLOC]),
			  ev[SLAB_EV_FREE], trace_s(ev[SLAB_EV_FREE]));
		put_frees(l, ev);
		trace_put(l, "; ");
	}
	put_slabs(l, ev);
}
