/*
 * slab_geometry.c - kmem_cache_create()'s layout arithmetic, after
 * Linux 2.6.24's mm/slab.c (cache_estimate, calculate_slab_order and
 * the body of kmem_cache_create), with the machine as a parameter.
 *
 * A slab is 2^gfporder pages: [colour][management][objects][left over].
 * On-slab management is a struct slab followed by one kmem_bufctl_t per
 * object, padded to the object alignment; off-slab it lives in the
 * general cache that fits it and the slab holds only objects.  The
 * left-over bytes become colour: successive slabs start their objects
 * colour_off bytes further in, so equal objects of different slabs do
 * not all compete for the same cache lines.
 *
 * Debugging (SLAB_RED_ZONE, SLAB_STORE_USER) adds words to each buffer:
 * [red zone 1][the caller's object_size bytes][red zone 2][last user],
 * the red zones 64-bit, so the caller's pointer is obj_offset bytes in.
 *
 * Pure functions: no state, no locks.
 */
#include "mm/slab.h"
#include "mm/slab_def.h"
#include "mm/slab_geometry.h"

static size_t align_up(size_t x, size_t a)
{
	return (x + a - 1) / a * a;
}

size_t slab_mgmt_size(const struct slab_params *p, size_t nr_objs, size_t align)
{
	return align_up(p->slab_desc_size + nr_objs * p->bufctl_size, align);
}

void cache_estimate(const struct slab_params *p, unsigned int gfporder,
		    size_t buffer_size, size_t align, bool off_slab,
		    size_t *left_over, unsigned int *num)
{
	size_t slab_size = p->page_size << gfporder;
	size_t mgmt_size = 0, nr_objs;

	if (off_slab) {
		nr_objs = slab_size / buffer_size;
	} else {
		/*
		 * Ignore the padding for a first guess: it is at most
		 * align-1 bytes and buffer_size >= align, so the guess is
		 * right or one too many.  A guess of 0 stays 0: Linux
		 * decrements it regardless, and its -1 becomes SLAB_LIMIT
		 * objects in a slab that holds none.
		 */
		nr_objs = (slab_size - p->slab_desc_size) / (buffer_size + p->bufctl_size);
		if (nr_objs && slab_mgmt_size(p, nr_objs, align) + nr_objs * buffer_size > slab_size)
			nr_objs--;
		if (nr_objs)
			mgmt_size = slab_mgmt_size(p, nr_objs, align);
	}
	if (nr_objs > SLAB_LIMIT)
		nr_objs = SLAB_LIMIT;
	*num = (unsigned int)nr_objs;
	*left_over = slab_size - nr_objs * buffer_size - mgmt_size;
}

/*
 * Find the order: the smallest that holds an object, then larger ones
 * while the waste is over 1/8 of the slab, up to slab_break_gfp_order.
 */
static size_t calculate_slab_order(const struct slab_params *p, size_t size,
				   size_t align, unsigned long flags, bool off_slab,
				   struct slab_geometry *g)
{
	size_t left_over = 0;

	g->num = 0;
	for (unsigned int gfporder = 0; gfporder <= p->max_order; gfporder++) {
		unsigned int num;
		size_t remainder;

		cache_estimate(p, gfporder, size, align, off_slab, &remainder, &num);
		if (!num)
			continue;
		/* Off-slab bufctls must fit the general cache holding them. */
		if (off_slab && num > (size - p->slab_desc_size) / p->bufctl_size)
			break;
		g->num = num;
		g->gfporder = gfporder;
		left_over = remainder;
		if (flags & SLAB_RECLAIM_ACCOUNT)
			break;		/* reclaimable slabs stay small */
		if (gfporder >= p->break_gfp_order)
			break;
		if (left_over * 8 <= (p->page_size << gfporder))
			break;		/* acceptable internal fragmentation */
	}
	return left_over;
}

static size_t redzone_align(const struct slab_params *p)
{
	return p->bytes_per_word > p->ull_align ? p->bytes_per_word : p->ull_align;
}

/* Bits needed to hold @x: Linux's fls(). */
static unsigned int fls_size(size_t x)
{
	unsigned int n = 0;

	while (x) {
		n++;
		x >>= 1;
	}
	return n;
}

/*
 * FORCED_DEBUG (CONFIG_DEBUG_SLAB): poison every cache, and red-zone and
 * record the user of every cache unless that pushes an object of a page
 * or more past the next power of two.
 */
static unsigned long forced_debug_flags(const struct slab_params *p, size_t size,
					unsigned long flags)
{
	size_t extra = redzone_align(p) + 2 * sizeof(unsigned long long);

	if (size < 4096 || fls_size(size - 1) == fls_size(size - 1 + extra))
		flags |= SLAB_RED_ZONE | SLAB_STORE_USER;
	return flags | SLAB_POISON;
}

/*
 * The alignment cascade of kmem_cache_create(); rounds *size up for a
 * red zone, and drops red zone and user word when the alignment is more
 * than their 64-bit words can keep.
 */
static size_t slab_align(const struct slab_params *p, size_t *size, size_t align,
			 unsigned long *flags)
{
	size_t ralign;

	if (*flags & SLAB_HWCACHE_ALIGN) {
		ralign = p->cache_line;		/* squeeze small objects */
		while (*size <= ralign / 2)
			ralign /= 2;
	} else {
		ralign = p->bytes_per_word;
	}
	if (*flags & SLAB_STORE_USER)
		ralign = p->bytes_per_word;
	if (*flags & SLAB_RED_ZONE) {
		ralign = redzone_align(p);	/* the second red zone is 64-bit aligned */
		*size = align_up(*size, ralign);
	}
	if (ralign < p->arch_slab_minalign)
		ralign = p->arch_slab_minalign;
	if (ralign < align)
		ralign = align;
	if (ralign > p->ull_align)
		*flags &= ~(SLAB_RED_ZONE | SLAB_STORE_USER);
	return ralign;
}

/*
 * Room for the debug words: a red zone before and after the object, the
 * last user's address at the very end (after the second red zone's
 * REDZONE_ALIGN slot, or a word of its own).
 */
static size_t add_debug_words(const struct slab_params *p, size_t size,
			      unsigned long flags, struct slab_geometry *g)
{
	g->object_size = size;
	g->obj_offset = 0;
	if (flags & SLAB_RED_ZONE) {
		g->obj_offset += sizeof(unsigned long long);
		size += 2 * sizeof(unsigned long long);
	}
	if (flags & SLAB_STORE_USER)
		size += (flags & SLAB_RED_ZONE) ? redzone_align(p) : p->bytes_per_word;
	return size;
}

bool slab_geometry(const struct slab_params *p, size_t size, size_t align,
		   unsigned long flags, struct slab_geometry *g)
{
	bool off_slab;

	if (p->forced_debug)
		flags = forced_debug_flags(p, size, flags);
	size = align_up(size, p->bytes_per_word);
	align = slab_align(p, &size, align, &flags);
	size = add_debug_words(p, size, flags, g);
	/*
	 * Big objects: management off-slab (not while bootstrapping).  As in
	 * Linux the size before alignment decides, so a small object with an
	 * alignment of a page or more keeps its management on-slab, padded
	 * to the alignment: half of a slab that holds one object.
	 */
	off_slab = size >= (p->page_size >> 3) && !p->early;
	size = align_up(size, align);

	g->left_over = calculate_slab_order(p, size, align, flags, off_slab, g);
	if (!g->num)
		return false;
	g->slab_size = slab_mgmt_size(p, g->num, align);
	/* Off-slab, but the management fits the left-over: bring it on. */
	if (off_slab && g->left_over >= g->slab_size) {
		off_slab = false;
		g->left_over -= g->slab_size;
	}
	if (off_slab)
		g->slab_size = g->num * p->bufctl_size + p->slab_desc_size;
	g->colour_off = p->cache_line < align ? align : p->cache_line;
	g->colour = g->left_over / g->colour_off;
	g->buffer_size = size;
	g->align = align;
	g->off_slab = off_slab;
	g->flags = flags;
	return true;
}
