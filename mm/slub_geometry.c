/*
 * slub_geometry.c - SLUB's object layout and slab sizing, after Linux
 * 2.6.32's mm/slub.c (calculate_sizes, calculate_alignment,
 * calculate_order, slab_order, set_min_partial), with the machine as a
 * parameter.  Pure functions: no state, no locks.
 *
 * A SLUB slab is 2^order pages of objects back to back from offset 0,
 * each `size` bytes, with no management in the slab (it lives in the
 * struct page), so objects = (PAGE_SIZE << order) / size.  One object:
 *
 *   [objsize bytes][pad to a word][red-zone word][free pointer][2 tracks][pad word]
 *    <-------------- inuse ------------------->  ^offset
 *
 * Invariants (checked by tests/host/test_slub_geometry.c):
 * - inuse is objsize rounded to a pointer, plus one pointer when
 *   SLAB_RED_ZONE finds no slack to hold its bytes; inuse <= size;
 * - the free pointer is inside the object (offset 0) unless the object
 *   must stay intact while free: SLAB_DESTROY_BY_RCU, SLAB_POISON or a
 *   constructor put it at offset = inuse, a word of its own; so does
 *   SLAB_RED_ZONE on an object smaller than a pointer (below); otherwise
 *   SLAB_RED_ZONE alone does not (the pointer fits in the object, before
 *   the red zone);
 * - with SLAB_RED_ZONE the free pointer never overlays the red zone
 *   (objsize .. inuse): it is checked, SLUB_RED_INACTIVE, on free objects;
 * - SLAB_STORE_USER adds two struct track (alloc, free) after that,
 *   SLAB_RED_ZONE one more pointer of left padding;
 * - size is a multiple of align, align a multiple of a pointer and at
 *   least ARCH_SLAB_MINALIGN;
 * - oo_objects(oo) >= 1 and oo_order(oo) >= oo_order(min) when the
 *   order was computed; max == oo for a new cache.
 *
 * Deviations from 2.6.32: a red-zoned object smaller than a pointer (1-3
 * bytes on the board, 1-7 on a 64-bit host) gets its free pointer after
 * inuse, as Linux 5.14's "mm/slub: fix redzoning for small allocations"
 * does; 2.6.32 put it at offset 0, over the red zone, so every free
 * such object was reported "Redzone overwritten" when handed out (found
 * by tests/fuzz's fuzz_shell_slub).  CONFIG_SLUB_DEBUG is
 * taken as on (the debug flags lay out as above); slub_debug's `O'
 * (disable_higher_order_debug) and cache merging are the caller's
 * business, not this file's.
 */
#include "mm/slub_geometry.h"

static size_t align_up(size_t x, size_t a)
{
	return (x + a - 1) / a * a;
}

/* Bits needed to hold @x: Linux's fls(); fls(0) = 0. */
static int fls_ul(unsigned long x)
{
	int n = 0;

	while (x) {
		n++;
		x >>= 1;
	}
	return n;
}

/* Floor of log2(@x), @x > 0: Linux's ilog2(). */
static int ilog2_ul(unsigned long x)
{
	return fls_ul(x) - 1;
}

int slub_get_order(const struct slub_params *p, size_t size)
{
	int order = 0;

	while ((p->page_size << order) < size)
		order++;
	return order;
}

int slub_default_min_objects(const struct slub_params *p)
{
	return 4 * (fls_ul(p->nr_cpu_ids) + 1);
}

size_t calculate_alignment(const struct slub_params *p, unsigned long flags,
			   size_t align, size_t size)
{
	if (flags & SLAB_HWCACHE_ALIGN) {
		size_t ralign = p->cache_line;

		while (size <= ralign / 2)	/* small objects share a line */
			ralign /= 2;
		if (align < ralign)
			align = ralign;		/* never below the caller's */
	}
	if (align < p->arch_slab_minalign)
		align = p->arch_slab_minalign;
	return align_up(align, p->pointer_size);
}

int slab_order(const struct slub_params *p, size_t size, int min_objects,
	       int max_order, int fract_leftover)
{
	int page_shift = ilog2_ul(p->page_size);
	int min_order = p->slub_min_order;
	int order;

	/* page->objects would overflow: the largest order that fits them. */
	if ((p->page_size << min_order) / size > MAX_OBJS_PER_PAGE)
		return slub_get_order(p, size * MAX_OBJS_PER_PAGE) - 1;

	/* Start at the first order with room for min_objects objects. */
	order = fls_ul(min_objects * size - 1) - page_shift;
	if (order < min_order)
		order = min_order;
	for (; order <= max_order; order++) {
		size_t slab_size = p->page_size << order;

		if (slab_size < min_objects * size)
			continue;
		if (slab_size % size <= slab_size / fract_leftover)
			break;
	}
	return order;
}

/*
 * Relax in steps until an order up to slub_max_order fits: first the
 * waste allowed (1/16, 1/8, 1/4 of the slab), then min_objects one by
 * one down to 2; then one object of any waste within slub_max_order;
 * then one object at any order the buddy allocator has.
 */
int calculate_order(const struct slub_params *p, size_t size)
{
	int min_objects = p->slub_min_objects;
	int max_objects = (int)((p->page_size << p->slub_max_order) / size);
	int order;

	if (!min_objects)
		min_objects = slub_default_min_objects(p);
	if (min_objects > max_objects)
		min_objects = max_objects;

	for (; min_objects > 1; min_objects--) {
		for (int fraction = 16; fraction >= 4; fraction /= 2) {
			order = slab_order(p, size, min_objects, p->slub_max_order, fraction);
			if (order <= p->slub_max_order)
				return order;
		}
	}
	order = slab_order(p, size, 1, p->slub_max_order, 1);
	if (order <= p->slub_max_order)
		return order;
	order = slab_order(p, size, 1, p->max_order, 1);
	if (order < p->max_order)
		return order;
	return -1;			/* Linux's -ENOSYS */
}

/* The bytes after the object: inuse, the free pointer's place, metadata. */
static size_t calculate_layout(const struct slub_params *p, struct slub_geometry *g,
			       bool has_ctor)
{
	size_t size = align_up(g->objsize, p->pointer_size);

	/* Poison the object itself only if nobody may read it while free. */
	if ((g->flags & SLAB_POISON) && !(g->flags & SLAB_DESTROY_BY_RCU) && !has_ctor)
		g->flags |= __OBJECT_POISON;
	else
		g->flags &= ~__OBJECT_POISON;
	/* The red zone needs bytes after the object: a word if no slack. */
	if ((g->flags & SLAB_RED_ZONE) && size == g->objsize)
		size += p->pointer_size;
	g->inuse = size;

	/*
	 * The object must survive being free; or a red-zoned object smaller
	 * than a pointer would have the free pointer over its red zone, which
	 * is checked on free objects too (a later Linux's fix, see above).
	 */
	g->offset = 0;
	if ((g->flags & (SLAB_DESTROY_BY_RCU | SLAB_POISON)) || has_ctor ||
	    ((g->flags & SLAB_RED_ZONE) && g->objsize < p->pointer_size)) {
		g->offset = size;
		size += p->pointer_size;
	}
	if (g->flags & SLAB_STORE_USER)
		size += 2 * p->track_size;	/* last alloc and last free */
	if (g->flags & SLAB_RED_ZONE)
		size += p->pointer_size;	/* catches the previous object's overrun */
	return size;
}

bool calculate_sizes(const struct slub_params *p, struct slub_geometry *g,
		     bool has_ctor, int forced_order)
{
	size_t size = calculate_layout(p, g, has_ctor);
	int order;

	/* By the caller's size, not the one with metadata, as Linux does. */
	g->align = calculate_alignment(p, g->flags, g->align, g->objsize);
	size = align_up(size, g->align);
	g->size = size;

	order = forced_order >= 0 ? forced_order : calculate_order(p, size);
	if (order < 0)
		return false;
	g->oo = oo_make(p, order, size);
	g->min = oo_make(p, slub_get_order(p, size), size);
	if (oo_objects(g->oo) > oo_objects(g->max))
		g->max = g->oo;
	return oo_objects(g->oo) != 0;
}

bool slub_geometry(const struct slub_params *p, size_t size, size_t align,
		   unsigned long flags, bool has_ctor, struct slub_geometry *g)
{
	unsigned long min;

	*g = (struct slub_geometry){ .flags = flags, .objsize = size, .align = align };
	if (!calculate_sizes(p, g, has_ctor, -1))
		return false;

	/* Bigger objects keep more empty slabs: ilog2(size), 5 .. 10. */
	min = (unsigned long)ilog2_ul(g->size);
	if (min < MIN_PARTIAL)
		min = MIN_PARTIAL;
	else if (min > MAX_PARTIAL)
		min = MAX_PARTIAL;
	g->min_partial = min;
	return true;
}
