/*
 * slab_check.h - a full consistency check of a slab cache, and counts
 * the tests compare with (tests/host/slab_check.c).
 */
#ifndef TESTS_SLAB_CHECK_H
#define TESTS_SLAB_CHECK_H

#include "mm/slab_def.h"

struct cache_counts {
	unsigned long partial, full, free;	/* slabs on each list */
	unsigned long free_objects;		/* l3->free_objects */
	unsigned long in_arrays;		/* per-CPU and shared arrays */
	unsigned long shared_avail;
};

/*
 * Check @cachep: every slab's list matches its inuse count, its free
 * chain is a proper list of num - inuse distinct objects, its pages
 * point back at cache and slab; free_objects and num_active add up;
 * every object in a per-CPU or the shared array belongs to the cache,
 * appears once, and is not also free in its slab.  Returns the counts.
 */
struct cache_counts check_cache(struct kmem_cache *cachep);

/*
 * cmocka group setup and teardown for the slab tests: a 64 MiB arena of
 * "DRAM" for the buddy allocator, then kmem_cache_init(), once per run.
 */
int slab_group_setup(void **state);
int slab_group_teardown(void **state);

/* Pages all slab caches hold, summed over their slabs. */
unsigned long slab_pages_in_caches(void);

#endif /* TESTS_SLAB_CHECK_H */
