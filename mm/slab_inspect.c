/*
 * slab_inspect.c - read-only views of a cache for the shell: its
 * geometry, tunables and statistics, each CPU's array, the node and
 * every slab (mm/slab_inspect.h has the rules and lifetimes).
 *
 * A CPU's array belongs to that CPU and changes with its interrupts
 * off, so it is copied there, in an IPI handler; a CPU that cannot run
 * (stopped by a fault) cannot change its array, which is then read
 * directly.  The node's counters, its shared array and its slabs are
 * read under list_lock with interrupts off; the per-slab free map,
 * quarantine map and free chain are built into this CPU's scratch
 * buffer under that lock.  The chain walk is bounded (each index at
 * most once, at most SLAB_INSPECT_MAX_OBJS links), so a corrupted chain
 * is reported where it breaks instead of looping.
 */
#include <errno.h>
#include <string.h>
#include "mm/slab_inspect.h"
#include "mm/slab_internal.h"

struct cache_walk_map {
	unsigned char map[SLAB_INSPECT_MAX_OBJS / 8];
	unsigned char quarantine[SLAB_INSPECT_MAX_OBJS / 8];
	unsigned short chain[SLAB_INSPECT_MAX_OBJS];
};
static DEFINE_PER_CPU(struct cache_walk_map, walk_map);	/* list_lock, IRQs off */

spinlock_t *kmem_cache_chain_lock(void)
{
	return &cache_chain_lock;
}

struct kmem_cache *kmem_cache_find(const char *name)
{
	struct kmem_cache *found;

	spin_lock(&cache_chain_lock);
	found = find_cache_locked(name);
	spin_unlock(&cache_chain_lock);
	return found;
}

bool kmem_cache_is_general(const struct kmem_cache *cachep)
{
	if (cachep == &cache_cache)
		return true;
	for (const struct cache_sizes *cs = malloc_sizes; cs->cs_cachep; cs++)
		if (cs->cs_cachep == cachep || cs->cs_dmacachep == cachep)
			return true;
	return false;
}

bool kmem_cache_layout(size_t size, size_t align, unsigned long flags,
		       struct slab_geometry *g)
{
	return slab_geometry(&slab_params, size, align, flags, g);
}

bool slab_forced_debug(void)
{
	return slab_params.forced_debug;
}

struct kmem_cache *kmem_cache_of(const void *objp)
{
	return virt_to_cache(objp);
}

bool kmem_cache_owns(const struct kmem_cache *cachep, const void *objp)
{
	return slab_free_check((struct kmem_cache *)cachep, objp);
}

bool kmem_cache_obj_place(const struct kmem_cache *cachep, const void *objp,
			  const void **page, unsigned int *index)
{
	const struct slab *slabp;

	if (!kmem_cache_owns(cachep, objp))
		return false;
	slabp = virt_to_slab(objp);
	*page = (const char *)slabp->s_mem - slabp->colouroff;
	*index = obj_to_index(cachep, slabp, (const char *)objp - cachep->obj_offset);
	return true;
}

/*
 * Linux's left_over from kmem_cache_create() (which it does not keep):
 * the slab less its objects and, on-slab, its management.  The colours
 * are cut from these bytes.
 */
static unsigned int cache_left_over(const struct kmem_cache *cachep)
{
	unsigned long bytes = PAGE_SIZE << cachep->gfporder;

	bytes -= (unsigned long)cachep->num * cachep->buffer_size;
	if (!OFF_SLAB(cachep))
		bytes -= cachep->slab_size;
	return (unsigned int)bytes;
}

/*
 * The hit and miss counts: each CPU's, summed.  Read without stopping
 * the CPUs (each count is one untorn word), so the sum may be a few
 * events behind a CPU that is allocating meanwhile.
 */
static void sum_cpu_stats(struct kmem_cache *cachep, struct kmem_cache_info *info)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		const struct kmem_cache_cpu_stats *st = &cachep->stats[cpu];

		info->allochit += __atomic_load_n(&st->allochit, __ATOMIC_RELAXED);
		info->allocmiss += __atomic_load_n(&st->allocmiss, __ATOMIC_RELAXED);
		info->freehit += __atomic_load_n(&st->freehit, __ATOMIC_RELAXED);
		info->freemiss += __atomic_load_n(&st->freemiss, __ATOMIC_RELAXED);
	}
}

void kmem_cache_get_info(struct kmem_cache *cachep, struct kmem_cache_info *info)
{
	*info = (struct kmem_cache_info){
		.name = cachep->name,
		.size = cachep->obj_size,
		.buffer_size = cachep->buffer_size,
		.align = cachep->align,
		.num = cachep->num,
		.gfporder = cachep->gfporder,
		.colour = cachep->colour,
		.colour_off = cachep->colour_off,
		.slab_size = cachep->slab_size,
		.left_over = cache_left_over(cachep),
		.off_slab = OFF_SLAB(cachep),
		.slabp_cache = OFF_SLAB(cachep) ? cachep->slabp_cache->name : NULL,
		.flags = cachep->flags & ~CFLGS_OFF_SLAB,
		.obj_offset = cachep->obj_offset,
		.object_size = cachep->object_size,
		.journal = __atomic_load_n(&cachep->journal, __ATOMIC_RELAXED) != NULL,
		.trace = (cache_dbg(cachep) & DBG_TRACE) != 0,
		.has_ctor = cachep->ctor != NULL,
		.limit = READ_ONCE(cachep->limit),
		.batchcount = READ_ONCE(cachep->batchcount),
		.shared = READ_ONCE(cachep->shared),
		.grown = READ_ONCE(cachep->grown),
		.reaped = READ_ONCE(cachep->reaped),
		.high_mark = READ_ONCE(cachep->high_mark),
		.num_active = READ_ONCE(cachep->num_active),
		.num_allocations = READ_ONCE(cachep->num_allocations),
		.errors = READ_ONCE(cachep->errors),
		.quarantined = READ_ONCE(cachep->quarantined),
	};
	sum_cpu_stats(cachep, info);
}

struct array_copy {
	struct kmem_cache *cachep;
	unsigned int cpu;
	struct array_info *ai;
	void **entries;
	unsigned int max;
};

/* An array's buffers, as the objects their callers see (after red zone 1). */
static void copy_objects(const struct kmem_cache *cachep, void **to, void *const *from,
			 unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		to[i] = (char *)from[i] + cachep->obj_offset;
}

/* On the array's own CPU with interrupts off (or while it cannot run). */
static void copy_array(void *arg)
{
	struct array_copy *req = arg;
	const struct array_cache *ac = req->cachep->array[req->cpu];
	unsigned int n = ac->avail < req->max ? ac->avail : req->max;

	*req->ai = (struct array_info){ ac->avail, ac->limit, ac->batchcount, ac->touched };
	copy_objects(req->cachep, req->entries, ac->entry, n);
}

int kmem_cache_get_cpu_array(struct kmem_cache *cachep, unsigned int cpu,
			     struct array_info *ai, void **entries, unsigned int max)
{
	struct array_copy req = { cachep, cpu, ai, entries, max };
	unsigned long flags;

	if (cpu >= NR_CPUS || !cachep->array[cpu])
		return -ENODEV;
	if (cpu == smp_processor_id()) {
		local_irq_save(flags);
		copy_array(&req);
		local_irq_restore(flags);
	} else if (!cpu_online(cpu) ||
		   smp_call_function_single(cpu, copy_array, &req, 1) != 0) {
		copy_array(&req);	/* it cannot run, so its array stands still */
	}
	return 0;
}

static unsigned long list_length(const struct list_head *head)
{
	unsigned long n = 0;

	for (const struct list_head *p = head->next; p != head; p = p->next)
		n++;
	return n;
}

void kmem_cache_get_node(struct kmem_cache *cachep, struct node_info *ni,
			 void **shared, unsigned int max)
{
	struct kmem_list3 *l3 = cachep->nodelists[0];
	unsigned long flags;

	spin_lock_irqsave(&l3->list_lock, flags);
	*ni = (struct node_info){
		.partial = list_length(&l3->slabs_partial),
		.full = list_length(&l3->slabs_full),
		.free = list_length(&l3->slabs_free),
		.free_objects = l3->free_objects,
		.free_limit = l3->free_limit,
		.colour_next = l3->colour_next,
		.free_touched = l3->free_touched,
		.next_reap = l3->next_reap,
	};
	if (l3->shared) {
		unsigned int n = l3->shared->avail < max ? l3->shared->avail : max;

		ni->shared_avail = l3->shared->avail;
		ni->shared_limit = l3->shared->limit;
		copy_objects(cachep, shared, l3->shared->entry, n);
	}
	spin_unlock_irqrestore(&l3->list_lock, flags);
}

/*
 * Walk the slab's free chain from slabp->free into @si: each index once
 * into the chain and the free map, stopping at BUFCTL_END, at an index
 * out of range or already seen, or when the buffer is full.
 */
static void walk_free_chain(const struct kmem_cache *cachep, struct slab *slabp,
			    struct cache_walk_map *w, struct slab_info *si)
{
	kmem_bufctl_t i = slabp->free;

	memset(w->map, 0, sizeof(w->map));
	si->chain_len = 0;
	si->chain_break = SLAB_CHAIN_OK;
	while (i != BUFCTL_END) {
		if (i >= cachep->num) {
			si->chain_break = SLAB_CHAIN_RANGE;
		} else if (i >= SLAB_INSPECT_MAX_OBJS || si->chain_len == SLAB_INSPECT_MAX_OBJS) {
			si->chain_break = SLAB_CHAIN_TOO_LONG;
		} else if (w->map[i / 8] & (1u << (i % 8))) {
			si->chain_break = SLAB_CHAIN_CYCLE;
		} else {
			w->map[i / 8] |= (unsigned char)(1u << (i % 8));
			w->chain[si->chain_len++] = (unsigned short)i;
			i = slab_bufctl(slabp)[i];
			continue;
		}
		si->break_index = i;
		break;
	}
}

/* Objects a detector withheld: their bufctl is BUFCTL_QUARANTINE. */
static void map_quarantine(const struct kmem_cache *cachep, struct slab *slabp,
			   unsigned char *map)
{
	memset(map, 0, SLAB_INSPECT_MAX_OBJS / 8);
	for (unsigned int i = 0; i < cachep->num && i < SLAB_INSPECT_MAX_OBJS; i++)
		if (slab_bufctl(slabp)[i] == BUFCTL_QUARANTINE)
			map[i / 8] |= (unsigned char)(1u << (i % 8));
}

static unsigned long walk_list(struct kmem_cache *cachep, struct list_head *head,
			       enum slab_list list,
			       void (*fn)(const struct slab_info *si, void *arg), void *arg)
{
	struct cache_walk_map *w = &__get_cpu_var(walk_map);
	struct slab *slabp;
	unsigned long n = 0;

	list_for_each_entry(slabp, head, list) {
		struct slab_info si = {
			.slab = slabp,
			.mem = (char *)slabp->s_mem - slabp->colouroff,
			.s_mem = slabp->s_mem,
			.colouroff = slabp->colouroff,
			.inuse = slabp->inuse,
			.free = slabp->free,
			.list = list,
			.free_map = w->map,
			.quarantine_map = w->quarantine,
			.chain = w->chain,
		};

		walk_free_chain(cachep, slabp, w, &si);
		map_quarantine(cachep, slabp, w->quarantine);
		fn(&si, arg);
		n++;
	}
	return n;
}

unsigned long kmem_cache_for_each_slab(struct kmem_cache *cachep,
				       void (*fn)(const struct slab_info *si, void *arg),
				       void *arg)
{
	struct kmem_list3 *l3 = cachep->nodelists[0];
	unsigned long flags, n;

	spin_lock_irqsave(&l3->list_lock, flags);
	n = walk_list(cachep, &l3->slabs_partial, SLAB_PARTIAL, fn, arg);
	n += walk_list(cachep, &l3->slabs_full, SLAB_FULL, fn, arg);
	n += walk_list(cachep, &l3->slabs_free, SLAB_FREE, fn, arg);
	spin_unlock_irqrestore(&l3->list_lock, flags);
	return n;
}
