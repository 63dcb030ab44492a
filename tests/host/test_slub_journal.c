/*
 * test_slub_journal.c - the journal and tracing on SLUB (mm/slub_journal.c
 * and its hooks in mm/slub.c; the ring and tally are slab_journal_core.c's).
 *
 * Every event is predicted from 2.6.32's algorithm, in order, with its
 * object (or slab), CPU and caller: an API call's caller is its return
 * address (the same call site gives the same one), work without one is
 * named (kmem_cache_shrink, kmem_cache_destroy).  The tally must count
 * each per CPU and per row.  A traced cache keeps SLUB's moves: its CPUs
 * still use their lockless freelists (alloc_fastpath counts), only out
 * of line.  A debug cache (slub_debug's F/Z/P/U) is traced on its debug
 * paths: one object at a time, every one checked, no alloc_refill.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "mm/poison.h"
#include "mm/slab.h"
#include "mm/slab_inspect.h"
#include "mm/slub_debug.h"
#include "mm/slub_def.h"
#include "mm/slub_inspect.h"
#include "host_platform.h"
#include "slub_check.h"

#define SLUB_EV(x) SLUB_EV_##x

static struct slab_event evs[SLAB_JOURNAL_SIZE];
static struct slab_trace_counts delta[NR_CPUS][SLAB_TRACE_ROWS];

struct want {
	enum slab_event_type type;
	const void *obj;
	unsigned int cpu;
	/* a mover's name, "api" (any code address), or "=": the event before's (the same call) */
	const char *caller;
};

/* The journal is exactly @w. */
static void assert_journal(struct kmem_cache *s, const struct want *w, unsigned int n)
{
	char line[SLAB_EVENT_LINE_MAX];
	unsigned int got = kmem_cache_journal(s, evs, SLAB_JOURNAL_SIZE);

	assert_int_equal(got, n);
	assert_int_equal(kmem_cache_journal_recorded(s), n);
	for (unsigned int i = 0; i < n; i++) {
		slab_event_format(&evs[i], line, sizeof(line));
		if (evs[i].type != w[i].type || evs[i].obj != w[i].obj || evs[i].cpu != w[i].cpu)
			fail_msg("event %u: %s; want %s %p cpu%u", i, line,
				 slab_event_name(w[i].type), w[i].obj, w[i].cpu);
		assert_int_equal(evs[i].seq, i);
		if (w[i].caller[0] == '=') {
			if (evs[i].caller != evs[i - 1].caller)
				fail_msg("event %u: %s: not the caller of the event before", i,
					 line);
		} else if (strcmp(w[i].caller, "api") == 0) {
			assert_non_null(evs[i].caller);
			assert_null(strstr(line, "kmem_cache"));	/* an address, no name */
		} else {
			assert_non_null(strstr(line, w[i].caller));
		}
	}
}

struct tally_want {
	unsigned int cpu;
	const char *row;	/* "" the API's, else the mover's name */
	enum slab_event_type type;
	unsigned int n;
};

static unsigned int row_named(const char *name)
{
	for (unsigned int row = 0; row < SLAB_TRACE_ROWS; row++)
		if (strcmp(slab_trace_row_name(row), name) == 0)
			return row;
	fail_msg("no tally row %s", name);
	return 0;
}

/* What moved since the last take is exactly @w (every other counter 0). */
static void assert_tally(struct kmem_cache *s, const struct tally_want *w, unsigned int n)
{
	static struct slab_trace_counts want[NR_CPUS][SLAB_TRACE_ROWS];

	memset(want, 0, sizeof(want));
	for (unsigned int i = 0; i < n; i++)
		want[w[i].cpu][row_named(w[i].row)].events[w[i].type] = w[i].n;
	assert_int_equal(kmem_cache_trace_take(s, delta), n > 0);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		for (unsigned int row = 0; row < SLAB_TRACE_ROWS; row++) {
			for (unsigned int t = 0; t < SLAB_EV_TYPES; t++)
				if (delta[cpu][row].events[t] != want[cpu][row].events[t])
					fail_msg("cpu%u row %u %s: %u, want %u", cpu, row,
						 slab_event_name(t), delta[cpu][row].events[t],
						 want[cpu][row].events[t]);
			assert_memory_equal(&delta[cpu][row], &want[cpu][row], sizeof(want[0][0]));
		}
}

static void *alloc_on(struct kmem_cache *s, unsigned int cpu)
{
	host_set_cpu(cpu);
	return kmem_cache_alloc(s, GFP_KERNEL);
}

static void free_on(struct kmem_cache *s, unsigned int cpu, void *x)
{
	host_set_cpu(cpu);
	kmem_cache_free(s, x);
}

/*
 * alloc on cpu0, free on cpu1 (into cpu0's frozen slab), shrink: the
 * flush gives the now empty slab up (kept for min_partial) and shrink
 * discards it.
 */
static void test_remote_free_and_shrink(void **state)
{
	struct kmem_cache *s = kmem_cache_create("slub_j1", 40, 8, 0, NULL);
	void *a[2];
	const void *slab;

	(void)state;
	assert_int_equal(kmem_cache_trace(s, SLAB_TRACE_ON), 0);
	for (unsigned int i = 0; i < 2; i++)
		a[i] = alloc_on(s, 0);
	slab = a[0];
	assert_ptr_equal(a[1], (char *)slab + info_of(s).size);
	for (unsigned int i = 0; i < 2; i++)
		free_on(s, 1, a[i]);
	host_set_cpu(0);
	assert_int_equal(kmem_cache_shrink(s), 1);
	{
		const struct want w[] = {
			{ SLUB_EV_NEW_SLAB, slab, 0, "api" },
			{ SLAB_EV_ALLOC, a[0], 0, "=" },
			{ SLAB_EV_ALLOC, a[1], 0, "api" },	/* the fast path's, out of line */
			{ SLAB_EV_FREE, a[0], 1, "api" },
			{ SLUB_EV_FREE_FROZEN, slab, 1, "=" },
			{ SLAB_EV_FREE, a[1], 1, "api" },
			{ SLUB_EV_FREE_FROZEN, slab, 1, "=" },
			{ SLUB_EV_FLUSH, slab, 0, "kmem_cache_shrink" },
			{ SLUB_EV_DEACTIVATE_EMPTY, slab, 0, "kmem_cache_shrink" },
			{ SLUB_EV_DISCARD_SLAB, slab, 0, "kmem_cache_shrink" },
		};

		assert_journal(s, w, ARRAY_SIZE(w));
	}
	/* SLUB's own statistics are what they are untraced */
	assert_int_equal(stat_of(s, ALLOC_FASTPATH), 1);
	assert_int_equal(stat_of(s, ALLOC_SLOWPATH), 1);
	assert_int_equal(stat_of(s, FREE_FROZEN), 2);
	/* the tally: cpu0's calls, cpu1's, cpu0's shrink */
	{
		const struct tally_want t[] = {
			{ 0, "", SLUB_EV_NEW_SLAB, 1 }, { 0, "", SLAB_EV_ALLOC, 2 },
			{ 1, "", SLAB_EV_FREE, 2 }, { 1, "", SLUB_EV_FREE_FROZEN, 2 },
			{ 0, "kmem_cache_shrink", SLUB_EV_FLUSH, 1 },
			{ 0, "kmem_cache_shrink", SLUB_EV_DEACTIVATE_EMPTY, 1 },
			{ 0, "kmem_cache_shrink", SLUB_EV_DISCARD_SLAB, 1 },
		};

		assert_tally(s, t, ARRAY_SIZE(t));
	}
	assert_tally(s, NULL, 0);	/* taken: nothing since */
	kmem_cache_destroy(s);
}

/*
 * Where CPU slabs come from and go: a full slab deactivated (deact_full)
 * for a new one, a free making it partial (add_partial), another CPU
 * taking it from the partial list (get_partial), remote frees into a
 * CPU slab taken back (alloc_refill), a flush of a slab with objects on
 * its lockless freelist (to the partial list's head), the last free of
 * a listed slab (discard_slab), and destroy's flush (named).
 */
static void test_slab_moves(void **state)
{
	struct kmem_cache *s = kmem_cache_create("slub_j2", 8000, 8, 0, NULL);
	unsigned int n = info_of(s).objects, k = 0;
	void *a[8], *b[8];
	struct want w[64];

	(void)state;
	assert_true(n >= 3 && n <= 8);
	assert_int_equal(kmem_cache_trace(s, SLAB_TRACE_ON), 0);
	for (unsigned int i = 0; i < n; i++)
		a[i] = alloc_on(s, 0);
	w[k++] = (struct want){ SLUB_EV(NEW_SLAB), a[0], 0, "api" };
	for (unsigned int i = 0; i < n; i++)
		w[k++] = (struct want){ SLAB_EV_ALLOC, a[i], 0, i ? "api" : "=" };
	b[0] = alloc_on(s, 0);			/* a is full: deactivated, a new slab */
	w[k++] = (struct want){ SLUB_EV(DEACTIVATE_FULL), a[0], 0, "api" };
	w[k++] = (struct want){ SLUB_EV(NEW_SLAB), b[0], 0, "=" };
	w[k++] = (struct want){ SLAB_EV_ALLOC, b[0], 0, "=" };
	free_on(s, 1, a[0]);			/* full -> partial, at the tail */
	w[k++] = (struct want){ SLAB_EV_FREE, a[0], 1, "api" };
	w[k++] = (struct want){ SLUB_EV(FREE_ADD_PARTIAL), a[0], 1, "=" };
	assert_ptr_equal(alloc_on(s, 1), a[0]);	/* cpu1: a from the partial list */
	w[k++] = (struct want){ SLUB_EV(GET_PARTIAL), a[0], 1, "api" };
	w[k++] = (struct want){ SLAB_EV_ALLOC, a[0], 1, "=" };
	for (unsigned int i = 1; i < n; i++)	/* cpu0 empties b's lockless freelist */
		b[i] = alloc_on(s, 0);
	for (unsigned int i = 1; i < n; i++)
		w[k++] = (struct want){ SLAB_EV_ALLOC, b[i], 0, "api" };
	free_on(s, 1, b[1]);			/* into cpu0's frozen slab */
	w[k++] = (struct want){ SLAB_EV_FREE, b[1], 1, "api" };
	w[k++] = (struct want){ SLUB_EV(FREE_FROZEN), b[0], 1, "=" };
	assert_ptr_equal(alloc_on(s, 0), b[1]);	/* back from page->freelist */
	w[k++] = (struct want){ SLUB_EV(ALLOC_REFILL), b[0], 0, "api" };
	w[k++] = (struct want){ SLAB_EV_ALLOC, b[1], 0, "=" };
	free_on(s, 0, b[0]);			/* cpu0's own slab: its lockless freelist */
	w[k++] = (struct want){ SLAB_EV_FREE, b[0], 0, "api" };
	host_set_cpu(0);
	assert_int_equal(kmem_cache_shrink(s), 0);	/* cpu0's b to the head; cpu1's a full */
	w[k++] = (struct want){ SLUB_EV(FLUSH), b[0], 0, "kmem_cache_shrink" };
	w[k++] = (struct want){ SLUB_EV(DEACTIVATE_HEAD), b[0], 0, "kmem_cache_shrink" };
	w[k++] = (struct want){ SLUB_EV(FLUSH), a[0], 1, "kmem_cache_shrink" };
	w[k++] = (struct want){ SLUB_EV(DEACTIVATE_FULL), a[0], 1, "kmem_cache_shrink" };
	for (unsigned int i = 0; i < n; i++)		/* a: add_partial first, discard last */
		free_on(s, 2, a[(i + 1) % n]);
	for (unsigned int i = 0; i < n; i++) {
		w[k++] = (struct want){ SLAB_EV_FREE, a[(i + 1) % n], 2, "api" };
		if (i == 0)
			w[k++] = (struct want){ SLUB_EV(FREE_ADD_PARTIAL), a[0], 2, "=" };
	}
	w[k++] = (struct want){ SLUB_EV(DISCARD_SLAB), a[0], 2, "=" };
	for (unsigned int i = 1; i < n; i++)
		free_on(s, 2, b[i]);
	for (unsigned int i = 1; i < n; i++)
		w[k++] = (struct want){ SLAB_EV_FREE, b[i], 2, "api" };
	w[k++] = (struct want){ SLUB_EV(DISCARD_SLAB), b[0], 2, "=" };
	assert_true(k <= ARRAY_SIZE(w));
	assert_journal(s, w, k);
	/* SLUB's statistics agree with the events */
	assert_int_equal(stat_of(s, ALLOC_SLAB), 2);
	assert_int_equal(stat_of(s, ALLOC_FROM_PARTIAL), 1);
	assert_int_equal(stat_of(s, FREE_FROZEN), 1);
	assert_int_equal(stat_of(s, FREE_ADD_PARTIAL), 2);
	assert_int_equal(stat_of(s, DEACTIVATE_FULL), 2);
	assert_int_equal(stat_of(s, DEACTIVATE_TO_HEAD), 1);
	assert_int_equal(stat_of(s, FREE_SLAB), 2);
	assert_int_equal(stat_of(s, ALLOC_FASTPATH), 2 * n - 2);
	assert_int_equal(stat_of(s, FREE_FASTPATH), 1);
	kmem_cache_destroy(s);
}

/*
 * A cache never traced records nothing and keeps its fast path; "trace
 * off" keeps the journal recording.
 */
static void test_untraced(void **state)
{
	struct kmem_cache *t = kmem_cache_create("slub_jt", 48, 8, 0, ctor_nop);
	struct kmem_cache *u = kmem_cache_create("slub_ju", 56, 8, 0, ctor_nop);
	struct kmem_cache *traced[4];
	struct kmem_cache_info ki;
	struct slab_event ev;
	void *x, *y;

	(void)state;
	assert_ptr_not_equal(t, u);
	assert_int_equal(kmem_cache_traced(traced, 4), 0);
	assert_int_equal(kmem_cache_trace(t, SLAB_TRACE_EVENTS), 0);
	kmem_cache_get_info(t, &ki);
	assert_true(ki.journal && ki.trace);
	assert_int_equal(kmem_cache_traced(traced, 4), 1);
	assert_ptr_equal(traced[0], t);
	x = kmem_cache_alloc(u, GFP_KERNEL);
	y = kmem_cache_alloc(u, GFP_KERNEL);
	kmem_cache_free(u, y);
	kmem_cache_free(u, x);
	assert_int_equal(kmem_cache_journal(u, evs, SLAB_JOURNAL_SIZE), 0);
	assert_false(slub_journal_last(u, x, &ev));	/* no journal: whatis shows none */
	assert_int_equal(stat_of(u, ALLOC_FASTPATH), 1);
	assert_int_equal(stat_of(u, FREE_FASTPATH), 2);
	assert_int_equal(kmem_cache_trace(t, SLAB_TRACE_OFF), 0);
	kmem_cache_get_info(t, &ki);
	assert_true(ki.journal && !ki.trace);
	assert_int_equal(kmem_cache_traced(traced, 4), 0);
	x = kmem_cache_alloc(t, GFP_KERNEL);
	kmem_cache_free(t, x);
	assert_int_equal(kmem_cache_journal_recorded(t), 3);	/* new_slab, alloc, free */
	assert_int_equal(kmem_cache_journal(t, evs, SLAB_JOURNAL_SIZE), 3);
	assert_int_equal(evs[2].type, SLAB_EV_FREE);
	assert_ptr_equal(evs[2].obj, x);
	kmem_cache_destroy(u);
	kmem_cache_destroy(t);
}

/* ---- debug caches: traced on the debug paths ---- */

static unsigned char *bytes(void *p)
{
	return p;
}

/* The newest alloc or free of @obj in the journal is @type on @cpu. */
static void assert_last(struct kmem_cache *s, void *obj, enum slab_event_type type,
			unsigned int cpu)
{
	struct slab_event ev;

	assert_true(slub_journal_last(s, obj, &ev));
	assert_ptr_equal(ev.obj, obj);
	assert_int_equal(ev.type, type);
	assert_int_equal(ev.cpu, cpu);
	assert_non_null(ev.caller);
}

/*
 * A cache with F, Z, P and U: every allocation and free is recorded on
 * the debug path, after its checks; an allocation takes its object from
 * page->freelist (no alloc_refill), a free goes to page->freelist even
 * from the CPU whose slab it is (free_frozen, as Linux counts it: the
 * object is checked and poisoned, not pushed on a lockless freelist); a
 * double free is refused and records nothing.
 */
static void test_debug_cache_traced(void **state)
{
	struct kmem_cache *s = kmem_cache_create("slub_jdbg", 40, 8, DEBUG_DEFAULT_FLAGS, NULL);
	void *a[3], *again;
	const void *slab;
	unsigned long errors;

	(void)state;
	assert_int_equal(info_of(s).flags & DEBUG_DEFAULT_FLAGS, DEBUG_DEFAULT_FLAGS);
	assert_int_equal(kmem_cache_trace(s, SLAB_TRACE_ON), 0);
	for (unsigned int i = 0; i < 3; i++)
		a[i] = alloc_on(s, 0);
	slab = a[0];
	assert_ptr_equal(a[1], (char *)slab + info_of(s).size);
	assert_ptr_equal(a[2], (char *)slab + 2 * info_of(s).size);
	assert_last(s, a[2], SLAB_EV_ALLOC, 0);
	free_on(s, 0, a[1]);		/* cpu0's own slab: the debug path, poisoned */
	assert_int_equal(bytes(a[1])[0], POISON_FREE);
	assert_int_equal(bytes(a[1])[39], POISON_END);
	assert_int_equal(bytes(a[1])[40], SLUB_RED_INACTIVE);
	assert_last(s, a[1], SLAB_EV_FREE, 0);
	free_on(s, 1, a[0]);
	again = alloc_on(s, 0);		/* page->freelist is LIFO: a[0] back */
	assert_ptr_equal(again, a[0]);
	assert_int_equal(bytes(a[0])[40], SLUB_RED_ACTIVE);	/* handed out by the debug path */
	assert_last(s, a[0], SLAB_EV_ALLOC, 0);
	errors = slab_error_count();
	slab_mute_reports();
	free_on(s, 2, a[1]);		/* a double free: "Object already free" */
	slab_unmute_reports();
	assert_int_equal(slab_error_count(), errors + 1);
	assert_last(s, a[1], SLAB_EV_FREE, 0);	/* still cpu0's free */
	{
		const struct want w[] = {
			{ SLUB_EV_NEW_SLAB, slab, 0, "api" },
			{ SLAB_EV_ALLOC, a[0], 0, "=" },
			{ SLAB_EV_ALLOC, a[1], 0, "api" },	/* no alloc_refill before */
			{ SLAB_EV_ALLOC, a[2], 0, "api" },
			{ SLAB_EV_FREE, a[1], 0, "api" },
			{ SLUB_EV_FREE_FROZEN, slab, 0, "=" },
			{ SLAB_EV_FREE, a[0], 1, "api" },
			{ SLUB_EV_FREE_FROZEN, slab, 1, "=" },
			{ SLAB_EV_ALLOC, a[0], 0, "api" },
		};

		assert_journal(s, w, ARRAY_SIZE(w));
		/* the same call site: the same caller for each alloc */
		assert_ptr_equal(evs[2].caller, evs[3].caller);
		assert_ptr_equal(evs[3].caller, evs[8].caller);
	}
	{
		const struct tally_want t[] = {
			{ 0, "", SLUB_EV_NEW_SLAB, 1 }, { 0, "", SLAB_EV_ALLOC, 4 },
			{ 0, "", SLAB_EV_FREE, 1 }, { 0, "", SLUB_EV_FREE_FROZEN, 1 },
			{ 1, "", SLAB_EV_FREE, 1 }, { 1, "", SLUB_EV_FREE_FROZEN, 1 },
		};

		assert_tally(s, t, ARRAY_SIZE(t));
	}
	free_on(s, 0, a[0]);
	free_on(s, 0, a[2]);
	host_set_cpu(0);
	assert_int_equal(kmem_cache_shrink(s), 1);	/* the flushed empty slab discarded */
	assert_tally(s, (const struct tally_want[]){
		{ 0, "", SLAB_EV_FREE, 2 }, { 0, "", SLUB_EV_FREE_FROZEN, 2 },
		{ 0, "kmem_cache_shrink", SLUB_EV_FLUSH, 1 },
		{ 0, "kmem_cache_shrink", SLUB_EV_DEACTIVATE_EMPTY, 1 },
		{ 0, "kmem_cache_shrink", SLUB_EV_DISCARD_SLAB, 1 } }, 5);
	assert_int_equal(kmem_cache_journal_recorded(s), 9 + 4 + 3);
	/* SLUB's statistics: every call on the slow path, as untraced */
	assert_int_equal(stat_of(s, ALLOC_FASTPATH), 0);
	assert_int_equal(stat_of(s, FREE_FASTPATH), 0);
	assert_int_equal(stat_of(s, ALLOC_SLOWPATH), 4);
	assert_int_equal(stat_of(s, FREE_SLOWPATH), 5);
	assert_int_equal(stat_of(s, FREE_FROZEN), 4);
	assert_int_equal(node_of(s).nr_slabs, 0);
	kmem_cache_destroy(s);
}

/*
 * Slabs moving under a debug cache: a full CPU slab deactivated for a new
 * one, a free making it partial, another CPU taking it from the partial
 * list, frees into frozen slabs, and a shrink that flushes both CPU
 * slabs (empty, kept for min_partial) and discards them.
 */
static void test_debug_cache_slab_moves(void **state)
{
	struct kmem_cache *s = kmem_cache_create("slub_jdbg2", 8000, 8, DEBUG_DEFAULT_FLAGS, NULL);
	unsigned int n = info_of(s).objects, k = 0;
	void *a[8], *b;
	struct want w[64];

	(void)state;
	assert_true(n >= 3 && n <= 8);
	assert_true(info_of(s).min_partial > 2);
	assert_int_equal(kmem_cache_trace(s, SLAB_TRACE_ON), 0);
	for (unsigned int i = 0; i < n; i++)
		a[i] = alloc_on(s, 0);
	w[k++] = (struct want){ SLUB_EV(NEW_SLAB), a[0], 0, "api" };
	for (unsigned int i = 0; i < n; i++)
		w[k++] = (struct want){ SLAB_EV_ALLOC, a[i], 0, i ? "api" : "=" };
	b = alloc_on(s, 0);			/* a is full: deactivated, a new slab */
	w[k++] = (struct want){ SLUB_EV(DEACTIVATE_FULL), a[0], 0, "api" };
	w[k++] = (struct want){ SLUB_EV(NEW_SLAB), b, 0, "=" };
	w[k++] = (struct want){ SLAB_EV_ALLOC, b, 0, "=" };
	free_on(s, 1, a[0]);			/* full -> partial, at the tail */
	w[k++] = (struct want){ SLAB_EV_FREE, a[0], 1, "api" };
	w[k++] = (struct want){ SLUB_EV(FREE_ADD_PARTIAL), a[0], 1, "=" };
	assert_ptr_equal(alloc_on(s, 1), a[0]);	/* cpu1: a from the partial list */
	w[k++] = (struct want){ SLUB_EV(GET_PARTIAL), a[0], 1, "api" };
	w[k++] = (struct want){ SLAB_EV_ALLOC, a[0], 1, "=" };
	free_on(s, 2, b);			/* into cpu0's frozen slab */
	w[k++] = (struct want){ SLAB_EV_FREE, b, 2, "api" };
	w[k++] = (struct want){ SLUB_EV(FREE_FROZEN), b, 2, "=" };
	for (unsigned int i = 0; i < n; i++) {	/* a empties, still cpu1's: not discarded */
		free_on(s, 2, a[i]);
		w[k++] = (struct want){ SLAB_EV_FREE, a[i], 2, "api" };
		w[k++] = (struct want){ SLUB_EV(FREE_FROZEN), a[0], 2, "=" };
	}
	host_set_cpu(0);
	assert_int_equal(kmem_cache_shrink(s), 2 << oo_order(s->oo));
	w[k++] = (struct want){ SLUB_EV(FLUSH), b, 0, "kmem_cache_shrink" };
	w[k++] = (struct want){ SLUB_EV(DEACTIVATE_EMPTY), b, 0, "kmem_cache_shrink" };
	w[k++] = (struct want){ SLUB_EV(FLUSH), a[0], 1, "kmem_cache_shrink" };
	w[k++] = (struct want){ SLUB_EV(DEACTIVATE_EMPTY), a[0], 1, "kmem_cache_shrink" };
	/* partial list b, a; each moved to the head of shrink's empty list: a first */
	w[k++] = (struct want){ SLUB_EV(DISCARD_SLAB), a[0], 0, "kmem_cache_shrink" };
	w[k++] = (struct want){ SLUB_EV(DISCARD_SLAB), b, 0, "kmem_cache_shrink" };
	assert_true(k <= ARRAY_SIZE(w));
	assert_journal(s, w, k);
	assert_int_equal(stat_of(s, ALLOC_SLAB), 2);
	assert_int_equal(stat_of(s, ALLOC_FROM_PARTIAL), 1);
	assert_int_equal(stat_of(s, FREE_ADD_PARTIAL), 1);
	assert_int_equal(stat_of(s, DEACTIVATE_FULL), 1);
	assert_int_equal(stat_of(s, DEACTIVATE_EMPTY), 2);
	assert_int_equal(stat_of(s, FREE_FROZEN), n + 1);
	assert_int_equal(node_of(s).nr_slabs, 0);
	kmem_cache_destroy(s);
}

/*
 * An allocation the debug checks refuse (poison overwritten in a free
 * object) hands nothing out and records no alloc: its slab, marked all
 * used, is deactivated full and the object comes from a new slab.  The
 * cache is left behind (the marked slab keeps objects "in use").
 */
static void test_debug_refused_alloc(void **state)
{
	struct kmem_cache *s = kmem_cache_create("slub_jdbgm", 40, 8, DEBUG_DEFAULT_FLAGS, NULL);
	unsigned char *p, *q;

	(void)state;
	assert_int_equal(kmem_cache_trace(s, SLAB_TRACE_ON), 0);
	p = alloc_on(s, 0);
	free_on(s, 0, p);
	p[3] = 0x42;				/* a write after free */
	slab_mute_reports();
	q = alloc_on(s, 0);
	slab_unmute_reports();
	assert_non_null(q);
	assert_true(q < p || q >= p + PAGE_SIZE);
	{
		const struct want w[] = {
			{ SLUB_EV_NEW_SLAB, p, 0, "api" },
			{ SLAB_EV_ALLOC, p, 0, "=" },
			{ SLAB_EV_FREE, p, 0, "api" },
			{ SLUB_EV_FREE_FROZEN, p, 0, "=" },
			{ SLUB_EV_DEACTIVATE_FULL, p, 0, "api" },
			{ SLUB_EV_NEW_SLAB, q, 0, "=" },
			{ SLAB_EV_ALLOC, q, 0, "=" },
		};

		assert_journal(s, w, ARRAY_SIZE(w));
	}
	assert_last(s, p, SLAB_EV_FREE, 0);
	free_on(s, 0, q);
	host_set_cpu(0);
	assert_int_equal(kmem_cache_trace(s, SLAB_TRACE_OFF), 0);	/* the cache stays */
}

/* Destroying a traced cache: its flush is kmem_cache_destroy's; the journal goes with it. */
static void test_destroy_names_its_moves(void **state)
{
	struct kmem_cache *s = kmem_cache_create("slub_jd", 72, 8, 0, ctor_nop);
	void *x;

	(void)state;
	assert_int_equal(kmem_cache_trace(s, SLAB_TRACE_ON), 0);
	x = alloc_on(s, 3);
	free_on(s, 3, x);
	assert_tally(s, (const struct tally_want[]){ { 3, "", SLUB_EV_NEW_SLAB, 1 },
						     { 3, "", SLAB_EV_ALLOC, 1 },
						     { 3, "", SLAB_EV_FREE, 1 } }, 3);
	/* a refused destroy (an object out) flushes, named, and keeps the journal */
	x = alloc_on(s, 3);
	host_set_cpu(0);
	slab_mute_reports();
	kmem_cache_destroy(s);
	slab_unmute_reports();
	assert_ptr_equal(kmem_cache_find("slub_jd"), s);
	assert_tally(s, (const struct tally_want[]){
		{ 3, "", SLAB_EV_ALLOC, 1 },
		{ 3, "kmem_cache_destroy", SLUB_EV_FLUSH, 1 },
		{ 3, "kmem_cache_destroy", SLUB_EV_DEACTIVATE_HEAD, 1 } }, 3);
	free_on(s, 0, x);
	host_set_cpu(0);
	kmem_cache_destroy(s);
	assert_null(kmem_cache_find("slub_jd"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_remote_free_and_shrink, slub_test_setup),
		cmocka_unit_test_setup(test_slab_moves, slub_test_setup),
		cmocka_unit_test_setup(test_untraced, slub_test_setup),
		cmocka_unit_test_setup(test_debug_cache_traced, slub_test_setup),
		cmocka_unit_test_setup(test_debug_cache_slab_moves, slub_test_setup),
		cmocka_unit_test_setup(test_debug_refused_alloc, slub_test_setup),
		cmocka_unit_test_setup(test_destroy_names_its_moves, slub_test_setup),
	};

	return cmocka_run_group_tests(tests, slub_group_setup, slub_group_teardown);
}
