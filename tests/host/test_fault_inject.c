/*
 * test_fault_inject.c - the fault injectors (mm/fault_inject.c) and what
 * every caller of the allocators does when they fire, on a host arena of
 * 64 MiB under ASan/UBSan.
 *
 * First the decision itself: which calls "every N" and "prob P" fail,
 * exactly.  Then the sweeps: a workload (kmem_cache_create, allocations,
 * kmalloc, a retune, frees, shrink, destroy) runs once for each N with
 * only the Nth page allocation failing, then with only the Nth slab
 * growth failing, until an N beyond the workload's last call fails
 * nothing.  After every run, with the injectors off and every cache
 * shrunk: the buddy allocator has exactly the free pages it had before,
 * every cache that was there holds exactly the objects it held, the
 * chain has no new cache, and kmem_cache_verify() finds nothing.
 * Whatever the allocator printed is captured and must be only the two
 * out-of-memory reports.
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
#include "mm/fault_inject.h"
#include "mm/gfp.h"
#include "mm/mmzone.h"
#include "mm/slab.h"
#include "mm/slab_inspect.h"
#include "mm/slab_internal.h"
#include "host_platform.h"
#include "slab_check.h"

static void injectors_off(void)
{
	assert_true(fault_attr_set(&fail_page_alloc, FAULT_OFF, 0, 0, 0));
	assert_true(fault_attr_set(&failslab, FAULT_OFF, 0, 0, 0));
}

static unsigned long failures(const struct fault_attr *attr)
{
	struct fault_status st;

	fault_attr_status(attr, &st);
	return st.failures;
}

static unsigned long calls(const struct fault_attr *attr)
{
	struct fault_status st;

	fault_attr_status(attr, &st);
	return st.calls;
}

/* ---- the decision ---- */

static void every_n_fails_the_multiples_of_n(void **state)
{
	struct fault_attr a = { .name = "t" };
	char got[13] = { 0 };

	(void)state;
	assert_true(fault_attr_set(&a, FAULT_EVERY, 3, 0, 0));
	for (int i = 0; i < 12; i++)
		got[i] = should_fail(&a) ? 'F' : '.';
	assert_string_equal(got, "..F..F..F..F");
	assert_int_equal(calls(&a), 12);
	assert_int_equal(failures(&a), 4);
	/* times 1: only the 3rd call of the run fails */
	assert_true(fault_attr_set(&a, FAULT_EVERY, 3, 0, 1));
	for (int i = 0; i < 12; i++)
		got[i] = should_fail(&a) ? 'F' : '.';
	assert_string_equal(got, "..F.........");
	assert_int_equal(failures(&a), 1);
	/* held: no call fails or counts, and the run goes on where it was */
	assert_true(fault_attr_set(&a, FAULT_EVERY, 3, 0, 0));
	assert_false(should_fail(&a));
	fault_injection_hold();
	fault_injection_hold();
	for (int i = 0; i < 6; i++)
		assert_false(should_fail(&a));
	fault_injection_release();
	assert_false(should_fail(&a));
	fault_injection_release();
	assert_int_equal(calls(&a), 1);
	assert_false(should_fail(&a));
	assert_true(should_fail(&a));
	assert_int_equal(calls(&a), 3);
	assert_int_equal(failures(&a), 1);
	/* off keeps the last run's counts and fails nothing */
	assert_true(fault_attr_set(&a, FAULT_OFF, 0, 0, 0));
	assert_int_equal(calls(&a), 3);
	assert_false(should_fail(&a));
}

static void prob_p_is_seeded_and_near_p(void **state)
{
	struct fault_attr a = { .name = "t" };
	static char first[10001], again[10001], other[10001];
	unsigned long n;

	(void)state;
	assert_true(fault_attr_set(&a, FAULT_PROB, 10, 42, 0));
	for (int i = 0; i < 10000; i++)
		first[i] = should_fail(&a) ? 'F' : '.';
	n = failures(&a);
	assert_true(n > 900 && n < 1100);	/* 10% of 10000, give or take 3 sigma */
	assert_true(fault_attr_set(&a, FAULT_PROB, 10, 42, 0));
	for (int i = 0; i < 10000; i++)
		again[i] = should_fail(&a) ? 'F' : '.';
	assert_string_equal(first, again);	/* the same seed fails the same calls */
	assert_true(fault_attr_set(&a, FAULT_PROB, 10, 43, 0));
	for (int i = 0; i < 10000; i++)
		other[i] = should_fail(&a) ? 'F' : '.';
	assert_string_not_equal(first, other);
	assert_true(fault_attr_set(&a, FAULT_PROB, 100, 7, 0));
	for (int i = 0; i < 100; i++)
		assert_true(should_fail(&a));
}

static void bad_settings_change_nothing(void **state)
{
	struct fault_attr a = { .name = "t" };

	(void)state;
	assert_true(fault_attr_set(&a, FAULT_EVERY, 5, 0, 0));
	assert_false(fault_attr_set(&a, FAULT_EVERY, 0, 0, 0));
	assert_false(fault_attr_set(&a, FAULT_PROB, 0, 0, 0));
	assert_false(fault_attr_set(&a, FAULT_PROB, 101, 0, 0));
	assert_int_equal(a.mode, FAULT_EVERY);
	assert_int_equal(a.value, 5);
}

/* ---- the hooks ---- */

static void pages_injector_fails_alloc_pages_only_when_on(void **state)
{
	unsigned long before = global_page_state(NR_FREE_PAGES);
	struct page *page, *nofail;

	(void)state;
	assert_true(fault_attr_set(&fail_page_alloc, FAULT_EVERY, 2, 0, 0));
	page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 3);	/* call 1 */
	assert_non_null(page);
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0));	/* call 2: fails */
	assert_int_equal(global_page_state(NR_FREE_PAGES), before - 8);
	nofail = alloc_pages(GFP_KERNEL | __GFP_NOFAIL, 0);	/* never asked */
	assert_non_null(nofail);
	injectors_off();
	assert_int_equal(calls(&fail_page_alloc), 2);
	assert_int_equal(failures(&fail_page_alloc), 1);
	__free_pages(nofail, 0);
	__free_pages(page, 3);
	assert_int_equal(global_page_state(NR_FREE_PAGES), before);
}

static void slab_injector_fails_growth_not_array_hits(void **state)
{
	struct kmem_cache *c = kmem_cache_create("finj-hook", 64, 0, 0, NULL);
	void *obj, *again;

	(void)state;
	assert_non_null(c);
	assert_true(fault_attr_set(&failslab, FAULT_EVERY, 1, 0, 0));
	assert_null(kmem_cache_alloc(c, GFP_KERNEL | __GFP_NOWARN));	/* must grow: fails */
	assert_int_equal(c->nodelists[0]->free_objects, 0);
	injectors_off();
	obj = kmem_cache_alloc(c, GFP_KERNEL);
	assert_non_null(obj);
	kmem_cache_free(c, obj);
	assert_true(fault_attr_set(&failslab, FAULT_EVERY, 1, 0, 0));
	again = kmem_cache_alloc(c, GFP_KERNEL);	/* from this CPU's array: no growth */
	assert_ptr_equal(again, obj);
	injectors_off();
	assert_int_equal(calls(&failslab), 0);
	kmem_cache_free(c, again);
	kmem_cache_destroy(c);
}

/* ---- the sweeps ---- */

struct scenario {
	const char *name;
	size_t size;
	unsigned long flags;
};

static const struct scenario scenarios[] = {
	{ "finj-small", 100, 0 },				/* on-slab, order 0 */
	{ "finj-offslab", 2048, 0 },				/* management from a general cache */
	{ "finj-big", 40000, 0 },				/* order > 0 */
	{ "finj-debug", 200, SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER },	/* a journal */
};

#define WORK_OBJS 150
#define WORK_KMALLOCS 20

static bool on_chain(const char *name)
{
	struct kmem_cache *pc;

	list_for_each_entry(pc, &cache_chain, next)
		if (strcmp(pc->name, name) == 0)
			return true;
	return false;
}

/* What a retune that failed must leave: the tunables and the arrays. */
static void check_untouched(struct kmem_cache *c, unsigned int limit, struct array_cache *ac0)
{
	assert_int_equal(c->limit, limit);
	assert_ptr_equal(c->array[0], ac0);
}

static void retune(struct kmem_cache *c)
{
	unsigned int limit = c->limit;
	struct array_cache *ac0 = c->array[0];
	int err = slabinfo_write(c->name, 30, 7, 4);

	if (err) {
		assert_int_equal(err, -ENOMEM);
		check_untouched(c, limit, ac0);
	} else {
		assert_int_equal(c->limit, 30);
	}
}

/* The workload; every allocation may fail.  Leaves nothing behind. */
static void workload(void *arg)
{
	const struct scenario *sc = arg;
	struct kmem_cache *c = kmem_cache_create(sc->name, sc->size, 0, sc->flags, NULL);
	void *objs[WORK_OBJS], *kobjs[WORK_KMALLOCS];

	if (!c) {
		assert_false(on_chain(sc->name));	/* no half-built cache */
		return;
	}
	for (int i = 0; i < WORK_OBJS; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (int i = 0; i < WORK_KMALLOCS; i++)
		kobjs[i] = kmalloc((size_t)(i + 1) * 200, GFP_KERNEL);
	retune(c);
	for (int i = 0; i < WORK_OBJS; i += 2)
		if (objs[i])
			kmem_cache_free(c, objs[i]);
	kmem_cache_shrink(c);
	for (int i = 1; i < WORK_OBJS; i += 2)
		if (objs[i])
			kmem_cache_free(c, objs[i]);
	for (int i = 0; i < WORK_KMALLOCS; i++)
		kfree(kobjs[i]);
	kmem_cache_destroy(c);
	assert_false(on_chain(sc->name));
}

#define MANY_CACHES 40

/* Enough caches that cache_cache itself must grow: its descriptors fail too. */
static void many_caches(void *arg)
{
	static char names[MANY_CACHES][24];
	struct kmem_cache *c[MANY_CACHES];
	void *obj[MANY_CACHES];

	(void)arg;
	for (int i = 0; i < MANY_CACHES; i++) {
		snprintf(names[i], sizeof(names[i]), "finj-m%02u", (unsigned int)i);
		c[i] = kmem_cache_create(names[i], 32 + 48 * (size_t)i, 0, 0, NULL);
		assert_true(c[i] ? on_chain(names[i]) : !on_chain(names[i]));
		obj[i] = c[i] ? kmem_cache_alloc(c[i], GFP_KERNEL) : NULL;
	}
	for (int i = 0; i < MANY_CACHES; i++) {
		if (!c[i])
			continue;
		if (obj[i])
			kmem_cache_free(c[i], obj[i]);
		kmem_cache_destroy(c[i]);
		assert_false(on_chain(names[i]));
	}
}

/* The allocator's state that a run must give back exactly. */
struct alloc_state {
	unsigned long free_pages, caches, active;
};

static struct alloc_state settle(void)
{
	struct alloc_state s = { 0, 0, 0 };
	struct kmem_cache *pc;

	kmem_cache_shrink_all();
	s.free_pages = global_page_state(NR_FREE_PAGES);
	list_for_each_entry(pc, &cache_chain, next) {
		s.caches++;
		s.active += pc->num_active;	/* arrays drained: objects in use */
	}
	return s;
}

static void verify_quietly(void *arg)
{
	struct slab_verify_result res;

	*(unsigned long *)arg = kmem_cache_verify(NULL, &res);
}

/* Only the allocator's out-of-memory reports, about our caches, may appear in @out. */
static void check_reports(const char *out)
{
	static const char oom[] = "page allocation failure: order:";
	static const char tune[] = "enable_cpucache failed for finj-";
	static const char tail[] = ", error 12.";

	for (const char *line = out; *line; ) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		bool ok = strncmp(line, oom, strlen(oom)) == 0 ||
			  (strncmp(line, tune, strlen(tune)) == 0 && len > strlen(tail) &&
			   strncmp(line + len - strlen(tail), tail, strlen(tail)) == 0);

		if (!ok)
			fail_msg("unexpected output: %.*s", (int)len, line);
		line += len + (end != NULL);
	}
}

/*
 * Fail the Nth call @attr sees, N = 1, 2, ... until the workload makes
 * fewer than N calls; returns the last N that failed something.
 */
static unsigned int sweep(struct fault_attr *attr, void (*fn)(void *), const void *arg)
{
	static char out[1 << 16];
	struct alloc_state before = settle(), after;
	unsigned long errors;
	unsigned int n;

	for (n = 1; ; n++) {
		assert_true(fault_attr_set(attr, FAULT_EVERY, n, 0, 1));
		host_capture_stdout(fn, (void *)arg, out, sizeof(out));
		injectors_off();
		check_reports(out);
		after = settle();
		assert_int_equal(after.free_pages, before.free_pages);
		assert_int_equal(after.caches, before.caches);
		assert_int_equal(after.active, before.active);
		host_capture_stdout(verify_quietly, &errors, out, sizeof(out));
		assert_int_equal(errors, 0);
		if (failures(attr) == 0)
			break;
	}
	return n - 1;
}

static void every_page_allocation_may_fail(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++)
		assert_true(sweep(&fail_page_alloc, workload, &scenarios[i]) >= 3);
}

static void every_slab_growth_may_fail(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++)
		assert_true(sweep(&failslab, workload, &scenarios[i]) >= 3);
}

static void every_step_of_many_creates_may_fail(void **state)
{
	unsigned int pages, slabs;

	(void)state;
	pages = sweep(&fail_page_alloc, many_caches, NULL);
	slabs = sweep(&failslab, many_caches, NULL);
	assert_true(pages >= MANY_CACHES && slabs >= MANY_CACHES);
}

/* Both injectors at once, at random, over many seeds. */
static void random_failures_leave_nothing_behind(void **state)
{
	static char out[1 << 16];
	struct alloc_state before = settle(), after;
	unsigned long errors, injected = 0;

	(void)state;
	for (uint32_t seed = 1; seed <= 40; seed++) {
		const struct scenario *sc = &scenarios[seed % 4];

		assert_true(fault_attr_set(&fail_page_alloc, FAULT_PROB, 5, seed, 0));
		assert_true(fault_attr_set(&failslab, FAULT_PROB, 10, seed * 7, 0));
		host_capture_stdout(workload, (void *)sc, out, sizeof(out));
		injectors_off();
		injected += failures(&fail_page_alloc) + failures(&failslab);
		check_reports(out);
		after = settle();
		assert_int_equal(after.free_pages, before.free_pages);
		assert_int_equal(after.active, before.active);
		host_capture_stdout(verify_quietly, &errors, out, sizeof(out));
		assert_int_equal(errors, 0);
	}
	assert_true(injected > 40);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_n_fails_the_multiples_of_n),
		cmocka_unit_test(prob_p_is_seeded_and_near_p),
		cmocka_unit_test(bad_settings_change_nothing),
		cmocka_unit_test(pages_injector_fails_alloc_pages_only_when_on),
		cmocka_unit_test(slab_injector_fails_growth_not_array_hits),
		cmocka_unit_test(every_page_allocation_may_fail),
		cmocka_unit_test(every_slab_growth_may_fail),
		cmocka_unit_test(every_step_of_many_creates_may_fail),
		cmocka_unit_test(random_failures_leave_nothing_behind),
	};

	return cmocka_run_group_tests(tests, slab_group_setup, slab_group_teardown);
}
