/*
 * slub_debug.h - SLUB's debugging (Linux 2.6.32's CONFIG_SLUB_DEBUG,
 * mm/slub_debug.c) as the rest of SLUB calls it: the object's debug
 * layout (red zone, tracks), the slow paths' checks, the slub_debug
 * setting.
 *
 * A debug cache is one with any of SLAB_DEBUG_FREE (F), SLAB_RED_ZONE
 * (Z), SLAB_POISON (P), SLAB_STORE_USER (U); its slabs carry
 * PG_slub_debug, and every allocation and free of their objects takes
 * the slow path (__slab_alloc leaves c->freelist empty and c->node -1,
 * so slab_free's fast-path test fails too), where the checks run under
 * slab_lock with interrupts off.  A cache without them never calls in
 * here except from new_slab()/__free_slab() (one page-flag test each).
 */
#ifndef MM_SLUB_DEBUG_H
#define MM_SLUB_DEBUG_H

#include <stdbool.h>
#include "mm/slub_def.h"

/* Linux 2.6.32's include/linux/poison.h: SLUB's red-zone bytes */
#define SLUB_RED_INACTIVE	0xbb	/* the object is free */
#define SLUB_RED_ACTIVE		0xcc	/* the object is handed out */

/* What slub_debug with no letters turns on: F, Z, P and U. */
#define DEBUG_DEFAULT_FLAGS (SLAB_DEBUG_FREE | SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

/* SLAB_STORE_USER's two records after the free pointer: the last alloc and free. */
enum track_item { TRACK_ALLOC, TRACK_FREE };

struct track {
	unsigned long addr;	/* the caller of kmem_cache_alloc/free, kmalloc/kfree */
	int cpu;		/* the CPU it ran on */
	int pid;		/* always 0: no processes here */
	unsigned long when;	/* jiffies then */
};

/*
 * slub_debug: the flags every cache created from now on gets (with
 * slub_debug_slabs, only those whose name starts with it); Linux's
 * boot parameter.  DEBUG_DEFAULT_FLAGS from boot in the slub_debug
 * image (CONFIG_SLUB_DEBUG_ON), 0 otherwise.  Thread context, slub_lock.
 */
extern unsigned long slub_debug;
unsigned long kmem_cache_flags(size_t objsize, unsigned long flags, const char *name);

static inline bool kmem_cache_debug(const struct kmem_cache *s)
{
	return s->flags & DEBUG_DEFAULT_FLAGS;
}

static inline bool PageSlubDebug(const struct page *page)
{
	return page_test_flag(page, PG_slub_debug);
}

/* Where the alloc track starts in an object: after the free pointer, or at inuse. */
static inline size_t track_offset(const struct kmem_cache *s)
{
	return s->offset ? (size_t)s->offset + sizeof(void *) : (size_t)s->inuse;
}

/* Where object's @alloc track lies (SLAB_STORE_USER caches only). */
struct track *get_track(const struct kmem_cache *s, void *object, enum track_item alloc);

/* new_slab(), before the free chain is threaded: poison, red zones, tracks, PG_slub_debug. */
void slub_debug_new_slab(struct kmem_cache *s, struct page *page);
/* __free_slab() of a PG_slub_debug slab: check its padding and every (free) object. */
void slub_debug_free_slab(struct kmem_cache *s, struct page *page);

/* __slab_alloc/__slab_free, slab_lock held, interrupts off: false refuses. */
int alloc_debug_processing(struct kmem_cache *s, struct page *page, void *object,
			   unsigned long addr);
int free_debug_processing(struct kmem_cache *s, struct page *page, void *object,
			  unsigned long addr);

/*
 * kmem_cache_free()/kfree() of @x inside a slab of debug cache @s that
 * is not the start of an object: reported as Linux does ("Invalid object
 * pointer"), not freed; true.  False if @s is no debug cache or @x is in
 * no slab of it (the caller reports it its own way).
 */
bool slub_debug_free_invalid(struct kmem_cache *s, const void *x, unsigned long addr);

/*
 * verify (mm/slub_verify.c) on a slab of a debug cache, every other CPU
 * held still: Linux's validate_slab(), the slab's padding and each
 * object, free (bit set in @free_map) or handed out, by check_object();
 * each finding reported and fixed as there.  Returns how many failed.
 */
unsigned int slub_debug_validate_slab(struct kmem_cache *s, struct page *page,
				      const unsigned char *free_map);

#endif /* MM_SLUB_DEBUG_H */
