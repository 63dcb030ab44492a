/*
 * slub_kmalloc.c - kmalloc() on SLUB, after Linux 2.6.32's mm/slub.c
 * and include/linux/slub_def.h: size to cache (get_slab, size_index),
 * kmalloc/kzalloc/kfree/ksize, and requests above SLUB_MAX_SIZE (two
 * pages) straight from the page allocator (kmalloc_large).
 *
 * The kmalloc caches (made by kmem_cache_init(), mm/slub_create.c) on
 * this board, where ARCH_KMALLOC_MINALIGN is the 32-byte line:
 * kmalloc_caches[i] holds objects of 2^i bytes for i = 5..13 (32 ..
 * 8192), [1] is kmalloc-96 and [2] kmalloc-192.  Sizes up to 192 find
 * their index in size_index[(size - 1) / 8], bigger ones as fls(size -
 * 1).  The table is written once at boot (kmalloc_size_index_init(): the
 * sizes below KMALLOC_MIN_SIZE go to kmalloc-32), read-only after.
 *
 * GFP_DMA: as in 2.6.32, "kmalloc_dma-N" is created the first time a
 * size class is asked for with GFP_DMA (dma_kmalloc_cache()), under
 * slub_lock, which an atomic request only tries: if another CPU holds
 * it, that kmalloc fails (returns NULL), as in Linux.
 *
 * A large block is a plain alloc_pages() block (PG_head, its order in
 * page->private, not PG_slab): kfree() gives it back with
 * __free_pages(), whose checks refuse a bad one; ksize() says PAGE_SIZE
 * << order.  (Linux uses a compound page and put_page().)
 */
#include <stdio.h>
#include "mm/mmzone.h"
#include "mm/slab_inspect.h"
#include "mm/slub_def.h"

struct kmem_cache *kmalloc_caches_dma[SLUB_PAGE_SHIFT];

/* (size - 1) / 8 -> kmalloc_caches[] index, sizes 8 .. 192: Linux's table */
static int8_t size_index[24] = {
	3,	/* 8 */
	4,	/* 16 */
	5,	/* 24 */
	5,	/* 32 */
	6,	/* 40 */
	6,	/* 48 */
	6,	/* 56 */
	6,	/* 64 */
	1,	/* 72 */
	1,	/* 80 */
	1,	/* 88 */
	1,	/* 96 */
	7,	/* 104 */
	7,	/* 112 */
	7,	/* 120 */
	7,	/* 128 */
	2,	/* 136 */
	2,	/* 144 */
	2,	/* 152 */
	2,	/* 160 */
	2,	/* 168 */
	2,	/* 176 */
	2,	/* 184 */
	2	/* 192 */
};

static inline int size_index_elem(size_t bytes)
{
	return (int)((bytes - 1) / 8);
}

/* kmem_cache_init(): sizes below KMALLOC_MIN_SIZE use the smallest cache. */
void kmalloc_size_index_init(void)
{
	for (size_t i = 8; i < KMALLOC_MIN_SIZE; i += 8)
		size_index[size_index_elem(i)] = KMALLOC_SHIFT_LOW;
}

static int fls_size(size_t x)
{
	return x ? (int)(sizeof(unsigned long) * 8) - __builtin_clzl((unsigned long)x) : 0;
}

/* kmalloc_caches[] index of @size (1 .. SLUB_MAX_SIZE). */
int kmalloc_index_of(size_t size)
{
	if (size <= 192)
		return size_index[size_index_elem(size)];
	return fls_size(size - 1);
}

static __noinline struct kmem_cache *dma_kmalloc_cache(int index, gfp_t flags)
{
	struct kmem_cache *s = __atomic_load_n(&kmalloc_caches_dma[index], __ATOMIC_ACQUIRE);
	size_t realsize;
	char *text;

	if (s)
		return s;
	if (flags & __GFP_WAIT)
		spin_lock(&slub_lock);
	else if (!spin_trylock(&slub_lock))
		return NULL;
	if (kmalloc_caches_dma[index])
		goto unlock_out;
	realsize = (size_t)kmalloc_caches[index].objsize;
	text = kmalloc(24, flags & ~SLUB_DMA);
	s = kmalloc(sizeof(*s), flags & ~SLUB_DMA);
	if (!s || !text) {
		kfree(s);
		kfree(text);
		goto unlock_out;
	}
	snprintf(text, 24, "kmalloc_dma-%u", (unsigned int)realsize);
	if (!slub_open(s, text, realsize, ARCH_KMALLOC_MINALIGN, SLAB_CACHE_DMA, NULL)) {
		kfree(s);
		kfree(text);
		goto unlock_out;
	}
	list_add(&s->list, &slab_caches);
	__atomic_store_n(&kmalloc_caches_dma[index], s, __ATOMIC_RELEASE);
unlock_out:
	spin_unlock(&slub_lock);
	return __atomic_load_n(&kmalloc_caches_dma[index], __ATOMIC_ACQUIRE);
}

static __always_inline struct kmem_cache *get_slab(size_t size, gfp_t flags)
{
	int index;

	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	index = kmalloc_index_of(size);
	if (unlikely(flags & SLUB_DMA))
		return dma_kmalloc_cache(index, flags);
	return &kmalloc_caches[index];
}

struct kmem_cache *kmem_find_general_cachep(size_t size, gfp_t gfpflags)
{
	if (!size)
		return ZERO_SIZE_PTR;
	if (size > SLUB_MAX_SIZE)
		return NULL;
	if (gfpflags & SLUB_DMA)	/* only if kmalloc(GFP_DMA) made it already */
		return __atomic_load_n(&kmalloc_caches_dma[kmalloc_index_of(size)],
				       __ATOMIC_ACQUIRE);
	return &kmalloc_caches[kmalloc_index_of(size)];
}

/* Above SLUB_MAX_SIZE: whole pages; NULL above KMALLOC_MAX_SIZE. */
static __noinline void *kmalloc_large(size_t size, gfp_t flags)
{
	int order = slub_get_order(&slub_params, size);

	if (order >= MAX_ORDER) {
		if (!(flags & __GFP_NOWARN))
			printk("kmalloc: %lu bytes is more than KMALLOC_MAX_SIZE (%lu)\n",
			       (unsigned long)size, (unsigned long)KMALLOC_MAX_SIZE);
		return NULL;
	}
	return (void *)__get_free_pages(flags | __GFP_COMP, (unsigned int)order);
}

/* kmalloc and kzalloc, each with its own caller for the tracks. */
static __always_inline void *__kmalloc(size_t size, gfp_t flags, unsigned long addr)
{
	struct kmem_cache *s;

	if (unlikely(size > SLUB_MAX_SIZE))
		return kmalloc_large(size, flags);
	s = get_slab(size, flags);
	if (unlikely(ZERO_OR_NULL_PTR(s)))
		return s;
	return slab_alloc(s, flags, addr);
}

void *kmalloc(size_t size, gfp_t flags)
{
	return __kmalloc(size, flags, _RET_IP_);
}

void *kzalloc(size_t size, gfp_t flags)
{
	return __kmalloc(size, flags | __GFP_ZERO, _RET_IP_);
}

/* Not a slab: a block of pages kmalloc_large() handed out, or a bad pointer. */
static __noinline void kfree_not_slab(const void *x)
{
	struct page *page;

	if (virt_to_page_valid(x, &page) && PageHead(page) && page_address(page) == x) {
		__free_pages(page, (unsigned int)page->private);
		return;
	}
	slub_bad_free(NULL, "kfree", x, "not an object kmalloc handed out");
}

void kfree(const void *x)
{
	struct page *page;
	struct kmem_cache *s;

	if (unlikely(!slub_virt_to_slab(x, &page))) {
		if (!ZERO_OR_NULL_PTR(x))
			kfree_not_slab(x);
		return;
	}
	s = page->slab;
	if (unlikely(!slub_obj_start(s, page, x))) {
		slub_bad_free(s, __func__, x, "not the start of an object");
		return;
	}
	slab_free(s, page, (void *)x, _RET_IP_);
}

size_t ksize(const void *x)
{
	struct page *page;
	struct kmem_cache *s;

	if (unlikely(ZERO_OR_NULL_PTR(x)) || !virt_to_page_valid(x, &page))
		return 0;
	if (PageTail(page))
		page = page->first_page;
	if (unlikely(!page_test_flag(page, PG_slab)))
		return PageHead(page) ? PAGE_SIZE << page->private : 0;
	s = page->slab;
	/* the padding may hold debugging words, the free pointer or tracking */
	if (s->flags & (SLAB_RED_ZONE | SLAB_POISON))
		return (size_t)s->objsize;
	if (s->flags & (SLAB_DESTROY_BY_RCU | SLAB_STORE_USER))
		return (size_t)s->inuse;
	return (size_t)s->size;
}
