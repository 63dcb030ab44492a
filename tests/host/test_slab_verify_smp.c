/*
 * test_slab_verify_smp.c - verify while three other CPUs allocate and
 * free; built with ThreadSanitizer.
 *
 * Threads playing cpu1..cpu3 allocate and free (a plain cache, a
 * red-zoned and poisoned one, and kmalloc of random sizes) and open an
 * "interrupt window" (host_irq_window) between any two calls, as a CPU
 * takes interrupts between them.  cpu0 runs kmem_cache_verify() over and
 * over meanwhile: stop_machine() must hold the others in their windows
 * for the whole walk, so that every walk sees one consistent state (no
 * problem line, no error) and ThreadSanitizer sees no race between the
 * walk's reads and the others' writes.  Without the hold, an object
 * half way from an array to a slab, or a red zone half flipped, shows.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "mm/gfp.h"
#include "mm/slab.h"
#include "mm/slab_inspect.h"
#include "mm/slab_internal.h"
#include "host_platform.h"
#include "slab_check.h"

#define WORKERS 3
#define HELD 64
#define WALKS 60

struct worker {
	pthread_t thread;
	unsigned int cpu;
	uint32_t rng;
	unsigned long ops;	/* read by cpu0 atomically */
	unsigned long failures;	/* allocations that failed */
	void *objs[HELD];
	struct kmem_cache *caches[HELD];	/* NULL: kmalloc */
};

static struct kmem_cache *plain, *debug;
static int stop_workers;

static uint32_t next_random(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void release(struct worker *w, unsigned int i)
{
	if (w->caches[i])
		kmem_cache_free(w->caches[i], w->objs[i]);
	else
		kfree(w->objs[i]);
	w->objs[i] = NULL;
}

static void take(struct worker *w, unsigned int i)
{
	uint32_t r = next_random(&w->rng);

	w->caches[i] = r % 3 == 0 ? plain : r % 3 == 1 ? debug : NULL;
	w->objs[i] = w->caches[i] ? kmem_cache_alloc(w->caches[i], GFP_KERNEL) :
				    kmalloc(8 + r % 3000, GFP_KERNEL);
	if (!w->objs[i])
		w->failures++;	/* counted: cmocka's asserts belong to the main thread */
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;

	host_set_cpu(w->cpu);
	host_cpu_enter();
	while (!__atomic_load_n(&stop_workers, __ATOMIC_ACQUIRE)) {
		unsigned int i = next_random(&w->rng) % HELD;

		if (w->objs[i])
			release(w, i);
		else
			take(w, i);
		__atomic_fetch_add(&w->ops, 1, __ATOMIC_RELAXED);
		host_irq_window();
	}
	for (unsigned int i = 0; i < HELD; i++) {
		if (w->objs[i])
			release(w, i);
		host_irq_window();
	}
	host_cpu_leave();
	return NULL;
}

struct walk {
	struct slab_verify_result res;
	unsigned long errors;
};

static void walk(void *arg)
{
	struct walk *wk = arg;

	wk->errors = kmem_cache_verify(NULL, &wk->res);
}

static unsigned long total_ops(struct worker *workers)
{
	unsigned long n = 0;

	for (unsigned int i = 0; i < WORKERS; i++)
		n += __atomic_load_n(&workers[i].ops, __ATOMIC_RELAXED);
	return n;
}

static void verify_while_three_cpus_allocate(void **state)
{
	static struct worker workers[WORKERS];
	unsigned long before, moved = 0;
	char out[4096];

	(void)state;
	plain = kmem_cache_create("vsmp-plain", 72, 0, 0, NULL);
	debug = kmem_cache_create("vsmp-debug", 72, 0, SLAB_RED_ZONE | SLAB_POISON, NULL);
	assert_non_null(plain);
	assert_non_null(debug);
	/* small arrays: objects move between arrays, the shared array and slabs all the time */
	assert_int_equal(slabinfo_write("vsmp-plain", 4, 2, 2), 0);
	assert_int_equal(slabinfo_write("vsmp-debug", 4, 2, 2), 0);
	for (unsigned int i = 0; i < WORKERS; i++) {
		workers[i] = (struct worker){ .cpu = i + 1, .rng = 0x9e3779b9u * (i + 1) };
		assert_int_equal(pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]), 0);
	}
	for (unsigned int n = 0; n < WALKS; n++) {
		struct walk wk;

		before = total_ops(workers);
		host_capture_stdout(walk, &wk, out, sizeof(out));
		assert_string_equal(out, "");
		assert_int_equal(wk.errors, 0);
		assert_true(wk.res.caches > 40);
		/* wait for the others to move on before the next walk */
		while (total_ops(workers) < before + 50)
			;
		moved += total_ops(workers) - before;
	}
	__atomic_store_n(&stop_workers, 1, __ATOMIC_RELEASE);
	for (unsigned int i = 0; i < WORKERS; i++)
		assert_int_equal(pthread_join(workers[i].thread, NULL), 0);
	assert_true(moved >= WALKS * 50);
	for (unsigned int i = 0; i < WORKERS; i++)
		assert_int_equal(workers[i].failures, 0);
	check_cache(plain);
	check_cache(debug);
	kmem_cache_destroy(plain);
	kmem_cache_destroy(debug);
	assert_null(kmem_cache_find("vsmp-plain"));
	assert_null(kmem_cache_find("vsmp-debug"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(verify_while_three_cpus_allocate),
	};

	return cmocka_run_group_tests(tests, slab_group_setup, slab_group_teardown);
}
