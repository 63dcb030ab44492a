/*
 * test_slub_smp.c - four threads, playing four CPUs, hammer a shared
 * SLUB cache and the kmalloc caches at once; built with
 * ThreadSanitizer (CONFIG_SLUB).
 *
 * Each thread allocates (from "smp-obj" and from kmalloc with random
 * sizes, some above SLUB_MAX_SIZE), stamps every object at both ends,
 * frees its own objects and, through a mailbox, objects other CPUs
 * allocated: the remote frees onto frozen slabs (FREE_FROZEN) and onto
 * listed ones under slab_lock and list_lock.  A stamp that does not
 * match means two CPUs were handed the same memory.  Afterwards the
 * statistics must add up to the calls made, every slab must be where
 * the node's counters say with all its objects free, and once shrunk
 * the buddy allocator must have exactly the pages it had before.
 * test_slub_debug_smp.c runs the same with slub_debug on every cache
 * (SLUB_SMP_DEBUG): all of it through the debug slow paths, no report.
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
	unsigned long allocs, obj_allocs, obj_frees, cross_frees, corruptions, failures;
};

static struct kmem_cache *obj_cache;
static struct held *mailbox[MAILBOX];	/* handed between CPUs, atomically */
static unsigned long obj_frees_total;	/* atomic: frees of obj_cache objects */

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
	if (h->cachep) {
		kmem_cache_free(h->cachep, h->objp);
		__atomic_add_fetch(&obj_frees_total, 1, __ATOMIC_RELAXED);
	} else {
		kfree(h->objp);
	}
	free(h);
}

static struct held *allocate(struct worker *w, uint32_t serial)
{
	struct held *h = malloc(sizeof(*h));
	uint32_t r = next_random(&w->rng);

	if (r % 2) {
		h->cachep = obj_cache;
		h->size = kmem_cache_size(obj_cache);
		h->objp = kmem_cache_alloc(obj_cache, GFP_KERNEL | __GFP_NOWARN);
		w->obj_allocs += h->objp != NULL;
	} else {
		size_t size = (r % 64 == 0) ? 8192 + r % 9000 : 8 + r % 2048;

		h->cachep = NULL;
		h->objp = kmalloc(size, GFP_KERNEL | __GFP_NOWARN);
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

struct slab_sum {
	unsigned long slabs, objects, free, cpu, partial, full;
	bool chains_ok;
};

static void sum_slab(const struct slub_slab_info *si, void *arg)
{
	struct slab_sum *sum = arg;
	unsigned int free = 0;

	sum->slabs++;
	sum->objects += si->objects;
	for (unsigned int i = 0; i < si->objects; i++)
		free += slub_info_obj_free(si, i);
	sum->free += free;
	sum->cpu += si->list == SLUB_LIST_CPU;
	sum->partial += si->list == SLUB_LIST_PARTIAL;
	sum->full += si->list == SLUB_LIST_FULL;
	if (si->chain_break != SLUB_CHAIN_OK)
		sum->chains_ok = false;
	/* a listed slab's free objects are all on its chain; a full one has none */
	if (si->list != SLUB_LIST_CPU && (si->chain_len != free ||
					  si->objects - si->inuse != free))
		sum->chains_ok = false;
	if (si->list == SLUB_LIST_FULL && free)
		sum->chains_ok = false;
}

/* Every slab where the counters say, every object of it free. */
static void check_all_free(struct kmem_cache *s)
{
	struct slab_sum sum = { .chains_ok = true };
	struct slub_node_info ni;

	slub_for_each_slab(s, sum_slab, &sum);
	slub_get_node(s, &ni);
	assert_true(sum.chains_ok);
	assert_int_equal(sum.slabs, ni.nr_slabs);
	assert_int_equal(sum.objects, ni.total_objects);
	assert_int_equal(sum.partial, ni.nr_partial);
	assert_int_equal(sum.full, ni.nr_full);
	if (s == obj_cache)
		assert_int_equal(sum.free, sum.objects);
}

static unsigned long shrink_everything(void)
{
	struct kmem_cache *s;

	list_for_each_entry(s, &slab_caches, list)
		kmem_cache_shrink(s);
	return global_page_state(NR_FREE_PAGES);
}

static void four_cpus_share_caches(void **state)
{
	struct worker workers[NR_CPUS];
	struct arena arena;
	struct kmem_cache *s;
	struct slub_cache_info info;
	unsigned long pages_before, obj_allocs = 0;

	(void)state;
	arena_init(&arena, 64 * MiB, 64 * 1024, 300 * 1024);
#ifdef SLUB_SMP_DEBUG
	slub_debug = DEBUG_DEFAULT_FLAGS;	/* CONFIG_SLUB_DEBUG_ON: every cache */
#endif
	kmem_cache_init();
	obj_cache = kmem_cache_create("smp-obj", 72, 0, 0, NULL);
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
		obj_allocs += workers[cpu].obj_allocs;
	}
	host_set_cpu(0);
	for (unsigned int slot = 0; slot < MAILBOX; slot++) {
		if (mailbox[slot]) {
			release(&workers[0], mailbox[slot]);
			mailbox[slot] = NULL;
		}
	}
	/* every call counted once, on one of the two paths */
	slub_get_cache_info(obj_cache, &info);
	assert_int_equal(info.stat[ALLOC_FASTPATH] + info.stat[ALLOC_SLOWPATH], obj_allocs);
	assert_int_equal(info.stat[FREE_FASTPATH] + info.stat[FREE_SLOWPATH], obj_frees_total);
	assert_int_equal(obj_frees_total, obj_allocs);
	assert_true(info.stat[FREE_FROZEN] > 0);
	assert_true(info.stat[FREE_ADD_PARTIAL] > 0);
	assert_true(info.stat[ALLOC_FROM_PARTIAL] > 0);
#ifdef SLUB_SMP_DEBUG
	/* every call checked on the slow paths, and nothing found */
	assert_int_equal(info.stat[ALLOC_FASTPATH] + info.stat[FREE_FASTPATH], 0);
	assert_int_equal(info.flags & DEBUG_DEFAULT_FLAGS, DEBUG_DEFAULT_FLAGS);
	assert_int_equal(slab_error_count(), 0);
#endif
	list_for_each_entry(s, &slab_caches, list)
		check_all_free(s);
	{
		struct slab_verify_result res;

		assert_int_equal(kmem_cache_verify(NULL, &res), 0);
		assert_true(res.slabs > 0);
	}
	/* balanced workload + shrink on every cache: every page back */
	assert_int_equal(shrink_everything(), pages_before);
	kmem_cache_destroy(obj_cache);
	arena_free(&arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(four_cpus_share_caches),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
