/*
 * slab_alloc.c - allocation and freeing: the per-CPU fast paths, the
 * refill and flush between a CPU's array, the node's shared array and
 * the slab lists, and the reaper that drains idle arrays (after Linux
 * 2.6.24's mm/slab.c).
 *
 * Fast path.  kmem_cache_alloc() pops the last pointer off the calling
 * CPU's array and kmem_cache_free() pushes one, with interrupts off and
 * no lock: only that CPU touches its array (____cache_alloc and
 * __cache_free, inline in slab_internal.h; the slow paths are here).
 * Only when the array is empty does cache_alloc_refill() take the node's
 * list_lock and fetch up to batchcount objects: from the
 * shared array first, then from partial slabs, then from free slabs,
 * growing the cache when all are empty.  Only when it is full does
 * cache_flusharray() move batchcount objects to the shared array or back
 * to their slabs (free_block).
 *
 * Reaping.  Every CPU runs cache_reap() every REAPTIMEOUT_CPUC, as
 * deferred work: for each cache it drains a fifth of its own array if
 * the array was not used since the last visit (else it just clears
 * "touched"), and every REAPTIMEOUT_LIST3 the node's shared array and a
 * share of the free slabs, unless the free list was used meanwhile.  A
 * burst that is freed again thus gives its pages back within seconds.
 * Two things stop it: the user's "reap auto off" (reap_auto), and holds
 * (slab_reap_hold()) taken by code that needs the buddy allocator's
 * free lists to stay put for a while, such as the shell's "pages
 * stress" check; the holds are a count of their own, so taking one
 * never changes the user's setting.  The reaper reads the count under
 * cache_chain_lock, and a hold takes and drops that lock after raising
 * it, so a pass that began before the hold has ended when it returns.
 * cache_reap_now_each() reports each cache's share of a pass as well as
 * the total; slab_reap_next() reads a CPU's reaper timer without its
 * lock, a glimpse for the shell's display that steers nothing.
 */
#include <string.h>
#include "mm/slab_internal.h"

static DEFINE_PER_CPU(struct delayed_work, reap_work);
static bool reap_auto = true;	/* slab_set_reap_auto(); read without a lock */
static atomic_t reap_holds;	/* slab_reap_hold(); the reaper reads it under
				 * cache_chain_lock */

/* Move up to @max objects from the top of @from to @to; locks: the caller's. */
static int transfer_objects(struct array_cache *to, struct array_cache *from,
			    unsigned int max)
{
	unsigned int nr = from->avail < max ? from->avail : max;

	if (nr > to->limit - to->avail)
		nr = to->limit - to->avail;
	if (!nr)
		return 0;
	memcpy(to->entry + to->avail, from->entry + from->avail - nr, sizeof(void *) * nr);
	from->avail -= nr;
	to->avail += nr;
	to->touched = 1;
	return (int)nr;
}

/*
 * Take up to @batchcount objects from the node's slabs into @ac;
 * list_lock held.  Linux's loop, slab by slab: partial slabs first, then
 * free ones, each moved to the list it then belongs on.  Its inner loop
 * (while inuse < num && batchcount--, push slab_get_obj()) is
 * slab_get_objs(), the same objects in the same order with the slab's
 * fields in registers.  What Linux counts per object only with STATS
 * (allocations, active objects, their high mark) and the journal's
 * events are done once afterwards, for the whole refill: under
 * list_lock nobody sees the counters between two objects, and the
 * events keep their order.
 */
static void refill_from_slabs(struct kmem_cache *cachep, struct kmem_list3 *l3,
			      struct array_cache *ac, int batchcount)
{
	unsigned int first = ac->avail, got;

	while (batchcount > 0) {
		struct list_head *entry = l3->slabs_partial.next;
		struct slab *slabp;
		unsigned int take;

		if (entry == &l3->slabs_partial) {
			l3->free_touched = 1;
			entry = l3->slabs_free.next;
			if (entry == &l3->slabs_free)
				break;		/* must grow */
		}
		slabp = list_entry(entry, struct slab, list);
		/* on partial or free, so at least one object is there */
		BUG_ON(slabp->inuse >= cachep->num);

		take = cachep->num - slabp->inuse;
		if (take > (unsigned int)batchcount)
			take = (unsigned int)batchcount;
		slab_get_objs(cachep, slabp, &ac->entry[ac->avail], take);
		ac->avail += take;
		batchcount -= (int)take;
		list_del(&slabp->list);
		if (slabp->free == BUFCTL_END)
			list_add(&slabp->list, &l3->slabs_full);
		else
			list_add(&slabp->list, &l3->slabs_partial);
	}
	got = ac->avail - first;
	cachep->num_allocations += got;
	cachep->num_active += got;
	if (cachep->num_active > cachep->high_mark)
		cachep->high_mark = cachep->num_active;
	if (unlikely(cache_dbg(cachep) & DBG_JOURNAL))
		for (unsigned int i = first; i < ac->avail; i++)
			slab_journal_record(cachep, SLAB_EV_REFILL_SLAB,
					    (char *)ac->entry[i] + cachep->obj_offset);
}

static void *cache_alloc_refill(struct kmem_cache *cachep, gfp_t flags)
{
	unsigned int cpu = smp_processor_id();
	struct array_cache *ac = cachep->array[cpu];
	struct kmem_list3 *l3 = cachep->nodelists[0];
	enum slab_refill_kind kind = SLAB_REFILL_SLABS;
	int batchcount;

	DEBUG_BUG_ON(!irqs_disabled());
	ac_stat_inc(&cachep->stats[cpu].allocmiss);
retry:
	batchcount = (int)ac->batchcount;
	if (!ac->touched && batchcount > BATCHREFILL_LIMIT)
		batchcount = BATCHREFILL_LIMIT;	/* idle cache: a partial refill */
	BUG_ON(ac->avail > 0 || !l3);		/* refill only an empty array */
	spin_lock(&l3->list_lock);
	if (l3->shared && transfer_objects(ac, l3->shared, (unsigned int)batchcount)) {
		kind = SLAB_REFILL_SHARED;
		for (unsigned int i = 0; i < ac->avail; i++)
			slab_event(cachep, SLAB_EV_REFILL_SHARED,
				   (char *)ac->entry[i] + cachep->obj_offset);
	} else {
		refill_from_slabs(cachep, l3, ac, batchcount);
		l3->free_objects -= ac->avail;
	}
	spin_unlock(&l3->list_lock);

	if (unlikely(!ac->avail)) {
		if (!cache_grow(cachep, flags, 0))
			return NULL;		/* no objects in sight */
		kind = SLAB_REFILL_GROWN;
		goto retry;
	}
	slab_event_refill(cachep, kind);
	ac->touched = 1;
	return ac->entry[--ac->avail];
}

/* Pop an object off this CPU's array, or refill it; interrupts off. */
static void *____cache_alloc(struct kmem_cache *cachep, gfp_t flags)
{
	unsigned int cpu = smp_processor_id();
	struct array_cache *ac = cachep->array[cpu];

	DEBUG_BUG_ON(!irqs_disabled());
	if (likely(ac->avail))
		return cache_alloc_hit(cachep, cpu, ac, ac->avail);
	return cache_alloc_refill(cachep, flags);
}

/*
 * A cache with debug checks, a journal or tracing: pop buffers until one
 * passes the checks (a bad one is reported and quarantined), then hand
 * out the object inside it.  Interrupts off.
 */
static void *cache_alloc_debug(struct kmem_cache *cachep, gfp_t flags, const void *caller)
{
	const void *outer = slab_set_caller(caller);
	void *objp = NULL, *buf;

	while ((buf = ____cache_alloc(cachep, flags)) != NULL)
		if ((objp = cache_alloc_debugcheck_after(cachep, buf, caller)) != NULL)
			break;
	/* a growth's off-slab management is a nested allocation: keep its caller's */
	slab_set_caller(outer);
	return objp;
}

void *__cache_alloc(struct kmem_cache *cachep, gfp_t flags, const void *caller)
{
	unsigned long save_flags;
	void *objp;

	local_irq_save(save_flags);
	if (unlikely(cache_dbg(cachep)))
		objp = cache_alloc_debug(cachep, flags, caller);
	else
		objp = ____cache_alloc(cachep, flags);
	local_irq_restore(save_flags);
	if (unlikely((flags & __GFP_ZERO) && objp))
		memset(objp, 0, cachep->object_size);
	return objp;
}

void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags)
{
	void *objp;

	if (likely(!(flags & __GFP_ZERO)) && cache_alloc_fast(cachep, &objp))
		return objp;
	return __cache_alloc(cachep, flags, __builtin_return_address(0));
}

void *kmem_cache_zalloc(struct kmem_cache *cachep, gfp_t flags)
{
	return __cache_alloc(cachep, flags | __GFP_ZERO, __builtin_return_address(0));
}

/* The array is full: batchcount objects go to the shared array or their slabs. */
static void cache_flusharray(struct kmem_cache *cachep, struct array_cache *ac)
{
	struct kmem_list3 *l3 = cachep->nodelists[0];
	unsigned int batchcount = ac->batchcount;
	unsigned long freeable = 0;
	struct slab *slabp;

	DEBUG_BUG_ON(!batchcount || batchcount > ac->avail);
	DEBUG_BUG_ON(!irqs_disabled());
	spin_lock(&l3->list_lock);
	if (l3->shared && l3->shared->avail < l3->shared->limit) {
		struct array_cache *shared = l3->shared;
		unsigned int max = shared->limit - shared->avail;

		if (batchcount > max)
			batchcount = max;
		memcpy(&shared->entry[shared->avail], ac->entry, sizeof(void *) * batchcount);
		shared->avail += batchcount;
		for (unsigned int i = 0; i < batchcount; i++)
			slab_event(cachep, SLAB_EV_FLUSH_SHARED,
				   (char *)ac->entry[i] + cachep->obj_offset);
		slab_event_flush(cachep, true);
	} else {
		free_block(cachep, ac->entry, (int)batchcount, 0);
		slab_event_flush(cachep, false);
	}
	list_for_each_entry(slabp, &l3->slabs_free, list)
		freeable++;
	if (freeable > cachep->max_freeable)
		cachep->max_freeable = freeable;
	spin_unlock(&l3->list_lock);
	ac->avail -= batchcount;
	memmove(ac->entry, &ac->entry[batchcount], sizeof(void *) * ac->avail);
}

/* Push a buffer on this CPU's array; interrupts off. */
static void cache_free_buf(struct kmem_cache *cachep, void *objp)
{
	unsigned int cpu = smp_processor_id();
	struct array_cache *ac = cachep->array[cpu];

	if (likely(ac->avail < ac->limit)) {
		cache_free_hit(cachep, cpu, ac, ac->avail, objp);
		return;
	}
	ac_stat_inc(&cachep->stats[cpu].freemiss);
	cache_flusharray(cachep, ac);
	ac->entry[ac->avail++] = objp;
}

void __cache_free(struct kmem_cache *cachep, void *objp, const void *caller)
{
	DEBUG_BUG_ON(!irqs_disabled());
	if (unlikely(cache_dbg(cachep))) {
		/* nested: a flush's slab_destroy() frees off-slab management */
		const void *outer = slab_set_caller(caller);

		objp = cache_free_debugcheck(cachep, objp, caller);
		if (objp)
			cache_free_buf(cachep, objp);
		slab_set_caller(outer);
		return;
	}
	cache_free_buf(cachep, objp);
}

/* What kmem_cache_free() does not do inline: a refusal, or more than a push. */
static __noinline void kmem_cache_free_slow(struct kmem_cache *cachep, void *objp,
					    const void *caller)
{
	unsigned long flags;

	if (unlikely(!slab_free_check(cachep, objp)) &&
	    !slab_bad_free("kmem_cache_free", cachep, objp))
		return;
	local_irq_save(flags);
	__cache_free(cachep, objp, caller);
	local_irq_restore(flags);
}

/*
 * The page's cache alone says the page is @cachep's slab: only slab
 * pages ever hold a cache there, and kmem_freepages() clears it, so the
 * fast path needs no PG_slab test (the slow path's slab_free_check()
 * tests it all again).
 */
void kmem_cache_free(struct kmem_cache *cachep, void *objp)
{
	struct page *page;

	if (likely(virt_to_page_valid(objp, &page)) && likely(page_get_cache(page) == cachep) &&
	    likely(cache_free_fast(cachep, page_get_slab(page), objp)))
		return;
	kmem_cache_free_slow(cachep, objp, __builtin_return_address(0));
}

void drain_array(struct kmem_cache *cachep, struct kmem_list3 *l3,
		 struct array_cache *ac, int force, int node, struct reap_stats *rs)
{
	unsigned long flags;
	unsigned int tofree;
	int slabs;

	if (!ac || !ac->avail)
		return;
	if (ac->touched && !force) {
		ac->touched = 0;		/* used lately: look again next time */
		return;
	}
	spin_lock_irqsave(&l3->list_lock, flags);
	if (ac->avail) {
		tofree = force ? ac->avail : (ac->limit + 4) / 5;
		if (tofree > ac->avail)
			tofree = (ac->avail + 1) / 2;
		slabs = free_block(cachep, ac->entry, (int)tofree, node);
		ac->avail -= tofree;
		memmove(ac->entry, &ac->entry[tofree], sizeof(void *) * ac->avail);
		if (rs) {
			rs->objects += tofree;
			rs->slabs += (unsigned long)slabs;
			rs->pages += (unsigned long)slabs << cachep->gfporder;
		}
	}
	spin_unlock_irqrestore(&l3->list_lock, flags);
}

typedef void (*reap_report_fn)(struct kmem_cache *cachep, const struct reap_stats *share,
			       void *arg);

/* One cache's share of this CPU's reaping pass; what it released goes to @rs. */
static void reap_cache(struct kmem_cache *searchp, struct reap_stats *rs)
{
	struct kmem_list3 *l3 = searchp->nodelists[0];
	int freed;

	drain_array(searchp, l3, cpu_cache_get(searchp), 0, 0, rs);
	/* racy, but skipping a check or scanning twice does no harm */
	if (time_after(l3->next_reap, jiffies))
		return;
	l3->next_reap = jiffies + REAPTIMEOUT_LIST3;
	drain_array(searchp, l3, l3->shared, 0, 0, rs);
	if (l3->free_touched) {
		l3->free_touched = 0;
		return;
	}
	freed = drain_freelist(searchp, l3, (int)((l3->free_limit + 5 * searchp->num - 1) /
						   (5 * searchp->num)));
	searchp->reaped += (unsigned long)freed;
	rs->slabs += (unsigned long)freed;
	rs->pages += (unsigned long)freed << searchp->gfporder;
}

/*
 * Every cache's share of this CPU's pass, each added into @rs and, when
 * it released something, reported to @fn; cache_chain_lock held.
 */
static void reap_all_caches(struct reap_stats *rs, reap_report_fn fn, void *arg)
{
	const void *outer = slab_set_caller(slab_mover(SLAB_MOVER_REAP));
	struct kmem_cache *searchp;

	list_for_each_entry(searchp, &cache_chain, next) {
		struct reap_stats share = { 0 };

		reap_cache(searchp, &share);
		rs->objects += share.objects;
		rs->slabs += share.slabs;
		rs->pages += share.pages;
		if (fn && (share.objects || share.slabs))
			fn(searchp, &share, arg);
	}
	slab_set_caller(outer);
}

static void cache_reap(struct work_struct *w)
{
	struct delayed_work *work = container_of(w, struct delayed_work, work);
	struct reap_stats rs = { 0 };

	/* Busy (a cache being created, tuned or destroyed): next time. */
	if (READ_ONCE(reap_auto) && spin_trylock(&cache_chain_lock)) {
		/* under the lock: slab_reap_hold() waits for the lock's release */
		if (!atomic_read(&reap_holds))
			reap_all_caches(&rs, NULL, NULL);
		spin_unlock(&cache_chain_lock);
	}
	schedule_delayed_work_on(smp_processor_id(), work, REAPTIMEOUT_CPUC);
}

void cache_reap_now_each(struct reap_stats *rs, reap_report_fn fn, void *arg)
{
	*rs = (struct reap_stats){ 0 };
	spin_lock(&cache_chain_lock);
	reap_all_caches(rs, fn, arg);
	spin_unlock(&cache_chain_lock);
}

void cache_reap_now(struct reap_stats *rs)
{
	cache_reap_now_each(rs, NULL, NULL);
}

enum slab_reap_state slab_reap_next(unsigned int cpu, unsigned long *in_jiffies)
{
	const struct delayed_work *work;
	unsigned long expires, now = jiffies;

	*in_jiffies = 0;
	if (cpu >= NR_CPUS)
		return SLAB_REAP_NONE;
	work = &per_cpu(reap_work, cpu);
	expires = READ_ONCE(work->expires);
	if (!READ_ONCE(work->work.func))
		return SLAB_REAP_NONE;
	if (READ_ONCE(work->timer_pending)) {
		*in_jiffies = time_after(expires, now) ? expires - now : 0;
		return SLAB_REAP_WAITING;
	}
	return READ_ONCE(work->work.pending) ? SLAB_REAP_DUE : SLAB_REAP_RUNNING;
}

bool slab_reap_held(void)
{
	return atomic_read(&reap_holds) > 0;
}

void slab_set_reap_auto(bool on)
{
	WRITE_ONCE(reap_auto, on);
}

bool slab_reap_auto(void)
{
	return READ_ONCE(reap_auto);
}

void slab_reap_hold(void)
{
	DEBUG_BUG_ON(irqs_disabled());
	atomic_inc_return(&reap_holds);		/* ordered before the lock below */
	/*
	 * A pass that took the lock before the count rose is still running:
	 * wait for it.  One that takes it after our unlock sees the count.
	 */
	spin_lock(&cache_chain_lock);
	spin_unlock(&cache_chain_lock);
}

void slab_reap_release(void)
{
	/* a release without its hold would let the reaper run under another's hold */
	BUG_ON(atomic_sub_return(1, &reap_holds) < 0);
}

/* Start @cpu's reaper, its first run staggered so CPUs do not reap in step. */
void start_cpu_timer(unsigned int cpu)
{
	struct delayed_work *work = &per_cpu(reap_work, cpu);

	if (work->work.func)
		return;
	INIT_DELAYED_WORK(work, cache_reap);
	schedule_delayed_work_on(cpu, work, HZ + cpu * (HZ / NR_CPUS));
}
