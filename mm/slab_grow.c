/*
 * slab_grow.c - a cache's slabs come and go: pages from and back to the
 * buddy allocator, slab management, the free-object chains, and the
 * three lists a slab moves between (after Linux 2.6.24's mm/slab.c).
 *
 * Growing (cache_grow) takes the node's list_lock only to pick the next
 * colour and, at the end, to put the new slab on slabs_free: the pages,
 * the management and the constructor run unlocked, since nobody else
 * can see the slab yet.  It runs with interrupts off (the caller's
 * __cache_alloc disabled them); unlike Linux it never re-enables them
 * for a __GFP_WAIT allocation, because the page allocator never sleeps.
 *
 * Every object off its slab's chain is marked BUFCTL_FREE in its bufctl
 * (Linux does so only with DEBUG), so free_block() can tell an object
 * coming back from one that is already there (a double free) or that a
 * detector quarantined (slab_debug.c): neither goes on the chain.
 *
 * free_block() destroys the slabs it empties (beyond free_limit) only
 * after the whole batch, so that a second copy of an object in it (a
 * double free) meets its slab, not pages the buddy allocator has taken
 * back; one whose slab went in an earlier batch is recognised by its
 * page and dropped.
 *
 * Freeing objects back to slabs (free_block) and destroying free slabs
 * happen under list_lock; a slab destroyed there gives its off-slab
 * management back to another cache (its slabp_cache), whose list_lock
 * nests inside ours.  The page allocator's zone->lock nests inside both.
 */
#include <string.h>
#include "mm/fault_inject.h"
#include "mm/gfp.h"
#include "mm/mmzone.h"
#include "mm/slab_internal.h"

void *kmem_getpages(struct kmem_cache *cachep, gfp_t flags)
{
	unsigned long nr_pages = 1UL << cachep->gfporder;
	enum zone_stat_item item = NR_SLAB_UNRECLAIMABLE;
	struct page *page;

	flags |= cachep->gfpflags;
	if (cachep->flags & SLAB_RECLAIM_ACCOUNT) {
		flags |= __GFP_RECLAIMABLE;
		item = NR_SLAB_RECLAIMABLE;
	}
	page = alloc_pages(flags, cachep->gfporder);
	if (!page)
		return NULL;
	mod_zone_page_state(page_zone(page), item, (long)nr_pages);
	for (unsigned long i = 0; i < nr_pages; i++)
		__SetPageSlab(page + i);
	return page_address(page);
}

void kmem_freepages(struct kmem_cache *cachep, void *addr)
{
	unsigned long nr_pages = 1UL << cachep->gfporder;
	struct page *page = virt_to_page(addr);

	mod_zone_page_state(page_zone(page), (cachep->flags & SLAB_RECLAIM_ACCOUNT) ?
			    NR_SLAB_RECLAIMABLE : NR_SLAB_UNRECLAIMABLE, -(long)nr_pages);
	for (unsigned long i = 0; i < nr_pages; i++) {
		BUG_ON(!PageSlab(page + i));	/* every page of a slab is PG_slab */
		__ClearPageSlab(page + i);
		page_set_cache(page + i, NULL);	/* kmem_cache_free() trusts it */
	}
	free_pages((unsigned long)addr, cachep->gfporder);
}

/*
 * The slab's management: at the colour offset in its own pages, or from
 * the general cache that fits it.  Either way objects start after it.
 */
static struct slab *alloc_slabmgmt(struct kmem_cache *cachep, void *objp,
				   size_t colour_off, gfp_t local_flags)
{
	struct slab *slabp;

	if (OFF_SLAB(cachep)) {
		slabp = kmem_cache_alloc(cachep->slabp_cache, local_flags);
		if (!slabp)
			return NULL;
	} else {
		slabp = (struct slab *)((char *)objp + colour_off);
		colour_off += cachep->slab_size;
	}
	slabp->inuse = 0;
	slabp->colouroff = colour_off;
	slabp->s_mem = (char *)objp + colour_off;
	slabp->nodeid = 0;
	return slabp;
}

/*
 * Construct every object and chain them all as free, in order.  Whether
 * there is anything to construct is asked once per slab, not per object
 * (DBG_CHECKS never changes after creation; cache_dbg() is an untorn
 * load the compiler may not hoist): a cache with neither pays only the
 * chain.
 */
static void cache_init_objs(struct kmem_cache *cachep, struct slab *slabp)
{
	kmem_bufctl_t *bufctl = slab_bufctl(slabp);
	unsigned int i, num = cachep->num;

	if (cache_dbg(cachep) & DBG_CHECKS) {
		for (i = 0; i < num; i++)
			slab_construct_obj_debug(cachep, index_to_obj(cachep, slabp, i));
	} else if (cachep->ctor) {
		for (i = 0; i < num; i++)
			cachep->ctor(cachep, index_to_obj(cachep, slabp, i));
	}
	for (i = 0; i < num; i++)
		bufctl[i] = i + 1;
	bufctl[num - 1] = BUFCTL_END;
	slabp->free = 0;
}

/* Point every page of the slab back at its cache and slab (kfree needs it). */
static void slab_map_pages(struct kmem_cache *cachep, struct slab *slabp, void *addr)
{
	struct page *page = virt_to_page(addr);

	for (unsigned long n = 1UL << cachep->gfporder; n--; page++) {
		page_set_cache(page, cachep);
		page_set_slab(page, slabp);
	}
}

/*
 * A DMA cache is allocated from with GFP_DMA, every other cache without:
 * kmem_cache_alloc(cachep, GFP_DMA) on a normal cache is a caller's bug.
 * Checked where a slab grows, off the fast path, as Linux does.
 */
static void kmem_flagcheck(struct kmem_cache *cachep, gfp_t flags)
{
	if (flags & GFP_DMA)
		BUG_ON(!(cachep->gfpflags & GFP_DMA));
	else
		BUG_ON(cachep->gfpflags & GFP_DMA);
}

/*
 * One more slab on slabs_free.  Interrupts off.  1 on success, 0 if out
 * of memory.  Only how hard to try (GFP_RECLAIM_MASK) passes on to the
 * pages and to an off-slab management cache: the zone comes from each
 * cache's own gfpflags, so a DMA cache's growth never puts a general
 * cache's slab in ZONE_DMA.
 */
int cache_grow(struct kmem_cache *cachep, gfp_t flags, int nodeid)
{
	struct kmem_list3 *l3 = cachep->nodelists[nodeid];
	gfp_t local_flags;
	struct slab *slabp;
	unsigned int colour;
	size_t offset;
	void *objp;

	BUG_ON(flags & GFP_SLAB_BUG_MASK);	/* highmem or unknown bits */
	local_flags = flags & (GFP_CONSTRAINT_MASK | GFP_RECLAIM_MASK);
	DEBUG_BUG_ON(!irqs_disabled());
	if (should_failslab(flags))
		return 0;		/* fault injection: before anything changes */
	spin_lock(&l3->list_lock);
	offset = l3->colour_next;		/* the colour for this slab */
	l3->colour_next++;
	if (l3->colour_next >= cachep->colour)
		l3->colour_next = 0;
	spin_unlock(&l3->list_lock);
	colour = (unsigned int)offset;
	offset *= cachep->colour_off;

	kmem_flagcheck(cachep, flags);
	objp = kmem_getpages(cachep, local_flags);
	if (!objp)
		return 0;
	slabp = alloc_slabmgmt(cachep, objp, offset, local_flags & ~GFP_CONSTRAINT_MASK);
	if (!slabp) {
		kmem_freepages(cachep, objp);
		return 0;
	}
	slab_map_pages(cachep, slabp, objp);
	cache_init_objs(cachep, slabp);

	spin_lock(&l3->list_lock);
	list_add_tail(&slabp->list, &l3->slabs_free);
	cachep->grown++;
	l3->free_objects += cachep->num;
	spin_unlock(&l3->list_lock);
	slab_event_grow(cachep, objp, colour);
	return 1;
}

/* Give a slab that is off every list back to the page allocator. */
void slab_destroy(struct kmem_cache *cachep, struct slab *slabp)
{
	void *addr = (char *)slabp->s_mem - slabp->colouroff;

	if (cachep->flags & (SLAB_RED_ZONE | SLAB_POISON))
		slab_destroy_objs(cachep, slabp);
	slab_event(cachep, SLAB_EV_DESTROY, addr);
	kmem_freepages(cachep, addr);
	if (OFF_SLAB(cachep))
		kmem_cache_free(cachep->slabp_cache, slabp);
}

static bool list_holds(const struct list_head *head, const struct list_head *entry)
{
	for (const struct list_head *p = head->next; p != head; p = p->next)
		if (p == entry)
			return true;
	return false;
}

/*
 * free_one() met @objp off the chain rules: already on its slab's chain
 * (a double free the arrays hid) or quarantined.  slab_put_obj() reports
 * and withholds it; returns free_one()'s change in doomed slabs: -1 when
 * the double free found its slab on @doomed (quarantining the object
 * took the slab off it again), else 0.  Out of line: free_block()'s loop
 * pays one compare for it.  list_lock held.
 */
static __noinline int free_one_refused(struct kmem_cache *cachep, struct kmem_list3 *l3,
				       struct slab *slabp, void *objp, struct list_head *doomed)
{
	/* an object for an empty slab can only be a double free */
	bool was_doomed = !slabp->inuse && list_holds(doomed, &slabp->list);

	if (slab_put_obj(cachep, slabp, objp))
		BUG();			/* free_one() saw it was not BUFCTL_FREE */
	/* quarantined: in use for good, and its slab stays */
	if (!was_doomed)
		return 0;
	l3->free_objects += cachep->num;
	return -1;
}

/*
 * Put @objp back on its slab and move the slab to the list it now
 * belongs on; an emptied slab goes on @doomed if the node already holds
 * enough free objects.  Returns the change in doomed slabs: 1, 0, or -1
 * (free_one_refused()).  @ev is the journal's event, if @journal (the
 * cache keeps one: read once per batch).  *@freed counts the objects
 * put back: free_block() adds them to free_objects and takes them from
 * num_active once, at the end (every other change to those two is an
 * addition too, so the order does not matter, and only the free_limit
 * test reads one meanwhile).  list_lock held.
 */
static __always_inline int free_one(struct kmem_cache *cachep, struct kmem_list3 *l3,
				    void *objp, bool journal, enum slab_event_type ev,
				    struct list_head *doomed, unsigned long *freed)
{
	/*
	 * The page is in mem_map (every object here passed the free's
	 * check, or came from a slab), so no range check: one lookup for
	 * the cache and the slab.
	 */
	struct page *page = virt_to_page(objp);
	struct slab *slabp;

	if (unlikely(!PageSlab(page) || page_get_cache(page) != cachep)) {
		slab_gone_locked(cachep, objp);	/* freed twice, its slab destroyed */
		return 0;
	}
	slabp = page_get_slab(page);
	if (unlikely(slab_bufctl(slabp)[obj_to_index(cachep, slabp, objp)] != BUFCTL_FREE))
		return free_one_refused(cachep, l3, slabp, objp, doomed);
	slab_put_obj(cachep, slabp, objp);	/* succeeds: it was BUFCTL_FREE */
	if (unlikely(journal))
		slab_journal_record(cachep, ev, (char *)objp + cachep->obj_offset);
	++*freed;
	if (slabp->inuse) {
		/*
		 * The tail: the slab gets time to fill with frees.  Linux
		 * unlinks and relinks it every time; a slab already there
		 * (the batch's previous object was its) stays put, the same.
		 */
		if (l3->slabs_partial.prev != &slabp->list)
			list_move_tail(&slabp->list, &l3->slabs_partial);
		return 0;
	}
	list_del(&slabp->list);
	if (l3->free_objects + *freed <= l3->free_limit) {
		list_add(&slabp->list, &l3->slabs_free);
		return 0;
	}
	/* enough free objects kept: the slab goes */
	l3->free_objects -= cachep->num;
	list_add(&slabp->list, doomed);
	return 1;
}

int free_block(struct kmem_cache *cachep, void **objpp, int nr_objects, int node)
{
	struct kmem_list3 *l3 = cachep->nodelists[node];
	/* for the journal: the shared array's objects, or a CPU's */
	bool journal = cache_dbg(cachep) & DBG_JOURNAL;
	enum slab_event_type ev = l3->shared && objpp == l3->shared->entry ?
				  SLAB_EV_SHARED_TO_SLAB : SLAB_EV_TO_SLAB;
	LIST_HEAD(doomed);
	struct slab *slabp, *n;
	unsigned long freed = 0;
	int destroyed = 0;

	assert_spin_locked(&l3->list_lock);
	/* two copies of the loop: the one without a journal tests nothing for it */
	if (unlikely(journal))
		for (void **p = objpp; p < objpp + nr_objects; p++)
			destroyed += free_one(cachep, l3, *p, true, ev, &doomed, &freed);
	else
		for (void **p = objpp; p < objpp + nr_objects; p++)
			destroyed += free_one(cachep, l3, *p, false, ev, &doomed, &freed);
	l3->free_objects += freed;
	cachep->num_active -= freed;
	/*
	 * Only now, as Linux does not: a second copy of an object later in
	 * the batch (a double free) must still find its slab, not pages the
	 * buddy allocator has taken back.
	 */
	list_for_each_entry_safe(slabp, n, &doomed, list)
		slab_destroy(cachep, slabp);
	return destroyed;
}

int drain_freelist(struct kmem_cache *cachep, struct kmem_list3 *l3, int tofree)
{
	int nr_freed = 0;

	while (nr_freed < tofree && !list_empty(&l3->slabs_free)) {
		struct slab *slabp;
		unsigned long flags;

		spin_lock_irqsave(&l3->list_lock, flags);
		if (list_empty(&l3->slabs_free)) {
			spin_unlock_irqrestore(&l3->list_lock, flags);
			break;
		}
		slabp = list_entry(l3->slabs_free.prev, struct slab, list);
		BUG_ON(slabp->inuse);		/* on slabs_free with objects in use */
		list_del(&slabp->list);
		l3->free_objects -= cachep->num;
		/* unlinked: nobody else can reach it, so drop the lock */
		spin_unlock_irqrestore(&l3->list_lock, flags);
		slab_destroy(cachep, slabp);
		nr_freed++;
	}
	return nr_freed;
}
