/*
 * slub_check.h - what the SLUB host tests share (tests/host/slub_check.c):
 * one allocator per run on a host arena, and short ways to read a
 * cache's geometry, statistics, node and slabs through mm/slub_inspect.h.
 */
#ifndef TESTS_SLUB_CHECK_H
#define TESTS_SLUB_CHECK_H

#include <stddef.h>
#include "mm/slab.h"
#include "mm/slab_inspect.h"
#include "mm/slub_inspect.h"

/* cmocka group setup/teardown: a 64 MiB arena and kmem_cache_init(); cpu0 per test. */
int slub_group_setup(void **state);
int slub_group_teardown(void **state);
int slub_test_setup(void **state);

struct slub_cache_info info_of(struct kmem_cache *s);
/* A statistic summed over the CPUs, or one CPU's. */
unsigned long stat_of(struct kmem_cache *s, enum stat_item item);
unsigned int cpu_stat(struct kmem_cache *s, unsigned int cpu, enum stat_item item);
struct slub_node_info node_of(struct kmem_cache *s);
/* Every statistic of @s is @want's (a failure names the first that is not). */
void assert_stats(struct kmem_cache *s, const unsigned long want[NR_SLUB_STAT_ITEMS]);

/* slub_for_each_slab() recorded, in its order; every chain must end well. */
struct slab_seen {
	unsigned int n;
	const void *page[64];
	enum slub_list list[64];
	unsigned int cpu[64], inuse[64], chain_len[64];
	const void *freelist[64];
};
void slabs_of(struct kmem_cache *s, struct slab_seen *seen);

/* Object @i of the slab whose first object is @page. */
void *obj_at(const void *page, struct kmem_cache *s, unsigned int i);

/* kmem_cache_for_each_row() recorded, names copied. */
struct row_names {
	unsigned int n;
	char name[64][24];
	struct slabinfo_row row[64];
};
void collect_row(const struct slabinfo_row *row, void *arg);
unsigned int rows_named(const char *name);

/* The tests' usual cache: 40 bytes, align 8, 102 objects in one page (host and board). */
#define OBJS 102
/* cpu0 fills @nslabs slabs (the last is its CPU slab, full too) into @obj. */
void fill_slabs(struct kmem_cache *s, void **obj, unsigned int nslabs);

/* A constructor: the first 8 bytes 0x5a (a cache with one is never merged). */
void ctor_nop(struct kmem_cache *s, void *obj);

#endif /* TESTS_SLUB_CHECK_H */
