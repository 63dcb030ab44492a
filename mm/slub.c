/*
 * slub.c - the SLUB allocator's object paths, after Linux 2.6.32's
 * mm/slub.c (Christoph Lameter): slabs in and out (new_slab,
 * discard_slab), the node's partial and full lists, the CPU slab
 * (deactivate_slab, flush_slab, flush_all) and the allocation and free
 * paths, fast (slab_alloc/slab_free) and slow (__slab_alloc/__slab_free).
 * The structures and their locking rules are mm/slub_def.h's; caches
 * are made and destroyed in mm/slub_create.c.
 *
 * The fast paths touch only the calling CPU's kmem_cache_cpu, with
 * interrupts off: an allocation pops c->freelist, a free of an object of
 * the CPU slab pushes onto it (LIFO).  Everything else is the slow path:
 *  - __slab_alloc: the CPU slab's own freelist is empty.  Take over the
 *    objects other CPUs freed into it meanwhile (page->freelist,
 *    ALLOC_REFILL); else give the slab up (deactivate_slab) and freeze
 *    the first partial slab that can be locked (ALLOC_FROM_PARTIAL), or
 *    a new one (ALLOC_SLAB), and take over its whole freelist.
 *  - __slab_free: the object's slab is not this CPU's slab.  Push it on
 *    page->freelist under slab_lock; a frozen slab (another CPU's slab)
 *    stays where it is (FREE_FROZEN); a full slab becomes partial
 *    (FREE_ADD_PARTIAL, at the tail); an empty one is discarded
 *    (FREE_SLAB; FREE_REMOVE_PARTIAL if it was on the partial list).
 *    Linux 2.6.32 discards it whatever nr_partial is: only giving up a
 *    CPU slab (unfreeze_slab) keeps empty slabs while nr_partial <
 *    min_partial, and so does this file.
 * Invariants: a slab is exactly one of: some CPU's slab (frozen, on no
 * list), on the partial list (0 < inuse < objects, or inuse == 0 kept
 * for min_partial), on the full list (inuse == objects); nr_slabs and
 * total_objects count them all.
 *
 * Deviations from Linux 2.6.32, for all of SLUB's files (docs/slub.md
 * will list them):
 *  - the full list is kept for every cache, not only debug caches with
 *    SLAB_STORE_USER, and nr_slabs/total_objects always: the shell shows
 *    and verify checks every slab (slub_def.h);
 *  - every page of a slab is PG_slab (Linux marks the first); a slab is
 *    not a compound page, so SLUB sets PG_tail and first_page itself;
 *    page->slab, freelist, inuse/objects are fields of their own, not
 *    overlaid on private (which keeps the block's order for the page
 *    allocator), under CONFIG_SLUB only (mm/mm_types.h);
 *  - the debug flags (F/Z/P/U, slub_debug) are mm/slub_debug.c's, which
 *    lists its own deviations; here they are one call each: new_slab(),
 *    __free_slab(), __slab_alloc()'s and __slab_free()'s debug labels,
 *    and kmem_cache_free()/kfree() of an address inside an object of a
 *    debug cache (Linux's "Invalid object pointer");
 *  - kmem_cache_free()/kfree() refuse, with a report, an address that is
 *    not an object of the cache, and a free into a slab with no object
 *    in use (a double free) (Linux trusts them without debugging);
 *    discarding a slab with objects in use is a BUG();
 *  - new_slab() runs with interrupts off even for __GFP_WAIT (the page
 *    allocator here never sleeps, and a caller may hold them off);
 *  - failslab is asked in new_slab(), as SLAB asks it in cache_grow(),
 *    not on every slab_alloc();
 *  - flush_all() also gives up the slabs of CPUs that are not online;
 *    every cache has a kmem_cache_cpu for all NR_CPUS (no hotplug);
 *  - the journal and tracing (ours, mm/slub_journal.c): one-line hooks
 *    where the statistic of the same name is counted (alloc_refill only
 *    when page->freelist has objects to load, so never on a debug slab,
 *    whose allocations take theirs one at a time); a journalled
 *    cache's CPUs run with c->node == -1 (Linux's "no fast path" mark),
 *    so slab_alloc() tests c->node too and both fast paths run out of
 *    line in __slab_alloc()/__slab_free(), recorded, as they would inline;
 *    a debug cache's are recorded on its debug paths;
 *  - creating, destroying and merging (slub_create.c), kmalloc
 *    (slub_kmalloc.c) and the answers SLUB has no objects for
 *    (slub_api.c) list theirs.
 */
#include <string.h>
#include "mm/fault_inject.h"
#include "mm/mmzone.h"
#include "mm/slub_debug.h"
#include "mm/slub_def.h"
#include "mm/slub_journal.h"

/* ---- slabs in and out ---- */

static void inc_slabs_node(struct kmem_cache *s, int node, int objects, int pages)
{
	struct kmem_cache_node *n = get_node(s, node);

	atomic_inc(&n->nr_slabs);
	atomic_add(objects, &n->total_objects);
	atomic_add(pages, &n->nr_pages);
}

static void dec_slabs_node(struct kmem_cache *s, int node, int objects, int pages)
{
	struct kmem_cache_node *n = get_node(s, node);

	atomic_dec(&n->nr_slabs);
	atomic_sub(objects, &n->total_objects);
	atomic_sub(pages, &n->nr_pages);
}

static enum zone_stat_item slab_stat_item(const struct kmem_cache *s)
{
	return (s->flags & SLAB_RECLAIM_ACCOUNT) ? NR_SLAB_RECLAIMABLE : NR_SLAB_UNRECLAIMABLE;
}

static struct page *alloc_slab_page(gfp_t flags, struct kmem_cache_order_objects oo)
{
	return alloc_pages(flags, (unsigned int)oo_order(oo));
}

/* The slab's pages, at s->oo or, failing that, at s->min (ORDER_FALLBACK). */
static struct page *allocate_slab(struct kmem_cache *s, gfp_t flags)
{
	struct kmem_cache_order_objects oo = s->oo;
	unsigned long nr_pages;
	struct page *page;

	flags |= s->allocflags;
	page = alloc_slab_page(flags | __GFP_NOWARN | __GFP_NORETRY, oo);
	if (unlikely(!page)) {
		oo = s->min;
		page = alloc_slab_page(flags, oo);
		if (!page)
			return NULL;
		stat(get_cpu_slab(s, smp_processor_id()), ORDER_FALLBACK);
	}
	page->objects = (uint16_t)oo_objects(oo);
	nr_pages = 1UL << oo_order(oo);
	mod_zone_page_state(page_zone(page), slab_stat_item(s), (long)nr_pages);
	return page;
}

static void setup_object(struct kmem_cache *s, void *object)
{
	if (unlikely(s->ctor))
		s->ctor(s, object);
}

/* A new slab: every object on its freelist, in address order. */
static struct page *new_slab(struct kmem_cache *s, gfp_t flags, int node)
{
	struct page *page;
	char *start, *last, *p;
	unsigned long nr_pages;

	BUG_ON(flags & GFP_SLAB_BUG_MASK);
	/* failslab where the cache must grow, as SLAB's cache_grow() asks it */
	if (should_failslab(flags))
		return NULL;
	page = allocate_slab(s, flags & (GFP_RECLAIM_MASK | GFP_CONSTRAINT_MASK));
	if (!page)
		return NULL;
	nr_pages = 1UL << page->private;	/* the order alloc_pages() recorded */
	inc_slabs_node(s, node, page->objects, (int)nr_pages);
	page->slab = s;
	__SetPageSlab(page);
	for (unsigned long i = 1; i < nr_pages; i++) {
		__SetPageSlab(page + i);
		page[i].first_page = page;
		set_page_flag(page + i, PG_tail);
	}
	start = page_address(page);
	if (unlikely(kmem_cache_debug(s)))
		slub_debug_new_slab(s, page);	/* patterns, tracks, PG_slub_debug */
	last = start;
	for (unsigned int i = 1; i < page->objects; i++) {
		p = start + (size_t)i * (size_t)s->size;
		setup_object(s, last);
		set_freepointer(s, last, p);
		last = p;
	}
	setup_object(s, last);
	set_freepointer(s, last, NULL);
	page->freelist = start;
	page->inuse = 0;
	return page;
}

static void __free_slab(struct kmem_cache *s, struct page *page)
{
	unsigned int order = (unsigned int)page->private;
	unsigned long nr_pages = 1UL << order;

	BUG_ON(!PageSlab(page) || PageTail(page) || page->slab != s);
	if (unlikely(PageSlubDebug(page)))
		slub_debug_free_slab(s, page);
	mod_zone_page_state(page_zone(page), slab_stat_item(s), -(long)nr_pages);
	for (unsigned long i = 1; i < nr_pages; i++) {
		BUG_ON(page[i].first_page != page);
		clear_page_flag(page + i, PG_tail);
		__ClearPageSlab(page + i);
		page[i].first_page = NULL;
	}
	BUG_ON(page->flags & (1UL << PG_locked | 1UL << PG_slub_frozen));
	__ClearPageSlab(page);
	page->slab = NULL;
	page->freelist = NULL;
	page->inuse = 0;
	page->objects = 0;
	__free_pages(page, order);
}

/* A slab on no list, no CPU's, unlocked: its pages back to the buddy allocator. */
void discard_slab(struct kmem_cache *s, struct page *page)
{
	/* objects still handed out would be handed out again from new pages */
	BUG_ON(page->inuse);
	slub_journal_slab(s, SLUB_EV_DISCARD_SLAB, page);
	dec_slabs_node(s, 0, page->objects, 1 << page->private);
	__free_slab(s, page);
}

/* ---- the node's lists (list_lock) ---- */

void init_kmem_cache_node(struct kmem_cache_node *n)
{
	n->nr_partial = 0;
	spin_lock_init(&n->list_lock);
	INIT_LIST_HEAD(&n->partial);
	atomic_set(&n->nr_slabs, 0);
	atomic_set(&n->total_objects, 0);
	INIT_LIST_HEAD(&n->full);
	atomic_set(&n->nr_pages, 0);
}

/*
 * nr_partial changes under list_lock, but get_partial_node() and
 * unfreeze_slab() read it without (Linux's racy checks): atomic stores
 * and loads, so the host's ThreadSanitizer sees no data race.
 */
void nr_partial_add(struct kmem_cache_node *n, long delta)
{
	__atomic_store_n(&n->nr_partial, n->nr_partial + (unsigned long)delta, __ATOMIC_RELAXED);
}

static void add_partial(struct kmem_cache_node *n, struct page *page, int tail)
{
	DEBUG_BUG_ON(PageSlubFrozen(page));	/* a CPU slab is on no list */
	spin_lock(&n->list_lock);
	nr_partial_add(n, 1);
	if (tail)
		list_add_tail(&page->lru, &n->partial);
	else
		list_add(&page->lru, &n->partial);
	spin_unlock(&n->list_lock);
}

static void remove_partial(struct kmem_cache *s, struct page *page)
{
	struct kmem_cache_node *n = get_node(s, 0);

	spin_lock(&n->list_lock);
	list_del(&page->lru);
	nr_partial_add(n, -1);
	spin_unlock(&n->list_lock);
}

static void add_full(struct kmem_cache_node *n, struct page *page)
{
	spin_lock(&n->list_lock);
	list_add(&page->lru, &n->full);
	spin_unlock(&n->list_lock);
}

static void remove_full(struct kmem_cache *s, struct page *page)
{
	struct kmem_cache_node *n = get_node(s, 0);

	spin_lock(&n->list_lock);
	list_del(&page->lru);
	spin_unlock(&n->list_lock);
}

/* list_lock held: lock the slab and take it off the partial list, frozen. */
static bool lock_and_freeze_slab(struct kmem_cache_node *n, struct page *page)
{
	if (!slab_trylock(page))
		return false;
	list_del(&page->lru);
	nr_partial_add(n, -1);
	__SetPageSlubFrozen(page);
	return true;
}

/* The first partial slab that can be locked, locked and frozen; or NULL. */
static struct page *get_partial_node(struct kmem_cache_node *n)
{
	struct page *page;

	/* Racy: seeing none by mistake only costs a new slab. */
	if (!__atomic_load_n(&n->nr_partial, __ATOMIC_RELAXED))
		return NULL;
	spin_lock(&n->list_lock);
	list_for_each_entry(page, &n->partial, lru)
		if (lock_and_freeze_slab(n, page))
			goto out;
	page = NULL;
out:
	spin_unlock(&n->list_lock);
	return page;
}

static struct page *get_partial(struct kmem_cache *s, gfp_t flags, int node)
{
	(void)flags;
	return get_partial_node(get_node(s, node));
}

/* ---- giving up a CPU slab ---- */

/*
 * Back to the lists: partial at @tail if it has free objects, full if
 * not; an empty slab is kept on the partial list (at the tail, to be
 * used last) while the node has fewer than min_partial, else discarded.
 * Slab lock held; dropped on return.
 */
static void unfreeze_slab(struct kmem_cache *s, struct page *page, int tail)
{
	struct kmem_cache_node *n = get_node(s, 0);
	struct kmem_cache_cpu *c = get_cpu_slab(s, smp_processor_id());

	DEBUG_BUG_ON(!PageSlubFrozen(page));
	__ClearPageSlubFrozen(page);
	if (page->inuse) {
		if (page->freelist) {
			add_partial(n, page, tail);
			stat(c, tail ? DEACTIVATE_TO_TAIL : DEACTIVATE_TO_HEAD);
			slub_journal_slab(s, tail ? SLUB_EV_DEACTIVATE_TAIL :
						    SLUB_EV_DEACTIVATE_HEAD, page);
		} else {
			stat(c, DEACTIVATE_FULL);
			slub_journal_slab(s, SLUB_EV_DEACTIVATE_FULL, page);
			add_full(n, page);	/* Linux: debug caches only */
		}
		slab_unlock(page);
	} else {
		stat(c, DEACTIVATE_EMPTY);
		slub_journal_slab(s, SLUB_EV_DEACTIVATE_EMPTY, page);
		if (__atomic_load_n(&n->nr_partial, __ATOMIC_RELAXED) < s->min_partial) {
			add_partial(n, page, 1);
			slab_unlock(page);
		} else {
			slab_unlock(page);
			stat(c, FREE_SLAB);
			discard_slab(s, page);
		}
	}
}

/*
 * Give up @c's slab: its lockless freelist goes back on page->freelist
 * (those objects were hot: the slab goes to the head of the partial
 * list then, else to the tail).  Slab lock held; dropped on return.
 */
static void deactivate_slab(struct kmem_cache *s, struct kmem_cache_cpu *c)
{
	struct page *page = c->page;
	int tail = 1;

	if (page->freelist)
		stat(c, DEACTIVATE_REMOTE_FREES);
	while (unlikely(c->freelist)) {
		void **object = c->freelist;

		tail = 0;
		DEBUG_BUG_ON(!page->inuse);	/* more objects back than were out */
		c->freelist = object[c->offset];
		object[c->offset] = page->freelist;
		page->freelist = object;
		page->inuse--;
	}
	c->page = NULL;
	unfreeze_slab(s, page, tail);
}

static void flush_slab(struct kmem_cache *s, struct kmem_cache_cpu *c)
{
	stat(c, CPUSLAB_FLUSH);
	slub_journal_slab(s, SLUB_EV_FLUSH, c->page);
	slab_lock(c->page);
	deactivate_slab(s, c);
}

/* On @cpu (or for a CPU that cannot run), interrupts off. */
static void __flush_cpu_slab(struct kmem_cache *s, unsigned int cpu)
{
	struct kmem_cache_cpu *c = get_cpu_slab(s, cpu);

	if (likely(c && c->page))
		flush_slab(s, c);
}

static void flush_cpu_slab(void *d)
{
	const void *outer = slub_set_caller(slub_flush_caller);	/* the journal's */

	__flush_cpu_slab(d, smp_processor_id());
	slub_set_caller(outer);
}

/*
 * Every CPU gives up its slab of @s: on_each_cpu(), as Linux; then the
 * slabs of present CPUs that are not online (never came up, or stopped
 * after a fault) are given up from here, as nothing runs on them.
 */
void flush_all(struct kmem_cache *s)
{
	unsigned long flags;

	slub_flush_caller = slub_get_caller();	/* slub_lock held */
	on_each_cpu(flush_cpu_slab, s, 1);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (cpu_online(cpu))
			continue;
		local_irq_save(flags);
		__flush_cpu_slab(s, cpu);
		local_irq_restore(flags);
	}
}

/* ---- allocation ---- */

/* Objects free on the partial list (count_partial(n, count_free)); list_lock held. */
unsigned long count_partial_free(struct kmem_cache_node *n)
{
	struct page *page;
	unsigned long x = 0;

	list_for_each_entry(page, &n->partial, lru)
		x += (unsigned long)(page->objects - page->inuse);
	return x;
}

/*
 * 2.6.32's report of a failed new_slab(), the node's counts included
 * (without its line about slub_debug=O, an option not offered here).
 */
static __noinline void slab_out_of_memory(struct kmem_cache *s, gfp_t gfpflags)
{
	struct kmem_cache_node *n = get_node(s, 0);
	unsigned long flags, nr_free;

	printk("SLUB: Unable to allocate memory on node 0 (gfp=0x%x)\n", gfpflags);
	printk("  cache: %s, object size: %d, buffer size: %d, default order: %d, "
	       "min order: %d\n", s->name, s->objsize, s->size, oo_order(s->oo),
	       oo_order(s->min));
	spin_lock_irqsave(&n->list_lock, flags);
	nr_free = count_partial_free(n);
	spin_unlock_irqrestore(&n->list_lock, flags);
	printk("  node 0: slabs: %ld, objs: %ld, free: %ld\n", (long)atomic_read(&n->nr_slabs),
	       (long)atomic_read(&n->total_objects), (long)nr_free);
}

/*
 * Slow path: c->freelist is empty.  Interrupts off, throughout: Linux
 * turns them on around new_slab() for a __GFP_WAIT request, which may
 * sleep there; the page allocator here never sleeps, and a caller may
 * hold interrupts off itself (GFP_KERNEL under a spin_lock_irqsave() is
 * no bug here), so they stay off.
 */
void *__slab_alloc(struct kmem_cache *s, gfp_t gfpflags, int node, unsigned long addr,
		   struct kmem_cache_cpu *c)
{
	void **object;
	struct page *new;

	gfpflags &= ~__GFP_ZERO;
	slub_journal_enter(s, addr);
	if (unlikely(c->freelist))	/* only a journalled CPU comes with objects */
		return slub_journal_alloc_fast(s, c);
	if (!c->page)
		goto new_slab;
	slab_lock(c->page);
	stat(c, ALLOC_REFILL);
	if (c->page->freelist && !PageSlubDebug(c->page))	/* debug: one object, no refill */
		slub_journal_slab(s, SLUB_EV_ALLOC_REFILL, c->page);
load_freelist:
	object = c->page->freelist;
	if (unlikely(!object))
		goto another_slab;
	DEBUG_BUG_ON(!PageSlubFrozen(c->page));
	if (unlikely(PageSlubDebug(c->page)))
		goto debug;
	c->freelist = object[c->offset];
	c->page->inuse = c->page->objects;
	c->page->freelist = NULL;
	c->node = 0;
	slub_journal_loaded(s, c, object);
unlock_out:
	slab_unlock(c->page);
	stat(c, ALLOC_SLOWPATH);
	return object;

another_slab:
	deactivate_slab(s, c);
new_slab:
	new = get_partial(s, gfpflags, node);
	if (new) {
		c->page = new;
		stat(c, ALLOC_FROM_PARTIAL);
		slub_journal_slab(s, SLUB_EV_GET_PARTIAL, new);
		goto load_freelist;
	}
	new = new_slab(s, gfpflags, node);
	if (new) {
		stat(c, ALLOC_SLAB);
		slub_journal_slab(s, SLUB_EV_NEW_SLAB, new);
		if (c->page)	/* Linux: an interrupt gave this CPU a slab meanwhile */
			flush_slab(s, c);
		slab_lock(new);
		__SetPageSlubFrozen(new);
		c->page = new;
		goto load_freelist;
	}
	if (!(gfpflags & __GFP_NOWARN))
		slab_out_of_memory(s, gfpflags);
	return NULL;
debug:
	/* one object at a time, c->freelist left empty: the next alloc comes here too */
	if (!alloc_debug_processing(s, c->page, object, addr))
		goto another_slab;
	c->page->inuse++;
	c->page->freelist = object[c->offset];
	c->node = -1;		/* and every free of it to __slab_free() */
	slub_journal_ev(s, SLAB_EV_ALLOC, object);
	goto unlock_out;
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfpflags)
{
	return slab_alloc(s, gfpflags, _RET_IP_);
}

void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfpflags)
{
	return slab_alloc(s, gfpflags | __GFP_ZERO, _RET_IP_);
}

/* ---- freeing ---- */

/* Slow path: @x's slab is not this CPU's slab.  Interrupts off. */
void __slab_free(struct kmem_cache *s, struct page *page, void *x, unsigned long addr,
		 unsigned int offset)
{
	void *prior;
	void **object = x;
	struct kmem_cache_cpu *c = get_cpu_slab(s, smp_processor_id());

	slub_journal_enter(s, addr);
	if (slub_journal_own_free(s, c, page, x))	/* a journalled CPU's fast path */
		return;
	stat(c, FREE_SLOWPATH);
	slab_lock(page);
	if (unlikely(PageSlubDebug(page)))
		goto debug;
	if (unlikely(!page->inuse)) {
		/* nothing of it is handed out: a double free, refused (ours) */
		slab_unlock(page);
		slub_bad_free(s, "kmem_cache_free", x, "its slab has no object in use");
		return;
	}
checks_ok:
	prior = object[offset] = page->freelist;
	page->freelist = object;
	page->inuse--;
	slub_journal_ev(s, SLAB_EV_FREE, x);
	if (unlikely(PageSlubFrozen(page))) {
		stat(c, FREE_FROZEN);
		slub_journal_slab(s, SLUB_EV_FREE_FROZEN, page);
		goto out_unlock;
	}
	if (unlikely(!page->inuse))
		goto slab_empty;
	/* It was full: now partial (Linux takes it off the full list only with debugging). */
	if (unlikely(!prior)) {
		remove_full(s, page);
		add_partial(get_node(s, 0), page, 1);
		stat(c, FREE_ADD_PARTIAL);
		slub_journal_slab(s, SLUB_EV_FREE_ADD_PARTIAL, page);
	}
out_unlock:
	slab_unlock(page);
	return;

slab_empty:
	if (prior) {
		remove_partial(s, page);
		stat(c, FREE_REMOVE_PARTIAL);
	} else {
		remove_full(s, page);	/* a one-object slab */
	}
	slab_unlock(page);
	stat(c, FREE_SLAB);
	discard_slab(s, page);
	return;

debug:
	if (!free_debug_processing(s, page, x, addr))
		goto out_unlock;
	goto checks_ok;
}

/* A free refused: out of line, so the fast path keeps its registers. */
__noinline void slub_bad_free(struct kmem_cache *s, const char *func, const void *x,
			      const char *why)
{
	slub_report_count(s);
	slub_printf("SLUB %s: %s(0x%08lx): %s; not freed\n", s ? s->name : "-", func,
		    (unsigned long)(uintptr_t)x, why);
}

void kmem_cache_free(struct kmem_cache *s, void *x)
{
	struct page *page;
	const char *why = slub_bad_object(s, x, &page);

	if (unlikely(why)) {
		if (!slub_debug_free_invalid(s, x, _RET_IP_))
			slub_bad_free(s, __func__, x, why);
		return;
	}
	slab_free(s, page, x, _RET_IP_);
}
