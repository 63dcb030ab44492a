/*
 * slub_def.h - SLUB's structures, after Linux 2.6.32's
 * include/linux/slub_def.h, and what the SLUB files of mm/ share
 * (mm/slub.c, slub_create.c, slub_kmalloc.c, slub_inspect.c).
 *
 * A SLUB slab is 2^order pages of objects back to back from the first
 * byte; its state lives in the first page's struct page (inuse,
 * objects, freelist, slab: mm/mm_types.h).  A free object holds the
 * address of the next free one at byte `offset` (the free pointer), so
 * a slab's free objects form a NULL-terminated chain from
 * page->freelist.  Each CPU has one slab of each cache to itself, its
 * "CPU slab" (kmem_cache_cpu.page, flagged PG_slub_frozen), whose free
 * objects it took over in one go into c->freelist, the lockless
 * freelist.  Every other slab that is neither full nor a CPU slab is on
 * the node's partial list.
 *
 * Locking (Linux's):
 *  - c->freelist and c->page: only their CPU, interrupts off (other CPUs
 *    through an IPI, or directly while that CPU is not online);
 *  - page->freelist, page->inuse and PG_slub_frozen: slab_lock(page), a
 *    bit spinlock in page->flags (PG_locked), interrupts off;
 *  - the node's partial and full lists, nr_partial: list_lock, taken
 *    inside slab_lock (or with slab_trylock() inside list_lock);
 *  - nr_slabs and total_objects: atomic;
 *  - the chain of caches (slab_caches), refcount and aliases: slub_lock
 *    (a spinlock here, a rw-semaphore in Linux), thread context only.
 * Lock order: slub_lock -> slab_lock -> list_lock -> zone->lock.
 *
 * Deviations from Linux 2.6.32 kept in these structures:
 *  - the full list is kept for every cache, not only for debug caches
 *    with SLAB_STORE_USER, so the shell can show and verify every slab;
 *  - nr_slabs and total_objects are kept always (CONFIG_SLUB_DEBUG on),
 *    and CONFIG_SLUB_STATS is always on;
 *  - kmem_cache has, marked "ours", the alias names and error counter.
 */
#ifndef MM_SLUB_DEF_H
#define MM_SLUB_DEF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "platform.h"
#include "mm/gfp.h"
#include "mm/mm_types.h"
#include "mm/slab.h"
#include "mm/slub_geometry.h"
#include "mm/slub_inspect.h"

#ifndef CONFIG_SLUB
#error "mm/slub*.c are the CONFIG_SLUB back end (make SLAB=slub)"
#endif

struct kmem_cache_cpu {
	void **freelist;	/* the lockless freelist: the next object to hand out */
	struct page *page;	/* the CPU slab; NULL if none */
	int node;		/* its node; -1: a debug cache's, no fast path (slub_debug.c) */
	unsigned int offset;	/* the free pointer's offset, in words */
	unsigned int objsize;	/* what kzalloc clears */
	unsigned int stat[NR_SLUB_STAT_ITEMS];
};

struct kmem_cache_node {
	spinlock_t list_lock;
	unsigned long nr_partial;
	struct list_head partial;
	atomic_t nr_slabs;
	atomic_t total_objects;
	struct list_head full;		/* every cache's (Linux: debug caches') */
	atomic_t nr_pages;		/* ours: the slabs' pages (kmem_cache_shrink()) */
};

/* A name kmem_cache_create() merged into an existing cache (ours). */
struct slub_alias {
	struct slub_alias *next;
	const char *name;
};

struct kmem_cache {
	/* Used for retrieving partial slabs etc */
	unsigned long flags;
	int size;		/* an object with its metadata */
	int objsize;		/* the caller's bytes (the largest merged) */
	int offset;		/* the free pointer's offset */
	struct kmem_cache_order_objects oo;
	/* the one node's lists, inside the cache (!CONFIG_NUMA) */
	struct kmem_cache_node local_node;
	/* Allocation and freeing of slabs */
	struct kmem_cache_order_objects max;
	struct kmem_cache_order_objects min;
	gfp_t allocflags;	/* gfp flags for every slab */
	int refcount;		/* 1 + the creates merged into it; -1: never merge */
	kmem_ctor_t ctor;
	int inuse;		/* offset of the metadata */
	int align;
	unsigned long min_partial;
	const char *name;
	struct list_head list;	/* slab_caches */
	/* ours: */
	struct slub_alias *aliases;	/* merged names, oldest first (slub_lock) */
	unsigned long errors;		/* reports made about this cache */
	uint32_t reciprocal_size;	/* 2^32 / size, rounded up: object index by multiply */
	struct slab_journal *journal;	/* from the first "trace on" (mm/slub_journal.c) */
	unsigned int trace;		/* SLUB_TRACE* (kmem_cache_trace()) */
	struct kmem_cache_cpu *cpu_slab[NR_CPUS];
};

/* Linux's SLUB_NEVER_MERGE and SLUB_MERGE_SAME (no SLAB_TRACE here). */
#define SLUB_NEVER_MERGE (SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER | SLAB_DESTROY_BY_RCU | \
			  SLAB_NOLEAKTRACE)
#define SLUB_MERGE_SAME (SLAB_DEBUG_FREE | SLAB_RECLAIM_ACCOUNT | SLAB_CACHE_DMA)

/* kmalloc: ARCH_KMALLOC_MINALIGN is the 32-byte line on ARM (2.6.32) */
#define ARCH_KMALLOC_MINALIGN	32
#define KMALLOC_MIN_SIZE	ARCH_KMALLOC_MINALIGN
#define KMALLOC_SHIFT_LOW	5		/* ilog2(KMALLOC_MIN_SIZE) */
#define SLUB_MAX_SIZE		(2 * PAGE_SIZE)	/* larger: the page allocator */
#define SLUB_PAGE_SHIFT		(PAGE_SHIFT + 2)	/* kmalloc_caches[] entries */
#define SLUB_DMA		__GFP_DMA

/* ---- mm/slub_create.c ---- */
extern spinlock_t slub_lock;
extern struct list_head slab_caches;
extern struct kmem_cache kmalloc_caches[SLUB_PAGE_SHIFT];
extern struct kmem_cache *kmalloc_caches_dma[SLUB_PAGE_SHIFT];
extern struct slub_params slub_params;
/* Objects free on the node's partial slabs; list_lock held (mm/slub.c). */
unsigned long count_partial_free(struct kmem_cache_node *n);
extern int slab_state;			/* DOWN, PARTIAL, UP */
enum { SLUB_DOWN, SLUB_PARTIAL, SLUB_UP };
struct kmem_cache *slub_find_locked(const char *name);
bool slub_open(struct kmem_cache *s, const char *name, size_t size, size_t align,
	       unsigned long flags, kmem_ctor_t ctor);
void slub_report_count(struct kmem_cache *s);
__printf(1, 2) void slub_printf(const char *fmt, ...);

/* ---- mm/slub_kmalloc.c ---- */
void kmalloc_size_index_init(void);
int kmalloc_index_of(size_t size);

/* ---- mm/slub.c ---- */
void flush_all(struct kmem_cache *s);
void discard_slab(struct kmem_cache *s, struct page *page);
void init_kmem_cache_node(struct kmem_cache_node *n);
void nr_partial_add(struct kmem_cache_node *n, long delta);	/* list_lock held */
/* Report a refused free: "SLUB NAME: FUNC(0x...): WHY; not freed", counted. */
void slub_bad_free(struct kmem_cache *s, const char *func, const void *x, const char *why);
/* @addr: the API's caller (Linux's _RET_IP_), for SLAB_STORE_USER's tracks */
void *__slab_alloc(struct kmem_cache *s, gfp_t gfpflags, int node, unsigned long addr,
		   struct kmem_cache_cpu *c);
void __slab_free(struct kmem_cache *s, struct page *page, void *x, unsigned long addr,
		 unsigned int offset);
/* the free objects of @page's chain marked in @map (slab_lock held) */
void slub_free_map(struct kmem_cache *s, struct page *page, const void *chain,
		   unsigned char *map);

/* ---- inline helpers ---- */

/* The caller of the function this is written in: a track's addr. */
#define _RET_IP_ ((unsigned long)(uintptr_t)__builtin_return_address(0))

static inline struct kmem_cache_node *get_node(struct kmem_cache *s, int node)
{
	(void)node;
	return &s->local_node;
}

static inline struct kmem_cache_cpu *get_cpu_slab(struct kmem_cache *s, unsigned int cpu)
{
	return s->cpu_slab[cpu];
}

/* One CPU's statistics: only that CPU writes them, interrupts off. */
static inline void stat(struct kmem_cache_cpu *c, enum stat_item si)
{
	__atomic_store_n(&c->stat[si], c->stat[si] + 1, __ATOMIC_RELAXED);
}

static inline void *get_freepointer(const struct kmem_cache *s, void *object)
{
	return *(void **)((char *)object + s->offset);
}

static inline void set_freepointer(const struct kmem_cache *s, void *object, void *fp)
{
	*(void **)((char *)object + s->offset) = fp;
}

static inline unsigned int slab_index(const void *p, const struct kmem_cache *s,
				      const void *addr)
{
	return (unsigned int)(((const char *)p - (const char *)addr) / s->size);
}

/*
 * Page flags SLUB changes while other CPUs may be taking the slab lock
 * in the same word: atomic read-modify-writes only, built on the same
 * compiler builtins as include/atomic.h.
 */
static inline bool page_test_flag(const struct page *page, enum pageflags bit)
{
	return (__atomic_load_n(&page->flags, __ATOMIC_RELAXED) >> bit) & 1;
}

static inline void page_set_flag_atomic(struct page *page, enum pageflags bit)
{
	__atomic_fetch_or(&page->flags, 1UL << bit, __ATOMIC_RELAXED);
}

static inline void page_clear_flag_atomic(struct page *page, enum pageflags bit)
{
	__atomic_fetch_and(&page->flags, ~(1UL << bit), __ATOMIC_RELAXED);
}

static inline bool PageSlubFrozen(const struct page *page)
{
	return page_test_flag(page, PG_slub_frozen);
}

static inline void __SetPageSlubFrozen(struct page *page)
{
	page_set_flag_atomic(page, PG_slub_frozen);
}

static inline void __ClearPageSlubFrozen(struct page *page)
{
	page_clear_flag_atomic(page, PG_slub_frozen);
}

static inline bool PageTail(const struct page *page)
{
	return page_test_flag(page, PG_tail);
}

/* Linux's bit_spin_lock(PG_locked, &page->flags): acquire on take, release on drop. */
static __always_inline bool slab_trylock(struct page *page)
{
	return !(__atomic_fetch_or(&page->flags, 1UL << PG_locked, __ATOMIC_ACQUIRE) &
		 (1UL << PG_locked));
}

static __always_inline void slab_lock(struct page *page)
{
	while (unlikely(!slab_trylock(page)))
		while (page_test_flag(page, PG_locked))
			;
}

static __always_inline void slab_unlock(struct page *page)
{
	__atomic_fetch_and(&page->flags, ~(1UL << PG_locked), __ATOMIC_RELEASE);
}

/* The slab's first page: tail pages point to it (compound pages' rule). */
static inline struct page *virt_to_head_page(const void *x)
{
	struct page *page = virt_to_page(x);

	if (unlikely(PageTail(page)))
		return page->first_page;
	return page;
}

/*
 * @off bytes into a slab of @s: the object index, exact when @off is a
 * multiple of size (a slab is at most 2^22 bytes), without a division
 * (the Cortex-A9 has none): Linux's reciprocal_divide().
 */
static inline unsigned int slub_obj_index(const struct kmem_cache *s, uintptr_t off)
{
	return (unsigned int)(((uint64_t)off * s->reciprocal_size) >> 32);
}

/*
 * The slab page @x lies in, from one load of its flags: false if none
 * (outside memory, or a page no slab holds), else its first page in
 * *@pagep.  Every page of a slab is PG_slab; its tail pages point at
 * the first.
 */
static __always_inline bool slub_virt_to_slab(const void *x, struct page **pagep)
{
	struct page *page;
	unsigned long flags;

	if (unlikely(!virt_to_page_valid(x, &page)))
		return false;
	flags = __atomic_load_n(&page->flags, __ATOMIC_RELAXED);
	if (unlikely(!(flags & (1UL << PG_slab))))
		return false;
	if (unlikely(flags & (1UL << PG_tail)))
		page = page->first_page;
	*pagep = page;
	return true;
}

/*
 * Is @x the start of an object of the slab at @page?  A slab's pages
 * are a buddy block, aligned to its size, so the offset is a mask.
 */
static __always_inline bool slub_obj_start(const struct kmem_cache *s, const struct page *page,
					   const void *x)
{
	uintptr_t off = (uintptr_t)x & ((PAGE_SIZE << page->private) - 1);
	unsigned int idx = slub_obj_index(s, off);

	return idx < page->objects && (uintptr_t)idx * (uintptr_t)s->size == off;
}

/*
 * Why @x cannot be an object of @s, or NULL: it is one, and *@pagep is
 * its slab's first page.  Every free asks (Linux trusts the caller
 * unless debugging).
 */
static __always_inline const char *slub_bad_object(const struct kmem_cache *s, const void *x,
						   struct page **pagep)
{
	if (unlikely(!slub_virt_to_slab(x, pagep)))
		return "in no slab";
	if (unlikely((*pagep)->slab != s))
		return "of another cache";
	if (unlikely(!slub_obj_start(s, *pagep, x)))
		return "not the start of an object";
	return NULL;
}

/*
 * The fast paths, inline in kmem_cache_alloc/free and kmalloc/kfree as
 * Linux's __always_inline slab_alloc()/slab_free(): the calling CPU's
 * c->freelist with interrupts off, c->offset the free pointer's word.
 */
static __always_inline void *slab_alloc(struct kmem_cache *s, gfp_t gfpflags, unsigned long addr)
{
	void **object;
	struct kmem_cache_cpu *c;
	unsigned long flags;
	unsigned int objsize;

	local_irq_save(flags);
	c = get_cpu_slab(s, smp_processor_id());
	objsize = __atomic_load_n(&c->objsize, __ATOMIC_RELAXED);	/* a merge may raise it */
	if (unlikely(!c->freelist || c->node < 0)) {	/* -1: journalled (slub_journal.h) */
		object = __slab_alloc(s, gfpflags, 0, addr, c);
	} else {
		object = c->freelist;
		c->freelist = object[c->offset];
		stat(c, ALLOC_FASTPATH);
	}
	local_irq_restore(flags);
	if (unlikely((gfpflags & __GFP_ZERO) && object))
		memset(object, 0, objsize);
	return object;
}

static __always_inline void slab_free(struct kmem_cache *s, struct page *page, void *x,
				      unsigned long addr)
{
	void **object = x;
	struct kmem_cache_cpu *c;
	unsigned long flags;

	local_irq_save(flags);
	c = get_cpu_slab(s, smp_processor_id());
	if (likely(page == c->page && c->node >= 0)) {
		object[c->offset] = c->freelist;
		c->freelist = object;
		stat(c, FREE_FASTPATH);
	} else {
		__slab_free(s, page, x, addr, c->offset);
	}
	local_irq_restore(flags);
}

#endif /* MM_SLUB_DEF_H */
