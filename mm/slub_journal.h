/*
 * slub_journal.h - SLUB's hooks into a cache's journal (mm/slub_journal.c;
 * the ring and tally are mm/slab_journal_core.c's, shared with SLAB).
 *
 * A cache has a journal from its first "trace on" until it is destroyed
 * (s->journal, published once with a release store).  Its CPUs then run
 * with c->node == -1, so the fast paths send every call to __slab_alloc
 * and __slab_free (Linux's "no fast path" mark), which run the same
 * algorithm out of line with events: a journalled CPU still pops and
 * pushes its lockless freelist, so tracing shows SLUB's moves.  A debug
 * cache's slabs (PG_slub_debug) have no lockless freelist: each
 * allocation and free is one object on the debug path, checked, and
 * recorded there with the same events (an allocation takes its object
 * straight from page->freelist, so it records no alloc_refill; a free
 * into the CPU's own slab goes to page->freelist, free_frozen, as
 * Linux counts it).  A cache without a journal pays one test of
 * c->node on the allocation fast path (the free fast path tested it
 * already); every hook below is one test of s->journal on a slow path.
 *
 * The caller.  Events inside an API call carry its caller (the @addr
 * __slab_alloc/__slab_free get: Linux's _RET_IP_), kept per CPU by
 * slub_journal_enter() while the call runs with interrupts off; work
 * without a caller (kmem_cache_shrink, kmem_cache_destroy and their
 * flush_all()) sets a slab_mover() token with slub_set_caller().
 */
#ifndef MM_SLUB_JOURNAL_H
#define MM_SLUB_JOURNAL_H

#include "mm/slab_journal_core.h"
#include "mm/slub_debug.h"
#include "mm/slub_def.h"

/* s->trace: what kmem_cache_trace() asked */
#define SLUB_TRACE        0x1	/* the shell reports the tally after each command */
#define SLUB_TRACE_EVENTS 0x2	/* each event is printed as it happens */

/* This CPU's caller for the events it records now; returns the one it replaces. */
const void *slub_set_caller(const void *caller);
const void *slub_get_caller(void);
/* flush_all()'s caller, for the CPUs its IPIs run on (slub_lock held). */
extern const void *slub_flush_caller;

void slub_journal_record(struct kmem_cache *s, enum slab_event_type type, const void *obj);
void *slub_journal_alloc_fast(struct kmem_cache *s, struct kmem_cache_cpu *c);
void slub_journal_free_fast(struct kmem_cache *s, struct kmem_cache_cpu *c, void *x);
void slub_journal_load(struct kmem_cache *s, struct kmem_cache_cpu *c, void *object);

static inline struct slab_journal *slub_journal_of(struct kmem_cache *s)
{
	return __atomic_load_n(&s->journal, __ATOMIC_ACQUIRE);
}

/* A slow path starts: its caller, for the events it records. */
static inline void slub_journal_enter(struct kmem_cache *s, unsigned long addr)
{
	if (unlikely(slub_journal_of(s)))
		slub_set_caller((const void *)(uintptr_t)addr);
}

/* An event of @obj (an object, or a slab's first byte). */
static inline void slub_journal_ev(struct kmem_cache *s, enum slab_event_type type,
				   const void *obj)
{
	if (unlikely(slub_journal_of(s)))
		slub_journal_record(s, type, obj);
}

/* An event of the slab at @page. */
static inline void slub_journal_slab(struct kmem_cache *s, enum slab_event_type type,
				     struct page *page)
{
	if (unlikely(slub_journal_of(s)))
		slub_journal_record(s, type, page_address(page));
}

/*
 * __slab_free() of an object of this CPU's slab: a journalled CPU gets
 * here with one (c->node == -1), and it is the fast path's free, unless
 * the slab is a debug slab (its frees take the debug path, checked, as
 * untraced).  True if done.
 */
static inline bool slub_journal_own_free(struct kmem_cache *s, struct kmem_cache_cpu *c,
					 struct page *page, void *x)
{
	if (likely(page != c->page || !slub_journal_of(s)) || PageSlubDebug(page))
		return false;
	slub_journal_free_fast(s, c, x);
	return true;
}

/* The CPU freelist was loaded at load_freelist: a journalled CPU keeps off the fast path. */
static inline void slub_journal_loaded(struct kmem_cache *s, struct kmem_cache_cpu *c,
				       void *object)
{
	if (unlikely(slub_journal_of(s)))
		slub_journal_load(s, c, object);
}

/* The journal of a cache being freed. */
void slub_journal_release(struct kmem_cache *s);

#endif /* MM_SLUB_JOURNAL_H */
