/*
 * bench_loops.c - the timed loops of "bench" (shell/cmd_bench.c): each
 * reads the global timer, makes its allocator calls and little else,
 * and reads the timer again.
 *
 * Each loop is written once and instantiated per allocator: the
 * allocator's pair comes in as always_inline wrappers passed as constant
 * function pointers, so every instance calls kmem_cache_alloc, kmalloc
 * or malloc directly, as a caller of that allocator would, whatever the
 * optimisation level (-Og inlines always_inline functions and the
 * constant they were given).  What a loop adds around the calls - a
 * counter, the object's load or store, the arguments - is in the
 * figures: a handful of instructions per operation, the same for every
 * allocator, so ratios hold.
 *
 * Stateless; thread context, interrupts on, on whichever CPU calls.
 */
#include <stdlib.h>
#include "shell/bench.h"
#include "drivers/gtimer.h"
#include "mm/gfp.h"
#include "mm/slab.h"

typedef void *(*alloc_op)(struct kmem_cache *cachep, size_t size);
typedef void (*free_op)(struct kmem_cache *cachep, void *objp);

static __always_inline void *cache_alloc(struct kmem_cache *cachep, size_t size)
{
	(void)size;
	return kmem_cache_alloc(cachep, GFP_KERNEL);
}

static __always_inline void cache_free(struct kmem_cache *cachep, void *objp)
{
	kmem_cache_free(cachep, objp);
}

static __always_inline void *kmalloc_alloc(struct kmem_cache *cachep, size_t size)
{
	(void)cachep;
	return kmalloc(size, GFP_KERNEL);
}

static __always_inline void kmalloc_free(struct kmem_cache *cachep, void *objp)
{
	(void)cachep;
	kfree(objp);
}

static __always_inline void *libc_alloc(struct kmem_cache *cachep, size_t size)
{
	(void)cachep;
	return malloc(size);
}

static __always_inline void libc_free(struct kmem_cache *cachep, void *objp)
{
	(void)cachep;
	free(objp);
}

/*
 * Make @p used: the compiler knows malloc and free, and drops a pair
 * whose result nothing reads.  Costs no instruction.
 */
static __always_inline void keep(void *p)
{
	__asm__ __volatile__("" : : "r"(p));
}

static __always_inline uint64_t hot_loop(alloc_op alloc, free_op release,
					 struct kmem_cache *cachep, size_t size, uint32_t n)
{
	uint64_t t0 = gtimer_read();

	for (uint32_t i = 0; i < n; i++) {
		void *p = alloc(cachep, size);

		keep(p);
		release(cachep, p);
	}
	return gtimer_read() - t0;
}

uint64_t bench_hot(enum bench_alloc a, struct kmem_cache *cachep, size_t size, uint32_t n)
{
	switch (a) {
	case BENCH_CACHE:
		return hot_loop(cache_alloc, cache_free, cachep, size, n);
	case BENCH_KMALLOC:
		return hot_loop(kmalloc_alloc, kmalloc_free, cachep, size, n);
	default:
		return hot_loop(libc_alloc, libc_free, cachep, size, n);
	}
}

static __always_inline uint64_t fill_loop(alloc_op alloc, struct kmem_cache *cachep,
					  size_t size, void **objs, uint32_t n)
{
	uint64_t t0 = gtimer_read();

	for (uint32_t i = 0; i < n; i++)
		objs[i] = alloc(cachep, size);
	return gtimer_read() - t0;
}

uint64_t bench_fill(enum bench_alloc a, struct kmem_cache *cachep, size_t size,
		    void **objs, uint32_t n)
{
	switch (a) {
	case BENCH_CACHE:
		return fill_loop(cache_alloc, cachep, size, objs, n);
	case BENCH_KMALLOC:
		return fill_loop(kmalloc_alloc, cachep, size, objs, n);
	default:
		return fill_loop(libc_alloc, cachep, size, objs, n);
	}
}

static __always_inline uint64_t drain_loop(free_op release, struct kmem_cache *cachep,
					   void **objs, uint32_t n)
{
	uint64_t t0 = gtimer_read();

	for (uint32_t i = 0; i < n; i++)
		release(cachep, objs[i]);
	return gtimer_read() - t0;
}

uint64_t bench_drain(enum bench_alloc a, struct kmem_cache *cachep, void **objs, uint32_t n)
{
	switch (a) {
	case BENCH_CACHE:
		return drain_loop(cache_free, cachep, objs, n);
	case BENCH_KMALLOC:
		return drain_loop(kmalloc_free, cachep, objs, n);
	default:
		return drain_loop(libc_free, cachep, objs, n);
	}
}

static __always_inline uint64_t churn_loop(alloc_op alloc, free_op release, void **live,
					   const struct churn_step *steps, uint32_t n)
{
	uint64_t t0 = gtimer_read();

	for (uint32_t i = 0; i < n; i++) {
		void **slot = &live[steps[i].victim];

		release(NULL, *slot);
		*slot = alloc(NULL, steps[i].size);
	}
	return gtimer_read() - t0;
}

uint64_t bench_churn(enum bench_alloc a, void **live, const struct churn_step *steps,
		     uint32_t n)
{
	if (a == BENCH_MALLOC)
		return churn_loop(libc_alloc, libc_free, live, steps, n);
	return churn_loop(kmalloc_alloc, kmalloc_free, live, steps, n);
}

uint64_t bench_pages(unsigned int order, uint32_t n)
{
	uint64_t t0 = gtimer_read();

	for (uint32_t i = 0; i < n; i++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);

		if (page)
			__free_pages(page, order);
	}
	return gtimer_read() - t0;
}

uint64_t bench_calibrate(uint32_t n)
{
	uint64_t t0 = gtimer_read();

	if (n)
		__asm__ __volatile__("1:	subs	%0, %0, #1\n"
				     "	bne	1b\n" : "+r"(n) : : "cc");
	return gtimer_read() - t0;
}
