/*
 * slab.h - the slab allocator's interface, with Linux 2.6.24's names,
 * flags and signatures (mm/slab*.c, mm/kmalloc.c).
 *
 * A cache hands out objects of one size.  kmalloc() picks one of the
 * general caches, "size-32" ... "size-4194304" (and their "(DMA)"
 * twins), by size.  Both may be called on any CPU, from thread or
 * interrupt context (GFP_ATOMIC there); creating, destroying, shrinking
 * and tuning caches is for thread context only.
 */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include <stdbool.h>
#include <stddef.h>
#include "mm/gfp.h"

/* Flags for kmem_cache_create(), Linux's values. */
#define SLAB_DEBUG_FREE       0x00000100UL	/* SLUB: consistency checks (F); SLAB: no effect */
#define SLAB_RED_ZONE         0x00000400UL	/* debug: guard words around objects */
#define SLAB_POISON           0x00000800UL	/* debug: free objects hold 0x6b */
#define SLAB_HWCACHE_ALIGN    0x00002000UL	/* align objects on cache lines */
#define SLAB_CACHE_DMA        0x00004000UL	/* slabs from ZONE_DMA */
#define SLAB_STORE_USER       0x00010000UL	/* debug: the last caller, a journal */
#define SLAB_RECLAIM_ACCOUNT  0x00020000UL	/* counted as reclaimable */
#define SLAB_PANIC            0x00040000UL	/* BUG() if creation fails */
/*
 * Linux's "avoid kmemleak tracing" (2.6.31+; SLAB's create mask accepts
 * it in 2.6.32).  There is no kmemleak here, so on SLAB it means nothing;
 * SLUB never merges a cache that has it (SLUB_NEVER_MERGE), as 2.6.32's
 * kmemleak caches are never merged: bench's cache uses it to be a cache
 * of its own on both back ends without changing its geometry.
 */
#define SLAB_NOLEAKTRACE      0x00800000UL

#define SLAB_DEBUG_FLAGS (SLAB_DEBUG_FREE | SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)
#define SLAB_CREATE_MASK (SLAB_HWCACHE_ALIGN | SLAB_CACHE_DMA | SLAB_RECLAIM_ACCOUNT | \
			  SLAB_PANIC | SLAB_NOLEAKTRACE | SLAB_DEBUG_FLAGS)

/* kmalloc(0) returns this: not NULL, but never a valid object. */
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

#define KMALLOC_SHIFT_HIGH 22				/* MAX_ORDER + PAGE_SHIFT - 1 */
#define KMALLOC_MAX_SIZE   (1UL << KMALLOC_SHIFT_HIGH)	/* 4 MiB */
#define KMALLOC_MAX_ORDER  (KMALLOC_SHIFT_HIGH - PAGE_SHIFT)

struct kmem_cache;
typedef void (*kmem_ctor_t)(struct kmem_cache *cachep, void *objp);

/* Boot, once, after mem_init(): cache_cache and the general caches. */
void kmem_cache_init(void);

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     unsigned long flags, kmem_ctor_t ctor);
void kmem_cache_destroy(struct kmem_cache *cachep);
/*
 * kmem_cache_destroy() of the name @name was created with (ours): on
 * SLUB, where kmem_cache_create() of a compatible cache returns an
 * existing one and the names are its aliases, it drops @name and one
 * reference together (kmem_cache_destroy() cannot know which name goes);
 * on SLAB a cache has one name, and it is kmem_cache_destroy().  @name
 * not a name of @cachep: a report, nothing changed.
 */
void kmem_cache_destroy_name(struct kmem_cache *cachep, const char *name);
void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags);
void *kmem_cache_zalloc(struct kmem_cache *cachep, gfp_t flags);
void kmem_cache_free(struct kmem_cache *cachep, void *objp);
/* Drain every array and free every wholly free slab; returns pages freed. */
int kmem_cache_shrink(struct kmem_cache *cachep);
/* kmem_cache_shrink() on every cache; total pages freed. */
unsigned long kmem_cache_shrink_all(void);
/*
 * Trace a cache: SLAB_TRACE_ON tallies what moves in it, per CPU, for
 * kmem_cache_trace_take() (mm/slab_inspect.h; the shell prints the
 * tally after each command); SLAB_TRACE_EVENTS also prints every event
 * as it happens; SLAB_TRACE_OFF stops both.  Turning it on gives the
 * cache a journal of its last 256 events if it has none
 * (kmem_cache_journal()); the journal then records until the cache is
 * destroyed, tracing or not.  Thread context, interrupts on.  0, or
 * -ENOMEM (no journal; nothing changed).
 */
enum slab_trace_mode {
	SLAB_TRACE_OFF,
	SLAB_TRACE_ON,
	SLAB_TRACE_EVENTS,
};
int kmem_cache_trace(struct kmem_cache *cachep, enum slab_trace_mode mode);
unsigned int kmem_cache_size(struct kmem_cache *cachep);
const char *kmem_cache_name(struct kmem_cache *cachep);

void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void kfree(const void *objp);
size_t ksize(const void *objp);

/*
 * Reaping.  Each CPU runs cache_reap() every 2 s while the automatic
 * reaper is on (the default); cache_reap_now() runs the calling CPU's
 * pass at once (thread context), whatever the setting, and says what it
 * released: objects drained from arrays back to their slabs, and the
 * slabs (and pages) given back to the buddy allocator.
 */
struct reap_stats {
	unsigned long objects, slabs, pages;
};
void cache_reap_now(struct reap_stats *rs);
/*
 * cache_reap_now() that also calls @fn (if not NULL) for each cache the
 * pass released something from, with that cache's share, under
 * cache_chain_lock: @fn must not create, destroy or tune a cache, nor
 * allocate from one.
 */
void cache_reap_now_each(struct reap_stats *rs,
			 void (*fn)(struct kmem_cache *cachep, const struct reap_stats *share,
				    void *arg),
			 void *arg);
void slab_set_reap_auto(bool on);
bool slab_reap_auto(void);
/*
 * When @cpu's next periodic pass comes (a racy read, for the shell):
 * SLAB_REAP_WAITING with *@in_jiffies until its timer fires, 0 if it
 * fires on the next tick; SLAB_REAP_DUE when it has fired and the pass
 * waits for the CPU to be idle; SLAB_REAP_RUNNING while a pass runs (or
 * between its end and its re-arming); SLAB_REAP_NONE if the CPU never
 * started its reaper.  The pass does nothing while reaping is off or
 * held, but still comes due.
 */
enum slab_reap_state { SLAB_REAP_NONE, SLAB_REAP_WAITING, SLAB_REAP_DUE, SLAB_REAP_RUNNING };
enum slab_reap_state slab_reap_next(unsigned int cpu, unsigned long *in_jiffies);
/* True while any slab_reap_hold() is taken. */
bool slab_reap_held(void);
/*
 * Hold the periodic reaper off, whatever the setting above (which a
 * hold neither reads nor changes): while any hold is taken, cache_reap()
 * skips its passes, so the slab allocator gives no pages back on its
 * own.  slab_reap_hold() returns once a pass already under way has
 * ended.  Holds nest; each needs its slab_reap_release().  Thread
 * context, interrupts on; cache_reap_now() is not held off.
 */
void slab_reap_hold(void);
void slab_reap_release(void);

/*
 * Mute the debugging reports ("slab error ..." paragraphs, mm/slab_debug.c):
 * while any mute is held, every report is still counted in its cache's
 * errors (kmem_cache_get_info()) and still quarantines what it found, but
 * prints nothing, on any CPU.  For tests that misuse a cache on purpose
 * and assert the count.  Mutes nest; each needs its slab_unmute_reports().
 */
void slab_mute_reports(void);
void slab_unmute_reports(void);
/*
 * Every report the detectors have made since boot, in every cache (those
 * destroyed since too), muted or not: the stress command's count.
 */
unsigned long slab_error_count(void);

/* Linux's /proc/slabinfo (version 2.1). */
void show_slabinfo(void);
/*
 * Set a cache's tunables, as writing "NAME LIMIT BATCHCOUNT SHARED" to
 * /proc/slabinfo does: 0, -ENOENT (no such cache), -EINVAL (limit < 1,
 * batchcount < 1 or > limit, shared < 0), -E2BIG (LIMIT, or SHARED *
 * BATCHCOUNT, is more entries than kmalloc's largest cache can hold:
 * slab_max_array_entries()) or -ENOMEM.  Any error leaves the cache as
 * it was.
 */
int slabinfo_write(const char *name, int limit, int batchcount, int shared);
unsigned int slab_max_array_entries(void);

/*
 * SLUB's boot parameter slub_debug=OPTIONS (Linux 2.6.32), set at run
 * time for the caches created from then on: "" every debug flag (F Z P
 * U) on every cache; letters F Z P U (any case) those only; "-" none;
 * ",PREFIX" after either, only caches whose name starts with PREFIX (at
 * most 31 characters).  0, -EINVAL (another letter, left unchanged), or
 * -ENOSYS on SLAB, which has no such parameter.  Thread context.
 */
int slub_debug_setup(const char *options);
/* The setting as slub_debug= spells it ("FZPU,figo", "-" when off), or -ENOSYS on SLAB. */
int slub_debug_show(char *buf, size_t len);

#endif /* MM_SLAB_H */
