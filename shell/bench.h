/*
 * bench.h - the timed loops of the "bench" command (shell/bench_loops.c;
 * the command and its report: shell/cmd_bench.c).
 *
 * Each loop returns the global timer ticks it took (drivers/gtimer.h),
 * read just before its first allocator call and just after its last.
 */
#ifndef SHELL_BENCH_H
#define SHELL_BENCH_H

#include <stddef.h>
#include <stdint.h>

struct kmem_cache;

/* Whose alloc/free pair a loop calls. */
enum bench_alloc {
	BENCH_CACHE,		/* kmem_cache_alloc/kmem_cache_free on @cachep */
	BENCH_KMALLOC,		/* kmalloc/kfree */
	BENCH_MALLOC,		/* newlib-nano's malloc/free */
};

/* One churn step: free live[victim], then allocate @size bytes into it. */
struct churn_step {
	uint16_t victim, size;
};

/* @n times: allocate @size bytes and free them at once. */
uint64_t bench_hot(enum bench_alloc a, struct kmem_cache *cachep, size_t size, uint32_t n);
/* Allocate @n objects of @size bytes into @objs[0..n-1] (NULL where one failed). */
uint64_t bench_fill(enum bench_alloc a, struct kmem_cache *cachep, size_t size,
		    void **objs, uint32_t n);
/* Free @objs[0..n-1], in the order they were allocated. */
uint64_t bench_drain(enum bench_alloc a, struct kmem_cache *cachep, void **objs, uint32_t n);
/* Run @n churn @steps over the @live objects (kmalloc/kfree or malloc/free). */
uint64_t bench_churn(enum bench_alloc a, void **live, const struct churn_step *steps,
		     uint32_t n);
/*
 * @n turns of a loop of two instructions (subs, bne): under QEMU's
 * -icount shift=0 exactly 2 ns a turn, which shows the clock counts
 * instructions.
 */
uint64_t bench_calibrate(uint32_t n);
/* @n times: alloc_pages(@order) and __free_pages() at once. */
uint64_t bench_pages(unsigned int order, uint32_t n);

#endif /* SHELL_BENCH_H */
