/*
 * slub_geometry.h - how a SLUB cache lays out its objects and sizes its
 * slabs: Linux 2.6.32's calculate_sizes() and calculate_order(), as pure
 * functions of the request and of the machine (mm/slub_geometry.c).
 *
 * The first brick of SLUB (issue 15): nothing in the firmware calls it
 * yet.  As in mm/slab_geometry.h the machine is a parameter, not a
 * sizeof(), so the host tests pin the board's numbers (32-bit ARM:
 * 4-byte pointers, a 16-byte struct track) on a 64-bit host.
 */
#ifndef MM_SLUB_GEOMETRY_H
#define MM_SLUB_GEOMETRY_H

#include <stdbool.h>
#include <stddef.h>
#include "mm/slab.h"

/* Flags SLUB knows besides the shared ones of mm/slab.h; Linux's values. */
#define SLAB_DESTROY_BY_RCU	0x00080000UL	/* slabs freed after an RCU grace period */
#define __OBJECT_POISON		0x80000000UL	/* internal: poison the object itself */

#define PAGE_ALLOC_COSTLY_ORDER	3	/* slub_max_order's default */
#define MIN_PARTIAL		5	/* min_partial's floor */
#define MAX_PARTIAL		10	/* min_partial's ceiling */
#define OO_SHIFT		16
#define OO_MASK			((1UL << OO_SHIFT) - 1)
#define MAX_OBJS_PER_PAGE	65535	/* page->objects is 16 bits */

struct slub_params {
	size_t page_size;		/* PAGE_SIZE */
	size_t pointer_size;		/* sizeof(void *): the free pointer */
	size_t track_size;		/* sizeof(struct track): SLAB_STORE_USER */
	size_t cache_line;		/* cache_line_size() */
	size_t arch_slab_minalign;	/* ARCH_SLAB_MINALIGN */
	int max_order;			/* MAX_ORDER: the buddy's orders are 0..max_order-1 */
	int slub_min_order;		/* slub_min_order= (0) */
	int slub_max_order;		/* slub_max_order= (PAGE_ALLOC_COSTLY_ORDER) */
	int slub_min_objects;		/* slub_min_objects= (0: from nr_cpu_ids) */
	unsigned int nr_cpu_ids;	/* CPUs the kernel may bring up */
};

/* A slab's order and its number of objects in one word. */
struct kmem_cache_order_objects {
	unsigned long x;
};

/* What calculate_sizes() and set_min_partial() write into a kmem_cache. */
struct slub_geometry {
	unsigned long flags;	/* the request's, with __OBJECT_POISON set or not */
	size_t objsize;		/* the caller's bytes */
	size_t inuse;		/* object plus red-zone word: metadata starts here */
	size_t offset;		/* the free pointer, from the object's start */
	size_t size;		/* an object with its metadata, aligned: the stride */
	size_t align;		/* what calculate_alignment() gave */
	struct kmem_cache_order_objects oo;	/* the order used, and its objects */
	struct kmem_cache_order_objects min;	/* the smallest order that holds one */
	struct kmem_cache_order_objects max;	/* the largest objects count seen */
	unsigned long min_partial;	/* partial slabs kept even when empty */
};

static inline struct kmem_cache_order_objects oo_make(const struct slub_params *p,
						      int order, size_t size)
{
	struct kmem_cache_order_objects oo = {
		((unsigned long)order << OO_SHIFT) + (p->page_size << order) / size
	};

	return oo;
}

static inline int oo_order(struct kmem_cache_order_objects oo)
{
	return (int)(oo.x >> OO_SHIFT);
}

static inline unsigned int oo_objects(struct kmem_cache_order_objects oo)
{
	return (unsigned int)(oo.x & OO_MASK);
}

/* Smallest order whose block holds @size bytes: Linux's get_order(). */
int slub_get_order(const struct slub_params *p, size_t size);

/* min_objects when slub_min_objects is 0: 4 * (fls(nr_cpu_ids) + 1). */
int slub_default_min_objects(const struct slub_params *p);

/* The objects' alignment: the caller's, the cache line, ARCH_SLAB_MINALIGN. */
size_t calculate_alignment(const struct slub_params *p, unsigned long flags,
			   size_t align, size_t size);

/*
 * The lowest order from max(slub_min_order, room for @min_objects) up to
 * @max_order that wastes at most 1/@fract_leftover of the slab; an order
 * above @max_order if none does.
 */
int slab_order(const struct slub_params *p, size_t size, int min_objects,
	       int max_order, int fract_leftover);

/* The order for objects of @size (with metadata); -1 if none holds one. */
int calculate_order(const struct slub_params *p, size_t size);

/*
 * Lay out one object (inuse, offset, size, align) from g->objsize,
 * g->align and g->flags, and size its slab (oo, min, max) at
 * @forced_order, or at calculate_order()'s if @forced_order < 0.
 * @has_ctor: the cache has a constructor.  False if the slab holds no
 * object.
 */
bool calculate_sizes(const struct slub_params *p, struct slub_geometry *g,
		     bool has_ctor, int forced_order);

/*
 * The geometry kmem_cache_open(size, align, flags, ctor) gives: the
 * layout, the order and min_partial (ilog2(size) within MIN_PARTIAL ..
 * MAX_PARTIAL).  False if no order can hold one object.
 */
bool slub_geometry(const struct slub_params *p, size_t size, size_t align,
		   unsigned long flags, bool has_ctor, struct slub_geometry *g);

#endif /* MM_SLUB_GEOMETRY_H */
