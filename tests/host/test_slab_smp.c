/*
 * test_slab_smp.c - four threads, playing four CPUs, hammer a shared
 * cache and the kmalloc caches at once; built with ThreadSanitizer.
 *
 * Each thread allocates (from "smp-obj" and from kmalloc with random
 * sizes), stamps every object at both ends, frees its own objects and,
 * through a mailbox, objects that other CPUs allocated: the cross-CPU
 * path through the shared array and the slab lists.  A stamp that does
 * not match means two CPUs were handed the same memory.  Afterwards every
 * cache must be consistent, and once drained (kmem_cache_shrink) the
 * buddy allocator must have exactly the pages it had before.
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
#include "mm/slab_internal.h"
#include "buddy_check.h"
#include "host_platform.h"
#include "slab_check.h"

#define MiB (1024UL * 1024UL)
#define OPS_PER_CPU 30000
#define MAX_HELD 128
#define MAILBOX 64

struct stamp {
	uint32_t cpu, serial;
};

struct held {
	void *objp;
	size_t size;
	struct kmem_cache *cachep;	/* NULL: kmalloc */
};

struct worker {
	pthread_t thread;
	unsigned int cpu;
	uint32_t rng;
	unsigned long allocs, cross_frees, corruptions, failures;
};

static struct kmem_cache *obj_cache;
static struct held *mailbox[MAILBOX];	/* handed between CPUs, atomically */

static uint32_t next_random(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void stamp(void *objp, size_t size, struct stamp st)
{
	memcpy(objp, &st, sizeof(st));
	memcpy((char *)objp + size - sizeof(st), &st, sizeof(st));
}

static bool stamp_intact(const void *objp, size_t size)
{
	struct stamp a, b;

	memcpy(&a, objp, sizeof(a));
	memcpy(&b, (const char *)objp + size - sizeof(b), sizeof(b));
	return a.cpu == b.cpu && a.serial == b.serial;
}

static void release(struct worker *w, struct held *h)
{
	if (!stamp_intact(h->objp, h->size))
		w->corruptions++;
	if (h->cachep)
		kmem_cache_free(h->cachep, h->objp);
	else
		kfree(h->objp);
	free(h);
}

static struct held *allocate(struct worker *w, uint32_t serial)
{
	struct held *h = malloc(sizeof(*h));

	if (next_random(&w->rng) % 2) {
		h->cachep = obj_cache;
		h->size = kmem_cache_size(obj_cache);
		h->objp = kmem_cache_alloc(obj_cache, GFP_KERNEL | __GFP_NOWARN);
	} else {
		h->cachep = NULL;
		h->objp = kmalloc(8 + next_random(&w->rng) % 2048, GFP_KERNEL | __GFP_NOWARN);
		h->size = h->objp ? ksize(h->objp) : 0;
	}
	if (!h->objp) {
		free(h);
		w->failures++;
		return NULL;
	}
	stamp(h->objp, h->size, (struct stamp){ w->cpu, serial });
	w->allocs++;
	return h;
}

/* Trade with the mailbox: put one of ours in, free whatever was there. */
static void trade(struct worker *w, struct held *mine)
{
	unsigned int slot = next_random(&w->rng) % MAILBOX;
	struct held *theirs = __atomic_exchange_n(&mailbox[slot], mine, __ATOMIC_ACQ_REL);

	if (theirs) {
		release(w, theirs);
		w->cross_frees++;
	}
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct held *held[MAX_HELD];
	unsigned int n = 0;

	host_set_cpu(w->cpu);
	for (uint32_t op = 0; op < OPS_PER_CPU; op++) {
		uint32_t r = next_random(&w->rng) % 8;

		if (n && (n == MAX_HELD || r < 3)) {
			unsigned int i = next_random(&w->rng) % n;

			if (r == 0)
				trade(w, held[i]);
			else
				release(w, held[i]);
			held[i] = held[--n];
		} else {
			struct held *h = allocate(w, op);

			if (h)
				held[n++] = h;
		}
	}
	while (n)
		release(w, held[--n]);
	return NULL;
}

static unsigned long shrink_everything(void)
{
	struct kmem_cache *cachep;

	list_for_each_entry(cachep, &cache_chain, next)
		kmem_cache_shrink(cachep);
	return global_page_state(NR_FREE_PAGES);
}

static void four_cpus_share_caches(void **state)
{
	struct worker workers[NR_CPUS];
	struct arena arena;
	struct kmem_cache *cachep;
	unsigned long pages_before;

	(void)state;
	arena_init(&arena, 64 * MiB, 64 * 1024, 300 * 1024);
	kmem_cache_init();
	obj_cache = kmem_cache_create("smp-obj", 96, 0, 0, NULL);
	assert_non_null(obj_cache);
	pages_before = shrink_everything();

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		workers[cpu] = (struct worker){ .cpu = cpu, .rng = 0x2545f491u * (cpu + 1) };
		assert_int_equal(pthread_create(&workers[cpu].thread, NULL, worker_main,
						&workers[cpu]), 0);
	}
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		assert_int_equal(pthread_join(workers[cpu].thread, NULL), 0);
		assert_int_equal(workers[cpu].corruptions, 0);
		assert_int_equal(workers[cpu].failures, 0);
		assert_true(workers[cpu].allocs > OPS_PER_CPU / 2);
		assert_true(workers[cpu].cross_frees > 0);
	}
	host_set_cpu(0);
	for (unsigned int slot = 0; slot < MAILBOX; slot++) {
		if (mailbox[slot]) {
			release(&workers[0], mailbox[slot]);
			mailbox[slot] = NULL;
		}
	}
	list_for_each_entry(cachep, &cache_chain, next)
		check_cache(cachep);
	/* balanced workload + shrink on every cache: every page back */
	assert_int_equal(shrink_everything(), pages_before);
	arena_free(&arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(four_cpus_share_caches),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
