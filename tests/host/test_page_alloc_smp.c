/*
 * test_page_alloc_smp.c - four threads, playing four CPUs, allocate and
 * free pages at once; built with ThreadSanitizer.
 *
 * Each thread writes its CPU number and a serial into every block it
 * holds and checks them before freeing, so two CPUs handed overlapping
 * memory would be caught even if TSan were not watching.  At the end
 * every block is back and the free lists are exactly as at boot.
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
#include "mm/mm.h"
#include "buddy_check.h"
#include "host_platform.h"

#define MiB (1024UL * 1024UL)
#define OPS_PER_CPU 20000
#define MAX_HELD 64

struct worker {
	pthread_t thread;
	unsigned int cpu;
	uint32_t rng;
	unsigned long allocs, failures, corruptions;
};

struct stamp {
	unsigned int cpu;
	unsigned long serial;
};

static uint32_t next_random(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void check_and_free(struct worker *w, struct held_block *b, unsigned long serial_expected)
{
	struct stamp *st = page_address(pfn_to_page(b->pfn));
	struct stamp *last = (struct stamp *)((char *)st + (PAGE_SIZE << b->order) - sizeof(*last));

	if (st->cpu != w->cpu || st->serial != serial_expected ||
	    last->cpu != w->cpu || last->serial != serial_expected)
		w->corruptions++;
	__free_pages(pfn_to_page(b->pfn), b->order);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct held_block held[MAX_HELD];
	unsigned long serial[MAX_HELD];
	unsigned int nheld = 0;

	host_set_cpu(w->cpu);
	for (unsigned long op = 0; op < OPS_PER_CPU; op++) {
		if (nheld == MAX_HELD || (nheld && next_random(&w->rng) % 2)) {
			unsigned int i = next_random(&w->rng) % nheld;

			check_and_free(w, &held[i], serial[i]);
			held[i] = held[--nheld];
			serial[i] = serial[nheld];
			continue;
		}
		unsigned int order = next_random(&w->rng) % 6;
		gfp_t gfp = GFP_ATOMIC | __GFP_NOWARN | (next_random(&w->rng) % 4 ? 0 : GFP_DMA);
		struct page *page = alloc_pages(gfp, order);

		if (!page) {
			w->failures++;
			continue;
		}
		struct stamp *st = page_address(page);
		struct stamp *last = (struct stamp *)((char *)st + (PAGE_SIZE << order) - sizeof(*last));

		*st = *last = (struct stamp){ w->cpu, op };
		held[nheld] = (struct held_block){ page_to_pfn(page), order };
		serial[nheld++] = op;
		w->allocs++;
	}
	while (nheld) {
		nheld--;
		check_and_free(w, &held[nheld], serial[nheld]);
	}
	return NULL;
}

static void four_cpus_hammer_the_zones(void **state)
{
	struct free_snapshot *before = malloc(sizeof(*before)), *after = malloc(sizeof(*after));
	struct worker workers[NR_CPUS];
	struct arena arena;

	(void)state;
	/* 20 MiB: a small Normal zone, so the CPUs also meet in the fallback */
	arena_init(&arena, 20 * MiB, 64 * 1024, 300 * 1024);
	take_snapshot(before);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		workers[cpu] = (struct worker){ .cpu = cpu, .rng = 2463534242u + cpu };
		assert_int_equal(pthread_create(&workers[cpu].thread, NULL, worker_main, &workers[cpu]), 0);
	}
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		assert_int_equal(pthread_join(workers[cpu].thread, NULL), 0);
		assert_int_equal(workers[cpu].corruptions, 0);
		assert_true(workers[cpu].allocs > OPS_PER_CPU / 4);
	}
	check_buddy(NULL, 0);
	take_snapshot(after);
	assert_snapshots_equal(before, after);
	arena_free(&arena);
	free(before);
	free(after);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(four_cpus_hammer_the_zones),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
