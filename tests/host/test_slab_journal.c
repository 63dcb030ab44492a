/*
 * test_slab_journal.c - the journal and the trace (mm/slab_journal.c and
 * its hooks in the allocator) on a host arena, under ASan/UBSan.
 *
 * The scenarios use small tunables so that every move happens within a
 * few calls, and compare the journal with the exact list of events Linux
 * 2.6.24's algorithm implies: which object, which move, which CPU, and
 * who caused it (the API call site, or the background work's name).
 * Objects are named by their index in the cache's first slab.  All
 * allocations and frees go through alloc_one() and free_one(), so the
 * journal's caller is one of two known call sites.  The clock is faked
 * where a test compares whole trace lines.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "mm/gfp.h"
#include "mm/mmzone.h"
#include "mm/slab.h"
#include "mm/slab_internal.h"
#include "host_platform.h"
#include "slab_check.h"

#define PAGE_EV (-1)		/* the event's object is the slab's first page */
#define CAPTURE_MAX 8192

enum who { BY_ALLOC, BY_FREE, BY_REAP, BY_SHRINK, BY_DESTROY, BY_TUNE };

struct want {
	enum slab_event_type type;
	int idx;		/* object index in the first slab, or PAGE_EV */
	unsigned int cpu;
	enum who who;
};

static struct slab_event evs[SLAB_JOURNAL_SIZE];
static char out[CAPTURE_MAX];

/* The two call sites of every allocation and free in these tests. */
static __noinline void *alloc_one(struct kmem_cache *c)
{
	void *p = kmem_cache_alloc(c, GFP_KERNEL);

	barrier();		/* not a tail call: the return address stays here */
	assert_non_null(p);
	return p;
}

static __noinline void free_one(struct kmem_cache *c, void *p)
{
	kmem_cache_free(c, p);
	barrier();
}

static bool in_function(const void *caller, void *fn)
{
	return (uintptr_t)caller - (uintptr_t)fn < 256;
}

static struct kmem_cache *make_cache(const char *name, size_t size, unsigned long flags,
				     int limit, int batchcount, int shared)
{
	struct kmem_cache *c = kmem_cache_create(name, size, 0, flags, NULL);

	assert_non_null(c);
	assert_int_equal(slabinfo_write(name, limit, batchcount, shared), 0);
	return c;
}

/* A journal from now on, without printing. */
static void start_journal(struct kmem_cache *c)
{
	assert_int_equal(kmem_cache_trace(c, SLAB_TRACE_ON), 0);
	assert_int_equal(kmem_cache_trace(c, SLAB_TRACE_OFF), 0);
	assert_int_equal(c->dbg & (DBG_JOURNAL | DBG_TRACE), DBG_JOURNAL);
}

/*
 * Where the slab an object is in lies, read while the slab exists (its
 * management goes with it): its first page and its object 0.
 */
struct slab_ref {
	struct kmem_cache *c;
	char *page, *obj0;
};

static struct slab_ref slab_of(struct kmem_cache *c, const void *objp)
{
	struct slab *slabp = virt_to_slab(objp);

	return (struct slab_ref){ c, (char *)slabp->s_mem - slabp->colouroff,
				  (char *)slabp->s_mem + c->obj_offset };
}

/* Object @idx of that slab (as its caller sees it). */
static char *obj_at(struct slab_ref r, int idx)
{
	return r.obj0 + (size_t)idx * r.c->buffer_size;
}

static const void *expected_caller(enum who who, const void *alloc_site, const void *free_site)
{
	switch (who) {
	case BY_ALLOC:
		return alloc_site;
	case BY_FREE:
		return free_site;
	case BY_REAP:
		return slab_mover(SLAB_MOVER_REAP);
	case BY_SHRINK:
		return slab_mover(SLAB_MOVER_SHRINK);
	case BY_DESTROY:
		return slab_mover(SLAB_MOVER_DESTROY);
	default:
		return slab_mover(SLAB_MOVER_TUNE);
	}
}

struct sites {
	const void *alloc, *free;
};

/* Learn the two call sites from the first events that carry them. */
static struct sites find_sites(const struct slab_event *ev, unsigned int n)
{
	struct sites s = { NULL, NULL };
	bool allocs = false, frees = false;

	for (unsigned int i = 0; i < n; i++) {
		if (ev[i].type == SLAB_EV_ALLOC && !allocs) {
			s.alloc = ev[i].caller;
			allocs = true;
		}
		if (ev[i].type == SLAB_EV_FREE && !frees) {
			s.free = ev[i].caller;
			frees = true;
		}
	}
	assert_true(!allocs || in_function(s.alloc, (void *)alloc_one));
	assert_true(!frees || in_function(s.free, (void *)free_one));
	return s;
}

/*
 * The journal's events @from on are exactly @w (then nothing), numbered
 * from @first_seq, in time order; objects are indexed in slab @r.
 */
static void expect_events(struct slab_ref r, unsigned int from, unsigned int first_seq,
			  const struct want *w, unsigned int nw)
{
	struct kmem_cache *c = r.c;
	unsigned int n = kmem_cache_journal(c, evs, SLAB_JOURNAL_SIZE);
	struct sites s = find_sites(evs, n);

	assert_int_equal(n, from + nw);
	for (unsigned int i = 0; i < nw; i++) {
		const struct slab_event *ev = &evs[from + i];
		const void *obj = w[i].idx == PAGE_EV ? r.page : obj_at(r, w[i].idx);
		const void *caller = expected_caller(w[i].who, s.alloc, s.free);

		if (ev->seq != first_seq + i || ev->type != w[i].type || ev->obj != obj ||
		    ev->cpu != w[i].cpu || ev->caller != caller)
			print_message("event %u: want %s of %d on cpu%u, got #%u %s of %p on cpu%u\n",
				      i, slab_event_name(w[i].type), w[i].idx, w[i].cpu, ev->seq,
				      slab_event_name(ev->type), ev->obj, ev->cpu);
		assert_int_equal(ev->seq, first_seq + i);
		assert_string_equal(slab_event_name(ev->type), slab_event_name(w[i].type));
		assert_ptr_equal(ev->obj, obj);
		assert_int_equal(ev->cpu, w[i].cpu);
		assert_ptr_equal(ev->caller, caller);
		if (from + i > 0)
			assert_true(ev->ns >= evs[from + i - 1].ns);
	}
}

/* ---- one object's travel through every layer ---- */

/*
 * limit 4, batchcount 2, a shared array of 1 x 2 entries, on cpu0: seven
 * allocations from an empty cache, their frees in the same order, two
 * reaper passes, a shrink.
 */
static const struct want travel[] = {
	/* 1: an empty cache grows; a refill of 2; the last one out */
	{ SLAB_EV_GROW, PAGE_EV, 0, BY_ALLOC },
	{ SLAB_EV_REFILL_SLAB, 0, 0, BY_ALLOC }, { SLAB_EV_REFILL_SLAB, 1, 0, BY_ALLOC },
	{ SLAB_EV_ALLOC, 1, 0, BY_ALLOC },
	{ SLAB_EV_ALLOC, 0, 0, BY_ALLOC },
	{ SLAB_EV_REFILL_SLAB, 2, 0, BY_ALLOC }, { SLAB_EV_REFILL_SLAB, 3, 0, BY_ALLOC },
	{ SLAB_EV_ALLOC, 3, 0, BY_ALLOC },
	{ SLAB_EV_ALLOC, 2, 0, BY_ALLOC },
	{ SLAB_EV_REFILL_SLAB, 4, 0, BY_ALLOC }, { SLAB_EV_REFILL_SLAB, 5, 0, BY_ALLOC },
	{ SLAB_EV_ALLOC, 5, 0, BY_ALLOC },
	{ SLAB_EV_ALLOC, 4, 0, BY_ALLOC },
	{ SLAB_EV_REFILL_SLAB, 6, 0, BY_ALLOC }, { SLAB_EV_REFILL_SLAB, 7, 0, BY_ALLOC },
	{ SLAB_EV_ALLOC, 7, 0, BY_ALLOC },
	/* frees 1 0 3 fill the array (6 1 0 3) */
	{ SLAB_EV_FREE, 1, 0, BY_FREE }, { SLAB_EV_FREE, 0, 0, BY_FREE },
	{ SLAB_EV_FREE, 3, 0, BY_FREE },
	/* full: the oldest two go to the shared array */
	{ SLAB_EV_FREE, 2, 0, BY_FREE },
	{ SLAB_EV_FLUSH_SHARED, 6, 0, BY_FREE }, { SLAB_EV_FLUSH_SHARED, 1, 0, BY_FREE },
	{ SLAB_EV_FREE, 5, 0, BY_FREE },
	/* full, the shared array too: the oldest two back to their slab */
	{ SLAB_EV_FREE, 4, 0, BY_FREE },
	{ SLAB_EV_TO_SLAB, 0, 0, BY_FREE }, { SLAB_EV_TO_SLAB, 3, 0, BY_FREE },
	{ SLAB_EV_FREE, 7, 0, BY_FREE },
	/* reaper pass 1: the array was used (touched cleared); the shared array's fifth */
	{ SLAB_EV_SHARED_TO_SLAB, 6, 0, BY_REAP },
	/* pass 2: the idle array's fifth */
	{ SLAB_EV_TO_SLAB, 2, 0, BY_REAP },
	/* shrink: cpu0's array, the shared array, then the free slab */
	{ SLAB_EV_TO_SLAB, 5, 0, BY_SHRINK }, { SLAB_EV_TO_SLAB, 4, 0, BY_SHRINK },
	{ SLAB_EV_TO_SLAB, 7, 0, BY_SHRINK },
	{ SLAB_EV_SHARED_TO_SLAB, 1, 0, BY_SHRINK },
	{ SLAB_EV_DESTROY, PAGE_EV, 0, BY_SHRINK },
};

static void journal_follows_objects_through_every_layer(void **state)
{
	struct kmem_cache *c = make_cache("test-travel", 64, 0, 4, 2, 1);
	static const int free_order[] = { 1, 0, 3, 2, 5, 4, 7 };
	struct reap_stats rs;		/* every cache's: not compared */
	struct slab_ref r;
	void *objs[7];

	(void)state;
	start_journal(c);
	for (int i = 0; i < 7; i++)
		objs[i] = alloc_one(c);
	r = slab_of(c, objs[0]);
	assert_ptr_equal(objs[0], obj_at(r, 1));
	for (int i = 0; i < 7; i++)
		free_one(c, obj_at(r, free_order[i]));
	jiffies += 10 * HZ;			/* the node's part is due */
	cache_reap_now(&rs);
	cache_reap_now(&rs);
	assert_int_equal(kmem_cache_shrink(c), 1 << c->gfporder);
	expect_events(r, 0, 0, travel, ARRAY_SIZE(travel));
	assert_int_equal(kmem_cache_journal_recorded(c), ARRAY_SIZE(travel));
	kmem_cache_destroy(c);
}

/* The periodic reaper is cache_reap too, whichever CPU runs it. */
static void the_periodic_reaper_is_named_cache_reap(void **state)
{
	struct kmem_cache *c = make_cache("test-periodic", 64, 0, 4, 2, 0);
	struct slab_ref r;
	void *p[2];

	(void)state;
	start_journal(c);
	p[0] = alloc_one(c);			/* o1; o0 stays in the array */
	r = slab_of(c, p[0]);
	p[1] = alloc_one(c);			/* o0 */
	free_one(c, p[0]);
	free_one(c, p[1]);			/* array: o1 o0, touched */
	for (int pass = 0; pass < 2; pass++) {	/* clears touched, then drains a fifth */
		jiffies += REAPTIMEOUT_CPUC;
		host_run_delayed_work(0);
	}
	{
		static const struct want w[] = {
			{ SLAB_EV_FREE, 1, 0, BY_FREE }, { SLAB_EV_FREE, 0, 0, BY_FREE },
			{ SLAB_EV_TO_SLAB, 1, 0, BY_REAP },
		};
		expect_events(r, 5, 5, w, ARRAY_SIZE(w));
	}
	kmem_cache_destroy(c);
}

/* Freed on cpu1, drained there by the shrink's IPI: cpu1 in both events. */
static void a_free_on_another_cpu_is_that_cpus(void **state)
{
	struct kmem_cache *c = make_cache("test-cpu1", 64, 0, 4, 2, 0);
	static const struct want w[] = {
		{ SLAB_EV_GROW, PAGE_EV, 0, BY_ALLOC },
		{ SLAB_EV_REFILL_SLAB, 0, 0, BY_ALLOC }, { SLAB_EV_REFILL_SLAB, 1, 0, BY_ALLOC },
		{ SLAB_EV_ALLOC, 1, 0, BY_ALLOC },
		{ SLAB_EV_FREE, 1, 1, BY_FREE },
		{ SLAB_EV_TO_SLAB, 0, 0, BY_SHRINK },	/* on_each_cpu: cpu0 first */
		{ SLAB_EV_TO_SLAB, 1, 1, BY_SHRINK },
		{ SLAB_EV_DESTROY, PAGE_EV, 0, BY_SHRINK },
	};
	struct slab_ref r;
	void *p;

	(void)state;
	start_journal(c);
	p = alloc_one(c);
	r = slab_of(c, p);
	host_set_cpu(1);
	free_one(c, p);
	host_set_cpu(0);
	kmem_cache_shrink(c);
	expect_events(r, 0, 0, w, ARRAY_SIZE(w));
	kmem_cache_destroy(c);
}

/*
 * cpu1 frees what cpu0 allocated: its array overflows into the shared
 * array, and cpu0's next refill takes them from there.
 */
static void objects_pass_between_cpus_through_the_shared_array(void **state)
{
	struct kmem_cache *c = make_cache("test-shared", 64, 0, 4, 2, 1);
	static const int free_order[] = { 1, 0, 3, 2, 5 };
	static const struct want w[] = {
		{ SLAB_EV_FREE, 1, 1, BY_FREE }, { SLAB_EV_FREE, 0, 1, BY_FREE },
		{ SLAB_EV_FREE, 3, 1, BY_FREE }, { SLAB_EV_FREE, 2, 1, BY_FREE },
		{ SLAB_EV_FREE, 5, 1, BY_FREE },
		{ SLAB_EV_FLUSH_SHARED, 1, 1, BY_FREE }, { SLAB_EV_FLUSH_SHARED, 0, 1, BY_FREE },
		{ SLAB_EV_ALLOC, 4, 0, BY_ALLOC },		/* what cpu0's array held */
		{ SLAB_EV_REFILL_SHARED, 1, 0, BY_ALLOC },
		{ SLAB_EV_REFILL_SHARED, 0, 0, BY_ALLOC },
		{ SLAB_EV_ALLOC, 0, 0, BY_ALLOC },
	};
	struct slab_ref r;
	unsigned int before;
	void *p[2];

	(void)state;
	start_journal(c);
	r = slab_of(c, alloc_one(c));		/* o1 o0 o3 o2 o5; o4 stays in the array */
	for (int i = 1; i < 5; i++)
		alloc_one(c);
	before = kmem_cache_journal_recorded(c);
	host_set_cpu(1);
	for (int i = 0; i < 5; i++)
		free_one(c, obj_at(r, free_order[i]));
	host_set_cpu(0);
	p[0] = alloc_one(c);
	p[1] = alloc_one(c);
	expect_events(r, before, before, w, ARRAY_SIZE(w));
	free_one(c, p[0]);
	free_one(c, p[1]);
	kmem_cache_shrink(c);
	kmem_cache_destroy(c);
}

/* A retune gives the old arrays back in do_tune_cpucache's name. */
static void a_retune_is_recorded_as_do_tune_cpucache(void **state)
{
	struct kmem_cache *c = make_cache("test-tune", 64, 0, 4, 2, 1);
	static const int free_order[] = { 1, 0, 3, 2, 5, 4 };
	static const struct want w[] = {
		{ SLAB_EV_TO_SLAB, 3, 0, BY_TUNE }, { SLAB_EV_TO_SLAB, 2, 0, BY_TUNE },
		{ SLAB_EV_TO_SLAB, 5, 0, BY_TUNE }, { SLAB_EV_TO_SLAB, 4, 0, BY_TUNE },
		{ SLAB_EV_SHARED_TO_SLAB, 1, 0, BY_TUNE },
		{ SLAB_EV_SHARED_TO_SLAB, 0, 0, BY_TUNE },
	};
	struct slab_ref r;
	unsigned int before;

	(void)state;
	start_journal(c);
	r = slab_of(c, alloc_one(c));
	for (int i = 1; i < 6; i++)
		alloc_one(c);
	for (int i = 0; i < 6; i++)	/* cpu0: o3 o2 o5 o4; shared: o1 o0 */
		free_one(c, obj_at(r, free_order[i]));
	before = kmem_cache_journal_recorded(c);
	assert_int_equal(slabinfo_write("test-tune", 8, 4, 0), 0);
	expect_events(r, before, before, w, ARRAY_SIZE(w));
	kmem_cache_shrink(c);
	kmem_cache_destroy(c);
}

/* ---- tracing ---- */

struct trace_call {
	struct kmem_cache *c;
	void *objp;
};

static void run_alloc(void *arg)
{
	struct trace_call *t = arg;

	t->objp = alloc_one(t->c);
}

static void run_free(void *arg)
{
	struct trace_call *t = arg;

	free_one(t->c, t->objp);
}

static void run_destroy(void *arg)
{
	kmem_cache_destroy(arg);
}

/* The caller column of an API call: its code address. */
static const char *site(const void *caller, char *buf)
{
	sprintf(buf, "0x%08lx", (unsigned long)(uintptr_t)caller);
	return buf;
}

static void trace_prints_each_event_once_and_off_stops_it(void **state)
{
	struct kmem_cache *c = make_cache("test-trace", 64, 0, 4, 2, 0);
	struct trace_call t = { c, NULL };
	char want[1024], a[32], f[32];
	unsigned long o0, o1, page;
	struct slab_ref r;
	unsigned int n;

	(void)state;
	assert_int_equal(kmem_cache_trace(c, SLAB_TRACE_EVENTS), 0);
	assert_int_equal(c->dbg, DBG_JOURNAL | DBG_TRACE | DBG_TRACE_EVENTS);
	host_fake_clock(3 * 1000000000ULL + 5000, 1000);	/* 3.000005 s, 1 us apart */
	host_capture_stdout(run_alloc, &t, out, sizeof(out));
	r = slab_of(c, t.objp);
	o1 = (unsigned long)(uintptr_t)t.objp;
	o0 = (unsigned long)(uintptr_t)obj_at(r, 0);
	page = (unsigned long)(uintptr_t)r.page;
	n = kmem_cache_journal(c, evs, SLAB_JOURNAL_SIZE);
	assert_int_equal(n, 4);
	site(evs[0].caller, a);
	snprintf(want, sizeof(want),
		 "trace test-trace: #0      cpu0     3.000005 grow         0x%08lx %s\n"
		 "trace test-trace: #1      cpu0     3.000006 slab->cpu    0x%08lx %s\n"
		 "trace test-trace: #2      cpu0     3.000007 slab->cpu    0x%08lx %s\n"
		 "trace test-trace: #3      cpu0     3.000008 alloc        0x%08lx %s\n",
		 page, a, o0, a, o1, a, o1, a);
	assert_string_equal(out, want);

	host_capture_stdout(run_free, &t, out, sizeof(out));
	assert_int_equal(kmem_cache_journal(c, evs, SLAB_JOURNAL_SIZE), 5);
	snprintf(want, sizeof(want),
		 "trace test-trace: #4      cpu0     3.000009 free         0x%08lx %s\n", o1,
		 site(evs[4].caller, f));
	assert_string_equal(out, want);
	assert_string_not_equal(a, f);

	/* off: nothing printed, the journal goes on */
	assert_int_equal(kmem_cache_trace(c, SLAB_TRACE_OFF), 0);
	assert_int_equal(c->dbg, DBG_JOURNAL);
	host_capture_stdout(run_alloc, &t, out, sizeof(out));
	assert_string_equal(out, "");
	assert_int_equal(kmem_cache_journal(c, evs, SLAB_JOURNAL_SIZE), 6);
	assert_int_equal(evs[5].type, SLAB_EV_ALLOC);
	assert_int_equal(kmem_cache_journal_recorded(c), 6);

	/* on again, and the destroy's moves are kmem_cache_destroy's */
	assert_int_equal(kmem_cache_trace(c, SLAB_TRACE_EVENTS), 0);
	host_capture_stdout(run_free, &t, out, sizeof(out));
	snprintf(want, sizeof(want),
		 "trace test-trace: #6      cpu0     3.000011 free         0x%08lx %s\n", o1, f);
	assert_string_equal(out, want);
	host_capture_stdout(run_destroy, c, out, sizeof(out));
	snprintf(want, sizeof(want),
		 "trace test-trace: #7      cpu0     3.000012 cpu->slab    0x%08lx kmem_cache_destroy\n"
		 "trace test-trace: #8      cpu0     3.000013 cpu->slab    0x%08lx kmem_cache_destroy\n"
		 "trace test-trace: #9      cpu0     3.000014 destroy      0x%08lx kmem_cache_destroy\n",
		 o0, o1, page);
	assert_string_equal(out, want);
	host_fake_clock(0, 0);
}

/*
 * A cache without debug checks: objects allocated on the fast path are
 * freed on the debug path and the other way round, with no report, and
 * the cache stays consistent through on, off and destroy.
 */
static void trace_on_and_off_a_plain_cache_keeps_it_working(void **state)
{
	struct kmem_cache *c = make_cache("test-plain", 64, 0, 8, 4, 1);
	unsigned long pages_before = global_page_state(NR_FREE_PAGES);
	struct kmem_cache_info info;
	unsigned int n, allocs = 0, frees = 0;
	void *objs[40];

	(void)state;
	assert_int_equal(c->dbg, 0);
	assert_int_equal(c->obj_offset, 0);
	for (int i = 0; i < 40; i++)
		objs[i] = alloc_one(c);		/* the fast path */
	assert_int_equal(kmem_cache_trace(c, SLAB_TRACE_ON), 0);
	assert_int_equal(kmem_cache_trace(c, SLAB_TRACE_OFF), 0);
	for (int i = 0; i < 20; i++)
		free_one(c, objs[i]);		/* the debug path, buffers from the fast one */
	for (int i = 0; i < 20; i++)
		objs[i] = alloc_one(c);
	for (int i = 0; i < 40; i++)
		free_one(c, objs[i]);
	check_cache(c);
	kmem_cache_get_info(c, &info);
	assert_true(info.journal);
	assert_false(info.trace);
	assert_int_equal(info.errors, 0);
	/* nothing handed out: only the arrays' objects are off their slabs */
	assert_int_equal(info.num_active, c->array[0]->avail + c->nodelists[0]->shared->avail);
	/* 20 frees, 20 allocs, 40 frees: each recorded, with the moves they caused */
	n = kmem_cache_journal(c, evs, SLAB_JOURNAL_SIZE);
	assert_int_equal(n, kmem_cache_journal_recorded(c));
	for (unsigned int i = 0; i < n; i++) {
		allocs += evs[i].type == SLAB_EV_ALLOC;
		frees += evs[i].type == SLAB_EV_FREE;
	}
	assert_int_equal(allocs, 20);
	assert_int_equal(frees, 60);
	kmem_cache_shrink(c);
	kmem_cache_destroy(c);
	assert_true(global_page_state(NR_FREE_PAGES) >= pages_before);
}

/* No memory for a journal: -ENOMEM and the cache as it was. */
static void trace_on_without_memory_changes_nothing(void **state)
{
	struct kmem_cache *c = make_cache("test-nomem", 64, 0, 4, 2, 0);
	unsigned long *pages;
	unsigned int n = 0;

	(void)state;
	kmem_cache_shrink_all();		/* no cached journal-sized object anywhere */
	pages = calloc(global_page_state(NR_FREE_PAGES) + 1, sizeof(*pages));
	while (global_page_state(NR_FREE_PAGES)) {
		pages[n] = __get_free_page(GFP_KERNEL | __GFP_NOWARN);
		assert_true(pages[n++] != 0);
	}
	assert_int_equal(kmem_cache_trace(c, SLAB_TRACE_ON), -ENOMEM);
	assert_int_equal(c->dbg, 0);
	assert_null(c->journal);
	while (n)
		free_page(pages[--n]);
	free(pages);
	assert_int_equal(kmem_cache_trace(c, SLAB_TRACE_ON), 0);
	assert_non_null(c->journal);
	assert_int_equal(kmem_cache_trace(c, SLAB_TRACE_OFF), 0);
	kmem_cache_destroy(c);
}

/* ---- the ring ---- */

static void journal_keeps_the_newest_256_and_finds_the_last_user(void **state)
{
	struct kmem_cache *c = make_cache("test-wrap", 64, 0, 4, 2, 0);
	struct slab_event ev;
	void *a, *b, *c3;
	unsigned int n;

	(void)state;
	start_journal(c);
	a = alloc_one(c);			/* #0 grow, #1 #2 refills, #3 alloc */
	free_one(c, a);				/* #4 */
	for (int i = 1; i < 150; i++) {		/* #5 .. #302: alloc, free of a */
		assert_ptr_equal(alloc_one(c), a);
		free_one(c, a);
	}
	assert_int_equal(kmem_cache_journal_recorded(c), 303);
	n = kmem_cache_journal(c, evs, SLAB_JOURNAL_SIZE);
	assert_int_equal(n, SLAB_JOURNAL_SIZE);
	for (unsigned int i = 0; i < n; i++) {
		assert_int_equal(evs[i].seq, 303 - SLAB_JOURNAL_SIZE + i);
		assert_int_equal(evs[i].type, evs[i].seq % 2 ? SLAB_EV_ALLOC : SLAB_EV_FREE);
		assert_ptr_equal(evs[i].obj, a);
	}
	/* a short copy is the oldest events kept */
	assert_int_equal(kmem_cache_journal(c, evs, 3), 3);
	assert_int_equal(evs[0].seq, 303 - SLAB_JOURNAL_SIZE);

	assert_true(slab_journal_last(c, a, &ev));
	assert_int_equal(ev.seq, 302);
	assert_int_equal(ev.type, SLAB_EV_FREE);
	a = alloc_one(c);			/* #303 alloc a */
	b = alloc_one(c);			/* #304 alloc b (o0) */
	assert_true(slab_journal_last(c, a, &ev));
	assert_int_equal(ev.seq, 303);
	assert_int_equal(ev.type, SLAB_EV_ALLOC);
	assert_true(slab_journal_last(c, b, &ev));
	assert_int_equal(ev.seq, 304);
	c3 = alloc_one(c);			/* #305 #306 refill o2 o3, #307 alloc o3 */
	assert_true(slab_journal_last(c, c3, &ev));
	assert_int_equal(ev.seq, 307);
	/* o2 only moved into the array: no alloc or free of it to find */
	assert_false(slab_journal_last(c, obj_at(slab_of(c, a), 2), &ev));
	free_one(c, a);
	free_one(c, b);
	free_one(c, c3);
	kmem_cache_destroy(c);
}

struct lap {
	struct kmem_cache *c;
	int tag;
};

/* A whole lap of the ring on cpu1, between a cpu0 writer's number and its write. */
static void lap_on_cpu1(void *arg)
{
	struct lap *l = arg;

	host_set_cpu(1);
	for (int i = 0; i < SLAB_JOURNAL_SIZE; i++)
		slab_journal_record(l->c, SLAB_EV_FREE, &l->tag);
	host_set_cpu(0);
}

static void a_writer_overtaken_by_a_lap_keeps_the_newer_events(void **state)
{
	struct kmem_cache *c = make_cache("test-lap", 64, 0, 4, 2, 0);
	struct lap l = { c, 0 };
	int mine;

	(void)state;
	start_journal(c);
	host_clock_hook(lap_on_cpu1, &l);
	slab_journal_record(c, SLAB_EV_ALLOC, &mine);	/* number 0, written last */
	assert_int_equal(kmem_cache_journal_recorded(c), SLAB_JOURNAL_SIZE + 1);
	assert_int_equal(kmem_cache_journal(c, evs, SLAB_JOURNAL_SIZE), SLAB_JOURNAL_SIZE);
	for (unsigned int i = 0; i < SLAB_JOURNAL_SIZE; i++) {
		assert_int_equal(evs[i].seq, i + 1);
		assert_int_equal(evs[i].cpu, 1);
		assert_ptr_equal(evs[i].obj, &l.tag);
	}
	kmem_cache_destroy(c);
}

/*
 * An off-slab cache grows inside an allocation: the slab's management
 * comes from a general cache, a nested allocation that has its own
 * caller.  The outer events after it keep the outer caller.
 */
static void a_nested_allocation_keeps_the_outer_caller(void **state)
{
	struct kmem_cache *c = make_cache("test-nested", 1024, 0, 4, 2, 0);
	struct kmem_cache *mgmt = c->slabp_cache;
	unsigned int mgmt_before, n;
	void *p;

	(void)state;
	assert_true(OFF_SLAB(c));
	start_journal(c);
	start_journal(mgmt);			/* a general cache: it keeps it */
	mgmt_before = kmem_cache_journal_recorded(mgmt);
	p = alloc_one(c);
	n = kmem_cache_journal(c, evs, SLAB_JOURNAL_SIZE);
	assert_int_equal(n, 4);			/* grow, 2 refills, alloc */
	for (unsigned int i = 0; i < n; i++)
		assert_ptr_equal(evs[i].caller, evs[3].caller);
	assert_true(in_function(evs[3].caller, (void *)alloc_one));
	/* the management's allocation: its own caller (in the allocator) */
	assert_true(kmem_cache_journal_recorded(mgmt) > mgmt_before);
	assert_true(slab_journal_last(mgmt, virt_to_slab(p), &evs[0]));
	assert_int_equal(evs[0].type, SLAB_EV_ALLOC);
	assert_non_null(evs[0].caller);
	assert_false(in_function(evs[0].caller, (void *)alloc_one));
	free_one(c, p);
	kmem_cache_shrink(c);
	kmem_cache_destroy(c);
}

/* A store_user cache keeps a journal from its creation, without tracing. */
static void a_store_user_cache_has_a_journal_from_creation(void **state)
{
	struct kmem_cache *c = kmem_cache_create("test-su", 64, 0, SLAB_STORE_USER, NULL);
	struct kmem_cache *plain = kmem_cache_create("test-nosu", 64, 0, 0, NULL);
	void *p;

	(void)state;
	assert_non_null(c->journal);
	assert_int_equal(c->dbg, DBG_CHECKS | DBG_JOURNAL);
	assert_null(plain->journal);
	assert_int_equal(kmem_cache_journal(plain, evs, SLAB_JOURNAL_SIZE), 0);
	assert_int_equal(kmem_cache_journal_recorded(plain), 0);
	p = alloc_one(c);
	assert_true(kmem_cache_journal(c, evs, SLAB_JOURNAL_SIZE) > 0);
	assert_true(slab_journal_last(c, p, &evs[0]));
	/* trace on and off leave it a store_user cache with its journal */
	assert_int_equal(kmem_cache_trace(c, SLAB_TRACE_ON), 0);
	assert_int_equal(kmem_cache_trace(c, SLAB_TRACE_OFF), 0);
	assert_int_equal(c->dbg, DBG_CHECKS | DBG_JOURNAL);
	free_one(c, p);
	kmem_cache_destroy(c);
	kmem_cache_destroy(plain);
}

static void movers_are_named_and_addresses_are_not(void **state)
{
	struct slab_event ev = { .ns = 12345678901ULL, .obj = (void *)0x1000, .seq = 42,
				 .cpu = 3, .type = SLAB_EV_SHARED_TO_SLAB };
	char line[SLAB_EVENT_LINE_MAX];
	static const char *const names[] = { "cache_reap", "kmem_cache_shrink",
					     "kmem_cache_destroy", "do_tune_cpucache" };

	(void)state;
	for (unsigned int m = 0; m < ARRAY_SIZE(names); m++) {
		char want[SLAB_EVENT_LINE_MAX];

		ev.caller = slab_mover((enum slab_mover)m);
		slab_event_format(&ev, line, sizeof(line));
		snprintf(want, sizeof(want), "#42     cpu3    12.345678 shared->slab 0x00001000 %s",
			 names[m]);
		assert_string_equal(line, want);
	}
	ev.caller = (const char *)slab_mover(SLAB_MOVER_REAP) + 1;	/* inside, not a token */
	ev.type = SLAB_EV_TO_SLAB;
	slab_event_format(&ev, line, sizeof(line));
	assert_non_null(strstr(line, "cpu->slab    0x00001000 0x"));
	ev.caller = NULL;
	slab_event_format(&ev, line, sizeof(line));
	assert_string_equal(line, "#42     cpu3    12.345678 cpu->slab    0x00001000 0x00000000");
}

/* ---- the tally a traced cache keeps for the shell's report ---- */

static struct slab_trace_counts delta[NR_CPUS][SLAB_TRACE_ROWS];

/* What a take must say: one row's counts, every other row 0. */
struct row_want {
	unsigned int cpu, row;
	unsigned int ev[SLAB_EV_TYPES];
	unsigned int refills[SLAB_REFILL_KINDS];
	unsigned int flushes_shared, flushes_slabs;
};

static void expect_take(struct kmem_cache *c, const struct row_want *w, unsigned int nw)
{
	assert_int_equal(kmem_cache_trace_take(c, delta), nw > 0);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		for (unsigned int row = 0; row < SLAB_TRACE_ROWS; row++) {
			const struct slab_trace_counts *d = &delta[cpu][row];
			struct row_want zero = { cpu, row, { 0 }, { 0 }, 0, 0 };
			const struct row_want *e = &zero;

			for (unsigned int i = 0; i < nw; i++)
				if (w[i].cpu == cpu && w[i].row == row)
					e = &w[i];
			for (unsigned int t = 0; t < SLAB_EV_TYPES; t++) {
				if (d->events[t] != e->ev[t])
					print_message("cpu%u row %u: %s %u, want %u\n", cpu, row,
						      slab_event_name(t), d->events[t], e->ev[t]);
				assert_int_equal(d->events[t], e->ev[t]);
			}
			for (unsigned int k = 0; k < SLAB_REFILL_KINDS; k++)
				assert_int_equal(d->refills[k], e->refills[k]);
			assert_int_equal(d->flushes_shared, e->flushes_shared);
			assert_int_equal(d->flushes_slabs, e->flushes_slabs);
			assert_int_equal(d->grown_next, e->ev[SLAB_EV_GROW]);
		}
}

#define ROW_REAP   (1 + SLAB_MOVER_REAP)
#define ROW_SHRINK (1 + SLAB_MOVER_SHRINK)

/*
 * The travel scenario of journal_follows_objects_through_every_layer(),
 * taken after each step: every event counted once, in the row of the
 * CPU and the work that caused it, with the refills and flushes as
 * calls, and a take starting where the last one ended.
 */
static void the_tally_counts_each_step_by_cpu_and_work(void **state)
{
	struct kmem_cache *c = make_cache("test-tally", 64, 0, 4, 2, 1);
	static const int free_order[] = { 1, 0, 3, 2, 5, 4, 7 };
	struct reap_stats rs;
	struct kmem_cache *traced[4];
	struct slab_ref r;
	void *objs[7];

	(void)state;
	assert_int_equal(kmem_cache_traced(traced, 4), 0);
	assert_int_equal(kmem_cache_trace(c, SLAB_TRACE_ON), 0);
	assert_int_equal(c->dbg, DBG_JOURNAL | DBG_TRACE);
	assert_int_equal(kmem_cache_traced(traced, 4), 1);
	assert_ptr_equal(traced[0], c);
	expect_take(c, NULL, 0);

	/* seven allocations: one grown refill of 2, three more of 2 from the slab */
	for (int i = 0; i < 7; i++)
		objs[i] = alloc_one(c);
	r = slab_of(c, objs[0]);
	{
		static const struct row_want w[] = { {
			0, 0, { [SLAB_EV_ALLOC] = 7, [SLAB_EV_REFILL_SLAB] = 8, [SLAB_EV_GROW] = 1 },
			{ [SLAB_REFILL_GROWN] = 1, [SLAB_REFILL_SLABS] = 3 }, 0, 0 } };

		expect_take(c, w, 1);
	}
	assert_ptr_equal(delta[0][0].grown[0].slab, r.page);
	assert_int_equal(delta[0][0].grown[0].colour, 0);
	expect_take(c, NULL, 0);		/* nothing since */

	/* the frees: one flush to the shared array, one to the slab */
	for (int i = 0; i < 7; i++)
		free_one(c, obj_at(r, free_order[i]));
	{
		static const struct row_want w[] = { {
			0, 0, { [SLAB_EV_FREE] = 7, [SLAB_EV_FLUSH_SHARED] = 2,
				[SLAB_EV_TO_SLAB] = 2 }, { 0 }, 1, 1 } };

		expect_take(c, w, 1);
	}

	/* two reaper passes: the shared array's fifth, then the idle array's */
	jiffies += 10 * HZ;
	cache_reap_now(&rs);
	cache_reap_now(&rs);
	{
		static const struct row_want w[] = { {
			0, ROW_REAP, { [SLAB_EV_SHARED_TO_SLAB] = 1, [SLAB_EV_TO_SLAB] = 1 },
			{ 0 }, 0, 0 } };

		expect_take(c, w, 1);
	}
	assert_string_equal(slab_trace_row_name(ROW_REAP), "cache_reap");
	assert_string_equal(slab_trace_row_name(0), "");

	/* a free on cpu1 is cpu1's; the shrink drains both CPUs and the node */
	objs[0] = alloc_one(c);
	host_set_cpu(1);
	free_one(c, objs[0]);
	host_set_cpu(0);
	assert_int_equal(kmem_cache_shrink(c), 1 << c->gfporder);
	{
		static const struct row_want w[] = {
			{ 0, 0, { [SLAB_EV_ALLOC] = 1 }, { 0 }, 0, 0 },
			{ 1, 0, { [SLAB_EV_FREE] = 1 }, { 0 }, 0, 0 },
			{ 0, ROW_SHRINK, { [SLAB_EV_TO_SLAB] = 2, [SLAB_EV_SHARED_TO_SLAB] = 1,
					   [SLAB_EV_DESTROY] = 1 }, { 0 }, 0, 0 },
			{ 1, ROW_SHRINK, { [SLAB_EV_TO_SLAB] = 1 }, { 0 }, 0, 0 },
		};

		expect_take(c, w, ARRAY_SIZE(w));
	}
	assert_string_equal(slab_trace_row_name(ROW_SHRINK), "kmem_cache_shrink");

	/* off: no longer listed; on again: what happened meanwhile is not this trace's */
	assert_int_equal(kmem_cache_trace(c, SLAB_TRACE_OFF), 0);
	assert_int_equal(kmem_cache_traced(traced, 4), 0);
	free_one(c, alloc_one(c));
	assert_int_equal(kmem_cache_trace(c, SLAB_TRACE_ON), 0);
	expect_take(c, NULL, 0);
	kmem_cache_shrink(c);
	kmem_cache_destroy(c);
}

/*
 * Each grow is listed with its colour, l3->colour_next cycling through
 * the cache's colours; a take keeps the newest SLAB_TRACE_GROWN, oldest
 * first, however many grew.  A refill that had to grow counts as grown.
 */
static void grown_slabs_are_listed_with_their_colours(void **state)
{
	struct kmem_cache *c = make_cache("test-colours", 200, 0, 4, 2, 0);
	unsigned int grows = SLAB_TRACE_GROWN + 2, per_slab = c->num;
	const void *pages[SLAB_TRACE_GROWN + 2];
	void **objs = calloc(grows * per_slab, sizeof(void *));

	(void)state;
	assert_non_null(objs);
	assert_true(c->colour >= 3);		/* the cycle shows */
	assert_int_equal(kmem_cache_trace(c, SLAB_TRACE_ON), 0);
	for (unsigned int i = 0; i < grows * per_slab; i++) {
		objs[i] = alloc_one(c);
		if (i % per_slab == 0)
			pages[i / per_slab] = slab_of(c, objs[i]).page;
	}
	assert_true(kmem_cache_trace_take(c, delta));
	assert_int_equal(delta[0][0].events[SLAB_EV_GROW], grows);
	assert_int_equal(delta[0][0].refills[SLAB_REFILL_GROWN], grows);
	assert_int_equal(delta[0][0].grown_next, SLAB_TRACE_GROWN);
	for (unsigned int i = 0; i < SLAB_TRACE_GROWN; i++) {
		unsigned int k = grows - SLAB_TRACE_GROWN + i;	/* the k-th grow */

		assert_ptr_equal(delta[0][0].grown[i].slab, pages[k]);
		assert_int_equal(delta[0][0].grown[i].colour, k % c->colour);
	}
	for (unsigned int i = 0; i < grows * per_slab; i++)
		free_one(c, objs[i]);
	free(objs);
	kmem_cache_shrink(c);
	kmem_cache_destroy(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(journal_follows_objects_through_every_layer),
		cmocka_unit_test(the_periodic_reaper_is_named_cache_reap),
		cmocka_unit_test(a_free_on_another_cpu_is_that_cpus),
		cmocka_unit_test(objects_pass_between_cpus_through_the_shared_array),
		cmocka_unit_test(a_retune_is_recorded_as_do_tune_cpucache),
		cmocka_unit_test(trace_prints_each_event_once_and_off_stops_it),
		cmocka_unit_test(trace_on_and_off_a_plain_cache_keeps_it_working),
		cmocka_unit_test(trace_on_without_memory_changes_nothing),
		cmocka_unit_test(journal_keeps_the_newest_256_and_finds_the_last_user),
		cmocka_unit_test(a_writer_overtaken_by_a_lap_keeps_the_newer_events),
		cmocka_unit_test(a_nested_allocation_keeps_the_outer_caller),
		cmocka_unit_test(a_store_user_cache_has_a_journal_from_creation),
		cmocka_unit_test(movers_are_named_and_addresses_are_not),
		cmocka_unit_test(the_tally_counts_each_step_by_cpu_and_work),
		cmocka_unit_test(grown_slabs_are_listed_with_their_colours),
	};

	return cmocka_run_group_tests(tests, slab_group_setup, slab_group_teardown);
}
