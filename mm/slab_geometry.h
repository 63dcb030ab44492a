/*
 * slab_geometry.h - how a cache's objects are laid out in its slabs:
 * kmem_cache_create()'s arithmetic from Linux 2.6.24, as a pure function
 * of the request and of the machine (mm/slab_geometry.c).
 *
 * The machine's numbers are parameters rather than sizeof()s so the
 * host tests can pin the board's geometry (32-bit ARM: 4-byte words and
 * bufctls, a 28-byte struct slab) while running on a 64-bit host.
 */
#ifndef MM_SLAB_GEOMETRY_H
#define MM_SLAB_GEOMETRY_H

#include <stdbool.h>
#include <stddef.h>

struct slab_params {
	size_t page_size;		/* PAGE_SIZE */
	size_t bytes_per_word;		/* BYTES_PER_WORD */
	size_t slab_desc_size;		/* sizeof(struct slab) */
	size_t bufctl_size;		/* sizeof(kmem_bufctl_t) */
	size_t cache_line;		/* cache_line_size() */
	size_t arch_slab_minalign;	/* ARCH_SLAB_MINALIGN */
	unsigned int max_order;		/* KMALLOC_MAX_ORDER */
	unsigned int break_gfp_order;	/* slab_break_gfp_order */
	size_t ull_align;		/* __alignof__(unsigned long long): red zones */
	bool early;			/* slab_early_init: keep management on-slab */
	bool forced_debug;		/* slab_debug: FORCED_DEBUG's flags on every cache */
};

/* BREAK_GFP_ORDER_HI above 32 MiB of memory, _LO below: Linux's rule. */
#define BREAK_GFP_ORDER_HI 1
#define BREAK_GFP_ORDER_LO 0

struct slab_geometry {
	unsigned long flags;	/* the request's, after forced debug and after
				 * red zone / store user were dropped for an
				 * alignment over ull_align */
	size_t object_size;	/* Linux's DEBUG obj_size: the caller's bytes */
	size_t obj_offset;	/* the caller's bytes start this far into a buffer */
	size_t buffer_size;	/* object size after rounding and alignment */
	size_t align;		/* the alignment the cache uses */
	unsigned int num;	/* objects per slab */
	unsigned int gfporder;	/* 2^gfporder pages per slab */
	size_t left_over;	/* unused bytes per slab */
	size_t colour;		/* number of colours */
	size_t colour_off;	/* bytes per colour */
	size_t slab_size;	/* management bytes: struct slab + bufctls (+ pad) */
	bool off_slab;		/* management in a general cache */
};

/* Management bytes for @nr_objs objects, aligned: Linux's slab_mgmt_size(). */
size_t slab_mgmt_size(const struct slab_params *p, size_t nr_objs, size_t align);

/* Objects per slab and left-over bytes for one order: cache_estimate(). */
void cache_estimate(const struct slab_params *p, unsigned int gfporder,
		    size_t buffer_size, size_t align, bool off_slab,
		    size_t *left_over, unsigned int *num);

/*
 * The geometry kmem_cache_create(size, align, flags) gives: forced debug
 * flags (slab_debug), word rounding, the alignment cascade (cache-line
 * alignment halved for small objects, replaced by a word for
 * SLAB_STORE_USER and by REDZONE_ALIGN for SLAB_RED_ZONE, then
 * ARCH_SLAB_MINALIGN, then the caller's; red zones and the user word are
 * dropped above ull_align), the debug words around the object, off-slab
 * management for objects of PAGE_SIZE/8 and more unless it fits in the
 * left-over space, the order search with its fragmentation rule, and
 * colouring.  False if no order can hold one object.
 */
bool slab_geometry(const struct slab_params *p, size_t size, size_t align,
		   unsigned long flags, struct slab_geometry *g);

#endif /* MM_SLAB_GEOMETRY_H */
