/*
 * slab_internal.h - between the slab allocator's files only:
 *   slab.c        cache lifecycle, bootstrap, tunables, shrink/destroy
 *   slab_grow.c   pages in and out: growing, destroying, bufctl chains
 *   slab_alloc.c  the per-CPU fast paths, refill/flush, reaping
 *   kmalloc.c     the general caches
 *   slabinfo.c    /proc/slabinfo
 */
#ifndef MM_SLAB_INTERNAL_H
#define MM_SLAB_INTERNAL_H

#include "mm/slab_def.h"
#include "mm/slab_geometry.h"
#include "mm/slab_inspect.h"

/* The board's (32-bit ARM EABI) minimum alignments, as in Linux. */
#define ARCH_SLAB_MINALIGN     8
#define ARCH_KMALLOC_MINALIGN  __alignof__(unsigned long long)
#define ARCH_KMALLOC_FLAGS     SLAB_HWCACHE_ALIGN

#define BATCHREFILL_LIMIT  16
#define REAPTIMEOUT_CPUC   (2 * HZ)	/* each CPU's reaper runs this often */
#define REAPTIMEOUT_LIST3  (4 * HZ)	/* a node's free slabs are looked at this often */

/* ---- slab.c ---- */
extern struct kmem_cache cache_cache;
extern struct slab_params slab_params;

enum cpucache_state { NONE, PARTIAL_AC, PARTIAL_L3, FULL };
extern enum cpucache_state g_cpucache_up;

void slab_error(const char *function, struct kmem_cache *cachep, const char *msg);
/* New per-CPU and shared arrays; cache_chain_lock held (or boot). */
int do_tune_cpucache(struct kmem_cache *cachep, unsigned int limit,
		     unsigned int batchcount, unsigned int shared);
/* The cache named @name, or NULL; cache_chain_lock held. */
struct kmem_cache *find_cache_locked(const char *name);
/* The CPUs that have (or will have) per-CPU arrays: present CPUs. */
unsigned int slab_nr_cpus(void);

/* ---- slab_grow.c ---- */
void *kmem_getpages(struct kmem_cache *cachep, gfp_t flags);
void kmem_freepages(struct kmem_cache *cachep, void *addr);
int cache_grow(struct kmem_cache *cachep, gfp_t flags, int nodeid);
void slab_destroy(struct kmem_cache *cachep, struct slab *slabp);
void *slab_get_obj(struct kmem_cache *cachep, struct slab *slabp);
void slab_put_obj(struct kmem_cache *cachep, struct slab *slabp, void *objp);
/*
 * Give @nr_objects objects back to their slabs; list_lock held.  Returns
 * how many slabs it destroyed (Linux's is void; the reap report counts).
 */
int free_block(struct kmem_cache *cachep, void **objpp, int nr_objects, int node);
/* Destroy up to @tofree wholly free slabs; returns how many. */
int drain_freelist(struct kmem_cache *cachep, struct kmem_list3 *l3, int tofree);

static inline void page_set_cache(struct page *page, struct kmem_cache *cache)
{
	page->lru.next = (struct list_head *)cache;
}

static inline struct kmem_cache *page_get_cache(struct page *page)
{
	return (struct kmem_cache *)page->lru.next;
}

static inline void page_set_slab(struct page *page, struct slab *slab)
{
	page->lru.prev = (struct list_head *)slab;
}

static inline struct slab *page_get_slab(struct page *page)
{
	return (struct slab *)page->lru.prev;
}

/* The cache an object belongs to, or NULL if @objp is not in a slab page. */
static inline struct kmem_cache *virt_to_cache(const void *objp)
{
	struct page *page;

	if (!virt_addr_valid(objp))
		return NULL;
	page = virt_to_page(objp);
	return PageSlab(page) ? page_get_cache(page) : NULL;
}

static inline struct slab *virt_to_slab(const void *objp)
{
	return page_get_slab(virt_to_page(objp));
}

/* ---- slab_alloc.c ---- */
static inline struct array_cache *cpu_cache_get(struct kmem_cache *cachep)
{
	return cachep->array[smp_processor_id()];
}

void *__cache_alloc(struct kmem_cache *cachep, gfp_t flags);
void __cache_free(struct kmem_cache *cachep, void *objp);
/*
 * Free @ac's objects: all (@force) or a fifth of its limit; list_lock
 * taken.  What it released is added to @rs unless that is NULL (an
 * argument Linux's drain_array does not have).
 */
void drain_array(struct kmem_cache *cachep, struct kmem_list3 *l3,
		 struct array_cache *ac, int force, int node, struct reap_stats *rs);
void start_cpu_timer(unsigned int cpu);

/* ---- kmalloc.c ---- */
struct cache_sizes {
	size_t cs_size;
	struct kmem_cache *cs_cachep;
	struct kmem_cache *cs_dmacachep;
};
extern struct cache_sizes malloc_sizes[];
extern const char *const cache_names[][2];
/* Index of the general cache for @size (the first one big enough). */
unsigned int kmalloc_index(size_t size);
/* kmem_find_general_cachep() is in mm/slab_inspect.h: the shell uses it. */

#endif /* MM_SLAB_INTERNAL_H */
