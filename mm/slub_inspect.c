/*
 * slub_inspect.c - read-only views of SLUB's caches for the shell: the
 * back-end-neutral questions of mm/slab_inspect.h (find a cache, which
 * cache owns an object, /proc/slabinfo's rows) and all of
 * mm/slub_inspect.h (geometry, aliases, each CPU's kmem_cache_cpu, the
 * node, every slab), and /proc/slabinfo itself as 2.6.32's s_show
 * prints it.
 *
 * Each piece is read under the rule that protects it (slub_def.h): a
 * CPU's kmem_cache_cpu and its lockless freelist in an IPI on that CPU
 * (interrupts off), with the CPU slab's page->freelist and inuse under
 * slab_lock there; a CPU that is not online cannot change its
 * structure, which is then read directly.  The node's lists under
 * list_lock, interrupts off.  A listed slab is also locked when it can
 * be (slab_trylock(): list_lock is held, the reverse of the usual
 * order); when it cannot, a free is pushing onto it and it is read as
 * it is: while list_lock is held a listed slab's chain only grows at its
 * head and the slab cannot go away.  Chain walks are bounded: each
 * object at most once, and only pointers to object starts of the slab
 * are followed, so a corrupted chain is reported where it breaks.  One
 * object (slub_get_object(): handed out or free, its store_user tracks)
 * is read with its slab locked: on the CPU whose slab it is, or listed
 * and slab_trylock()ed, retried with list_lock dropped while a free
 * holds the slab.
 * Scratch buffers are per CPU, used with interrupts off.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "mm/slab_inspect.h"
#include "mm/slub_debug.h"
#include "mm/slub_def.h"
#include "mm/slub_journal.h"

static const char *const stat_names[NR_SLUB_STAT_ITEMS] = {
	[ALLOC_FASTPATH] = "alloc_fastpath",
	[ALLOC_SLOWPATH] = "alloc_slowpath",
	[FREE_FASTPATH] = "free_fastpath",
	[FREE_SLOWPATH] = "free_slowpath",
	[FREE_FROZEN] = "free_frozen",
	[FREE_ADD_PARTIAL] = "free_add_partial",
	[FREE_REMOVE_PARTIAL] = "free_remove_partial",
	[ALLOC_FROM_PARTIAL] = "alloc_from_partial",
	[ALLOC_SLAB] = "alloc_slab",
	[ALLOC_REFILL] = "alloc_refill",
	[FREE_SLAB] = "free_slab",
	[CPUSLAB_FLUSH] = "cpuslab_flush",
	[DEACTIVATE_FULL] = "deactivate_full",
	[DEACTIVATE_EMPTY] = "deactivate_empty",
	[DEACTIVATE_TO_HEAD] = "deactivate_to_head",
	[DEACTIVATE_TO_TAIL] = "deactivate_to_tail",
	[DEACTIVATE_REMOTE_FREES] = "deactivate_remote_frees",
	[ORDER_FALLBACK] = "order_fallback",
};

const char *slub_stat_name(enum stat_item item)
{
	return item < NR_SLUB_STAT_ITEMS ? stat_names[item] : "?";
}

struct slub_walk {
	unsigned char map[SLUB_INSPECT_MAX_OBJS / 8];
	unsigned short chain[SLUB_INSPECT_MAX_OBJS];
};
static DEFINE_PER_CPU(struct slub_walk, slub_walk);	/* interrupts off */

/*
 * Follow the chain from @head in the slab at @addr: each object's index
 * into @chain (the first @max of them) and into @map, which may already
 * hold another chain's (a CPU slab's two freelists); *@len counts every
 * link walked.
 */
static enum slub_chain_break walk_chain(const struct kmem_cache *s, const struct page *page,
					const void *head, unsigned short *chain,
					unsigned int max, unsigned int *len, unsigned char *map)
{
	const char *addr = page_address(page);
	unsigned int objects = page->objects;

	*len = 0;
	for (const char *p = head; p; p = get_freepointer(s, (void *)p)) {
		uintptr_t off = (uintptr_t)p - (uintptr_t)addr;
		unsigned int i;

		if (p < addr || off % (uintptr_t)s->size || off / (uintptr_t)s->size >= objects)
			return SLUB_CHAIN_RANGE;
		i = (unsigned int)(off / (uintptr_t)s->size);
		if (i >= SLUB_INSPECT_MAX_OBJS || *len >= objects)
			return SLUB_CHAIN_TOO_LONG;
		if (map[i / 8] & (1u << (i % 8)))
			return SLUB_CHAIN_CYCLE;
		map[i / 8] |= (unsigned char)(1u << (i % 8));
		if (*len < max)
			chain[*len] = (unsigned short)i;
		(*len)++;
	}
	return SLUB_CHAIN_OK;
}

void slub_free_map(struct kmem_cache *s, struct page *page, const void *chain,
		   unsigned char *map)
{
	unsigned int len;

	walk_chain(s, page, chain, NULL, 0, &len, map);
}

/* ---- mm/slab_inspect.h: the back-end-neutral questions ---- */

spinlock_t *kmem_cache_chain_lock(void)
{
	return &slub_lock;
}

struct kmem_cache *kmem_cache_find(const char *name)
{
	struct kmem_cache *s;

	spin_lock(&slub_lock);
	s = slub_find_locked(name);
	spin_unlock(&slub_lock);
	return s;
}

bool kmem_cache_is_general(const struct kmem_cache *cachep)
{
	for (unsigned int i = 0; i < SLUB_PAGE_SHIFT; i++)
		if ((kmalloc_caches[i].name && cachep == &kmalloc_caches[i]) ||
		    (cachep && cachep == __atomic_load_n(&kmalloc_caches_dma[i], __ATOMIC_ACQUIRE)))
			return true;
	return false;
}

bool kmem_cache_owns(const struct kmem_cache *cachep, const void *objp)
{
	struct page *page;

	return !slub_bad_object(cachep, objp, &page);
}

struct kmem_cache *kmem_cache_of(const void *objp)
{
	struct page *page;

	if (!virt_to_page_valid(objp, &page))
		return NULL;
	if (PageTail(page))
		page = page->first_page;
	return page_test_flag(page, PG_slab) ? page->slab : NULL;
}

bool kmem_cache_obj_place(const struct kmem_cache *cachep, const void *objp,
			  const void **pagep, unsigned int *index)
{
	struct page *page;

	if (slub_bad_object(cachep, objp, &page))
		return false;
	*pagep = page_address(page);
	*index = slab_index(objp, cachep, *pagep);
	return true;
}

/* slub_debug on (the slub_debug image, CONFIG_SLUB_DEBUG_ON): every new cache is debugged. */
bool slab_forced_debug(void)
{
	return slub_debug != 0;
}

bool slub_layout_fits(const char *name, size_t size, size_t align, unsigned long flags,
		      bool ctor, size_t *size_out)
{
	struct slub_geometry g;

	flags = kmem_cache_flags(size, flags, name);	/* slub_debug, as slub_open() */
	if (!slub_geometry(&slub_params, size, align, flags, ctor, &g))
		return false;
	*size_out = g.size;
	return true;
}

/* 2.6.32's s_show(): a CPU slab's objects all count as active. */
static void cache_row(struct kmem_cache *s, struct slabinfo_row *row)
{
	struct kmem_cache_node *n = get_node(s, 0);
	unsigned long flags, nr_slabs, nr_objs, nr_free;

	spin_lock_irqsave(&n->list_lock, flags);
	nr_slabs = (unsigned long)atomic_read(&n->nr_slabs);
	nr_objs = (unsigned long)atomic_read(&n->total_objects);
	nr_free = count_partial_free(n);
	spin_unlock_irqrestore(&n->list_lock, flags);
	*row = (struct slabinfo_row){
		.name = s->name,
		.active_objs = nr_objs - nr_free,
		.num_objs = nr_objs,
		.objsize = (unsigned int)s->size,
		.objperslab = oo_objects(s->oo),
		.pagesperslab = 1u << oo_order(s->oo),
		.active_slabs = nr_slabs,
		.num_slabs = nr_slabs,
	};
}

static void for_each_row_locked(void (*fn)(const struct slabinfo_row *row, void *arg), void *arg)
{
	struct kmem_cache *s;
	struct slabinfo_row row;

	list_for_each_entry(s, &slab_caches, list) {
		cache_row(s, &row);
		fn(&row, arg);
	}
}

void kmem_cache_for_each_row(void (*fn)(const struct slabinfo_row *row, void *arg), void *arg)
{
	spin_lock(&slub_lock);
	for_each_row_locked(fn, arg);
	spin_unlock(&slub_lock);
}

static void print_row(const struct slabinfo_row *r, void *arg)
{
	(void)arg;
	printf("%-17s %6lu %6lu %6u %4u %4u : tunables %4u %4u %4u : slabdata %6lu %6lu %6lu\n",
	       r->name, r->active_objs, r->num_objs, r->objsize, r->objperslab,
	       r->pagesperslab, 0u, 0u, 0u, r->num_slabs, r->num_slabs, 0UL);
}

/* 2.6.32's print_slabinfo_header() and s_show() under slub_lock. */
void show_slabinfo(void)
{
	spin_lock(&slub_lock);
	printf("slabinfo - version: 2.1\n");
	printf("# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
	       " : tunables <limit> <batchcount> <sharedfactor>"
	       " : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	for_each_row_locked(print_row, NULL);
	spin_unlock(&slub_lock);
}

static void sum_stats(struct kmem_cache *s, unsigned long stat[NR_SLUB_STAT_ITEMS])
{
	for (unsigned int i = 0; i < NR_SLUB_STAT_ITEMS; i++)
		stat[i] = 0;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct kmem_cache_cpu *c = s->cpu_slab[cpu];

		if (!c)
			continue;
		for (unsigned int i = 0; i < NR_SLUB_STAT_ITEMS; i++)
			stat[i] += __atomic_load_n(&c->stat[i], __ATOMIC_RELAXED);
	}
}

/*
 * What means the same on SLUB: name; size = objsize (the largest size
 * asked, merges included); buffer_size = size (the stride); align; num
 * and gfporder = oo's objects and order; flags; has_ctor; object_size =
 * objsize; num_active = objects not free on the partial list (slabinfo's
 * active_objs); errors.  The per-CPU statistics stand in for SLAB's hit
 * counters: allochit/allocmiss = alloc_fastpath/alloc_slowpath,
 * freehit/freemiss = free_fastpath/free_slowpath, grown = alloc_slab,
 * num_allocations = every allocation (fast + slow).  0 for what SLUB
 * does not have: colour, slab_size, left_over (see slub_get_cache_info),
 * off_slab, obj_offset, tunables, reaped, high_mark, quarantined.
 */
void kmem_cache_get_info(struct kmem_cache *cachep, struct kmem_cache_info *info)
{
	unsigned long stat[NR_SLUB_STAT_ITEMS];
	struct slabinfo_row row;

	sum_stats(cachep, stat);
	cache_row(cachep, &row);
	*info = (struct kmem_cache_info){
		.name = cachep->name,
		.size = (size_t)READ_ONCE(cachep->objsize),
		.buffer_size = (unsigned int)cachep->size,
		.align = (size_t)cachep->align,
		.num = oo_objects(cachep->oo),
		.gfporder = (unsigned int)oo_order(cachep->oo),
		.flags = cachep->flags,
		.has_ctor = cachep->ctor != NULL,
		.object_size = (unsigned int)READ_ONCE(cachep->objsize),
		.allochit = stat[ALLOC_FASTPATH],
		.allocmiss = stat[ALLOC_SLOWPATH],
		.freehit = stat[FREE_FASTPATH],
		.freemiss = stat[FREE_SLOWPATH],
		.grown = stat[ALLOC_SLAB],
		.num_active = row.active_objs,
		.num_allocations = stat[ALLOC_FASTPATH] + stat[ALLOC_SLOWPATH],
		.errors = __atomic_load_n(&cachep->errors, __ATOMIC_RELAXED),
		.journal = __atomic_load_n(&cachep->journal, __ATOMIC_ACQUIRE) != NULL,
		.trace = __atomic_load_n(&cachep->trace, __ATOMIC_RELAXED) & SLUB_TRACE_EVENTS,
	};
}

/* ---- mm/slub_inspect.h ---- */

void slub_get_cache_info(struct kmem_cache *s, struct slub_cache_info *info)
{
	*info = (struct slub_cache_info){
		.name = s->name,
		.flags = s->flags,
		.size = (unsigned int)s->size,
		.objsize = (unsigned int)READ_ONCE(s->objsize),
		.inuse = (unsigned int)READ_ONCE(s->inuse),
		.offset = (unsigned int)s->offset,
		.align = (unsigned int)s->align,
		.order = (unsigned int)oo_order(s->oo),
		.objects = oo_objects(s->oo),
		.min_order = (unsigned int)oo_order(s->min),
		.min_objects = oo_objects(s->min),
		.max_order = (unsigned int)oo_order(s->max),
		.max_objects = oo_objects(s->max),
		.min_partial = s->min_partial,
		.refcount = READ_ONCE(s->refcount),
		.has_ctor = s->ctor != NULL,
	};
	if (s->flags & SLAB_STORE_USER) {
		info->track = (unsigned int)track_offset(s);
		info->track_size = (unsigned int)sizeof(struct track);
	}
	sum_stats(s, info->stat);
}

unsigned int slub_cache_aliases(struct kmem_cache *s, const char **names, unsigned int max)
{
	unsigned int n = 0;

	spin_lock(&slub_lock);
	for (struct slub_alias *a = s->aliases; a; a = a->next, n++)
		if (n < max)
			names[n] = a->name;
	spin_unlock(&slub_lock);
	return n;
}

/* One CPU's slab as copied on that CPU (or read while it cannot run). */
struct cpu_copy {
	struct kmem_cache *s;
	unsigned int cpu;
	struct slub_cpu_info *ci;
	unsigned short *chain;		/* c->freelist's indices */
	unsigned int max, chain_len;
	enum slub_chain_break chain_break;
	unsigned char *map;		/* both freelists' objects */
	/* for_each_slab: page->freelist's chain */
	unsigned short *page_chain;
	const void *page_freelist;
	unsigned int page_chain_len;
	enum slub_chain_break page_chain_break;
};

/* Interrupts off, on cc->cpu (or it cannot run). */
static void copy_cpu_slab(void *arg)
{
	struct cpu_copy *cc = arg;
	struct kmem_cache_cpu *c = cc->s->cpu_slab[cc->cpu];
	struct page *page = c->page;

	*cc->ci = (struct slub_cpu_info){ .page = page, .freelist = c->freelist };
	for (unsigned int i = 0; i < NR_SLUB_STAT_ITEMS; i++)
		cc->ci->stat[i] = __atomic_load_n(&c->stat[i], __ATOMIC_RELAXED);
	memset(cc->map, 0, SLUB_INSPECT_MAX_OBJS / 8);
	cc->chain_len = 0;
	cc->chain_break = SLUB_CHAIN_OK;
	cc->page_chain_len = 0;
	cc->page_chain_break = SLUB_CHAIN_OK;
	if (!page)
		return;
	cc->chain_break = walk_chain(cc->s, page, c->freelist, cc->chain, cc->max,
				     &cc->chain_len, cc->map);
	slab_lock(page);
	cc->ci->inuse = page->inuse;
	cc->ci->objects = page->objects;
	cc->ci->page = page_address(page);
	if (cc->page_chain)
		cc->page_chain_break = walk_chain(cc->s, page, page->freelist, cc->page_chain,
						  SLUB_INSPECT_MAX_OBJS, &cc->page_chain_len,
						  cc->map);
	cc->page_freelist = page->freelist;
	slab_unlock(page);
}

static int copy_on_cpu(struct cpu_copy *cc)
{
	unsigned long flags;

	if (cc->cpu >= NR_CPUS || !cc->s->cpu_slab[cc->cpu])
		return -ENODEV;
	if (cpu_online(cc->cpu))
		return smp_call_function_single(cc->cpu, copy_cpu_slab, cc, 1) ? -ENODEV : 0;
	local_irq_save(flags);
	copy_cpu_slab(cc);
	local_irq_restore(flags);
	return 0;
}

int slub_get_cpu_slab(struct kmem_cache *s, unsigned int cpu, struct slub_cpu_info *ci,
		      unsigned short *chain, unsigned int max, unsigned int *chain_len,
		      enum slub_chain_break *chain_break)
{
	unsigned char map[SLUB_INSPECT_MAX_OBJS / 8];
	struct cpu_copy cc = {
		.s = s, .cpu = cpu, .ci = ci, .chain = chain, .max = max, .map = map,
	};
	int err;

	if (cpu >= NR_CPUS || !cpu_online(cpu))
		return -ENODEV;
	err = copy_on_cpu(&cc);
	if (err)
		return err;
	*chain_len = cc.chain_len;
	*chain_break = cc.chain_break;
	return 0;
}

void slub_get_node(struct kmem_cache *s, struct slub_node_info *ni)
{
	struct kmem_cache_node *n = get_node(s, 0);
	struct list_head *pos;
	unsigned long flags;

	*ni = (struct slub_node_info){ 0 };
	spin_lock_irqsave(&n->list_lock, flags);
	ni->nr_partial = n->nr_partial;
	list_for_each(pos, &n->full)
		ni->nr_full++;
	ni->nr_slabs = (unsigned long)atomic_read(&n->nr_slabs);
	ni->total_objects = (unsigned long)atomic_read(&n->total_objects);
	spin_unlock_irqrestore(&n->list_lock, flags);
}

/* The CPU slabs, cpu 0 up: each copied on its CPU, @fn called here with interrupts off. */
static unsigned long walk_cpu_slabs(struct kmem_cache *s,
				    void (*fn)(const struct slub_slab_info *si, void *arg),
				    void *arg)
{
	unsigned long n = 0, flags;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct slub_walk *w;
		struct slub_cpu_info ci;
		struct cpu_copy cc = { .s = s, .cpu = cpu, .ci = &ci };

		local_irq_save(flags);
		w = &__get_cpu_var(slub_walk);
		cc.map = w->map;
		cc.page_chain = w->chain;
		/* the IPI writes this CPU's buffer while it waits with interrupts on */
		local_irq_restore(flags);
		if (copy_on_cpu(&cc) || !ci.page)
			continue;
		local_irq_save(flags);
		fn(&(struct slub_slab_info){
			.page = ci.page, .list = SLUB_LIST_CPU, .cpu = cpu, .inuse = ci.inuse,
			.objects = ci.objects, .freelist = cc.page_freelist,
			.chain = w->chain, .chain_len = cc.page_chain_len,
			.chain_break = cc.page_chain_break, .free_map = w->map,
		}, arg);
		local_irq_restore(flags);
		n++;
	}
	return n;
}

/* One list's slabs, list_lock held, interrupts off. */
static unsigned long walk_list(struct kmem_cache *s, struct list_head *head, enum slub_list list,
			       void (*fn)(const struct slub_slab_info *si, void *arg), void *arg)
{
	struct slub_walk *w = &__get_cpu_var(slub_walk);
	struct page *page;
	unsigned long n = 0;

	list_for_each_entry(page, head, lru) {
		bool locked = slab_trylock(page);
		struct slub_slab_info si = {
			.page = page_address(page), .list = list, .inuse = page->inuse,
			.objects = page->objects, .freelist = page->freelist,
			.chain = w->chain, .free_map = w->map,
		};

		memset(w->map, 0, sizeof(w->map));
		si.chain_break = walk_chain(s, page, page->freelist, w->chain,
					    SLUB_INSPECT_MAX_OBJS, &si.chain_len, w->map);
		fn(&si, arg);
		if (locked)
			slab_unlock(page);
		n++;
	}
	return n;
}

unsigned long slub_for_each_slab(struct kmem_cache *s,
				 void (*fn)(const struct slub_slab_info *si, void *arg), void *arg)
{
	struct kmem_cache_node *n = get_node(s, 0);
	unsigned long flags, nr;

	nr = walk_cpu_slabs(s, fn, arg);
	spin_lock_irqsave(&n->list_lock, flags);
	nr += walk_list(s, &n->partial, SLUB_LIST_PARTIAL, fn, arg);
	nr += walk_list(s, &n->full, SLUB_LIST_FULL, fn, arg);
	spin_unlock_irqrestore(&n->list_lock, flags);
	return nr;
}

/* ---- one object: handed out or free, and its tracks ---- */

/* Whether @obj is on the chain from @head in @page: at most page->objects links, in range. */
static bool on_chain(const struct kmem_cache *s, const struct page *page, const void *head,
		     const void *obj)
{
	const char *addr = page_address(page);
	unsigned int n = 0;

	for (const char *p = head; p && n <= page->objects; p = get_freepointer(s, (void *)p), n++) {
		if (p == obj)
			return true;
		if (p < addr || p >= addr + (PAGE_SIZE << page->private) ||
		    !slub_obj_start(s, page, p))
			return false;
	}
	return false;
}

/* @page's slab_lock (or list_lock with the slab listed) held: the object's state copied. */
static void copy_object(struct kmem_cache *s, struct page *page, const void *cpu_freelist,
			const void *obj, struct slub_object_info *oi)
{
	oi->allocated = !on_chain(s, page, page->freelist, obj) &&
			!on_chain(s, page, cpu_freelist, obj);
	oi->has_tracks = s->flags & SLAB_STORE_USER;
	for (unsigned int i = 0; oi->has_tracks && i < 2; i++) {
		const struct track *t = get_track(s, (void *)obj, (enum track_item)i);

		oi->track[i] = (struct slub_track_info){
			.addr = t->addr, .age = t->addr ? jiffies - t->when : 0,
			.cpu = (unsigned int)t->cpu, .pid = t->pid,
		};
	}
}

struct object_copy {
	struct kmem_cache *s;
	unsigned int cpu;
	struct page *page;
	const void *obj;
	struct slub_object_info *oi;
	bool found;
};

/* Interrupts off, on oc->cpu (or it cannot run): is its CPU slab oc->page? */
static void copy_cpu_object(void *arg)
{
	struct object_copy *oc = arg;
	struct kmem_cache_cpu *c = oc->s->cpu_slab[oc->cpu];

	if (c->page != oc->page)
		return;
	slab_lock(oc->page);
	copy_object(oc->s, oc->page, c->freelist, oc->obj, oc->oi);
	slab_unlock(oc->page);
	oc->found = true;
}

static bool page_listed(struct list_head *head, struct page *page)
{
	struct page *p;

	list_for_each_entry(p, head, lru)
		if (p == page)
			return true;
	return false;
}

/*
 * On the partial or full list: list_lock, then slab_trylock() (the
 * reverse of the usual order), retried with list_lock dropped while a
 * free holds the slab; after many tries it is read as walk_list() reads
 * it.  -ENOENT if the slab is on neither list.
 */
static int copy_listed_object(struct object_copy *oc)
{
	struct kmem_cache_node *n = get_node(oc->s, 0);
	unsigned long flags;

	for (unsigned int tries = 0;; tries++) {
		bool locked;

		spin_lock_irqsave(&n->list_lock, flags);
		if (!page_listed(&n->partial, oc->page) && !page_listed(&n->full, oc->page)) {
			spin_unlock_irqrestore(&n->list_lock, flags);
			return -ENOENT;
		}
		locked = slab_trylock(oc->page);
		if (locked || tries >= 1000) {
			copy_object(oc->s, oc->page, NULL, oc->obj, oc->oi);
			if (locked)
				slab_unlock(oc->page);
			spin_unlock_irqrestore(&n->list_lock, flags);
			return 0;
		}
		spin_unlock_irqrestore(&n->list_lock, flags);
		while (page_test_flag(oc->page, PG_locked))
			;
	}
}

int slub_get_object(struct kmem_cache *s, const void *obj, struct slub_object_info *oi)
{
	struct object_copy oc = { .s = s, .obj = obj, .oi = oi };
	unsigned long flags;

	*oi = (struct slub_object_info){ 0 };
	if (slub_bad_object(s, obj, &oc.page))
		return -EINVAL;
	/* a slab moves between a CPU and the lists: look again a few times */
	for (unsigned int round = 0; round < 4; round++) {
		for (oc.cpu = 0; oc.cpu < NR_CPUS && !oc.found; oc.cpu++) {
			if (!s->cpu_slab[oc.cpu])
				continue;
			if (cpu_online(oc.cpu)) {
				smp_call_function_single(oc.cpu, copy_cpu_object, &oc, 1);
			} else {
				local_irq_save(flags);
				copy_cpu_object(&oc);
				local_irq_restore(flags);
			}
		}
		if (oc.found || !copy_listed_object(&oc))
			return 0;
	}
	return -ENOENT;
}
