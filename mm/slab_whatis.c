/*
 * slab_whatis.c - what any address is, as far as the slab allocator can
 * tell: which cache, slab and object it lies in, which part of the slab
 * or of the object's buffer, and where that object is now (handed out,
 * in a CPU's or the shared array, free on its slab's chain, quarantined)
 * with its last user.  Solaris' ::whatis, for SLAB (mm/slab_inspect.h).
 *
 * Any address is safe: the page is found only if the page allocator
 * manages it, a slab page's cache pointer is trusted only once it is
 * found on the cache chain, and its slab pointer only once it is found
 * on that cache's node lists, under list_lock.  Nothing is read through
 * a pointer before it has been found that way.
 *
 * Locking: cache_chain_lock for the whole call (the cache cannot be
 * destroyed or retuned meanwhile; it may be held across the IPIs, as a
 * retune does); l3->list_lock, interrupts off, for the slab, its free
 * chain and the shared array; each CPU's array is searched on that CPU
 * with interrupts off (or directly while that CPU cannot run), as
 * kmem_cache_get_cpu_array() copies one.  The answer is read in that
 * order, not as one snapshot: an object on the move between two of
 * those reads may be reported where it was.
 *
 * The corruption lab's write (kmem_cache_corrupt) lives here too: it
 * needs the same proof that an address is a live object of a listed
 * slab, and keeps list_lock across its one-byte write.
 */
#include <errno.h>
#include <string.h>
#include "mm/slab_inspect.h"
#include "mm/slab_internal.h"

/* The live cache @cachep points to, or NULL: compared, never dereferenced. */
static struct kmem_cache *live_cache(const struct kmem_cache *cachep)
{
	struct kmem_cache *pc;

	list_for_each_entry(pc, &cache_chain, next)
		if (pc == cachep)
			return pc;
	return NULL;
}

static bool on_list(const struct list_head *head, const struct slab *slabp)
{
	const struct slab *s;

	list_for_each_entry(s, head, list)
		if (s == slabp)
			return true;
	return false;
}

/* Which of the node's lists holds @slabp; false if none.  list_lock held. */
static bool slab_listed(struct kmem_list3 *l3, const struct slab *slabp, enum slab_list *list)
{
	if (on_list(&l3->slabs_partial, slabp))
		*list = SLAB_PARTIAL;
	else if (on_list(&l3->slabs_full, slabp))
		*list = SLAB_FULL;
	else if (on_list(&l3->slabs_free, slabp))
		*list = SLAB_FREE;
	else
		return false;
	return true;
}

static void set_part(struct whatis_info *wi, enum whatis_kind kind, unsigned long offset,
		     unsigned long size)
{
	wi->kind = kind;
	wi->offset = offset;
	wi->size = size;
}

/* @p lies before the slab's first object: colour or on-slab management. */
static void locate_before_objects(const struct kmem_cache *cachep, const struct slab *slabp,
				  const char *p, struct whatis_info *wi)
{
	const char *desc = (const char *)slabp, *page = wi->page;
	size_t bufctls = cachep->num * sizeof(kmem_bufctl_t);

	if (OFF_SLAB(cachep) || p < desc) {
		set_part(wi, WHATIS_COLOUR, (unsigned long)(p - page),
			 (unsigned long)((OFF_SLAB(cachep) ? (const char *)slabp->s_mem : desc) -
					 page));
		return;
	}
	if (p < desc + sizeof(struct slab)) {
		set_part(wi, WHATIS_SLAB_DESC, (unsigned long)(p - desc), sizeof(struct slab));
		return;
	}
	desc += sizeof(struct slab);
	if (p < desc + bufctls) {
		wi->index = (unsigned int)((size_t)(p - desc) / sizeof(kmem_bufctl_t));
		set_part(wi, WHATIS_BUFCTL, (unsigned long)((size_t)(p - desc) %
							    sizeof(kmem_bufctl_t)),
			 sizeof(kmem_bufctl_t));
		return;
	}
	desc += bufctls;
	set_part(wi, WHATIS_MGMT_PAD, (unsigned long)(p - desc),
		 (unsigned long)((const char *)slabp->s_mem - desc));
}

/* Byte @b of object @wi->index's buffer: which part of it. */
static void locate_in_buffer(const struct kmem_cache *cachep, size_t b, struct whatis_info *wi)
{
	size_t obj = cachep->obj_offset, end = obj + cachep->object_size;
	size_t pad_end = cachep->buffer_size;
	bool rz = cachep->flags & SLAB_RED_ZONE;
	size_t rz2 = rz ? slab_redzone2_offset(cachep) : end;

	if (cachep->flags & SLAB_STORE_USER)
		pad_end = slab_userword_offset(cachep);
	if (b < obj)
		set_part(wi, WHATIS_REDZONE1, b, obj);
	else if (b < end)
		set_part(wi, WHATIS_OBJECT, b - obj, cachep->object_size);
	else if (rz && b >= rz2 && b < rz2 + sizeof(unsigned long long))
		set_part(wi, WHATIS_REDZONE2, b - rz2, sizeof(unsigned long long));
	else if (b >= pad_end)
		set_part(wi, WHATIS_USER, b - pad_end, sizeof(void *));
	else if (rz && b >= rz2)	/* between red zone 2 and the user word */
		set_part(wi, WHATIS_PADDING, b - rz2 - sizeof(unsigned long long),
			 pad_end - rz2 - sizeof(unsigned long long));
	else				/* between the object and red zone 2 or the end */
		set_part(wi, WHATIS_PADDING, b - end, (rz ? rz2 : pad_end) - end);
}

/* Object @idx's place on its slab's free chain, at most num steps: no cycle holds us. */
static void chain_position(const struct kmem_cache *cachep, struct slab *slabp,
			   unsigned int idx, struct whatis_info *wi)
{
	kmem_bufctl_t i = slabp->free;

	wi->chain_pos = -1;
	wi->chain_len = 0;
	while (i < cachep->num && wi->chain_len < cachep->num) {
		if (i == idx)
			wi->chain_pos = (int)wi->chain_len;
		wi->chain_len++;
		i = slab_bufctl(slabp)[i];
	}
}

/* Object @idx's state as its slab and the shared array see it; list_lock held. */
static void object_state_locked(const struct kmem_cache *cachep, struct kmem_list3 *l3,
				struct slab *slabp, unsigned int idx, struct whatis_info *wi)
{
	kmem_bufctl_t b = slab_bufctl(slabp)[idx];
	const void *buf = index_to_obj(cachep, slabp, idx);
	struct array_cache *shared = l3->shared;

	if (b < cachep->num || b == BUFCTL_END) {
		wi->state = WHATIS_FREE_IN_SLAB;
		chain_position(cachep, slabp, idx, wi);
		return;
	}
	wi->state = b == BUFCTL_QUARANTINE ? WHATIS_QUARANTINED : WHATIS_ALLOCATED;
	for (unsigned int i = 0; shared && i < shared->avail; i++) {
		if (shared->entry[i] != buf)
			continue;
		wi->array = WHATIS_SHARED_ARRAY;
		wi->slot = i;
		wi->avail = shared->avail;
	}
}

/* @p in @slabp, which is listed: which part, and the object's state.  list_lock held. */
static void locate_in_slab(const struct kmem_cache *cachep, struct kmem_list3 *l3,
			   struct slab *slabp, const char *p, struct whatis_info *wi)
{
	const char *s_mem = slabp->s_mem;
	size_t into, slab_bytes = PAGE_SIZE << cachep->gfporder;
	unsigned int idx;

	wi->page = s_mem - slabp->colouroff;
	wi->slab = slabp;
	if (p < s_mem) {
		locate_before_objects(cachep, slabp, p, wi);
		return;
	}
	into = (size_t)(p - s_mem);
	idx = (unsigned int)(into / cachep->buffer_size);
	if (idx >= cachep->num) {
		size_t objs = (size_t)cachep->num * cachep->buffer_size;

		set_part(wi, WHATIS_LEFT_OVER, (unsigned long)(into - objs),
			 (unsigned long)(slab_bytes - slabp->colouroff - objs));
		return;
	}
	wi->index = idx;
	wi->obj = s_mem + (size_t)idx * cachep->buffer_size + cachep->obj_offset;
	locate_in_buffer(cachep, into % cachep->buffer_size, wi);
	object_state_locked(cachep, l3, slabp, idx, wi);
}

/*
 * The slab page @page of the live cache @cachep: find its slab on the
 * node's lists and look there.  False if it is on none (being grown or
 * destroyed, or no longer this cache's).
 */
static bool locate_locked_slab(struct kmem_cache *cachep, struct page *page, const char *p,
			       struct whatis_info *wi)
{
	struct kmem_list3 *l3 = cachep->nodelists[0];
	unsigned long flags;
	struct slab *slabp;
	bool found;

	spin_lock_irqsave(&l3->list_lock, flags);
	slabp = page_get_slab(page);
	found = PageSlab(page) && page_get_cache(page) == cachep &&
		slab_listed(l3, slabp, &wi->list);
	if (found)
		locate_in_slab(cachep, l3, slabp, p, wi);
	spin_unlock_irqrestore(&l3->list_lock, flags);
	return found;
}

struct array_search {
	struct kmem_cache *cachep;
	unsigned int cpu;
	const void *buf;
	int slot;			/* -1: not there */
	unsigned int avail;
};

/* On the array's own CPU with interrupts off (or while it cannot run). */
static void search_array(void *arg)
{
	struct array_search *req = arg;
	const struct array_cache *ac = req->cachep->array[req->cpu];

	req->avail = ac->avail;
	for (unsigned int i = 0; i < ac->avail; i++)
		if (ac->entry[i] == req->buf)
			req->slot = (int)i;
}

/* Search @cpu's array for @req->buf, as kmem_cache_get_cpu_array() copies it. */
static void search_cpu_array(struct array_search *req)
{
	unsigned long flags;

	if (req->cpu == smp_processor_id()) {
		local_irq_save(flags);
		search_array(req);
		local_irq_restore(flags);
	} else if (!cpu_online(req->cpu) ||
		   smp_call_function_single(req->cpu, search_array, req, 1) != 0) {
		search_array(req);	/* it cannot run, so its array stands still */
	}
}

/* A handed-out or quarantined object may wait in a CPU's array. */
static void find_in_cpu_arrays(struct kmem_cache *cachep, struct whatis_info *wi)
{
	struct array_search req = {
		.cachep = cachep,
		.buf = (const char *)wi->obj - cachep->obj_offset,
	};

	for (req.cpu = 0; req.cpu < NR_CPUS; req.cpu++) {
		if (!cachep->array[req.cpu])
			continue;
		req.slot = -1;
		search_cpu_array(&req);
		if (req.slot < 0)
			continue;
		wi->array = WHATIS_CPU_ARRAY;
		wi->cpu = req.cpu;
		wi->slot = (unsigned int)req.slot;
		wi->avail = req.avail;
		return;
	}
}

/* The object's state outside the node, and its last user; cache_chain_lock held. */
static void object_extras(struct kmem_cache *cachep, struct whatis_info *wi)
{
	const char *buf = (const char *)wi->obj - cachep->obj_offset;

	if (wi->state != WHATIS_FREE_IN_SLAB && wi->array == WHATIS_NO_ARRAY)
		find_in_cpu_arrays(cachep, wi);
	if (wi->state == WHATIS_ALLOCATED && wi->array != WHATIS_NO_ARRAY)
		wi->state = WHATIS_IN_ARRAY;
	if (cachep->flags & SLAB_STORE_USER) {
		wi->has_user = true;
		wi->user = READ_ONCE(*(const void *const *)(buf + slab_userword_offset(cachep)));
	}
	wi->has_event = slab_journal_last(cachep, wi->obj, &wi->ev);
}

/* Everything but the arrays and the user; cache_chain_lock held.  The cache, or NULL. */
static struct kmem_cache *locate(const void *addr, struct whatis_info *wi)
{
	struct kmem_cache *cachep;
	struct page *page;

	if (!virt_addr_valid(addr))
		return NULL;
	wi->kind = WHATIS_NOT_SLAB;
	page = virt_to_page(addr);
	if (!PageSlab(page))
		return NULL;
	cachep = live_cache(page_get_cache(page));
	if (!cachep)
		return NULL;		/* a slab page still being set up */
	wi->kind = WHATIS_UNLISTED;
	wi->cachep = cachep;
	if (!locate_locked_slab(cachep, page, addr, wi))
		return NULL;
	return cachep;
}

void kmem_whatis(const void *addr, struct whatis_info *wi)
{
	struct kmem_cache *cachep;

	*wi = (struct whatis_info){ .kind = WHATIS_NOT_MEMORY };
	spin_lock(&cache_chain_lock);
	cachep = locate(addr, wi);
	if (cachep && wi->kind >= WHATIS_REDZONE1)
		object_extras(cachep, wi);
	spin_unlock(&cache_chain_lock);
}

/* Is @obj the start of an object in a listed slab of @cachep?  list_lock held. */
static bool listed_object(struct kmem_cache *cachep, struct kmem_list3 *l3, const void *obj)
{
	enum slab_list list;
	struct page *page;

	if (!virt_addr_valid(obj))
		return false;
	page = virt_to_page(obj);
	return PageSlab(page) && page_get_cache(page) == cachep &&
	       slab_listed(l3, page_get_slab(page), &list) && slab_free_check(cachep, obj);
}

int kmem_cache_corrupt(struct kmem_cache *cachep, void *obj, long offset, unsigned char byte,
		       unsigned char *old)
{
	struct kmem_list3 *l3 = cachep->nodelists[0];
	unsigned char *p = (unsigned char *)obj + offset;
	unsigned long flags;
	int ret = -EINVAL;

	if (offset < -(long)cachep->obj_offset ||
	    offset >= (long)(cachep->buffer_size - cachep->obj_offset))
		return -EINVAL;
	spin_lock_irqsave(&l3->list_lock, flags);
	if (listed_object(cachep, l3, obj)) {
		*old = *p;
		WRITE_ONCE(*p, byte);
		ret = 0;
	}
	spin_unlock_irqrestore(&l3->list_lock, flags);
	return ret;
}
