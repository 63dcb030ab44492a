/*
 * slub_create.c - SLUB's caches: boot (kmem_cache_init), creating with
 * merging (kmem_cache_create, find_mergeable), shrinking and destroying,
 * after Linux 2.6.32's mm/slub.c (reports, reaping and tuning: slub_api.c).
 *
 * The chain of caches is slab_caches, newest first, under slub_lock (a
 * spinlock here: nothing under it sleeps; Linux's is a rw-semaphore).
 * It may be held across on_each_cpu(): interrupts stay on, and no IPI
 * handler takes it.  Thread context only.
 *
 * Where the structures come from, as in 2.6.32:
 *  - the kmalloc caches are static (kmalloc_caches[]); "kmalloc_dma-N"
 *    is kmalloc'd the first time kmalloc(GFP_DMA) asks for it
 *    (dma_kmalloc_cache(), mm/slub_kmalloc.c);
 *  - every other struct kmem_cache is kmalloc'd: 2.6.32's SLUB has no
 *    "kmem_cache" cache (SLAB has one; SLUB's came in 2.6.37);
 *  - each CPU's kmem_cache_cpu comes from a static per-CPU pool of
 *    NR_KMEM_CACHE_CPU, threaded through their freelist fields while
 *    free, then from kmalloc, cache-line sized, when the pool runs out;
 *  - the one node's kmem_cache_node is inside the cache (local_node).
 *
 * Merging (find_mergeable): a create without a constructor and without
 * SLUB_NEVER_MERGE flags reuses the first cache on the chain whose
 * objects are at least as big, at most a word bigger, suitably aligned
 * and with the same SLUB_MERGE_SAME flags; refcount counts the creates,
 * the names are kept as aliases (Linux's sysfs links).  A destroy drops
 * a reference; kmem_cache_destroy_name() (ours) drops the name it is
 * given with it, kmem_cache_destroy() the newest alias (Linux drops no
 * name: its sysfs links stay); the last destroy frees the cache.
 *
 * Deviations from 2.6.32:
 *  - every cache has a kmem_cache_cpu for each of the NR_CPUS CPUs
 *    (Linux: the online ones, and a hotplug notifier);
 *  - kmem_cache_destroy() of a cache with objects still in use reports
 *    them as Linux does ("Objects remaining on kmem_cache_close()",
 *    "... called for cache that still has objects.", one count in
 *    slab_error_count()) but keeps the cache on the chain, where it was,
 *    usable (Linux leaks it, gone from slabinfo), as our SLAB does; a
 *    kmalloc cache is never destroyed;
 *  - a create with a name in use, as a cache's or an alias, is refused
 *    (Linux's sysfs refuses it later); so are size 0 and flags outside
 *    SLAB_CREATE_MASK, as on SLAB;
 *  - kmem_cache_shrink() returns the pages it gave back (our API)
 *    instead of 0, and frees the emptied slabs after dropping list_lock;
 *  - slub_nomerge is not parsed; slub_debug= is set by the shell's
 *    slub_debug command or, as CONFIG_SLUB_DEBUG_ON, by the slub_debug
 *    image (mm/slub_debug.c), and kmem_cache_flags() applies it here.
 *  - destroying a merged cache's own name by kmem_cache_destroy_name()
 *    while aliases remain renames the cache to its oldest alias (Linux
 *    keeps s->name until the last reference goes).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "mm/mmzone.h"
#include "mm/slub_debug.h"
#include "mm/slub_def.h"
#include "mm/slub_journal.h"

DEFINE_SPINLOCK(slub_lock);
LIST_HEAD(slab_caches);
struct kmem_cache kmalloc_caches[SLUB_PAGE_SHIFT] ____cacheline_aligned;
struct slub_params slub_params;
int slab_state;

static const char *const kmalloc_names[SLUB_PAGE_SHIFT] = {
	[1] = "kmalloc-96", [2] = "kmalloc-192",
	[5] = "kmalloc-32", [6] = "kmalloc-64", [7] = "kmalloc-128", [8] = "kmalloc-256",
	[9] = "kmalloc-512", [10] = "kmalloc-1024", [11] = "kmalloc-2048",
	[12] = "kmalloc-4096", [13] = "kmalloc-8192",
};


/* ---- kmem_cache_cpu: the per-CPU boot pool, then kmalloc ---- */

#define NR_KMEM_CACHE_CPU 100

typedef struct kmem_cache_cpu kmem_cache_cpu_pool[NR_KMEM_CACHE_CPU];
static DEFINE_PER_CPU(kmem_cache_cpu_pool, kmem_cache_cpu);
static DEFINE_PER_CPU(struct kmem_cache_cpu *, kmem_cache_cpu_free);

/* slub_lock held (or boot): the pool is shared by every cache. */
static struct kmem_cache_cpu *alloc_kmem_cache_cpu(struct kmem_cache *s, unsigned int cpu,
						   gfp_t flags)
{
	struct kmem_cache_cpu *c = per_cpu(kmem_cache_cpu_free, cpu);

	if (c) {
		per_cpu(kmem_cache_cpu_free, cpu) = (void *)c->freelist;
	} else {
		c = kmalloc(ALIGN_UP(sizeof(struct kmem_cache_cpu), (size_t)cache_line_size()),
			    flags);
		if (!c)
			return NULL;
	}
	memset(c, 0, sizeof(*c));
	c->offset = (unsigned int)s->offset / sizeof(void *);
	c->objsize = (unsigned int)s->objsize;
	return c;
}

static void free_kmem_cache_cpu(struct kmem_cache_cpu *c, unsigned int cpu)
{
	if (c < per_cpu(kmem_cache_cpu, cpu) ||
	    c >= per_cpu(kmem_cache_cpu, cpu) + NR_KMEM_CACHE_CPU) {
		kfree(c);
		return;
	}
	c->freelist = (void *)per_cpu(kmem_cache_cpu_free, cpu);
	per_cpu(kmem_cache_cpu_free, cpu) = c;
}

static void free_kmem_cache_cpus(struct kmem_cache *s)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct kmem_cache_cpu *c = s->cpu_slab[cpu];

		if (c) {
			s->cpu_slab[cpu] = NULL;
			free_kmem_cache_cpu(c, cpu);
		}
	}
}

static bool alloc_kmem_cache_cpus(struct kmem_cache *s, gfp_t flags)
{
	/* every CPU that may come up: no hotplug notifier here */
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct kmem_cache_cpu *c = alloc_kmem_cache_cpu(s, cpu, flags);

		if (!c) {
			free_kmem_cache_cpus(s);
			return false;
		}
		s->cpu_slab[cpu] = c;
	}
	return true;
}

static void init_alloc_cpu(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		for (int i = NR_KMEM_CACHE_CPU - 1; i >= 0; i--)
			free_kmem_cache_cpu(&per_cpu(kmem_cache_cpu, cpu)[i], cpu);
}

/* ---- opening a cache ---- */

bool slub_open(struct kmem_cache *s, const char *name, size_t size, size_t align,
	       unsigned long flags, kmem_ctor_t ctor)
{
	struct slub_geometry g;

	memset(s, 0, sizeof(*s));
	s->name = name;
	s->ctor = ctor;
	flags = kmem_cache_flags(size, flags, name);	/* slub_debug */
	if (!slub_geometry(&slub_params, size, align, flags, ctor != NULL, &g))
		goto error;
	s->flags = g.flags;
	s->objsize = (int)g.objsize;
	s->inuse = (int)g.inuse;
	s->offset = (int)g.offset;
	s->size = (int)g.size;
	s->align = (int)g.align;
	s->oo = g.oo;
	s->min = g.min;
	s->max = g.max;
	s->min_partial = g.min_partial;
	s->reciprocal_size = (uint32_t)((((uint64_t)1 << 32) + g.size - 1) / g.size);
	if (oo_order(s->oo))
		s->allocflags |= __GFP_COMP;
	if (s->flags & SLAB_CACHE_DMA)
		s->allocflags |= SLUB_DMA;
	if (s->flags & SLAB_RECLAIM_ACCOUNT)
		s->allocflags |= __GFP_RECLAIMABLE;
	s->refcount = 1;
	init_kmem_cache_node(&s->local_node);
	INIT_LIST_HEAD(&s->list);
	if (alloc_kmem_cache_cpus(s, GFP_KERNEL))
		return true;
error:
	if (flags & SLAB_PANIC) {
		printk("Cannot create slab %s size=%lu realsize=%u order=%u offset=%u "
		       "flags=%lx\n", name, (unsigned long)size, (unsigned int)s->size,
		       (unsigned int)oo_order(s->oo), (unsigned int)s->offset, flags);
		BUG();
	}
	return false;
}

/* ---- boot ---- */

static void init_slub_params(void)
{
	slub_params = (struct slub_params){
		.page_size = PAGE_SIZE,
		.pointer_size = sizeof(void *),
		.track_size = sizeof(struct track),
		.cache_line = cache_line_size(),
		.arch_slab_minalign = __alignof__(unsigned long long),
		.max_order = MAX_ORDER,
		.slub_min_order = 0,
		.slub_max_order = PAGE_ALLOC_COSTLY_ORDER,
		.slub_min_objects = 0,
		.nr_cpu_ids = NR_CPUS,
	};
}

static void create_kmalloc_cache(unsigned int index, size_t size)
{
	struct kmem_cache *s = &kmalloc_caches[index];

	if (!slub_open(s, kmalloc_names[index], size, ARCH_KMALLOC_MINALIGN, 0, NULL)) {
		printk("Creation of kmalloc slab %s size=%lu failed.\n", kmalloc_names[index],
		       (unsigned long)size);
		BUG();
	}
	list_add(&s->list, &slab_caches);
}

void kmem_cache_init(void)
{
	int caches = 0;

	init_slub_params();
	init_alloc_cpu();
	slab_state = SLUB_PARTIAL;
	/* the caches that are not a power of two: KMALLOC_MIN_SIZE <= 32, <= 64 */
	create_kmalloc_cache(1, 96);
	create_kmalloc_cache(2, 192);
	caches += 2;
	for (unsigned int i = KMALLOC_SHIFT_LOW; i < SLUB_PAGE_SHIFT; i++) {
		create_kmalloc_cache(i, 1UL << i);
		caches++;
	}
	kmalloc_size_index_init();
	slab_state = SLUB_UP;
	printk("SLUB: Genslabs=%d, HWalign=%u, Order=%d-%d, MinObjects=%d, CPUs=%u, "
	       "Nodes=%d\n", caches, cache_line_size(), slub_params.slub_min_order,
	       slub_params.slub_max_order, slub_params.slub_min_objects,
	       slub_params.nr_cpu_ids, 1);
}

/* ---- creating, with merging ---- */

static bool slab_unmergeable(const struct kmem_cache *s)
{
	return (s->flags & SLUB_NEVER_MERGE) || s->ctor || s->refcount < 0;
}

static struct kmem_cache *find_mergeable(size_t size, size_t align, unsigned long flags,
					 const char *name, kmem_ctor_t ctor)
{
	struct kmem_cache *s;

	flags = kmem_cache_flags(size, flags, name);
	if ((flags & SLUB_NEVER_MERGE) || ctor)
		return NULL;
	size = ALIGN_UP(size, sizeof(void *));
	align = calculate_alignment(&slub_params, flags, align, size);
	size = ALIGN_UP(size, align);
	list_for_each_entry(s, &slab_caches, list) {
		if (slab_unmergeable(s))
			continue;
		if (size > (size_t)s->size)
			continue;
		if ((flags & SLUB_MERGE_SAME) != (s->flags & SLUB_MERGE_SAME))
			continue;
		if (((size_t)s->size & ~(align - 1)) != (size_t)s->size)
			continue;	/* alignment not compatible */
		if ((size_t)s->size - size >= sizeof(void *))
			continue;
		return s;
	}
	return NULL;
}

/* By its own name or an alias; slub_lock held. */
struct kmem_cache *slub_find_locked(const char *name)
{
	struct kmem_cache *s;

	list_for_each_entry(s, &slab_caches, list) {
		if (!strcmp(s->name, name))
			return s;
		for (struct slub_alias *a = s->aliases; a; a = a->next)
			if (!strcmp(a->name, name))
				return s;
	}
	return NULL;
}

static bool add_alias(struct kmem_cache *s, const char *name)
{
	struct slub_alias *a = kmalloc(sizeof(*a), GFP_KERNEL), **pp;

	if (!a)
		return false;
	a->next = NULL;
	a->name = name;
	for (pp = &s->aliases; *pp; pp = &(*pp)->next)
		;
	*pp = a;
	return true;
}

/* The merge: one more reference, objects as big as the biggest asked. */
static struct kmem_cache *merge_locked(struct kmem_cache *s, const char *name, size_t size)
{
	if (!add_alias(s, name))
		return NULL;
	s->refcount++;
	if ((int)size > s->objsize)
		s->objsize = (int)size;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (s->cpu_slab[cpu])
			__atomic_store_n(&s->cpu_slab[cpu]->objsize, (unsigned int)s->objsize,
					 __ATOMIC_RELAXED);
	if ((int)ALIGN_UP(size, sizeof(void *)) > s->inuse)
		s->inuse = (int)ALIGN_UP(size, sizeof(void *));
	return s;
}

static bool create_args_ok(const char *name, size_t size, unsigned long flags)
{
	if (!name || size == 0 || size > KMALLOC_MAX_SIZE || (flags & ~SLAB_CREATE_MASK)) {
		printk("kmem_cache_create: Early error in slab %s\n", name ? name : "(null)");
		return false;
	}
	if (slub_find_locked(name)) {
		printk("kmem_cache_create: duplicate cache %s\n", name);
		return false;
	}
	return true;
}

static struct kmem_cache *create_locked(const char *name, size_t size, size_t align,
					unsigned long flags, kmem_ctor_t ctor)
{
	struct kmem_cache *s;

	if (!create_args_ok(name, size, flags))
		return NULL;
	s = find_mergeable(size, align, flags, name, ctor);
	if (s)
		return merge_locked(s, name, size);
	s = kmalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return NULL;
	if (!slub_open(s, name, size, align, flags & ~SLAB_PANIC, ctor)) {
		kfree(s);
		return NULL;
	}
	list_add(&s->list, &slab_caches);
	return s;
}

/* Never inlined: the gdb session breaks here on size and align (as on SLAB). */
__noinline struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
						unsigned long flags, kmem_ctor_t ctor)
{
	struct kmem_cache *s;

	spin_lock(&slub_lock);
	s = create_locked(name, size, align, flags, ctor);
	spin_unlock(&slub_lock);
	if (!s && (flags & SLAB_PANIC)) {
		printk("Cannot create slabcache %s\n", name ? name : "(null)");
		BUG();
	}
	return s;
}

/* ---- shrinking ---- */

static unsigned long slab_pages(const struct page *page)
{
	return 1UL << page->private;
}

/*
 * Give every CPU slab up, free the empty partial slabs and sort the
 * rest by inuse, fullest first, so allocations fill them up and the
 * emptiest, last, may empty meanwhile.  Returns the pages freed from
 * the partial list (the flush may free more: counted by the caller).
 * slub_lock held.
 */
static unsigned long shrink_locked(struct kmem_cache *s, struct list_head *slabs_by_inuse)
{
	struct kmem_cache_node *n = get_node(s, 0);
	unsigned int objects = oo_objects(s->max);
	unsigned long flags, pages = 0;
	struct page *page, *t;
	LIST_HEAD(empty);

	flush_all(s);
	if (!__atomic_load_n(&n->nr_partial, __ATOMIC_RELAXED))
		return 0;
	for (unsigned int i = 0; i < objects; i++)
		INIT_LIST_HEAD(slabs_by_inuse + i);
	spin_lock_irqsave(&n->list_lock, flags);
	list_for_each_entry_safe(page, t, &n->partial, lru) {
		if (!page->inuse && slab_trylock(page)) {
			/* locked: a free of its last object may be waiting to discard it */
			list_move(&page->lru, &empty);
			nr_partial_add(n, -1);
			slab_unlock(page);
		} else {
			list_move(&page->lru, slabs_by_inuse + page->inuse);
		}
	}
	for (int i = (int)objects - 1; i >= 0; i--)
		list_splice(slabs_by_inuse + i, n->partial.prev);
	spin_unlock_irqrestore(&n->list_lock, flags);
	/* Linux discards under list_lock; the page allocator's lock is below it either way */
	list_for_each_entry_safe(page, t, &empty, lru) {
		pages += slab_pages(page);
		discard_slab(s, page);
	}
	return pages;
}

static long shrink_cache(struct kmem_cache *s)
{
	struct list_head *slabs_by_inuse;
	long before = atomic_read(&s->local_node.nr_pages);
	long after;

	slabs_by_inuse = kmalloc(sizeof(struct list_head) * oo_objects(s->max), GFP_KERNEL);
	if (!slabs_by_inuse)
		return -ENOMEM;
	shrink_locked(s, slabs_by_inuse);
	kfree(slabs_by_inuse);
	after = atomic_read(&s->local_node.nr_pages);
	return before > after ? before - after : 0;
}

int kmem_cache_shrink(struct kmem_cache *s)
{
	long pages;
	/* the journal's caller for what the shrink moves */
	const void *outer = slub_set_caller(slab_mover(SLAB_MOVER_SHRINK));

	spin_lock(&slub_lock);
	pages = shrink_cache(s);
	spin_unlock(&slub_lock);
	slub_set_caller(outer);
	return (int)pages;
}

unsigned long kmem_cache_shrink_all(void)
{
	struct kmem_cache *s;
	unsigned long pages = 0;
	long r;

	spin_lock(&slub_lock);
	list_for_each_entry(s, &slab_caches, list) {
		r = shrink_cache(s);
		if (r > 0)
			pages += (unsigned long)r;
	}
	spin_unlock(&slub_lock);
	return pages;
}

/* ---- destroying ---- */

static bool kmem_cache_is_static(const struct kmem_cache *s)
{
	return s >= kmalloc_caches && s < kmalloc_caches + SLUB_PAGE_SHIFT;
}

/* Linux's slab_err() and list_slab_objects(): the objects still handed out. */
static void list_slab_objects(struct kmem_cache *s, struct page *page, const char *text)
{
	unsigned char map[SLUB_INSPECT_MAX_OBJS / 8];
	char *addr = page_address(page);
	bool locked;

	slub_printf("=============================================================================\n");
	slub_printf("BUG %s: %s\n", s->name, text);
	slub_printf("-----------------------------------------------------------------------------\n");
	slub_printf("INFO: Slab 0x%08lx objects=%u used=%u fp=0x%08lx flags=0x%04lx\n",
		    (unsigned long)(uintptr_t)page, page->objects, page->inuse,
		    (unsigned long)(uintptr_t)page->freelist, page->flags);
	/* trylock: list_lock is held, the reverse of the usual order */
	locked = slab_trylock(page);
	memset(map, 0, sizeof(map));
	slub_free_map(s, page, page->freelist, map);
	for (unsigned int i = 0; i < page->objects && i < SLUB_INSPECT_MAX_OBJS; i++)
		if (!(map[i / 8] & (1u << (i % 8))))
			slub_printf("INFO: Object 0x%08lx @offset=%lu\n",
				    (unsigned long)(uintptr_t)(addr + (size_t)i * (size_t)s->size),
				    (unsigned long)((size_t)i * (size_t)s->size));
	if (locked)
		slab_unlock(page);
}

/* Empty partial slabs freed; the others (and full ones) listed. */
static void free_partial(struct kmem_cache *s, struct kmem_cache_node *n)
{
	unsigned long flags;
	struct page *page, *h;

	spin_lock_irqsave(&n->list_lock, flags);
	list_for_each_entry_safe(page, h, &n->partial, lru) {
		if (!page->inuse) {
			list_del(&page->lru);
			discard_slab(s, page);
			nr_partial_add(n, -1);
		} else {
			list_slab_objects(s, page, "Objects remaining on kmem_cache_close()");
		}
	}
	list_for_each_entry(page, &n->full, lru)
		list_slab_objects(s, page, "Objects remaining on kmem_cache_close()");
	spin_unlock_irqrestore(&n->list_lock, flags);
}

/* Every slab back to the buddy allocator; true if objects remain. */
static bool kmem_cache_close(struct kmem_cache *s)
{
	struct kmem_cache_node *n = get_node(s, 0);

	flush_all(s);
	free_partial(s, n);
	return n->nr_partial || atomic_read(&n->nr_slabs);
}

static void drop_alias(struct slub_alias **pp)
{
	struct slub_alias *a = *pp;

	*pp = a->next;
	kfree(a);
}

/* @name's place on @s's alias list, or NULL; slub_lock held. */
static struct slub_alias **alias_slot(struct kmem_cache *s, const char *name)
{
	for (struct slub_alias **pp = &s->aliases; *pp; pp = &(*pp)->next)
		if (!strcmp((*pp)->name, name))
			return pp;
	return NULL;
}

/*
 * The last reference dropped: off the chain, every slab back, the cache
 * freed; unless objects remain, then it is kept where it was with its
 * one reference (nothing changed).  slub_lock held; dropped on return.
 */
static void kmem_cache_release(struct kmem_cache *s)
{
	struct list_head *prev = s->list.prev;
	/* the journal's caller for what the destroy moves */
	const void *outer = slub_set_caller(slab_mover(SLAB_MOVER_DESTROY));
	bool objects_remain;

	s->refcount = 0;
	list_del(&s->list);
	objects_remain = kmem_cache_close(s);
	slub_set_caller(outer);
	if (objects_remain) {
		slub_report_count(s);
		slub_printf("SLUB %s: %s called for cache that still has objects.\n",
			    s->name, "kmem_cache_destroy");
		/* ours: kept, where it was, usable (Linux leaks it) */
		s->refcount = 1;
		list_add(&s->list, prev);
		spin_unlock(&slub_lock);
		return;
	}
	free_kmem_cache_cpus(s);
	spin_unlock(&slub_lock);
	slub_journal_release(s);
	kfree(s);
}

/* slub_lock held; dropped on return. */
static void refuse_static(struct kmem_cache *s, const char *func)
{
	printk("SLUB %s: %s called for a cache made at boot; not destroyed\n", s->name, func);
	spin_unlock(&slub_lock);
}

/*
 * One reference less.  Linux drops no name (its sysfs links stay); a
 * pointer does not say which name goes, so this drops the newest alias:
 * callers that know the name they created use kmem_cache_destroy_name().
 */
void kmem_cache_destroy(struct kmem_cache *s)
{
	struct slub_alias **pp = &s->aliases;

	spin_lock(&slub_lock);
	if (s->refcount > 1) {
		s->refcount--;
		while (*pp && (*pp)->next)
			pp = &(*pp)->next;
		if (*pp)
			drop_alias(pp);
		spin_unlock(&slub_lock);
		return;
	}
	if (kmem_cache_is_static(s)) {
		refuse_static(s, __func__);
		return;
	}
	kmem_cache_release(s);
}

/*
 * The reference that came with @name, and @name with it, in one hold of
 * slub_lock: an alias leaves the list; the cache's own name, while
 * aliases remain, passes to the oldest of them (ours: Linux keeps
 * s->name, but here the name typed is the name that goes, and slabinfo
 * shows a name still in use); the last name is the last reference.
 */
void kmem_cache_destroy_name(struct kmem_cache *s, const char *name)
{
	struct slub_alias **pp;

	spin_lock(&slub_lock);
	pp = alias_slot(s, name);
	if (pp) {
		drop_alias(pp);
		s->refcount--;
		spin_unlock(&slub_lock);
		return;
	}
	if (strcmp(s->name, name)) {
		printk("SLUB %s: %s: '%s' is not a name of it; not destroyed\n", s->name,
		       __func__, name);
		spin_unlock(&slub_lock);
		return;
	}
	if (kmem_cache_is_static(s)) {
		refuse_static(s, __func__);
		return;
	}
	if (s->aliases) {
		s->name = s->aliases->name;
		drop_alias(&s->aliases);
		s->refcount--;
		spin_unlock(&slub_lock);
		return;
	}
	kmem_cache_release(s);
}

unsigned int kmem_cache_size(struct kmem_cache *s)
{
	return (unsigned int)s->objsize;
}

const char *kmem_cache_name(struct kmem_cache *s)
{
	return s->name;
}
