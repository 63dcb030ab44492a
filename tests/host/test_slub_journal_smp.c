/*
 * test_slub_journal_smp.c - a traced SLUB cache under three threads
 * playing three CPUs (allocating, freeing their own objects and, through
 * a mailbox, each other's: remote frees into frozen and listed slabs)
 * while a fourth reads the journal and takes the tally; built with
 * ThreadSanitizer.
 *
 * Every event the reader copies must be whole (a known type, a working
 * CPU, numbers rising); afterwards the tally, summed over every take,
 * must count each call exactly once and agree with SLUB's own
 * statistics event by event (new_slab with alloc_slab, free_frozen with
 * free_frozen, ...), and the journal must have recorded as many events
 * as the tally counted.  Twice: a plain cache, and a debug cache (F Z P
 * U), whose calls are all recorded on the debug paths under slab_lock.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "mm/gfp.h"
#include "mm/mmzone.h"
#include "mm/slab.h"
#include "mm/slab_inspect.h"
#include "mm/slub_debug.h"
#include "mm/slub_def.h"
#include "mm/slub_inspect.h"
#include "buddy_check.h"
#include "host_platform.h"

#define MiB (1024UL * 1024UL)
#define WORKERS 3
#define OPS_PER_CPU 20000
#define MAX_HELD 64
#define MAILBOX 32

struct worker {
	pthread_t thread;
	unsigned int cpu;
	uint32_t rng;
	unsigned long allocs, frees;
};

static struct kmem_cache *cache;
static void *mailbox[MAILBOX];
static int workers_done;
static unsigned long sum[SLAB_EV_TYPES];	/* the reader's takes, added up */
static unsigned long torn;			/* events read that were not whole */

static uint32_t next_random(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void put(struct worker *w, void *x)
{
	kmem_cache_free(cache, x);
	w->frees++;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	void *held[MAX_HELD];
	unsigned int n = 0;

	host_set_cpu(w->cpu);
	for (unsigned int op = 0; op < OPS_PER_CPU; op++) {
		uint32_t r = next_random(&w->rng) % 8;

		if (n && (n == MAX_HELD || r < 3)) {
			unsigned int i = next_random(&w->rng) % n;
			void **slot = &mailbox[i % MAILBOX];
			void *theirs = r ? NULL :
				__atomic_exchange_n(slot, held[i], __ATOMIC_ACQ_REL);

			if (r)
				put(w, held[i]);
			else if (theirs)
				put(w, theirs);
			held[i] = held[--n];
		} else {
			held[n] = kmem_cache_alloc(cache, GFP_KERNEL);
			assert_non_null(held[n]);
			n++;
			w->allocs++;
		}
	}
	while (n)
		put(w, held[--n]);
	return NULL;
}

static void take(void)
{
	static struct slab_trace_counts delta[NR_CPUS][SLAB_TRACE_ROWS];

	kmem_cache_trace_take(cache, delta);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		for (unsigned int row = 0; row < SLAB_TRACE_ROWS; row++)
			for (unsigned int t = 0; t < SLAB_EV_TYPES; t++)
				sum[t] += delta[cpu][row].events[t];
}

/* One whole event: a type SLUB records, a working CPU, a caller. */
static bool whole(const struct slab_event *ev)
{
	bool slub_type = ev->type == SLAB_EV_ALLOC || ev->type == SLAB_EV_FREE ||
			 (ev->type >= SLUB_EV_NEW_SLAB && ev->type < SLAB_EV_TYPES);

	return slub_type && ev->cpu < WORKERS && ev->caller && ev->obj;
}

static void *reader(void *arg)
{
	static struct slab_event evs[SLAB_JOURNAL_SIZE];

	(void)arg;
	host_set_cpu(WORKERS);
	while (!__atomic_load_n(&workers_done, __ATOMIC_ACQUIRE)) {
		unsigned int n = kmem_cache_journal(cache, evs, SLAB_JOURNAL_SIZE);

		for (unsigned int i = 0; i < n; i++)
			if (!whole(&evs[i]) || (i && evs[i].seq <= evs[i - 1].seq))
				torn++;
		take();
	}
	return NULL;
}

static struct arena arena;

static int group_setup(void **state)
{
	(void)state;
	arena_init(&arena, 64 * MiB, 64 * 1024, 300 * 1024);
	kmem_cache_init();
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	arena_free(&arena);
	return 0;
}

static void traced_cache_under_four_cpus(unsigned long flags)
{
	struct worker w[WORKERS];
	struct slub_cache_info info;
	pthread_t rd;
	unsigned long allocs = 0, frees = 0, all = 0;

	memset(sum, 0, sizeof(sum));
	torn = 0;
	__atomic_store_n(&workers_done, 0, __ATOMIC_RELEASE);
	host_set_cpu(0);
	cache = kmem_cache_create("smp-journal", 72, 0, flags, NULL);
	assert_non_null(cache);
	host_set_cpu(0);
	assert_int_equal(kmem_cache_trace(cache, SLAB_TRACE_ON), 0);
	assert_int_equal(pthread_create(&rd, NULL, reader, NULL), 0);
	for (unsigned int cpu = 0; cpu < WORKERS; cpu++) {
		w[cpu] = (struct worker){ .cpu = cpu, .rng = 0x9e3779b9u * (cpu + 1) };
		assert_int_equal(pthread_create(&w[cpu].thread, NULL, work, &w[cpu]), 0);
	}
	for (unsigned int cpu = 0; cpu < WORKERS; cpu++)
		assert_int_equal(pthread_join(w[cpu].thread, NULL), 0);
	__atomic_store_n(&workers_done, 1, __ATOMIC_RELEASE);
	assert_int_equal(pthread_join(rd, NULL), 0);
	host_set_cpu(0);
	for (unsigned int i = 0; i < MAILBOX; i++)
		if (mailbox[i]) {
			put(&w[0], mailbox[i]);
			mailbox[i] = NULL;
		}
	take();
	assert_int_equal(torn, 0);
	for (unsigned int cpu = 0; cpu < WORKERS; cpu++) {
		allocs += w[cpu].allocs;
		frees += w[cpu].frees;
	}
	assert_int_equal(allocs, frees);
	slub_get_cache_info(cache, &info);
	/* each call once, and each slab move as SLUB counted it */
	assert_int_equal(sum[SLAB_EV_ALLOC], allocs);
	assert_int_equal(sum[SLAB_EV_FREE], frees);
	assert_int_equal(sum[SLUB_EV_NEW_SLAB], info.stat[ALLOC_SLAB]);
	assert_int_equal(sum[SLUB_EV_GET_PARTIAL], info.stat[ALLOC_FROM_PARTIAL]);
	assert_int_equal(sum[SLUB_EV_FREE_FROZEN], info.stat[FREE_FROZEN]);
	assert_int_equal(sum[SLUB_EV_FREE_ADD_PARTIAL], info.stat[FREE_ADD_PARTIAL]);
	assert_int_equal(sum[SLUB_EV_DEACTIVATE_FULL], info.stat[DEACTIVATE_FULL]);
	assert_int_equal(sum[SLUB_EV_DISCARD_SLAB], info.stat[FREE_SLAB]);
	assert_true(info.stat[FREE_FROZEN] > 0 && info.stat[ALLOC_FROM_PARTIAL] > 0);
	if (flags) {	/* one object at a time: nothing on a lockless freelist */
		assert_int_equal(info.stat[ALLOC_FASTPATH] + info.stat[FREE_FASTPATH], 0);
		assert_int_equal(sum[SLUB_EV_ALLOC_REFILL], 0);
	}
	for (unsigned int t = 0; t < SLAB_EV_TYPES; t++)
		all += sum[t];
	assert_int_equal(kmem_cache_journal_recorded(cache), all);
	kmem_cache_destroy(cache);
	assert_null(kmem_cache_find("smp-journal"));
}

static void traced_plain_cache(void **state)
{
	(void)state;
	traced_cache_under_four_cpus(0);
}

static void traced_debug_cache(void **state)
{
	(void)state;
	traced_cache_under_four_cpus(DEBUG_DEFAULT_FLAGS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(traced_plain_cache),
		cmocka_unit_test(traced_debug_cache),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
