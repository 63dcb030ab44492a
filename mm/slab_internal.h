/*
 * slab_internal.h - between the slab allocator's files only:
 *   slab.c        cache lifecycle, bootstrap, tunables, shrink/destroy
 *   slab_grow.c   pages in and out: growing, destroying, bufctl chains
 *   slab_alloc.c  the per-CPU fast paths, refill/flush, reaping
 *   kmalloc.c     the general caches
 *   slabinfo.c    /proc/slabinfo
 *   slab_debug.c  red zones, poison, the last user, checks and reports
 *   slab_journal.c  each cache's journal of events, and tracing
 */
#ifndef MM_SLAB_INTERNAL_H
#define MM_SLAB_INTERNAL_H

#include <string.h>
#include "mm/slab_def.h"
#include "mm/slab_geometry.h"
#include "mm/slab_inspect.h"
#include "mm/slab_journal_core.h"

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
/* slab_get_obj(), slab_put_obj(): inline, after slab_debug.c's declarations below. */
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
static __always_inline struct kmem_cache *virt_to_cache(const void *objp)
{
	struct page *page;

	return virt_to_page_valid(objp, &page) && PageSlab(page) ? page_get_cache(page) : NULL;
}

static __always_inline struct slab *virt_to_slab(const void *objp)
{
	return page_get_slab(virt_to_page(objp));
}

/* ---- slab_debug.c ---- */
/* printf() for reports: prints nothing while reports are muted. */
__printf(1, 2) void slab_printf(const char *fmt, ...);
/* One more report for slab_error_count(); count_error() calls it too. */
void slab_count_report(void);
/* Free patterns (poison, inactive red zones, no user) in a buffer. */
void slab_init_obj_debug(struct kmem_cache *cachep, void *objp);
/* The same, then the constructor (unless poisoned), checked against the red zones. */
void slab_construct_obj_debug(struct kmem_cache *cachep, void *objp);
/* A popped buffer: the caller's pointer, or NULL if it was bad (reported, quarantined). */
void *cache_alloc_debugcheck_after(struct kmem_cache *cachep, void *objp, const void *caller);
/* A freed object: its buffer for the array, or NULL if refused (reported, quarantined). */
void *cache_free_debugcheck(struct kmem_cache *cachep, void *objp, const void *caller);
/* free_block() found the buffer already on its slab's chain; list_lock held. */
void slab_double_free_locked(struct kmem_cache *cachep, void *objp);
/*
 * free_block() found the buffer outside @cachep's slabs: a second copy of
 * an object freed twice, whose slab went meanwhile.  Report; list_lock held.
 */
void slab_gone_locked(struct kmem_cache *cachep, void *objp);
/* Withhold a buffer for good; list_lock held. */
void slab_quarantine_locked(struct kmem_cache *cachep, void *objp);
/* Every quarantined object back on its slab's chain (the cache is going); returns how many. */
unsigned long slab_release_quarantine(struct kmem_cache *cachep);
/* Check a slab's free objects before its pages go. */
void slab_destroy_objs(struct kmem_cache *cachep, struct slab *slabp);
/*
 * Report why @objp, refused by slab_free_check(), cannot be freed to
 * @cachep (NULL: kfree found no cache); counts the error.  True if it
 * can after all.
 */
bool slab_bad_free(const char *func, struct kmem_cache *cachep, const void *objp);
/*
 * Where red zone 2 (SLAB_RED_ZONE) and the last user's word
 * (SLAB_STORE_USER) lie, in bytes from the start of a buffer.
 */
size_t slab_redzone2_offset(const struct kmem_cache *cachep);
size_t slab_userword_offset(const struct kmem_cache *cachep);
/*
 * For verify: what is wrong with the red zones and poison of the free
 * buffer @objp (as alloc-time checks see it: *@bad the first bad byte
 * of the buffer, or -1), or with the red zones of the handed-out buffer
 * @objp; NULL if nothing.  The red zones' values (a SLAB_RED_ZONE cache).
 */
const char *slab_verify_free_buf(struct kmem_cache *cachep, void *objp, long *bad);
const char *slab_verify_inuse_buf(struct kmem_cache *cachep, void *objp);
void slab_buf_redzones(struct kmem_cache *cachep, void *objp, unsigned long long rz[2]);
/*
 * The caller of this CPU's allocator call, or the work moving objects
 * (slab_mover()), for the journal.  Per-CPU, written only by its CPU;
 * slab_set_caller() returns the value it replaces, which the writer puts
 * back when done.  Interrupts nest, so a handler's allocation in between
 * leaves the value as it found it; nothing preempts or migrates thread
 * context here, so interrupts may be on.
 */
const void *slab_set_caller(const void *caller);
const void *slab_get_caller(void);

/*
 * @bufp lies in @slabp, a slab of @cachep: is it the start of a buffer?
 * Not the colour, not the management, not the left-over, not inside a
 * buffer.  A pointer before the first buffer needs no test of its own:
 * within a slab (at most 4 MiB) the offset wraps to at least
 * 2^32 - 4 MiB, whose quotient is far above num.
 */
static __always_inline bool slab_buf_in(const struct kmem_cache *cachep,
					const struct slab *slabp, const void *bufp)
{
	uint32_t into = (uint32_t)((const char *)bufp - (const char *)slabp->s_mem);
	uint32_t idx = (uint32_t)(((uint64_t)into * cachep->reciprocal_buffer_size) >> 32);

	return idx < cachep->num && idx * cachep->buffer_size == into;
}

/* The same for an object as its caller sees it (obj_offset into its buffer). */
static __always_inline bool slab_obj_in(const struct kmem_cache *cachep,
					const struct slab *slabp, const void *objp)
{
	return slab_buf_in(cachep, slabp, (const char *)objp - cachep->obj_offset);
}

/* @objp lies in a slab page of @cachep: is it the start of an object? */
static __always_inline bool slab_obj_start(const struct kmem_cache *cachep, const void *objp)
{
	return slab_obj_in(cachep, virt_to_slab(objp), objp);
}

/*
 * Every free: is @objp the start of an object (as its caller sees it) in
 * one of @cachep's slabs, not another cache's?  One page lookup, then
 * the page's cache and slab.  kfree(), which found the cache from the
 * page, needs only slab_obj_start().
 */
static __always_inline bool slab_free_check(struct kmem_cache *cachep, const void *objp)
{
	struct page *page;

	return virt_to_page_valid(objp, &page) && page_get_cache(page) == cachep &&
	       PageSlab(page) && slab_obj_in(cachep, page_get_slab(page), objp);
}

/*
 * slab_grow.c's chain operations, inline because cache_alloc_refill()
 * and free_block() run them once per object (as Linux's static ones in
 * its one mm/slab.c are inlined); list_lock held.
 */
/*
 * The first free object leaves the chain, marked BUFCTL_FREE (Linux's
 * step; the refill takes a run of them with slab_get_objs()).
 */
static __always_inline void *slab_get_obj(struct kmem_cache *cachep, struct slab *slabp)
{
	kmem_bufctl_t *bufctl = slab_bufctl(slabp);
	kmem_bufctl_t idx = slabp->free;

	slabp->free = bufctl[idx];
	bufctl[idx] = BUFCTL_FREE;
	slabp->inuse++;
	return index_to_obj(cachep, slabp, idx);
}

/*
 * slab_get_obj() @nr times into @entry, the slab's fields in registers
 * (its bufctl stores could alias them): cache_alloc_refill()'s loop.
 * @slabp has @nr free objects.
 */
static __always_inline void slab_get_objs(struct kmem_cache *cachep, struct slab *slabp,
					  void **entry, unsigned int nr)
{
	kmem_bufctl_t *bufctl = slab_bufctl(slabp);
	kmem_bufctl_t idx = slabp->free;
	char *s_mem = slabp->s_mem;
	unsigned int size = cachep->buffer_size;

	for (unsigned int i = 0; i < nr; i++) {
		kmem_bufctl_t next = bufctl[idx];

		bufctl[idx] = BUFCTL_FREE;
		entry[i] = s_mem + size * idx;
		idx = next;
	}
	slabp->free = idx;
	slabp->inuse += nr;
}

/*
 * Back on the chain, first.  Only an object that left it (BUFCTL_FREE)
 * may: a quarantined one stays out, and one already on the chain is a
 * double free; Linux's DEBUG BUG()s on it, here it is reported.  False
 * (and nothing changed) if @objp is not marked as off the chain.
 */
static __always_inline bool slab_put_obj(struct kmem_cache *cachep, struct slab *slabp,
					 void *objp)
{
	unsigned int objnr = obj_to_index(cachep, slabp, objp);
	kmem_bufctl_t *b = &slab_bufctl(slabp)[objnr];

	if (unlikely(*b != BUFCTL_FREE)) {
		if (*b != BUFCTL_QUARANTINE)
			slab_double_free_locked(cachep, objp);
		return false;
	}
	*b = slabp->free;
	slabp->free = objnr;
	slabp->inuse--;
	return true;
}

/* ---- slab_journal.c (its ring and tally: slab_journal_core.h) ---- */
/* A journal for @cachep if it has none, then DBG_JOURNAL; cache_chain_lock held. */
int slab_journal_start(struct kmem_cache *cachep);
void slab_journal_record(struct kmem_cache *cachep, enum slab_event_type type, const void *obj);
/* The newest alloc or free of @obj in the journal. */
bool slab_journal_last(struct kmem_cache *cachep, const void *obj, struct slab_event *ev);

/* Tracing's tally (slab_inspect.h): a refill, a flush, a slab grown. */
void slab_journal_refill(struct kmem_cache *cachep, enum slab_refill_kind kind);
void slab_journal_flush(struct kmem_cache *cachep, bool to_shared);
void slab_journal_grow(struct kmem_cache *cachep, const void *page, unsigned int colour);

/* An event for the journal, the tally and the trace, if the cache keeps them. */
static inline void slab_event(struct kmem_cache *cachep, enum slab_event_type type,
			      const void *obj)
{
	if (unlikely(cache_dbg(cachep) & DBG_JOURNAL))
		slab_journal_record(cachep, type, obj);
}

/* A refill of this CPU's array, for a traced cache's tally. */
static inline void slab_event_refill(struct kmem_cache *cachep, enum slab_refill_kind kind)
{
	if (unlikely(cache_dbg(cachep) & DBG_JOURNAL))
		slab_journal_refill(cachep, kind);
}

/* A flush of this CPU's array, to the shared array or to the slabs. */
static inline void slab_event_flush(struct kmem_cache *cachep, bool to_shared)
{
	if (unlikely(cache_dbg(cachep) & DBG_JOURNAL))
		slab_journal_flush(cachep, to_shared);
}

/* A new slab at @page with colour @colour (its grow event, and the tally's). */
static inline void slab_event_grow(struct kmem_cache *cachep, const void *page,
				   unsigned int colour)
{
	if (unlikely(cache_dbg(cachep) & DBG_JOURNAL))
		slab_journal_grow(cachep, page, colour);
}

/* ---- slab_alloc.c ---- */
static inline struct array_cache *cpu_cache_get(struct kmem_cache *cachep)
{
	return cachep->array[smp_processor_id()];
}

/*
 * The fast paths are inline, as Linux's are within its one mm/slab.c: a
 * hit is a pop or a push on this CPU's array with interrupts off, no
 * call, no lock, no write to memory another CPU writes.  Anything else
 * (an empty or full array, a cache with cachep->dbg, __GFP_ZERO) takes
 * the whole path out of line, __cache_alloc() or __cache_free(), after
 * interrupts are back on: a cache with dbg == 0 pays one load and one
 * branch for debugging, and the inline part calls nothing, so it needs
 * no stack frame.
 */
/* Pop this CPU's newest free object; interrupts off, @ac has @avail > 0. */
static __always_inline void *cache_alloc_hit(struct kmem_cache *cachep, unsigned int cpu,
					     struct array_cache *ac, unsigned int avail)
{
	ac_stat_inc(&cachep->stats[cpu].allochit);
	ac->touched = 1;
	ac->avail = avail - 1;
	return ac->entry[avail - 1];
}

/* Push @objp on this CPU's array; interrupts off, @ac has @avail < limit. */
static __always_inline void cache_free_hit(struct kmem_cache *cachep, unsigned int cpu,
					   struct array_cache *ac, unsigned int avail, void *objp)
{
	ac_stat_inc(&cachep->stats[cpu].freehit);
	ac->entry[avail] = objp;
	ac->avail = avail + 1;
}

/* An object from this CPU's array in *@objpp: false if that takes more than a pop. */
static __always_inline bool cache_alloc_fast(struct kmem_cache *cachep, void **objpp)
{
	unsigned long save_flags;
	struct array_cache *ac;
	unsigned int cpu, avail;
	bool hit;

	local_irq_save(save_flags);
	cpu = smp_processor_id();
	ac = cachep->array[cpu];
	avail = ac->avail;
	hit = likely(!cache_dbg(cachep) && avail);
	if (hit)
		*objpp = cache_alloc_hit(cachep, cpu, ac, avail);
	local_irq_restore(save_flags);
	return hit;
}

/*
 * Push @objp, which lies in @slabp, a slab of @cachep, on this CPU's
 * array: false if that takes more, or if @objp is not the start of an
 * object.  The boundary check comes after the cachep->dbg test, so it
 * is the one for a cache without debugging, whose objects start at
 * their buffers: a debug cache's frees are all checked out of line.
 */
static __always_inline bool cache_free_fast(struct kmem_cache *cachep,
					    const struct slab *slabp, void *objp)
{
	unsigned long save_flags;
	struct array_cache *ac;
	unsigned int cpu, avail;
	bool hit;

	local_irq_save(save_flags);
	cpu = smp_processor_id();
	ac = cachep->array[cpu];
	avail = ac->avail;
	hit = likely(!cache_dbg(cachep) && avail < ac->limit && slab_buf_in(cachep, slabp, objp));
	if (hit)
		cache_free_hit(cachep, cpu, ac, avail, objp);
	local_irq_restore(save_flags);
	return hit;
}

/* The whole allocation; thread or interrupt context; @caller the API's (the journal's). */
void *__cache_alloc(struct kmem_cache *cachep, gfp_t flags, const void *caller);
/*
 * The whole free of @objp, as its caller sees it, already checked
 * (slab_free_check(), or kfree's slab_obj_start()); interrupts off.
 */
void __cache_free(struct kmem_cache *cachep, void *objp, const void *caller);
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
/* malloc_sizes[]'s classes: 32 .. 192 by size_index[], then powers of two. */
#define KMALLOC_NR_CLASSES   20	/* malloc_sizes[] without its end marker */
#define KMALLOC_SMALL_MAX    192	/* the largest class size_index[] covers */
#define KMALLOC_FIRST_POW2   5	/* malloc_sizes[5] is size-256 */
extern const uint8_t size_index[KMALLOC_SMALL_MAX / 8];

/*
 * Index of the general cache for @size (>= 1): the first class big
 * enough, KMALLOC_NR_CLASSES (the end marker) above 4 MiB.  Constant
 * time, after Linux's later kmalloc_index()/size_index[]: a table for
 * the classes up to 192 bytes, which are not powers of two, and the
 * highest set bit of size - 1 above (size-256 is the one for 193..256).
 * Linux 2.6.24 walks malloc_sizes[] when the size is not a constant.
 */
static __always_inline unsigned int kmalloc_index(size_t size)
{
	unsigned long s = (unsigned long)size - 1;

	if (s < KMALLOC_SMALL_MAX)
		return size_index[s / 8];
	if (s >= KMALLOC_MAX_SIZE)
		return KMALLOC_NR_CLASSES;
	/* 256 needs 8 bits (s = 255): index 5; each further bit, the next class */
	return (unsigned int)(8 * sizeof(long)) - (unsigned int)__builtin_clzl(s) - 8 +
	       KMALLOC_FIRST_POW2;
}
/* kmem_find_general_cachep() is in mm/slab_inspect.h: the shell uses it. */

#endif /* MM_SLAB_INTERNAL_H */
