/*
 * slab.c - the SLAB allocator: caches and their lifecycle, after Linux
 * 2.6.24's mm/slab.c (Mark Hemment, Manfred Spraul, on Jeff Bonwick's
 * design in "The Slab Allocator", USENIX 1994).
 *
 * Design.  A cache (struct kmem_cache) hands out objects of one size.
 * Its memory is slabs: 2^gfporder pages from the buddy allocator, cut
 * into num objects, with a struct slab and a kmem_bufctl_t free chain
 * either at the start (after a "colour" offset that varies from slab to
 * slab) or off-slab in a general cache.  The node's slabs sit on three
 * lists in struct kmem_list3: full, partial, free.  In front of the
 * lists every CPU has an array_cache, a LIFO stack of free objects that
 * serves most allocations and frees without a lock, and the node has a
 * shared array through which objects pass between CPUs cheaply.  The
 * files:
 *   slab.c          creating, tuning, shrinking, destroying; bootstrap
 *   slab_geometry.c how a cache's slabs are laid out
 *   slab_grow.c     slabs in and out: pages, management, free chains
 *   slab_alloc.c    the fast paths, refill and flush, reaping
 *   kmalloc.c       the general caches; slabinfo.c the report
 *
 * Bootstrap (kmem_cache_init).  cache_cache, the cache of struct
 * kmem_cache, is static, with a static one-entry array and static node
 * lists.  The general caches that will hold array caches and node lists
 * are created next (on static bootstrap structures too), then every
 * general cache; then the static arrays and lists are replaced by
 * kmalloc()ed copies, and every cache gets its real per-CPU arrays.
 *
 * SMP synchronisation (one node; Linux's rules):
 *  - a CPU's array_cache is touched only by that CPU, interrupts off;
 *    others reach it through an IPI (on_each_cpu: draining, swapping in
 *    new arrays), or directly while that CPU cannot run (not yet online,
 *    or stopped);
 *  - the node lists, the shared array and every listed slab are
 *    protected by l3->list_lock, taken with interrupts off;
 *  - the chain of caches and the tunables by cache_chain_lock, which is
 *    never taken in interrupt context (where Linux has a mutex; the
 *    reaper only tries it).  It may be held across on_each_cpu(): it is
 *    a plain spin_lock, interrupts stay on, and IPI handlers never take
 *    it.
 * Lock order: cache_chain_lock -> l3->list_lock (of an off-slab cache)
 * -> l3->list_lock (of the general cache holding its slab management)
 * -> zone->lock.  No lock on the alloc/free fast path.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "mm/mm_types.h"
#include "mm/mmzone.h"
#include "mm/slab_internal.h"

/*
 * CONFIG_DEBUG_SLAB (make SLAB_DEBUG=1): Linux's FORCED_DEBUG, red
 * zones, poison and user recording on every cache kmem_cache_create()
 * makes, the kmalloc caches included.
 */
#ifndef CONFIG_DEBUG_SLAB
#define CONFIG_DEBUG_SLAB 0
#endif

#define NUM_INIT_LISTS (2 * MAX_NUMNODES + 1)
#define CACHE_CACHE 0
#define SIZE_AC 1
#define SIZE_L3 (1 + MAX_NUMNODES)

LIST_HEAD(cache_chain);
DEFINE_SPINLOCK(cache_chain_lock);
enum cpucache_state g_cpucache_up;
struct slab_params slab_params;

static struct kmem_list3 initkmem_list3[NUM_INIT_LISTS];
static struct arraycache_init initarray_cache = {
	.cache = { .limit = BOOT_CPUCACHE_ENTRIES, .batchcount = 1 },
};
static struct arraycache_init initarray_generic = {
	.cache = { .limit = BOOT_CPUCACHE_ENTRIES, .batchcount = 1 },
};

/* line-aligned like the ones it hands out: each CPU's statistics on lines of their own */
struct kmem_cache cache_cache ____cacheline_aligned = {
	.batchcount = 1,
	.limit = BOOT_CPUCACHE_ENTRIES,
	.shared = 1,
	.buffer_size = sizeof(struct kmem_cache),
	.name = "kmem_cache",
};

void slab_error(const char *function, struct kmem_cache *cachep, const char *msg)
{
	slab_count_report();
	slab_printf("slab error in %s(): cache '%s': %s\n", function, cachep->name, msg);
}

unsigned int slab_nr_cpus(void)
{
	return num_present_cpus();
}

static void kmem_list3_init(struct kmem_list3 *l3)
{
	INIT_LIST_HEAD(&l3->slabs_full);
	INIT_LIST_HEAD(&l3->slabs_partial);
	INIT_LIST_HEAD(&l3->slabs_free);
	l3->shared = NULL;
	l3->colour_next = 0;
	spin_lock_init(&l3->list_lock);
	l3->free_objects = 0;
	l3->free_touched = 0;
}

static unsigned long first_reap(struct kmem_cache *cachep)
{
	return jiffies + REAPTIMEOUT_LIST3 + ((unsigned long)cachep) % REAPTIMEOUT_LIST3;
}

/*
 * A CPU's array is written on every hit, so no other CPU's array may
 * share a cache line with it.  The general caches' objects are
 * SMP_CACHE_BYTES aligned, which keeps them apart on the board; a host
 * with wider lines (cache.h: CACHE_LINE_MAX) needs the difference as
 * padding after the entries: then the next object's first line cannot
 * hold the last entries.  0 on the board: same general cache as Linux.
 */
#define ARRAY_CACHE_PAD (CACHE_LINE_MAX - SMP_CACHE_BYTES)

/*
 * The most entries an array may have: it must fit kmalloc's largest
 * cache.  Also what keeps "sizeof(void *) * entries" from wrapping.
 */
#define MAX_ARRAY_ENTRIES \
	((KMALLOC_MAX_SIZE - sizeof(struct array_cache) - ARRAY_CACHE_PAD) / sizeof(void *))

unsigned int slab_max_array_entries(void)
{
	return MAX_ARRAY_ENTRIES;
}

static struct array_cache *alloc_arraycache(unsigned int entries, unsigned int batchcount)
{
	struct array_cache *nc;

	BUG_ON(entries > MAX_ARRAY_ENTRIES);	/* do_tune_cpucache() checked */
	nc = kmalloc(sizeof(void *) * entries + sizeof(*nc) + ARRAY_CACHE_PAD,
		     GFP_KERNEL | __GFP_NOWARN);
	if (nc) {
		nc->avail = 0;
		nc->limit = entries;
		nc->batchcount = batchcount;
		nc->touched = 0;
	}
	return nc;
}

/*
 * Everything a retune installs, allocated before anything changes, so
 * that running out of memory part way leaves the cache as it was.
 */
struct ccupdate_struct {
	struct kmem_cache *cachep;
	struct array_cache *new[NR_CPUS];	/* after the swap: the old arrays */
	struct array_cache *shared;		/* the new shared array, or NULL */
	struct kmem_list3 *l3;			/* a new cache's node lists */
};

static void free_ccupdate(struct ccupdate_struct *new)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		kfree(new->new[cpu]);
	kfree(new->shared);
	kfree(new->l3);
	kfree(new);
}

/* The arrays (and node lists) for these tunables; NULL if out of memory. */
static struct ccupdate_struct *alloc_ccupdate(struct kmem_cache *cachep, unsigned int limit,
					      unsigned int batchcount, unsigned int shared)
{
	struct ccupdate_struct *new = kzalloc(sizeof(*new), GFP_KERNEL | __GFP_NOWARN);

	if (!new)
		return NULL;
	new->cachep = cachep;
	for (unsigned int cpu = 0; cpu < slab_nr_cpus(); cpu++) {
		new->new[cpu] = alloc_arraycache(limit, batchcount);
		if (!new->new[cpu])
			goto nomem;
	}
	/* the shared array's batchcount is never used: Linux's marker */
	if (shared && !(new->shared = alloc_arraycache(shared * batchcount, 0xbaadf00d)))
		goto nomem;
	if (!cachep->nodelists[0] &&
	    !(new->l3 = kmalloc(sizeof(struct kmem_list3), GFP_KERNEL | __GFP_NOWARN)))
		goto nomem;
	return new;
nomem:
	free_ccupdate(new);
	return NULL;
}

/* Install the node's list3 (a new cache's) and shared array from @new. */
static void install_kmemlist(struct kmem_cache *cachep, struct ccupdate_struct *new)
{
	struct kmem_list3 *l3 = cachep->nodelists[0];
	unsigned int free_limit = (1 + slab_nr_cpus()) * cachep->batchcount + cachep->num;
	struct array_cache *old_shared;
	unsigned long flags;

	if (!l3) {
		l3 = new->l3;
		new->l3 = NULL;
		kmem_list3_init(l3);
		l3->next_reap = first_reap(cachep);
		l3->shared = new->shared;
		l3->free_limit = free_limit;
		cachep->nodelists[0] = l3;
		new->shared = NULL;
		return;
	}
	spin_lock_irqsave(&l3->list_lock, flags);
	old_shared = l3->shared;
	if (old_shared)
		free_block(cachep, old_shared->entry, (int)old_shared->avail, 0);
	l3->shared = new->shared;
	l3->free_limit = free_limit;
	spin_unlock_irqrestore(&l3->list_lock, flags);
	new->shared = old_shared;		/* freed with the rest of @new */
}

/* Swap in @cpu's new array, keep the old; on @cpu or while it cannot run. */
static void ccupdate_cpu(struct ccupdate_struct *new, unsigned int cpu)
{
	struct array_cache *old = new->cachep->array[cpu];

	new->cachep->array[cpu] = new->new[cpu];
	new->new[cpu] = old;
}

/* On each CPU, interrupts off. */
static void do_ccupdate_local(void *info)
{
	ccupdate_cpu(info, smp_processor_id());
}

/* Give every object in the old per-CPU arrays back to the slabs. */
static void drain_old_arrays(struct ccupdate_struct *new)
{
	struct kmem_list3 *l3 = new->cachep->nodelists[0];

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct array_cache *ccold = new->new[cpu];
		unsigned long flags;

		if (!ccold || !ccold->avail)
			continue;
		spin_lock_irqsave(&l3->list_lock, flags);
		free_block(new->cachep, ccold->entry, (int)ccold->avail, 0);
		spin_unlock_irqrestore(&l3->list_lock, flags);
		ccold->avail = 0;
	}
}

/*
 * New per-CPU arrays and shared array; cache_chain_lock held (or boot).
 * All or nothing: 0, -E2BIG (an array larger than kmalloc's largest
 * cache) or -ENOMEM, and then the cache is unchanged.  Linux 2.6.24
 * swaps the per-CPU arrays before it allocates the shared array, and its
 * array sizes wrap for entries of 2^30 and more.
 */
int do_tune_cpucache(struct kmem_cache *cachep, unsigned int limit,
		     unsigned int batchcount, unsigned int shared)
{
	struct ccupdate_struct *new;
	unsigned int shared_entries;

	if (limit > MAX_ARRAY_ENTRIES ||
	    __builtin_mul_overflow(shared, batchcount, &shared_entries) ||
	    shared_entries > MAX_ARRAY_ENTRIES)
		return -E2BIG;
	const void *outer;

	new = alloc_ccupdate(cachep, limit, batchcount, shared);
	if (!new)
		return -ENOMEM;
	/* nothing fails from here on */
	on_each_cpu(do_ccupdate_local, new, 1);
	/* CPUs that cannot run (not up yet, or stopped) are swapped from here. */
	for (unsigned int cpu = 0; cpu < slab_nr_cpus(); cpu++)
		if (!cpu_online(cpu))
			ccupdate_cpu(new, cpu);
	cachep->batchcount = batchcount;
	cachep->limit = limit;
	cachep->shared = shared;
	outer = slab_set_caller(slab_mover(SLAB_MOVER_TUNE));	/* the journal's */
	drain_old_arrays(new);
	install_kmemlist(cachep, new);
	slab_set_caller(outer);
	free_ccupdate(new);
	return 0;
}

/* Linux's default tunables, by object size. */
static int enable_cpucache(struct kmem_cache *cachep)
{
	unsigned int limit, shared = 0;
	int err;

	if (cachep->buffer_size > 131072)
		limit = 1;
	else if (cachep->buffer_size > PAGE_SIZE)
		limit = 8;
	else if (cachep->buffer_size > 1024)
		limit = 24;
	else if (cachep->buffer_size > 256)
		limit = 54;
	else
		limit = 120;
	/*
	 * As Linux's DEBUG: checking whole batches with interrupts off takes
	 * long.  A slab_debug build caps every cache, cache_cache too, as
	 * Linux's does; otherwise only the caches with debug flags.
	 */
	if ((CONFIG_DEBUG_SLAB || (cache_dbg(cachep) & DBG_CHECKS)) && limit > 32)
		limit = 32;
	/* Objects passed between CPUs go through the shared array. */
	if (cachep->buffer_size <= PAGE_SIZE && num_present_cpus() > 1)
		shared = 8;
	err = do_tune_cpucache(cachep, limit, (limit + 1) / 2, shared);
	if (err)
		printk("enable_cpucache failed for %s, error %d.\n", cachep->name, -err);
	return err;
}

/* The bootstrap list3s for a cache created before kmalloc works. */
static void set_up_list3s(struct kmem_cache *cachep, int index)
{
	cachep->nodelists[0] = &initkmem_list3[index];
	cachep->nodelists[0]->next_reap = first_reap(cachep);
}

/* Per-CPU arrays for a new cache: the real ones once boot is done. */
static int setup_cpu_cache(struct kmem_cache *cachep)
{
	struct array_cache *ac;

	if (g_cpucache_up == FULL)
		return enable_cpucache(cachep);
	if (g_cpucache_up == NONE) {
		/* the cache that kmalloc(sizeof(struct arraycache_init)) uses */
		cachep->array[smp_processor_id()] = &initarray_generic.cache;
		set_up_list3s(cachep, SIZE_AC);
		g_cpucache_up = kmalloc_index(sizeof(struct arraycache_init)) ==
				kmalloc_index(sizeof(struct kmem_list3)) ? PARTIAL_L3 : PARTIAL_AC;
	} else {
		cachep->array[smp_processor_id()] = kmalloc(sizeof(struct arraycache_init),
							    GFP_KERNEL);
		BUG_ON(!cachep->array[smp_processor_id()]);	/* boot is out of memory */
		if (g_cpucache_up == PARTIAL_AC) {
			set_up_list3s(cachep, SIZE_L3);
			g_cpucache_up = PARTIAL_L3;
		} else {
			cachep->nodelists[0] = kmalloc(sizeof(struct kmem_list3), GFP_KERNEL);
			BUG_ON(!cachep->nodelists[0]);
			kmem_list3_init(cachep->nodelists[0]);
			cachep->nodelists[0]->next_reap = first_reap(cachep);
		}
	}
	ac = cpu_cache_get(cachep);
	*ac = (struct array_cache){ .limit = BOOT_CPUCACHE_ENTRIES, .batchcount = 1 };
	cachep->batchcount = 1;
	cachep->limit = BOOT_CPUCACHE_ENTRIES;
	return 0;
}

/* Free a cache's arrays, node lists and descriptor (it has no slabs). */
static void __kmem_cache_destroy(struct kmem_cache *cachep)
{
	struct kmem_list3 *l3 = cachep->nodelists[0];

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		kfree(cachep->array[cpu]);
	if (l3) {
		kfree(l3->shared);
		kfree(l3);
	}
	slab_journal_free(cachep->journal);
	kmem_cache_free(&cache_cache, cachep);
}

struct kmem_cache *find_cache_locked(const char *name)
{
	struct kmem_cache *pc;

	list_for_each_entry(pc, &cache_chain, next)
		if (strcmp(pc->name, name) == 0)
			return pc;
	return NULL;
}

/*
 * A cache that records its users keeps a journal too (the CPU and the
 * time of each alloc and free).  Once kmalloc works; -ENOMEM if not.
 */
static int setup_journal(struct kmem_cache *cachep)
{
	if (!(cachep->flags & SLAB_STORE_USER))
		return 0;
	return slab_journal_start(cachep);
}

/* Fill in a new cache from its geometry; cache_chain_lock held. */
static void cache_set_geometry(struct kmem_cache *cachep, const struct slab_geometry *g,
			       size_t size, unsigned long flags)
{
	cachep->num = g->num;
	cachep->gfporder = g->gfporder;
	cachep->colour = g->colour;
	cachep->colour_off = (unsigned int)g->colour_off;
	cachep->slab_size = (unsigned int)g->slab_size;
	/* SLAB_DEBUG_FREE is SLUB's; SLAB accepts it and does nothing more */
	cachep->flags = (unsigned int)((g->flags & ~SLAB_DEBUG_FREE) |
				       (g->off_slab ? CFLGS_OFF_SLAB : 0));
	if (cachep->flags & (SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)) {
		cachep->dbg = DBG_CHECKS;
		cachep->obj_offset = (unsigned int)g->obj_offset;
		cachep->object_size = (unsigned int)g->object_size;
	} else {
		cachep->object_size = (unsigned int)g->buffer_size;
	}
	cachep->gfpflags = (flags & SLAB_CACHE_DMA) ? GFP_DMA : 0;
	cachep->buffer_size = (unsigned int)g->buffer_size;
	cachep->reciprocal_buffer_size =
		(uint32_t)(((1ULL << 32) + g->buffer_size - 1) / g->buffer_size);
	cachep->obj_size = size;
	cachep->align = g->align;
	if (OFF_SLAB(cachep)) {
		cachep->slabp_cache = kmem_find_general_cachep(cachep->slab_size, 0);
		/* off-slab only from PAGE_SIZE/8, and the general caches grow in order */
		BUG_ON(ZERO_OR_NULL_PTR(cachep->slabp_cache));
	}
}

/*
 * Linux 2.6.24 BUG()s on sizes below a word; here any size from 1 is
 * accepted (rounded up to a word like any other), so the shell can show
 * what becomes of a 1-byte object.
 */
static bool create_args_ok(const char *name, size_t size, unsigned long flags)
{
	if (!name || size == 0 || size > KMALLOC_MAX_SIZE ||
	    (flags & ~SLAB_CREATE_MASK)) {
		printk("kmem_cache_create: Early error in slab %s\n", name ? name : "(null)");
		return false;
	}
	if (find_cache_locked(name)) {
		printk("kmem_cache_create: duplicate cache %s\n", name);
		return false;
	}
	return true;
}

static struct kmem_cache *create_locked(const char *name, size_t size, size_t align,
					unsigned long flags, kmem_ctor_t ctor)
{
	struct slab_geometry g;
	struct kmem_cache *cachep;

	if (!create_args_ok(name, size, flags))
		return NULL;
	if (!slab_geometry(&slab_params, size, align, flags, &g)) {
		printk("kmem_cache_create: couldn't create cache %s.\n", name);
		return NULL;
	}
	cachep = kmem_cache_zalloc(&cache_cache, GFP_KERNEL);
	if (!cachep)
		return NULL;
	cache_set_geometry(cachep, &g, size, flags);
	cachep->ctor = ctor;
	cachep->name = name;
	if (setup_cpu_cache(cachep) ||
	    (g_cpucache_up == FULL && setup_journal(cachep))) {
		__kmem_cache_destroy(cachep);
		return NULL;
	}
	list_add(&cachep->next, &cache_chain);
	return cachep;
}

/*
 * Never inlined (not into kmem_cache_init() either): the README's gdb
 * session breaks here on size and align, which needs one copy of the
 * function with its arguments live at the breakpoint (tests/qemu/test_gdb.py).
 */
__noinline struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
						unsigned long flags, kmem_ctor_t ctor)
{
	struct kmem_cache *cachep;

	spin_lock(&cache_chain_lock);
	cachep = create_locked(name, size, align, flags, ctor);
	spin_unlock(&cache_chain_lock);
	if (!cachep && (flags & SLAB_PANIC)) {
		printk("kmem_cache_create(): failed to create slab '%s'\n", name);
		BUG();
	}
	return cachep;
}

struct drain_args {
	struct kmem_cache *cachep;
	atomic_t slabs;		/* destroyed by free_block(), on any CPU */
	const void *caller;	/* the drainer's slab_mover(), for the journal */
};

/* On each CPU, interrupts off: its array's objects back to the slabs. */
static void do_drain(void *arg)
{
	struct drain_args *da = arg;
	struct array_cache *ac = cpu_cache_get(da->cachep);
	struct kmem_list3 *l3 = da->cachep->nodelists[0];
	const void *outer = slab_set_caller(da->caller);
	int slabs;

	DEBUG_BUG_ON(!irqs_disabled());
	spin_lock(&l3->list_lock);
	slabs = free_block(da->cachep, ac->entry, (int)ac->avail, 0);
	spin_unlock(&l3->list_lock);
	ac->avail = 0;
	atomic_add(slabs, &da->slabs);
	slab_set_caller(outer);
}

/*
 * Every array's objects back to their slabs.  Returns the slabs that
 * went back to the buddy allocator on the way: free_block() destroys a
 * slab it empties while the node holds more than free_limit free
 * objects, so a drain of full arrays frees pages of its own.
 */
static int drain_cpu_caches(struct kmem_cache *cachep)
{
	struct kmem_list3 *l3 = cachep->nodelists[0];
	struct drain_args da = { cachep, ATOMIC_INIT(0), slab_get_caller() };
	struct reap_stats rs = { 0 };

	on_each_cpu(do_drain, &da, 1);		/* waits: da.slabs is complete */
	/* Arrays of CPUs that cannot run: drained from here. */
	for (unsigned int cpu = 0; cpu < slab_nr_cpus(); cpu++)
		if (!cpu_online(cpu) && cachep->array[cpu])
			drain_array(cachep, l3, cachep->array[cpu], 1, 0, &rs);
	drain_array(cachep, l3, l3->shared, 1, 0, &rs);
	return atomic_read(&da.slabs) + (int)rs.slabs;
}

/*
 * Drain and free every free slab; pages freed.  cache_chain_lock held,
 * and this CPU's caller set to the slab_mover() of the work.
 */
static int __cache_shrink(struct kmem_cache *cachep, bool *objects_remain)
{
	struct kmem_list3 *l3 = cachep->nodelists[0];
	int slabs;

	slabs = drain_cpu_caches(cachep);
	slabs += drain_freelist(cachep, l3, (int)l3->free_objects);
	*objects_remain = !list_empty(&l3->slabs_full) || !list_empty(&l3->slabs_partial);
	return slabs << cachep->gfporder;
}

int kmem_cache_shrink(struct kmem_cache *cachep)
{
	const void *outer = slab_set_caller(slab_mover(SLAB_MOVER_SHRINK));
	bool objects_remain;
	int pages;

	spin_lock(&cache_chain_lock);
	pages = __cache_shrink(cachep, &objects_remain);
	spin_unlock(&cache_chain_lock);
	slab_set_caller(outer);
	return pages;
}

unsigned long kmem_cache_shrink_all(void)
{
	const void *outer = slab_set_caller(slab_mover(SLAB_MOVER_SHRINK));
	struct kmem_cache *cachep;
	unsigned long pages = 0;
	bool objects_remain;

	spin_lock(&cache_chain_lock);
	list_for_each_entry(cachep, &cache_chain, next)
		pages += (unsigned long)__cache_shrink(cachep, &objects_remain);
	spin_unlock(&cache_chain_lock);
	slab_set_caller(outer);
	return pages;
}

void kmem_cache_destroy(struct kmem_cache *cachep)
{
	bool objects_remain;
	struct list_head *prev;
	const void *outer;

	BUG_ON(cachep == &cache_cache);		/* the chain is never empty */
	outer = slab_set_caller(slab_mover(SLAB_MOVER_DESTROY));
	spin_lock(&cache_chain_lock);
	prev = cachep->next.prev;
	list_del(&cachep->next);
	__cache_shrink(cachep, &objects_remain);
	/* Objects a detector quarantined are the only ones left: they go too. */
	if (objects_remain && cachep->quarantined &&
	    cachep->num_active == cachep->quarantined && slab_release_quarantine(cachep))
		__cache_shrink(cachep, &objects_remain);
	if (objects_remain) {
		slab_error(__func__, cachep, "Can't free all objects");
		/* back where it was (Linux puts it first): slabinfo keeps its order */
		list_add(&cachep->next, prev);
		spin_unlock(&cache_chain_lock);
		slab_set_caller(outer);
		return;
	}
	__kmem_cache_destroy(cachep);
	spin_unlock(&cache_chain_lock);
	slab_set_caller(outer);
}

/* A SLAB cache has one name: its own. */
void kmem_cache_destroy_name(struct kmem_cache *cachep, const char *name)
{
	if (strcmp(cachep->name, name) != 0) {
		printk("%s: '%s' is not a name of cache %s; not destroyed\n", __func__, name,
		       cachep->name);
		return;
	}
	kmem_cache_destroy(cachep);
}

unsigned int kmem_cache_size(struct kmem_cache *cachep)
{
	return cachep->object_size;
}

const char *kmem_cache_name(struct kmem_cache *cachep)
{
	return cachep->name;
}

/* ---- bootstrap ---- */

static void init_slab_params(void)
{
	slab_params = (struct slab_params){
		.page_size = PAGE_SIZE,
		.bytes_per_word = sizeof(void *),
		.slab_desc_size = sizeof(struct slab),
		.bufctl_size = sizeof(kmem_bufctl_t),
		.cache_line = cache_line_size(),
		.arch_slab_minalign = ARCH_SLAB_MINALIGN,
		.max_order = KMALLOC_MAX_ORDER,
		.ull_align = __alignof__(unsigned long long),
		.forced_debug = CONFIG_DEBUG_SLAB,
		/* fragmentation resistance: bigger slabs only above 32 MiB */
		.break_gfp_order = max_pfn - min_low_pfn > (32UL << 20) >> PAGE_SHIFT ?
				   BREAK_GFP_ORDER_HI : BREAK_GFP_ORDER_LO,
		.early = true,
	};
}

/* 1) cache_cache: static, its geometry computed by hand as Linux does. */
static void init_cache_cache(void)
{
	size_t line = cache_line_size(), left_over = 0;
	unsigned int order;

	list_add(&cache_cache.next, &cache_chain);
	cache_cache.colour_off = (unsigned int)line;
	cache_cache.array[smp_processor_id()] = &initarray_cache.cache;
	cache_cache.nodelists[0] = &initkmem_list3[CACHE_CACHE];
	cache_cache.obj_size = offsetof(struct kmem_cache, nodelists) +
			       MAX_NUMNODES * sizeof(struct kmem_list3 *);
	cache_cache.buffer_size = (unsigned int)ALIGN_UP(cache_cache.obj_size, line);
	cache_cache.object_size = cache_cache.buffer_size;
	cache_cache.align = line;
	cache_cache.reciprocal_buffer_size =
		(uint32_t)(((1ULL << 32) + cache_cache.buffer_size - 1) / cache_cache.buffer_size);
	for (order = 0; order < MAX_ORDER; order++) {
		cache_estimate(&slab_params, order, cache_cache.buffer_size, line, false,
			       &left_over, &cache_cache.num);
		if (cache_cache.num)
			break;
	}
	BUG_ON(!cache_cache.num);		/* a struct kmem_cache fits a slab */
	cache_cache.gfporder = order;
	cache_cache.colour = left_over / cache_cache.colour_off;
	cache_cache.slab_size = (unsigned int)ALIGN_UP(cache_cache.num * sizeof(kmem_bufctl_t) +
						       sizeof(struct slab), line);
}

static struct kmem_cache *create_general(unsigned int i, int dma)
{
	return kmem_cache_create(cache_names[i][dma], malloc_sizes[i].cs_size,
				 ARCH_KMALLOC_MINALIGN,
				 ARCH_KMALLOC_FLAGS | SLAB_PANIC | (dma ? SLAB_CACHE_DMA : 0),
				 NULL);
}

/* 2+3) the general caches: those for arrays and list3s first. */
static void init_general_caches(void)
{
	unsigned int index_ac = kmalloc_index(sizeof(struct arraycache_init));
	unsigned int index_l3 = kmalloc_index(sizeof(struct kmem_list3));

	malloc_sizes[index_ac].cs_cachep = create_general(index_ac, 0);
	if (index_ac != index_l3)
		malloc_sizes[index_l3].cs_cachep = create_general(index_l3, 0);
	slab_params.early = false;
	for (unsigned int i = 0; malloc_sizes[i].cs_size != ~(size_t)0; i++) {
		if (!malloc_sizes[i].cs_cachep)
			malloc_sizes[i].cs_cachep = create_general(i, 0);
		malloc_sizes[i].cs_dmacachep = create_general(i, 1);
	}
}

/* 4) kmalloc()ed copies replace the two static head arrays. */
static void replace_boot_array(struct kmem_cache *cachep, struct arraycache_init *boot)
{
	struct array_cache *ptr = kmalloc(sizeof(struct arraycache_init), GFP_KERNEL);

	BUG_ON(!ptr);
	local_irq_disable();
	BUG_ON(cpu_cache_get(cachep) != &boot->cache);	/* still the static one */
	memcpy(ptr, cpu_cache_get(cachep), sizeof(struct arraycache_init));
	cachep->array[smp_processor_id()] = ptr;
	local_irq_enable();
}

/* 5) kmalloc()ed copies replace a static list3, its slabs moved over. */
static void init_list(struct kmem_cache *cachep, struct kmem_list3 *list)
{
	struct kmem_list3 *ptr = kmalloc(sizeof(struct kmem_list3), GFP_KERNEL);

	BUG_ON(!ptr);
	local_irq_disable();
	memcpy(ptr, list, sizeof(struct kmem_list3));
	__spin_lock_init(&ptr->list_lock, "&l3->list_lock");
	INIT_LIST_HEAD(&ptr->slabs_full);
	INIT_LIST_HEAD(&ptr->slabs_partial);
	INIT_LIST_HEAD(&ptr->slabs_free);
	list_splice(&list->slabs_full, &ptr->slabs_full);
	list_splice(&list->slabs_partial, &ptr->slabs_partial);
	list_splice(&list->slabs_free, &ptr->slabs_free);
	cachep->nodelists[0] = ptr;
	local_irq_enable();
}

void kmem_cache_init(void)
{
	unsigned int index_ac, index_l3;
	struct kmem_cache *cachep;

	init_slab_params();
	for (unsigned int i = 0; i < NUM_INIT_LISTS; i++)
		kmem_list3_init(&initkmem_list3[i]);
	init_cache_cache();
	init_general_caches();
	index_ac = kmalloc_index(sizeof(struct arraycache_init));
	index_l3 = kmalloc_index(sizeof(struct kmem_list3));

	replace_boot_array(&cache_cache, &initarray_cache);
	replace_boot_array(malloc_sizes[index_ac].cs_cachep, &initarray_generic);
	init_list(&cache_cache, &initkmem_list3[CACHE_CACHE]);
	init_list(malloc_sizes[index_ac].cs_cachep, &initkmem_list3[SIZE_AC]);
	if (index_ac != index_l3)
		init_list(malloc_sizes[index_l3].cs_cachep, &initkmem_list3[SIZE_L3]);

	/* 6) every cache's real per-CPU arrays */
	spin_lock(&cache_chain_lock);
	list_for_each_entry(cachep, &cache_chain, next)
		BUG_ON(enable_cpucache(cachep));	/* boot is out of memory */
	g_cpucache_up = FULL;
	/* journals for the general caches slab_debug made record their users */
	list_for_each_entry(cachep, &cache_chain, next)
		BUG_ON(setup_journal(cachep));
	spin_unlock(&cache_chain_lock);

	for (unsigned int cpu = 0; cpu < slab_nr_cpus(); cpu++)
		start_cpu_timer(cpu);
}
