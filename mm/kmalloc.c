/*
 * kmalloc.c - the general caches and kmalloc(), after Linux 2.6.24
 * (mm/slab.c, include/linux/kmalloc_sizes.h).
 *
 * One cache per size class, and a ZONE_DMA twin of each: with 4 KiB
 * pages and 32-byte cache lines Linux's classes are 32, 64, 96, 128,
 * 192, 256, then powers of two up to KMALLOC_MAX_SIZE (4 MiB).  They are
 * created in ascending order at boot and never destroyed; the table is
 * written once there and read-only afterwards.
 *
 * kmalloc_index() finds the class in constant time (slab_internal.h).
 * kmalloc(0) returns ZERO_SIZE_PTR; a size beyond the last class returns
 * NULL and, unless __GFP_NOWARN, says so.  kfree() finds the cache from
 * the page the object lies in, and refuses (with a slab error) a pointer
 * that is not the start of an object there.
 */
#include <stdio.h>
#include "mm/slab_internal.h"

struct cache_sizes malloc_sizes[] = {
	{ .cs_size = 32 },
	{ .cs_size = 64 },
	{ .cs_size = 96 },
	{ .cs_size = 128 },
	{ .cs_size = 192 },
	{ .cs_size = 256 },
	{ .cs_size = 512 },
	{ .cs_size = 1024 },
	{ .cs_size = 2048 },
	{ .cs_size = 4096 },
	{ .cs_size = 8192 },
	{ .cs_size = 16384 },
	{ .cs_size = 32768 },
	{ .cs_size = 65536 },
	{ .cs_size = 131072 },
	{ .cs_size = 262144 },
	{ .cs_size = 524288 },
	{ .cs_size = 1048576 },
	{ .cs_size = 2097152 },
	{ .cs_size = 4194304 },
	{ .cs_size = ~(size_t)0 },	/* end: its caches are NULL */
};

const char *const cache_names[][2] = {
	{ "size-32", "size-32(DMA)" },
	{ "size-64", "size-64(DMA)" },
	{ "size-96", "size-96(DMA)" },
	{ "size-128", "size-128(DMA)" },
	{ "size-192", "size-192(DMA)" },
	{ "size-256", "size-256(DMA)" },
	{ "size-512", "size-512(DMA)" },
	{ "size-1024", "size-1024(DMA)" },
	{ "size-2048", "size-2048(DMA)" },
	{ "size-4096", "size-4096(DMA)" },
	{ "size-8192", "size-8192(DMA)" },
	{ "size-16384", "size-16384(DMA)" },
	{ "size-32768", "size-32768(DMA)" },
	{ "size-65536", "size-65536(DMA)" },
	{ "size-131072", "size-131072(DMA)" },
	{ "size-262144", "size-262144(DMA)" },
	{ "size-524288", "size-524288(DMA)" },
	{ "size-1048576", "size-1048576(DMA)" },
	{ "size-2097152", "size-2097152(DMA)" },
	{ "size-4194304", "size-4194304(DMA)" },
	{ NULL, NULL },
};

/* (size - 1) / 8 -> the class, for sizes 1 .. KMALLOC_SMALL_MAX */
const uint8_t size_index[KMALLOC_SMALL_MAX / 8] = {
	0, 0, 0, 0,		/*   1 ..  32: size-32 */
	1, 1, 1, 1,		/*  33 ..  64: size-64 */
	2, 2, 2, 2,		/*  65 ..  96: size-96 */
	3, 3, 3, 3,		/*  97 .. 128: size-128 */
	4, 4, 4, 4, 4, 4, 4, 4,	/* 129 .. 192: size-192 */
};

BUILD_BUG_ON(ARRAY_SIZE(malloc_sizes) != KMALLOC_NR_CLASSES + 1);

/* kmem_find_general_cachep(), inline for kmalloc()'s fast path. */
static __always_inline struct kmem_cache *general_cachep(size_t size, gfp_t gfpflags)
{
	struct cache_sizes *csizep;

	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	csizep = &malloc_sizes[kmalloc_index(size)];
	return (gfpflags & GFP_DMA) ? csizep->cs_dmacachep : csizep->cs_cachep;
}

struct kmem_cache *kmem_find_general_cachep(size_t size, gfp_t gfpflags)
{
	return general_cachep(size, gfpflags);
}

void *kmalloc(size_t size, gfp_t flags)
{
	struct kmem_cache *cachep = general_cachep(size, flags);
	void *objp;

	if (unlikely(ZERO_OR_NULL_PTR(cachep))) {
		if (!cachep && !(flags & __GFP_NOWARN))
			printk("kmalloc: %lu bytes is more than KMALLOC_MAX_SIZE (%lu)\n",
			       (unsigned long)size, (unsigned long)KMALLOC_MAX_SIZE);
		return cachep;
	}
	if (likely(!(flags & __GFP_ZERO)) && cache_alloc_fast(cachep, &objp))
		return objp;
	return __cache_alloc(cachep, flags, __builtin_return_address(0));
}

void *kzalloc(size_t size, gfp_t flags)
{
	struct kmem_cache *cachep = general_cachep(size, flags);

	if (unlikely(ZERO_OR_NULL_PTR(cachep)))
		return kmalloc(size, flags);	/* ZERO_SIZE_PTR, or the warning */
	return __cache_alloc(cachep, flags | __GFP_ZERO, __builtin_return_address(0));
}

/* What kfree() does not do inline: NULL, a refusal, or more than a push. */
static __noinline void kfree_slow(const void *objp, const void *caller)
{
	struct kmem_cache *c;
	unsigned long flags;

	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return;
	c = virt_to_cache(objp);
	if (unlikely(!c || !slab_obj_start(c, objp)) && !slab_bad_free("kfree", c, objp))
		return;
	local_irq_save(flags);
	__cache_free(c, (void *)objp, caller);
	local_irq_restore(flags);
}

/*
 * One page lookup finds the cache and the slab, which the object
 * boundary check needs.  NULL and ZERO_SIZE_PTR are never in a slab
 * page, so they need no test of their own before the slow path.
 */
void kfree(const void *objp)
{
	struct page *page;

	if (likely(virt_to_page_valid(objp, &page) && PageSlab(page)) &&
	    likely(cache_free_fast(page_get_cache(page), page_get_slab(page), (void *)objp)))
		return;
	kfree_slow(objp, __builtin_return_address(0));
}

size_t ksize(const void *objp)
{
	struct kmem_cache *c;

	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return 0;
	c = virt_to_cache(objp);
	return c ? c->object_size : 0;
}
