/*
 * selftest_slab.h - what the selftest's slab suites share
 * (shell/selftest_slab.c): making and unmaking test caches, reading
 * them back, and stamping objects so that two owners of one object, or
 * a write into another's, show up.
 *
 * Every helper checks what it does and records a failure in @t naming
 * the cache; none allocates anything but what it is asked to.
 */
#ifndef SHELL_SELFTEST_SLAB_H
#define SHELL_SELFTEST_SLAB_H

#include <stddef.h>
#include <stdint.h>
#include "shell/selftest.h"
#include "mm/slab_inspect.h"
#include "smp.h"

/*
 * kmem_cache_create(), checked: NULL (a failure recorded) if it failed;
 * a failure too if the cache's debug flags are not st_debug_flags().
 * Cases may then go by the flags the cache has.
 */
struct kmem_cache *st_cache_create(struct selftest *t, const char *name, size_t size,
				   size_t align, unsigned long flags, kmem_ctor_t ctor);
/*
 * The debug flags (red zone, poison, store user) that Linux 2.6.24 gives
 * a cache created with @size, @align, @flags on this build: a slab_debug
 * build (slab_forced_debug()) adds FORCED_DEBUG's to every cache.
 */
unsigned long st_debug_flags(size_t size, size_t align, unsigned long flags);
/* kmem_cache_destroy(), and check that the cache is gone. */
void st_cache_destroy(struct selftest *t, struct kmem_cache *cachep);

struct kmem_cache_info st_info(struct kmem_cache *cachep);
struct node_info st_node(struct kmem_cache *cachep);
/* @cpu's array: avail, limit, batchcount (all 0 if it has none). */
struct array_info st_array(struct kmem_cache *cachep, unsigned int cpu);
/* The cache's slabs: partial, full and free. */
unsigned long st_slabs(struct kmem_cache *cachep);
/* The objects in every online CPU's array. */
unsigned long st_arrays_avail(struct kmem_cache *cachep);

/*
 * Allocate every free object this CPU can reach (its array, the shared
 * array, the slabs) and one more, checking that @bad is not among them
 * and that they do not overlap; then free them again.
 */
void st_empty_cache(struct selftest *t, struct kmem_cache *cachep, const void *bad);

/* Fill @size bytes at @objp with @word's bytes, repeated; check them. */
void st_stamp(void *objp, size_t size, uint32_t word);
bool st_stamped(const void *objp, size_t size, uint32_t word);

/*
 * Rows of objects, one per CPU, for work on several CPUs: st_alloc_share()
 * run on a CPU fills that CPU's row with @n stamped objects;
 * st_free_share() run on a CPU checks the stamps of row[that CPU] and
 * frees its objects there (the same CPU's row, or another's for a
 * cross-CPU free).  Static, so the bookkeeping allocates nothing.
 */
#define ST_ROW_MAX 300

struct st_share {
	struct selftest *t;
	struct kmem_cache *cachep;
	unsigned int n;			/* objects per row, at most ST_ROW_MAX */
	unsigned int row[NR_CPUS];	/* the row each CPU frees */
};

extern void *st_rows[NR_CPUS][ST_ROW_MAX];

/* @n objects a row; each CPU frees its own row until told otherwise. */
struct st_share st_share(struct selftest *t, struct kmem_cache *cachep, unsigned int n);

int st_alloc_share(void *arg);
int st_free_share(void *arg);
void st_rows_clear(void);
/* Check that no object is in the rows twice. */
void st_rows_distinct(struct selftest *t);

#endif /* SHELL_SELFTEST_SLAB_H */
